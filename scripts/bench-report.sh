#!/usr/bin/env bash
# The report benchmark (issue 12), side by side in one run with the peers of ../shared/bench/report
# (Typst, XeLaTeX+ctex, ReportLab, WeasyPrint) on their document: data/report.json (10 pages: cover,
# contents, 8 sections, tables, 6 charts) and the 100-page variant (report100.json, made here by
# their common/gen_content.py), plus 3× and 6× variants (ours and Typst) to see time against pages.
#
#   scripts/bench-report.sh                      # all four peers (set-up installs what is missing: minutes)
#   PEERS="typst" scripts/bench-report.sh        # ours and Typst only
#   ROUNDS=3 RUNS=5 RUNS100=2 PEERS="typst latex" scripts/bench-report.sh
#
# Ours: `countyreport report DEF -o DIR --force`, whole process (YAML + CSV → PDF, charts drawn in the run).
# The definitions come from Reports/bench/report/convert.py (not timed, as the peers' charts and
# fonts are made once and not timed): the 10-page one is committed (Reports/bench/report/ten/), the
# others are converted into $OUT. Peers: `sh PEER/run.sh DATA.json CHARTS OUT.pdf`, as their bench.py.
# Time: hyperfine -N, ROUNDS rounds with every command in each round (the machine drifts: the ratio
# to Typst is taken per round, then the median); peak RSS: /usr/bin/time -v (median of 3 runs, one at
# 100 pages; the same runs give the CPU seconds, user + sys). Every PDF is checked with the peers' measure/check.py. Prints one Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PEERDIR=$(cd "${PEERDIR:-$ROOT/../shared/bench/report}" && pwd)
PEERS=${PEERS:-"typst latex reportlab weasyprint"}
ROUNDS=${ROUNDS:-3}; RUNS=${RUNS:-5}; RUNS100=${RUNS100:-2}; RUNSLIN=${RUNSLIN:-3}
OUT=${OUT:-/tmp/report-bench}
PEER_OUT=${PEER_OUT:-/tmp/report-anchors-out}      # the peers' own OUT: converted fonts, charts
mkdir -p "$OUT"/{data,pdf,check,hf,rss}
case " $PEERS " in *" typst "*) ;; *) echo "PEERS must include typst (the ratios are to Typst)" >&2; exit 2 ;; esac

# ---- set-up: the peers' own run-all.sh lines --------------------------------------------------
have() { python3 -c "import $1" 2>/dev/null; }     # run from ROOT: the peers' folder has a typst/ dir
need_full=""
for p in $PEERS; do
  case $p in
    latex) command -v xelatex >/dev/null || need_full=1 ;;
    reportlab) have "reportlab, svglib, _rl_accel" || need_full=1 ;;
    weasyprint) have weasyprint || need_full=1 ;;
    typst) ;;
    *) echo "unknown peer $p (typst latex reportlab weasyprint)" >&2; exit 2 ;;
  esac
done
if [ -n "$need_full" ]; then
  # Their set-up block verbatim (apt: poppler-utils qpdf hyperfine time fonts-noto-cjk texlive…; pip pinned).
  sed -n '/^# ---- set-up/,/^# ---- shared input/p' "$PEERDIR/run-all.sh" > "$OUT/peer-setup.sh"
  echo "set-up: the peers' run-all.sh set-up lines (minutes)" >&2
  (cd "$PEERDIR" && sh -e "$OUT/peer-setup.sh")
