#!/usr/bin/env bash
# Benchmark: load a generated 100,000-row × 10-column .xlsx with `countyreport check --no-checks`, side by side
# (farm-bench --vs, paired runs) with pandas.read_excel through python-calamine and through openpyxl.
# Prints the medians, the ratios and peak memory against the workbook's unzipped size.
# Run on a quiet machine:  scripts/bench-xlsx.sh [ROWS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}; runs=${2:-3}
dir=.build/bench; mkdir -p "$dir"
csv="$dir/long-$rows.csv"; book="$dir/long-$rows.xlsx"
[ -f "$csv" ] || python3 scripts/gen_long_csv.py "$rows" "$csv"
[ -f "$book" ] || python3 scripts/gen_xlsx.py "$csv" "$book"
python3 -c "import pandas, openpyxl, python_calamine" 2>/dev/null || pip install -q pandas openpyxl python-calamine >/dev/null 2>&1
swift build -c release --product countyreport 2>&1 | grep -E "error" >&2 || true
bin=.build/release/countyreport
unzipped=$(python3 -c "import zipfile,sys; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))" "$book")
echo "file: $book, $rows rows x 10 columns, $(( $(stat -c %s "$book") / 1000 )) KB packed, $(( unzipped / 1000000 )) MB unzipped"
"$bin" check --no-checks "$book" | head -1
echo "== countyreport vs pandas.read_excel(engine=calamine)"
farm-bench -n "$runs" --timeout 900 --vs "python3 -c 'import pandas,sys; pandas.read_excel(sys.argv[1], engine=\"calamine\")' $book" -- "$bin" check --no-checks "$book"
echo "== countyreport vs pandas.read_excel(engine=openpyxl)"
farm-bench -n "$runs" --timeout 1800 --vs "python3 -c 'import pandas,sys; pandas.read_excel(sys.argv[1], engine=\"openpyxl\")' $book" -- "$bin" check --no-checks "$book"
echo "memory target: peak under $(( 2 * unzipped / 1048576 )) MiB (2x the unzipped size)"
