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
grep -E "parse|engine|metrics|joined|written|whole" "$dir/metrics-trace.txt"
# Compute time: from the loaded dataset to all metrics in memory (index, the metrics, joining).
python3 - "$dir/metrics-trace.txt" <<'PY'
import re, sys
ms = [float(m.group(1)) for line in open(sys.argv[1])
      for m in [re.search(r"^trace: (?:engine|series|metrics within|joined).*?([0-9.]+) ms$", line)] if m]
print(f"all metrics computed in {sum(ms) / 1000:.2f} s (target: 1 s)")
PY
echo "metrics written: $(($(wc -l < "$dir/metrics-out.csv") - 1))"
