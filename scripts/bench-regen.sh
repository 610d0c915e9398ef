#!/usr/bin/env bash
# Benchmark: the unchanged check of 1,000 reports (load the manifest, plan every job: input files hashed
# once each, outputs checked by their stamps), in a release build. Run on a quiet machine.
#   scripts/bench-regen.sh [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product regen-helper 2>&1 | grep -E "error" >&2 || true
.build/release/regen-helper bench-plan "${1:-1000}"
