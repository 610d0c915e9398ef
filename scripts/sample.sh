#!/usr/bin/env bash
# The main job on the bundled sample: builds CountyReport, writes the 新邵县 2023 annual summary
# (out/xinshao-2023/report.pdf) and its charts as slides (out/xinshao-2023/slides/) — --force: rebuilt
# even when a manifest says unchanged, since the tool itself may have changed —, then the
# sample charts (PNG and PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
# (glib's pkg-config flags make SwiftPM warn "prohibited flag(s): -pthread" on every build; harmless.)
swift build -c release --product countyreport 2>&1 | { grep -v "prohibited flag" || true; } >&2
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed" >&2; exit 1; }
bin=.build/release/countyreport
mkdir -p out
"$bin" report Reports/xinshao-2023/report.yaml -o out/xinshao-2023 --slides out/xinshao-2023/slides --force
"$bin" report Reports/shaoyang-2023/report.yaml -o out/shaoyang-2023 --slides out/shaoyang-2023/slides --force
for ext in png pdf; do
  "$bin" chart --data Reports/sample/gdp-2020.csv --x 地区 --y '地区生产总值（亿元）' \
    --title '2020年邵阳市部分县市区地区生产总值' --source '各县市区统计公报、政府网站' \
    --size 1600x900 -o "out/gdp-2020.$ext"
done
# The bulletin chart and the structure chart from the sample data, for slides (PNG) and print (PDF).
for spec in combo stacked100; do
  "$bin" chart "Reports/examples/charts/$spec.yaml" --size 1920x1080 --theme slides -o "out/$spec.png"
  "$bin" chart "Reports/examples/charts/$spec.yaml" -o "out/$spec.pdf"
done
ls -l out/ out/xinshao-2023/
