#!/usr/bin/env bash
# The kill-test harness alone: a helper writing a set of outputs through OutputStore is SIGKILLed at
# random moments 20 times; every output must stay byte-equal to one complete version (the PDF passes
# qpdf --check) and the next run must leave no temporary file. Also the two-runs lock test.
# Part of scripts/test.sh; this runs just these (about 15 s after the build).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests 2>&1 | { grep -v "prohibited flag" || true; } >&2
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed" >&2; exit 1; }
exec swift test --disable-xctest --skip-build --filter "RegenerationTests.(KillTests|RunLockTests)"
