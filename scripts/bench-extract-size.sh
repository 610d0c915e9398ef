#!/usr/bin/env bash
# Benchmark: extraction of large texts (the sample article repeated to 25, 50 and 100 MB, or the sizes
# given), CSV output to /dev/null. Prints the time, MB/s (of wall and of CPU time: the machine is shared)
# and peak RSS of the whole process for each size, and peak RSS per MB of text: linear time, bounded memory?
#   scripts/bench-extract-size.sh [MB ...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.build/bench; mkdir -p "$dir"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(25 50 100)
swift build -c release --product countyreport 2>&1 | grep -E "error" >&2 || true
article=Tests/ExtractionTests/Fixtures/xinshao-2023-article.txt
for mb in "${sizes[@]}"; do
  big="$dir/article-${mb}mb.txt"
  if [ ! -f "$big" ]; then
    python3 - "$article" "$big" "$mb" <<'PY'
import sys
src, dst, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
a = open(src, encoding="utf-8").read().rstrip("\n") + "\n\n"
n = mb * 1_000_000 // len(a.encode()) + 1
open(dst, "w", encoding="utf-8").write(a * n)
PY
  fi
  bytes=$(stat -c %s "$big")
  /usr/bin/time -f "%e %M %U %S" -o "$dir/size-time.txt" .build/release/countyreport extract --format csv "$big" > /dev/null
  read -r wall peak user sys < "$dir/size-time.txt"
  python3 -c "
b, wall, peak, cpu = $bytes, $wall, $peak, $user + $sys
print(f'{b/1e6:6.1f} MB: {wall:6.2f} s = {b/1e6/wall:5.1f} MB/s (CPU {cpu:.2f} s = {b/1e6/cpu:.1f} MB/s), peak {peak/1024:6.0f} MiB ({peak/1024/(b/1e6):.2f} MiB per MB of text)')"
done
