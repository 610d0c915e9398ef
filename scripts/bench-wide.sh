#!/usr/bin/env bash
# Benchmark (issue 16): `check` on wide tables of 100 rows and 25,000 / 50,000 / 100,000 indicator columns
# (2.5, 5 and 10 million cells), and on 100 columns of 25,000 / 50,000 / 100,000 rows. Prints each run's
# time, CPU time and peak memory and the CPU time per million cells, which stays flat when loading and checking grow
# linearly; then, at the largest size, CountyReport against pandas.read_csv on the same file with
# farm-bench (pairs of runs, ratio A/B). Run on demand on a quiet machine:
#   scripts/bench-wide.sh [BINARY]      (default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  swift build -c release --product countyreport 2>&1 | grep -E "error" >&2 || true
  bin=.build/release/countyreport
fi
dir=.build/bench; mkdir -p "$dir"
gen() {  # COLUMNS ROWS FILE: 地区,年份,指标1（亿元）,… with two-decimal values
  [ -f "$3" ] || python3 - "$1" "$2" "$3" <<'PY'
import random, sys
cols, rows, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(cols * 7 + rows)
with open(path, "w", encoding="utf-8") as f:
    f.write("地区,年份," + ",".join(f"指标{i}（亿元）" for i in range(cols)) + "\n")
    for r in range(rows):
        f.write(f"县{r},2023," + ",".join(f"{random.randint(1, 9999999) / 100}" for _ in range(cols)) + "\n")
PY
}
measure() {  # COLUMNS ROWS
  local f="$dir/wide-$1x$2.csv"; gen "$1" "$2" "$f"
  /usr/bin/time -f "%e %M %U %S" -o "$dir/time.txt" "$bin" check "$f" >/dev/null 2>&1 || true
  read -r t m u k < <(tail -1 "$dir/time.txt")
  python3 -c "c=$1*$2; print(f'{$1:>7} columns × {$2:>6} rows  {c/1e6:5.1f} M cells  {$t:6.2f} s (CPU {$u+$k:5.2f} s, {($u+$k)/c*1e6:5.2f} s per M cells)  peak {$m/1024:6.0f} MiB')"
}
echo "countyreport check, wide tables (indicators as columns):"
for c in 25000 50000 100000; do measure "$c" 100; done
for r in 25000 50000 100000; do measure 100 "$r"; done
if python3 -c "import pandas" 2>/dev/null && command -v farm-bench >/dev/null; then
  f="$dir/wide-100000x100.csv"
  echo; echo "100,000 columns × 100 rows: CountyReport check (A) against pandas.read_csv (B):"
  farm-bench -n 3 --timeout 600 --vs "python3 -c 'import pandas,sys; pandas.read_csv(sys.argv[1])' $f" -- "$bin" check "$f"
fi