else
  # Typst alone: the same tools and pins, without TeX Live and the slow peers' packages.
  need_apt=""
  for p in poppler-utils qpdf hyperfine time fonts-noto-cjk; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need_apt="$need_apt $p"
  done
  if [ -n "$need_apt" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need_apt >/dev/null
  fi
  have "typst, matplotlib, fontTools" || pip install -q "typst==0.15.2" "matplotlib==3.11.2" "fonttools"
fi

# ---- shared input (not timed), as run-all.sh makes it; the 100-page variant into $OUT -----------
python3 "$PEERDIR/common/gen_content.py" "$OUT/data" >/dev/null
cmp -s "$OUT/data/report.json" "$PEERDIR/data/report.json" || { echo "gen_content.py no longer gives data/report.json" >&2; exit 1; }
for n in 3 6; do
  python3 -c "import json, sys; sys.path.insert(0, sys.argv[1]); import gen_content as g
json.dump(g.doc($n), open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False, indent=1)" "$PEERDIR/common" "$OUT/data/report-x$n.json"
done
# The peers' prep_fonts.py reads the bundled sans by its GB2312-era names; ours are the wider subset of
# the same face (Fonts/NotoSansSC-Subset-*.ttf, TrueType outlines, which its conversion to TrueType keeps):
# named as it expects in $OUT/project-fonts.
mkdir -p "$OUT/project-fonts"
for w in Regular Bold; do ln -sf "$ROOT/Fonts/NotoSansSC-Subset-$w.ttf" "$OUT/project-fonts/NotoSansSC-GB2312-$w.otf"; done
export PROJECT_FONTS=$OUT/project-fonts FONTDIR=$PEER_OUT/fonts TYPST_FONT_DIR=$PEER_OUT/typst-fonts
[ -f "$PEER_OUT/fonts/NotoSerifCJKsc-Regular.ttf" ] || python3 "$PEERDIR/common/prep_fonts.py" "$PEER_OUT/fonts"   # ~90 s, once
[ -f "$PEER_OUT/charts/c6.svg" ] || python3 "$PEERDIR/common/charts.py" "$PEER_OUT/charts" "$PEER_OUT/fonts/NotoSansSC-GB2312-Regular.ttf" >/dev/null
CHARTS=$PEER_OUT/charts

# ---- ours: build, convert ---------------------------------------------------------------------
# Built as deploy/Dockerfile ships it (the Swift runtime linked in, which saves the shared libraries'
# relocations and pages: about 4 MiB of peak memory), in the scratch folder bench-charts.sh also uses.
swift build -c release --product countyreport --static-swift-stdlib --scratch-path .build-static 2>&1 |
  grep -E "error|warning: unre" >&2 || true
B=$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/countyreport
[ -x "$B" ] || { echo "no $B" >&2; exit 1; }
python3 Reports/bench/report/convert.py "$OUT/data/report.json" "$OUT/def-10" 2>/dev/null
diff -q "$OUT/def-10/report.yaml" Reports/bench/report/ten/report.yaml >/dev/null &&
  diff -q "$OUT/def-10/data.csv" Reports/bench/report/ten/data.csv >/dev/null ||
  echo "note: Reports/bench/report/ten/ differs from a fresh conversion (run convert.py again)" >&2
python3 Reports/bench/report/convert.py "$OUT/data/report100.json" "$OUT/def-100"
for n in 3 6; do python3 Reports/bench/report/convert.py "$OUT/data/report-x$n.json" "$OUT/def-x$n" 2>/dev/null; done

data_of() { case $1 in 10) echo "$PEERDIR/data/report.json" ;; 100) echo "$OUT/data/report100.json" ;; *) echo "$OUT/data/report-$1.json" ;; esac; }
def_of() { case $1 in 10) echo "$ROOT/Reports/bench/report/ten/report.yaml" ;; 100) echo "$OUT/def-100/report.yaml" ;; *) echo "$OUT/def-$1/report.yaml" ;; esac; }
# cmd TOOL SIZE OUTPDF: the timed command (prints it, one word a line)
cmd() {
  # --force: every timed run builds the report (an unchanged rerun would skip the work: 0.05 s).
  if [ "$1" = ours ]; then printf '%s\n' "$B" report "$(def_of "$2")" -o "$3.d" --force --quiet
  else printf '%s\n' sh "$PEERDIR/$1/run.sh" "$(data_of "$2")" "$CHARTS" "$3"; fi
}
run_once() {  # TOOL SIZE: make the PDF once, keep it, check it
  local pdf=$OUT/pdf/$1-$2.pdf c
  mapfile -t c < <(cmd "$1" "$2" "$pdf")
  "${c[@]}" >/dev/null 2>"$OUT/pdf/$1-$2.log" || { echo "$1 ($2) failed: $(tail -3 "$OUT/pdf/$1-$2.log")" >&2; return 1; }
  [ "$1" = ours ] && mv "$pdf.d/report.pdf" "$pdf" && rm -rf "$pdf.d"
  python3 "$PEERDIR/measure/check.py" "$pdf" "$(data_of "$2")" > "$OUT/check/$1-$2.json"
}
hf() {  # SIZE RUNS WARMUP ROUND TOOL...: one hyperfine over every tool (names = tools)
  local size=$1 runs=$2 warm=$3 round=$4; shift 4
  local args=() t c
  for t in "$@"; do
    mapfile -t c < <(cmd "$t" "$size" "$OUT/pdf/bench-$t-$size.pdf")
    args+=(-n "$t" "$(printf '%q ' "${c[@]}")")
  done
  hyperfine -N --runs "$runs" --warmup "$warm" --export-json "$OUT/hf/$size-$round.json" "${args[@]}" >/dev/null 2>>"$OUT/hf/stderr.log"
}
rss() {  # TOOL SIZE N: peak RSS (KB), user and system CPU seconds of N runs, one run a line
  local c; mapfile -t c < <(cmd "$1" "$2" "$OUT/pdf/rss-$1-$2.pdf")
  for _ in $(seq "$3"); do
    /usr/bin/time -v "${c[@]}" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {m=$2} /User time/ {u=$2}
      /System time/ {s=$2} END {print m, u, s}'
  done > "$OUT/rss/$1-$2.txt"
}

tools="ours $PEERS"
ok=""
for t in $tools; do
  echo "== $t: make and check the 10- and 100-page PDFs" >&2
  run_once "$t" 10 && run_once "$t" 100 && ok="$ok $t"
done
for n in x3 x6; do run_once ours "$n"; run_once typst "$n"; done    # time against pages: 3× and 6× the sections
rm -f "$OUT"/hf/*.json
for r in $(seq "$ROUNDS"); do
  echo "== round $r/$ROUNDS: 10 pages ($RUNS runs each), 100 pages ($RUNS100 runs each), 3× and 6× ($RUNSLIN runs, ours and Typst)" >&2
  hf 10 "$RUNS" 1 "$r" $ok
  hf 100 "$RUNS100" 0 "$r" $ok
  for n in x3 x6; do hf "$n" "$RUNSLIN" 1 "$r" ours typst; done
done
echo "== peak memory" >&2
for t in $ok; do rss "$t" 10 3; rss "$t" 100 1; done
rm -rf "$OUT"/pdf/bench-* "$OUT"/pdf/rss-*

python3 Reports/bench/report/summarize.py "$OUT" "$PEERDIR" $ok
