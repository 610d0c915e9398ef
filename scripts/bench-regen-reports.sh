#!/usr/bin/env bash
# Benchmark: one report per region (countyreport report --each-region), release build, whole process.
#   - every region of the 邵阳 sample (Reports/xinshao-2023 for 邵阳市/*: most counties lack figures the
#     definition needs, so most fail, as they should; the time is what it is),
#   - 50 and 1,000 generated counties (scripts/gen_regions_csv.py, 10 indicators × 5 years; the definition
#     scripts/bench-regen/report.yaml, 10 pages, 8 charts, 2 tables),
#   - the 337 prefectures of ../shared/samples/china-prefecture-gdp-2017-2021.csv when that file exists on
#     this machine (copied to a temporary folder only; never into the repository), with
#     scripts/bench-regen/prefecture.yaml (8 pages, 5 charts, 3 tables).
# For each: reports per second on 1 and on 2 workers (--jobs), peak memory (/usr/bin/time -v), and the
# unchanged rerun (best of 3). Run on a quiet machine: the numbers are wall-clock times.
#   scripts/bench-regen-reports.sh [--quick]     # --quick: skip the 1-worker run of the 1,000
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
swift build -c release --product countyreport 2>&1 | { grep -E "error|warning:" | grep -v "prohibited flag" || true; } >&2
bin=$PWD/.build/release/countyreport
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-regen-reports.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1704067200
shared=../shared/samples/china-prefecture-gdp-2017-2021.csv
[ -f "$shared" ] || shared=/work/shared/samples/china-prefecture-gdp-2017-2021.csv

# A Reports/ tree in the temporary folder: definition NAME/report.yaml reading ../data/FILE.
setup() {   # setup NAME DEFINITION DATA-SOURCE DATA-NAME
    mkdir -p "$tmp/Reports/$1" "$tmp/Reports/data"
    cp "$2" "$tmp/Reports/$1/report.yaml"
    cp "$3" "$tmp/Reports/data/$4"
}

# run LABEL OUT JOBS ARGS… : one timed run; prints "seconds written unchanged failed peak-MiB".
run() {
    local out=$2 jobs=$3; shift 3
    local log=$tmp/run.log
    rm -f "$log"
    /usr/bin/time -v -o "$tmp/time.txt" "$bin" report "$@" -o "$out" --jobs "$jobs" --quiet --log "$log" 2>"$tmp/stderr.txt" || true
    local wall rss summary
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$tmp/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tmp/time.txt")
    summary=$(grep -E '(summary|unchanged:)' "$log" | tail -1)
    local written unchanged failed
    written=$(sed -nE 's/.*written=([0-9]+).*/\1/p' <<<"$summary"); written=${written:-0}
    failed=$(sed -nE 's/.*failed=([0-9]+).*/\1/p' <<<"$summary"); failed=${failed:-0}
    unchanged=$(sed -nE 's/.* unchanged=([0-9]+).*/\1/p' <<<"$summary")
    [ -n "$unchanged" ] || unchanged=$(sed -nE 's/.*unchanged: ([0-9]+) report.*/\1/p' <<<"$summary")
    echo "$wall ${written:-0} ${unchanged:-0} $failed $rss"
}

row() {   # row LABEL REGIONS ARGS…
    local label=$1 regions=$2; shift 2
    local r1="" r2 u best=999 peak1="" peak2
    if [ "$quick" != "--quick" ] || [ "$regions" -lt 500 ]; then
        rm -rf "$tmp/out"; r1=$(run "$label" "$tmp/out" 1 "$@")
    fi
    rm -rf "$tmp/out"; r2=$(run "$label" "$tmp/out" 2 "$@")
    for _ in 1 2 3; do
        u=$(run "$label" "$tmp/out" 2 "$@")
        best=$(awk -v a="$best" -v b="${u%% *}" 'BEGIN { print (b < a ? b : a) }')
    done
    read -r w2 n2 _ f2 peak2 <<<"$r2"
    local rate1="—" t1="—"
    if [ -n "$r1" ]; then
        read -r w1 n1 _ f1 peak1 <<<"$r1"
        rate1=$(awk -v n="$n1" -v t="$w1" 'BEGIN { printf "%.1f", n / t }'); t1="${w1}s"
    fi
    local rate2; rate2=$(awk -v n="$n2" -v t="$w2" 'BEGIN { printf "%.1f", n / t }')
    printf "| %s | %s | %s written, %s failed | %s (%s/s) | %ss (%s/s) | %s / %s MiB | %ss |\n" \
        "$label" "$regions" "$n2" "$f2" "$t1" "$rate1" "$w2" "$rate2" "${peak1:-—}" "$peak2" "$best"
}

echo "| data | regions | reports | 1 worker | 2 workers | peak memory (1 / 2 workers) | unchanged rerun |"
echo "|---|---|---|---|---|---|---|"
row "邵阳 sample (xinshao-2023)" 9 Reports/xinshao-2023/report.yaml --each-region --regions '邵阳市/*'

python3 scripts/gen_regions_csv.py 50 1 "$tmp/regions-50.csv" 2>/dev/null
setup gen50 scripts/bench-regen/report.yaml "$tmp/regions-50.csv" regions.csv
row "generated" 50 "$tmp/Reports/gen50/report.yaml" --each-region --regions '东北市/*'

parents=$(python3 scripts/gen_regions_csv.py 1000 12 "$tmp/regions-1000.csv" 2>&1 >/dev/null | sed 's|$|/*|' | paste -sd, -)
rm -rf "$tmp/Reports/data"
setup gen1000 scripts/bench-regen/report.yaml "$tmp/regions-1000.csv" regions.csv
row "generated" 1000 "$tmp/Reports/gen1000/report.yaml" --each-region --regions "$parents"
# Memory against the number of reports, the data the same: one prefecture's counties of the 1,000.
rm -rf "$tmp/out"; few=$(run few "$tmp/out" 2 "$tmp/Reports/gen1000/report.yaml" --each-region --regions "${parents%%,*}")
read -r fw fn _ _ fpeak <<<"$few"
printf "| generated, one prefecture of the 1,000 | %s | %s written | | %ss | — / %s MiB | |\n" "$fn" "$fn" "$fw" "$fpeak"

if [ -f "$shared" ]; then
    setup prefectures scripts/bench-regen/prefecture.yaml "$shared" prefectures.csv
    row "china-prefecture-gdp (local)" 337 "$tmp/Reports/prefectures/report.yaml" --each-region --regions '*'
else
    echo "| china-prefecture-gdp | (not on this machine) | | | | | |"
fi
echo
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $("$bin" --version 2>/dev/null || true)"
