#!/usr/bin/env bash
# Runs every test (Swift Testing), after installing what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test
swift build --build-tests 2>&1 | { grep -v "prohibited flag" || true; } >&2
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed" >&2; exit 1; }
exec swift test --disable-xctest "$@"
