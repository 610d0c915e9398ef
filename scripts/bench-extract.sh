#!/usr/bin/env bash
# Benchmark: extraction throughput on a large text (the sample article repeated to ~20 MB).
# Prints MB/s of the extraction itself (COUNTYREPORT_TRACE) and of the whole process with CSV output.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.build/bench; mkdir -p "$dir"
big="$dir/article-x2200.txt"
if [ ! -f "$big" ]; then
  for i in $(seq 2200); do cat Tests/ExtractionTests/Fixtures/xinshao-2023-article.txt; echo; done > "$big"
fi
swift build -c release --product countyreport 2>&1 | grep -E "error" >&2 || true
bytes=$(stat -c %s "$big")
COUNTYREPORT_TRACE=1 /usr/bin/time -f "%e %M" -o "$dir/extract-time.txt" .build/release/countyreport extract --format csv "$big" \
  > "$dir/extract-out.csv" 2> "$dir/extract-trace.txt"
ms=$(grep "extracted" "$dir/extract-trace.txt" | awk '{print $(NF-1)}')
read -r wall peak < "$dir/extract-time.txt"
python3 - "$bytes" "$ms" "$wall" "$peak" "$(($(wc -l < "$dir/extract-out.csv") - 1))" <<'PY'
import sys
b, ms, wall, peak, n = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"text {b/1e6:.1f} MB, {n} figures")
print(f"extraction alone: {ms/1000:.2f} s = {b/1e6/(ms/1000):.1f} MB/s")
print(f"whole process with CSV output: {wall:.2f} s = {b/1e6/wall:.1f} MB/s, peak {peak/1024:.0f} MiB")
PY
