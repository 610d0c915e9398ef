#!/usr/bin/env bash
# Benchmark: all metrics of 3,000 regions × 30 indicators × 10 years (generated, 900,000 figures).
# Prints load and compute times (from COUNTYREPORT_TRACE) and peak memory. Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.build/bench; mkdir -p "$dir"
csv="$dir/metrics-900000.csv"
[ -f "$csv" ] || python3 scripts/gen_long_csv.py 900000 "$csv"
swift build -c release --product countyreport 2>&1 | grep -E "error" >&2 || true
COUNTYREPORT_TRACE=1 /usr/bin/time -f "whole process: %e s, peak %M KB" .build/release/countyreport metrics --format csv "$csv" \
  2> "$dir/metrics-trace.txt" > "$dir/metrics-out.csv" || true
grep -E "parse|engine|metrics|written|whole" "$dir/metrics-trace.txt"
echo "metrics written: $(($(wc -l < "$dir/metrics-out.csv") - 1))"
