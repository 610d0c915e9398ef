#!/usr/bin/env bash
# Builds a libFuzzer binary over the CountyData sources and runs it.
#   scripts/fuzz.sh number 300     # the number reader, 300 seconds
#   scripts/fuzz.sh csv 300        # the CSV/JSON loaders and checks
#   scripts/fuzz.sh sheet 300      # a worksheet's XML through xmlTextReader into the sheet loader
#   scripts/fuzz.sh spec 300       # a chart spec's YAML into the spec reader (Specs)
#   scripts/fuzz.sh mapping 300    # an extraction mapping's YAML into the mapping reader
#   scripts/fuzz.sh chart 300      # a chart spec through the resolver and the compiler into a recorded scene
#   scripts/fuzz.sh xlsx 300       # whole .xlsx files: the ZIP container (minizip), every part, every sheet
#   scripts/fuzz.sh font 300       # damaged font files through the program's font streams and FreeType
# Crashes are written to Fuzz/crashes/; the seed corpus is Fuzz/corpus/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?number, csv, extract, sheet, xlsx, spec, mapping, chart or font}; seconds=${2:-60}
case "$target" in
  number) entry=Fuzz/NumberReaderFuzz.swift ;;
  csv) entry=Fuzz/CSVLoaderFuzz.swift ;;
  extract) entry=Fuzz/ExtractorFuzz.swift ;;
  sheet) entry=Fuzz/SheetXMLFuzz.swift ;;
  spec) entry=Fuzz/ChartSpecFuzz.swift ;;
  mapping) entry=Fuzz/MappingFuzz.swift ;;
  chart) entry=Fuzz/ChartCompileFuzz.swift ;;
  xlsx) entry=Fuzz/XLSXFileFuzz.swift ;;
  font) entry=Fuzz/FontStreamFuzz.c ;;
  *) echo "unknown target $target" >&2; exit 64 ;;
