#!/usr/bin/env bash
# Issue 16: every hostile or careless input of the catalogue through the built binary under a 1 GB
# address-space limit and a time-out: the malformed data files (Tests/Fixtures/malformed), the workbooks
# (Tests/Fixtures/workbooks), the fuzz corpora (Fuzz/corpus), and each case of the issue (bad flags, alias
# bombs, named pipes, folders, devices, an output that is an input, a long sentence, a huge sparse file). A run passes when it
# ends by itself with an exit code below 128; any signal (exit ≥ 128) or time-out is reported, and
# the script exits 1 if there was one. A few cases also check their exit code and message (`expect`).
#   scripts/hostile.sh [BINARY]     (default .build/debug/countyreport; builds it when missing)
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/countyreport}
[ -x "$bin" ] || swift build --product countyreport >/dev/null || exit 1
bin=$(realpath "$bin")
limit=${HOSTILE_AS:-1000000000}; seconds=${HOSTILE_TIMEOUT:-30}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
runs=0; bad=0
run() {   # run NAME ARGS...: one run of the binary, judged by its exit code
  local name=$1; shift
  runs=$((runs + 1))
  SWIFT_BACKTRACE=enable=no prlimit --as="$limit" timeout "$seconds" "$bin" "$@" >"$work/out" 2>"$work/err" </dev/null
  rc=$?
  if [ $rc -eq 124 ]; then echo "TIME-OUT  $name: $*"; bad=$((bad + 1))
  elif [ $rc -ge 128 ]; then echo "SIGNAL $((rc - 128))  $name: $*"; head -c 300 "$work/err"; echo; bad=$((bad + 1))
  fi
}
expect() {  # expect NAME CODE TEXT: the last run exited CODE and said TEXT (else it counts as bad)
  if [ "$rc" != "$2" ] || ! grep -qF -- "$3" "$work/out" "$work/err"; then
    echo "UNEXPECTED  $1: exit $rc, wanted $2 and “$3”"; head -c 300 "$work/err"; echo; bad=$((bad + 1))
  fi
}

