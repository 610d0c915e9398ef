#!/usr/bin/env bash
# Renders the README's pictures of the sample report: page 1 and one inner page of
# out/xinshao-2023/report.pdf (run scripts/sample.sh first), small PNGs in docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
pdf=out/xinshao-2023/report.pdf
[ -f "$pdf" ] || { echo "run scripts/sample.sh first" >&2; exit 1; }
mkdir -p docs
pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$pdf" docs/report-page1
pdftoppm -png -r 50 -f 3 -l 3 -singlefile "$pdf" docs/report-page3
ls -l docs/
