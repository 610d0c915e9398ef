#!/usr/bin/env bash
# Benchmark (issue 16): `chart` with many categories, each at three sizes, printing time, peak memory and
# the CPU time per thousand categories (flat when the work grows linearly).
#   1. 10,000 / 20,000 / 40,000 categories at the default size: more than can be drawn legibly, so the
#      chart is refused saying how many fit (Limits.categoryBand), at the table's row after the last that
#      fits: the rest is not read (before session 10 the whole table was read first).
#   2. 900 / 1,800 / 3,600 categories laid out and drawn, as many as a 16000×360 picture holds (SVG).
# Run on demand:  scripts/bench-categories.sh [BINARY]      (default: a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  swift build -c release --product countyreport 2>&1 | grep -E "error" >&2 || true
  bin=.build/release/countyreport
fi
export COUNTYREPORT_FONTS=${COUNTYREPORT_FONTS:-$PWD/Fonts}
dir=.build/bench; mkdir -p "$dir"
measure() {  # CATEGORIES SIZE: one chart of CATEGORIES bars
  local f="$dir/categories-$1.csv"
  [ -f "$f" ] || python3 -c "
import sys
with open('$f', 'w', encoding='utf-8') as out:
    out.write('地区,地区生产总值（亿元）\n')
    for i in range($1): out.write(f'县{i},{(i * 37) % 1000 + 1}.25\n')"
  /usr/bin/time -f "%e %M %x %U %S" -o "$dir/time.txt" "$bin" chart --data "$f" --x 地区 --y 地区生产总值（亿元） --title T \
    --size "$2" -o "$dir/categories.svg" >/dev/null 2>"$dir/err.txt" || true
  read -r t m rc u k < <(tail -1 "$dir/time.txt")
  local what="drawn"; [ "$rc" = 0 ] || what="refused (exit $rc: $(grep -o 'at most [0-9]* can be drawn' "$dir/err.txt" || head -c 80 "$dir/err.txt"))"
  python3 -c "print(f'{$1:>6} categories at $2  {$t:6.2f} s (CPU {$u+$k:5.2f} s, {($u+$k)/$1*1e3:6.3f} s per 1000)  peak {$m/1024:5.0f} MiB  $what')"
}
for n in 10000 20000 40000; do measure "$n" 1600x900; done
for n in 900 1800 3600; do measure "$n" 16000x360; done