# The malformed catalogue and the fuzz corpora.
for f in Tests/Fixtures/malformed/*.csv Tests/Fixtures/malformed/*.json Fuzz/corpus/csv/*; do run check check "$f"; done
# The workbooks, good and malformed (a zip bomb, a deflate stream that does not end), and the xlsx fuzz corpus.
for f in Tests/Fixtures/workbooks/*.xls* Fuzz/corpus/xlsx/*; do run check-workbook check "$f"; done
for f in Fuzz/corpus/number/*; do run number number "$(head -c 4000 "$f")"; done
for f in Fuzz/corpus/extract/*; do run extract extract "$f"; run extract-csv extract --format csv "$f"; done

# The issue's cases.
csv=Reports/sample/gdp-2020.csv
chart=(chart --data "$csv" --x 地区 --y 地区生产总值（亿元） --title T)
for d in -1 7 9223372036854775807 -9223372036854775808; do run decimals "${chart[@]}" "--decimals=$d" -o "$work/a.png"; done
for s in 0 1e-300 -1 nan 9; do run scale "${chart[@]}" --scale "$s" -o "$work/a.png"; done
for z in 4095x4095 16000x16000 -5x10 0x0 99999999999999999999x2; do run size "${chart[@]}" --size "$z" --scale 8 -o "$work/a.png"; done
run pixels "${chart[@]}" --size 4000x4000 --scale 8 -o "$work/a.png"
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
lines = ['  - a0: &a0 ["1","1","1","1","1","1","1","1","1"]']
for i in range(1, 10):
    lines.append(f'  - a{i}: &a{i} [' + ','.join([f'*a{i-1}'] * 9) + ']')
body = '\n'.join(lines) + '\n'
open(f'{w}/bomb-unused.yaml', 'w').write('x-unused:\n' + body + 'type: bar\ntitle: T\ncategories: [a]\nseries:\n  - {name: x, values: [1]}\n')
open(f'{w}/bomb-values.yaml', 'w').write('categories:\n' + body + 'type: bar\ntitle: T\nseries:\n  - {name: x, values: *a9}\n')
open(f'{w}/bomb-title.yaml', 'w').write('categories:\n' + body + 'type: bar\ntitle: *a6\nseries:\n  - {name: x, values: [1]}\n')
open(f'{w}/bomb-map.yaml', 'w').write('x:\n' + body + 'indicators:\n  - {id: a, match: *a9}\n')
open(f'{w}/bomb-report.yaml', 'w').write('x:\n' + body + 'title: T\n')
open(f'{w}/long.txt', 'w').write('新邵县地区生产总值100亿元，' * 5000 + '。\n')
open(f'{w}/big.yaml', 'w').write('type: bar\ntitle: T\n' + '# x\n' * 2_000_000)
for k, v in [('decimals', '-5'), ('decimals', '9223372036854775807'), ('part', '-1'), ('part', '"1"'), ('decimals', '"3"')]:
    open(f'{w}/spec-{k}-{len(v)}.yaml', 'w').write(f'type: stacked100\ntitle: T\ncategories: [a]\nseries:\n  - {{name: x, values: [1], {k}: {v}}}\n')
PY
printf '\xef\xbb\xbftype: bar\ntitle: T\ncategories: [a]\nseries:\n  - {name: x, values: [1]}\n' >"$work/bom.yaml"
for y in "$work"/bomb-unused.yaml "$work"/bomb-values.yaml "$work"/bomb-title.yaml "$work"/big.yaml "$work"/bom.yaml "$work"/spec-*.yaml; do
  run spec chart "$y" -o "$work/s.png"
done
run report-bomb report "$work/bomb-report.yaml" -o "$work/r"
echo '新邵县2023年地区生产总值100亿元。' >"$work/t.txt"
run mapping-bomb extract "$work/t.txt" --mapping "$work/bomb-map.yaml"
run mapping-missing extract "$work/t.txt" --mapping "$work/none.yaml"
run long-sentence extract "$work/long.txt"
run long-sentence-csv extract --format csv "$work/long.txt"
mkfifo "$work/pipe.csv"
printf 'type: bar\ntitle: T\ndata: pipe.csv\ncategories: regions\nregions: [a]\nperiod: 2023\nseries:\n  - {indicator: x}\n' >"$work/piped.yaml"
for input in "$work/pipe.csv" "$work" /dev/null /dev/zero; do
  run not-a-file check "$input"; run not-a-file metrics "$input"; run not-a-file extract "$input"
  run not-a-file "${chart[@]/$csv/$input}" -o "$work/p.png"; run not-a-file chart "$input" -o "$work/p.png"
  run not-a-file report "$input" -o "$work/r"; run not-a-file extract "$work/t.txt" --mapping "$input"
done
run spec-data-pipe chart "$work/piped.yaml" -o "$work/p.png"
cp "$csv" "$work/o.svg"; run output-is-input "${chart[@]/$csv/$work/o.svg}" -o "$work/o.svg"
run long-output-name "${chart[@]}" -o "$work/$(printf 'a%.0s' $(seq 251)).png"
truncate -s 3G "$work/huge.csv"; run huge-file check "$work/huge.csv"; rm -f "$work/huge.csv"
# A sparse 7 GB file of NUL bytes: refused at its first byte (exit 65, file:1:1), not read whole.
truncate -s 7G "$work/zeros.csv"
for args in "check $work/zeros.csv" "metrics $work/zeros.csv"; do
  run zeros-7G $args; expect zeros-7G 65 "zeros.csv:1:1: the file holds a NUL byte"
done
run zeros-7G "${chart[@]/$csv/$work/zeros.csv}" -o "$work/z.png"; expect zeros-7G 65 "zeros.csv:1:1: the file holds a NUL byte"
rm -f "$work/zeros.csv"
# A sparse 3 GB text (a few lines, then zeros): extract reads it in blocks, not weighed by its size, and stops
# at its NUL byte; chart --data stops at the row after the last category that fits.
python3 -c "import sys; open(sys.argv[1], 'w').write('新邵县地区生产总值100亿元。\\n' * 5000)" "$work/sparse.txt"
truncate -s 3G "$work/sparse.txt"
run sparse-text extract --format csv "$work/sparse.txt"; expect sparse-text 65 "sparse.txt:5001:1: the file holds a NUL byte"
rm -f "$work/sparse.txt"
{ printf '地区,地区生产总值（亿元）\n'; seq 1 200000 | sed 's/.*/县&,&/'; } >"$work/many.csv"
run many-categories "${chart[@]/$csv/$work/many.csv}" -o "$work/m.png"
expect many-categories 65 "many.csv:140: the chart has more than 138 categories"
rm -f "$work/many.csv"
# A data file whose bad byte comes late (line 300,002, column 13, 7 MB in): named as its piece is read,
# for check, chart --data and a JSON file alike.
{ printf '地区,指标,年份,值,地区生产总值（亿元）\n'; yes '新邵县,人口,2022,1,2' | head -n 300000; printf '隆回县,人口,2022,\xff,2\n'; } >"$work/late.csv"
run late-byte check "$work/late.csv"; expect late-byte 65 "late.csv:300002:13: the file is neither UTF-8 nor GB18030"
run late-byte "${chart[@]/$csv/$work/late.csv}" -o "$work/l.png"; expect late-byte 65 "late.csv:300002:13: the file is neither"
{ printf '[\n'; yes '{"region": "新邵县", "indicator": "人口", "period": 2022, "value": 1},' | head -n 300000; printf '{"region": "\xff"}]\n'; } >"$work/late.json"
run late-byte check "$work/late.json"; expect late-byte 65 "late.json:300002:13: the file is not valid UTF-8"
rm -f "$work/late.csv" "$work/late.json"
# A spec saved in GB18030; a 58,000-character title and series name.
printf 'type: bar\ntitle: \xd0\xc2\xc9\xdb\xcf\xd8\ncategories: [a]\nseries:\n  - {name: x, values: [1]}\n' >"$work/gbk.yaml"
run gbk-spec chart "$work/gbk.yaml" -o "$work/g.png"; expect gbk-spec 65 "gbk.yaml:2:8: the file is not valid UTF-8"
python3 - "$work" <<'PY2'
import sys
w, long = sys.argv[1], '地' * 58000
open(f'{w}/long-title.yaml', 'w').write(f'type: bar\ntitle: {long}\ncategories: [a]\nseries:\n  - {{name: x, values: [1]}}\n')
open(f'{w}/long-name.yaml', 'w').write(f'type: bar\ntitle: T\ncategories: [a]\nseries:\n  - {{name: {long}, values: [1]}}\n')
PY2
run long-title chart "$work/long-title.yaml" -o "$work/l.png"; expect long-title 65 "title is 58000 characters long"
run long-name chart "$work/long-name.yaml" -o "$work/l.png"; expect long-name 65 "series[0].name is 58000 characters long"

echo "hostile.sh: $runs runs, $bad with a signal or a time-out (address space $limit bytes, $seconds s each)"
[ $bad -eq 0 ]
