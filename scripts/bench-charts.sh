#!/usr/bin/env bash
# Chart benchmark beside the peers of ../shared/bench (same workloads, same run), whole process:
#   W1: the combo chart to a 1600×900 PNG; W3: 100 charts to 100 PNGs; W3: 100 charts to one PDF.
# Peers run only where present: the raw Cairo+Pango C program (built from ../shared/bench/anchors),
# gnuplot, matplotlib. Prints a Markdown table. Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
swift build -c release --product countyreport --static-swift-stdlib --scratch-path .build-static 2>&1 | grep -E "error" >&2 || true
B=.build-static/release/countyreport
O=$(mktemp -d); trap 'rm -rf "$O"' EXIT
anchors=../shared/bench/anchors
mean() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['mean']:.3f}\")" "$1"; }
time_cmd() {  # label, command
  hyperfine -N -w 2 -r "${RUNS:-10}" --export-json "$O/t.json" "$2" >/dev/null 2>&1 || { echo "n/a"; return; }
  mean "$O/t.json"
}
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
ours_w1=$(time_cmd ours "$B bench-render png Reports/bench/w1.tsv $O/w1.png")
ours_w3=$(RUNS=5 time_cmd ours "$B bench-render png Reports/bench/w3.tsv $O/w3png")
ours_pdf=$(time_cmd ours "$B bench-render pdf Reports/bench/w3.tsv $O/w3.pdf")
ours_png_bytes=$(du -sb "$O/w3png" | cut -f1)
COUNTYREPORT_PNG=cairo $B bench-render png Reports/bench/w3.tsv "$O/w3cairo" && cairo_png_bytes=$(du -sb "$O/w3cairo" | cut -f1)
$B bench-render pdf Reports/bench/w1.tsv "$O/w1.pdf"
echo "| work | CountyReport | raw Cairo+Pango C | gnuplot | matplotlib |"
echo "|---|---|---|---|---|"
c_w1=n/a; c_w3=n/a; c_pdf=n/a; g_w1=n/a; m_w1=n/a
if [ -f "$anchors/cairo/anchor.c" ]; then
  mkdir -p "$O/bin"
  cc -O2 -o "$O/bin/anchor" "$anchors/cairo/anchor.c" $(pkg-config --cflags --libs pangocairo libpng) -lm 2>/dev/null && {
    c_w1=$(time_cmd c "$O/bin/anchor single png Reports/bench/w1.tsv $O/c-w1.png")
    mkdir -p "$O/c-w3"; c_w3=$(RUNS=3 time_cmd c "$O/bin/anchor batch png Reports/bench/w3.tsv $O/c-w3")
    c_pdf=$(time_cmd c "$O/bin/anchor batch pdf Reports/bench/w3.tsv $O/c-w3.pdf")
  }
fi
if command -v gnuplot >/dev/null && [ -f "$anchors/gnuplot/w1_png.gp" ]; then
  g_w1=$(cd "$anchors" && hyperfine -w 2 -r 10 --export-json "$O/g.json" "gnuplot -e \"outdir='$O'\" gnuplot/w1_png.gp" >/dev/null 2>&1 && mean "$O/g.json" || echo n/a)
fi
if python3 -c "import matplotlib" 2>/dev/null && [ -f "$anchors/mpl/charts.py" ]; then
  m_w1=$(RUNS=3 time_cmd m "python3 $anchors/mpl/charts.py single png Reports/bench/w1.tsv $O/m-w1.png")
fi
echo "| W1 → PNG, one process (s) | $ours_w1 | $c_w1 | $g_w1 | $m_w1 |"
echo "| W3 → 100 PNGs (s) | $ours_w3 | $c_w3 | | |"
echo "| W3 → one 100-page PDF (s) | $ours_pdf | $c_pdf | | |"
echo
echo "CountyReport: W1 PDF $(stat -c %s "$O/w1.pdf") bytes; 100-page PDF $(stat -c %s "$O/w3.pdf") bytes;" \
     "100 PNGs $ours_png_bytes bytes (Cairo's own PNG writer on the same images: $cairo_png_bytes bytes);" \
     "peak memory W3 PNG $(peak $B bench-render png Reports/bench/w3.tsv "$O/w3png2") KB"

# Ratios to the raw C program in paired rounds (both commands in each round, medians), which
# holds up better than separate means when the machine's speed drifts.
if [ -x "$O/bin/anchor" ]; then
  paired() {  # label, ours, theirs
    for k in 1 2 3 4 5 6; do
      hyperfine -N -w 2 -r 10 --export-json "$O/p$k.json" "$2" "$3" >/dev/null 2>&1
    done
    python3 - "$1" "$O"/p?.json <<'PY'
import json, statistics, sys
ratios = [r[0]["median"] / r[1]["median"] for r in (json.load(open(f))["results"] for f in sys.argv[2:])]
print(f"{sys.argv[1]}: CountyReport ÷ raw C, median of {len(ratios)} paired rounds {statistics.median(ratios):.2f}"
      f" (rounds {min(ratios):.2f}–{max(ratios):.2f})")
PY
  }
  paired "W1 → PNG (target ≤ 0.5)" "$B bench-render png Reports/bench/w1.tsv $O/w1.png" "$O/bin/anchor single png Reports/bench/w1.tsv $O/c-w1.png"
  paired "W3 → 100-page PDF (target ≤ 1.3)" "$B bench-render pdf Reports/bench/w3.tsv $O/w3.pdf" "$O/bin/anchor batch pdf Reports/bench/w3.tsv $O/c-w3.pdf"
fi
