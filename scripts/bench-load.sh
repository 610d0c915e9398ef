#!/usr/bin/env bash
# Benchmark: load (and check) a generated 1,000,000-row long CSV; pandas.read_csv on the same file
# in the same run. Prints rows/s and peak memory. Run on a quiet machine:  scripts/bench-load.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
dir=.build/bench; mkdir -p "$dir"
csv="$dir/long-$rows.csv"
[ -f "$csv" ] || python3 scripts/gen_long_csv.py "$rows" "$csv"
python3 -c "import pandas" 2>/dev/null || pip install -q pandas >/dev/null 2>&1
swift build -c release --product countyreport 2>&1 | grep -E "error" >&2 || true
bin=.build/release/countyreport
size=$(stat -c %s "$csv")
echo "file: $csv, $rows rows, $((size / 1000000)) MB"
measure() {  # name, command...
  local name=$1; shift
  local best=999 mem=0
  for i in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >/dev/null 2>&1 || true
    read -r t m < "$dir/time.txt"
    best=$(python3 -c "print(min($best, $t))"); mem=$m
  done
  python3 -c "print(f'{\"$name\":<44} {$best:6.2f} s  {$rows/$best/1e6:6.2f} M rows/s  peak {$mem/1024:6.0f} MiB')"
  last=$best
}
measure "countyreport check (load + all checks)" "$bin" check "$csv"
measure "countyreport check --no-checks (load only)" "$bin" check --no-checks "$csv"; load=$last
measure "pandas.read_csv (float64, no checks)" python3 -c "import pandas, sys; pandas.read_csv(sys.argv[1])" "$csv"; pandas=$last
python3 -c "print(f'load only is {$pandas/$load:.2f}x as fast as pandas.read_csv (target: 2x, under 400 MiB)')"

# JSON: the same rows as one array of objects, written on one line as programs write it.
jrows=$(( rows < 200000 ? rows : 200000 ))
json="$dir/long-$jrows.json"
[ -f "$json" ] || python3 - "$csv" "$json" "$jrows" <<'PY'
import csv, json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    rows = [r for _, r in zip(range(int(sys.argv[3])), csv.DictReader(f))]
json.dump(rows, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
rows=$jrows
echo "file: $json, $jrows rows, $(( $(stat -c %s "$json") / 1000000 )) MB"
measure "countyreport check --no-checks (JSON)" "$bin" check --no-checks "$json"
measure "pandas.read_json (records)" python3 -c "import pandas, sys; pandas.read_json(sys.argv[1], dtype=False)" "$json"