esac
out=.build/fuzz; mkdir -p "$out" Fuzz/crashes "$out/corpus-$target"
srcs=(Sources/CountyData/*.swift)
if [ "$target" = font ]; then
  # C: the streams (instrumented) with the entry, over Debian's FreeType (not instrumented). The seeds are
  # the first 8 KB of each bundled font (table directory, CFF or cmap headers), made here, not committed.
  mkdir -p Fuzz/corpus/font
  for f in Fonts/*.ttf; do [ -f "Fuzz/corpus/font/$(basename "$f").head" ] || head -c 8192 "$f" > "Fuzz/corpus/font/$(basename "$f").head"; done
  clang -O1 -g -fsanitize=fuzzer,address -ISources/CFontStreams/include $(pkg-config --cflags freetype2) \
    Sources/CFontStreams/font_streams.c "$entry" $(pkg-config --libs freetype2) -o "$out/fuzz-$target"
elif [ "$target" = sheet ]; then
  # The sheet reader (part of Workbooks, over CountyData and libxml2; the ZIP container is not fuzzed here),
  # compiled into one module with the CountyData sources.
  mkdir -p "$out/sheet-src"
  for f in Sources/Workbooks/XMLStream.swift Sources/Workbooks/SheetXMLReader.swift Sources/Workbooks/SheetParts.swift Sources/Workbooks/DateFormats.swift "$entry"; do
    grep -v "^import CountyData$" "$f" > "$out/sheet-src/$(basename "$f")"
  done
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name CountyData \
    -Xcc -fmodule-map-file=Sources/CLibXML2/module.modulemap -Xcc -I/usr/include/libxml2 -lxml2 \
    "${srcs[@]}" "$out"/sheet-src/*.swift -o "$out/fuzz-$target" 2>&1 | { grep -v "ld.gold: warning" || true; }
elif [ "$target" = xlsx ]; then
  # The Workbooks readers (all but the writer) compiled into one module with the CountyData sources, over
  # Debian's minizip, libxml2 and FreeXL (not instrumented).
  mkdir -p "$out/xlsx-src"
  rm -f "$out"/xlsx-src/*.swift
  for f in $(ls Sources/Workbooks/*.swift | grep -v XLSXWriter.swift) "$entry"; do
    grep -v "^import CountyData$" "$f" > "$out/xlsx-src/$(basename "$f")"
  done
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name CountyData \
    -Xcc -fmodule-map-file=Sources/CMinizip/module.modulemap -Xcc -fmodule-map-file=Sources/CLibXML2/module.modulemap \
    -Xcc -I/usr/include/libxml2 -Xcc -fmodule-map-file=Sources/CFreeXL/module.modulemap \
    "${srcs[@]}" "$out"/xlsx-src/*.swift -lminizip -lxml2 -lfreexl -lz \
    -o "$out/fuzz-$target" 2>&1 | { grep -v "ld.gold: warning" || true; }
elif [ "$target" = extract ]; then
  # The extractor is its own module over CountyData: build CountyData as a library first.
  swift build -c release --product countyreport >/dev/null 2>&1 || true
  srcs=($(ls Sources/Extraction/*.swift Sources/Extraction/Gazetteer/*.swift | grep -v Mapping.swift))   # every file but the YAML mapping (Yams)
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Extraction -I .build/release/Modules \
    "${srcs[@]}" "$entry" .build/release/CountyData.build/*.o -o "$out/fuzz-$target" 2>&1 | { grep -v "ld.gold: warning" || true; }
elif [ "$target" = spec ] || [ "$target" = mapping ] || [ "$target" = chart ]; then
  # The module under test is compiled instrumented with the entry; what it stands on comes from the
  # release build's objects (Yams, CountyData, and for the chart the resolver's and compiler's modules).
  swift build -c release --product countyreport >/dev/null 2>&1 || true
  r=.build/release
  deps=(CountyData Yams CYaml Parallelism)
  case "$target" in
    spec) module=Specs; srcs=(Sources/Specs/*.swift) ;;
    mapping) module=Extraction; srcs=(Sources/Extraction/*.swift Sources/Extraction/Gazetteer/*.swift); deps+=(Specs) ;;
    chart)
      # The compiler and the resolver (its one file) as one instrumented module, the entry with them.
      module=ChartCompiler; deps+=(Specs Formatting CountyMetrics CountyQuery ChartScene)
      mkdir -p "$out/chart-src"; rm -f "$out"/chart-src/*.swift
      for f in Sources/ChartCompiler/*.swift Sources/ChartResolver/*.swift "$entry"; do
        grep -v -E "^import (ChartCompiler|ChartResolver)$" "$f" > "$out/chart-src/$(basename "$f")"
      done
      srcs=("$out"/chart-src/*.swift); entry= ;;
  esac
  objs=(); for d in "${deps[@]}"; do objs+=($(find $r/$d.build -name "*.o")); done
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "$module" -I $r/Modules \
    -Xcc -fmodule-map-file=.build/checkouts/Yams/Sources/CYaml/include/module.modulemap \
    "${srcs[@]}" $entry "${objs[@]}" -o "$out/fuzz-$target" 2>&1 | { grep -v "ld.gold: warning" || true; }
else
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name CountyData \
    "${srcs[@]}" "$entry" -o "$out/fuzz-$target" 2>&1 | { grep -v "ld.gold: warning" || true; }
fi
max_len=4096
# xlsx: the seed workbooks are 2–5 KB.
[ "$target" = xlsx ] && max_len=16384
SWIFT_BACKTRACE=enable=no "$out/fuzz-$target" -max_total_time="$seconds" \
  -max_len="$max_len" -timeout=5 \
  -artifact_prefix=Fuzz/crashes/ "$out/corpus-$target" "Fuzz/corpus/$target" 2>&1 | grep -v "^#[0-9]" | tail -40
