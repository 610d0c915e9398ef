#!/usr/bin/env bash
# Regenerate the bundled subset fonts in Fonts/ from Debian's fonts-noto-cjk:
# Noto Sans CJK SC Regular and Bold (charts, headings) and Noto Serif CJK SC Regular (report body text).
# Needs: apt-get install fonts-noto-cjk; pip install fonttools chws-tool.
# To widen the character set, edit scripts/font_unicodes.py and run this again.
# The output is byte-deterministic for the same source fonts and tool versions
# (last run: fonts-noto-cjk 20220127, fonttools 4.68.0, chws-tool 1.4.5, uharfbuzz 0.57.0).
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto
for f in NotoSansCJK-Regular.ttc NotoSansCJK-Bold.ttc NotoSerifCJK-Regular.ttc; do
  [ -f "$src/$f" ] || { echo "$src/$f is missing (apt-get install fonts-noto-cjk)" >&2; exit 1; }
done
command -v pyftsubset >/dev/null || { echo "pyftsubset not found (pip install fonttools)" >&2; exit 1; }
command -v add-chws >/dev/null || { echo "add-chws not found (pip install chws-tool)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/subset" "$tmp/chws"
python3 scripts/font_unicodes.py > "$tmp/unicodes.txt"

# make_font SOURCE FAMILY OUTPUT: subset face 2 of the collection (Simplified Chinese, SC, in both the
# sans and the serif collection: fc-query indices 0 JP, 1 KR, 2 SC, 3 TC, 4 HK), then add chws.
make_font() {
  local source=$1 family=$2 output=$3 name
  name=$(basename "$output")
  # Keep locl (zh-CN forms of — and punctuation), and halt/chws for punctuation spacing (applied
  # only when asked for); drop hinting and subroutines (the outlines become TrueType below).
  pyftsubset "$src/$source" --font-number=2 \
    --unicodes-file="$tmp/unicodes.txt" \
    --layout-features='locl,kern,palt,halt,chws,liga' \
    --no-hinting --desubroutinize --name-IDs='*' --name-languages='*' \
    --output-file="$tmp/subset/$name"
  # Noto CJK (2.004 sans, 2.001 serif) has no chws ("contextual half-width spacing": a full-width
  # punctuation mark loses its blank half where two meet, as in ）。 or ，「). chws-tool computes it
  # from the font's halt for the font's language (SC here). SOURCE_DATE_EPOCH keeps head.modified
  # as it was, so the output does not depend on the time of the run.
  SOURCE_DATE_EPOCH=$(python3 -c '
import sys
from fontTools.ttLib import TTFont
from fontTools.misc.timeTools import epoch_diff
print(TTFont(sys.argv[1], lazy=True)["head"].modified + epoch_diff)' "$tmp/subset/$name") \
    add-chws -o "$tmp/chws/" "$tmp/subset/$name" >/dev/null
  # add-chws writes nothing when the font already has chws (a newer source font).
  [ -f "$tmp/chws/$name" ] || cp "$tmp/subset/$name" "$tmp/chws/$name"
  python3 - "$tmp/chws/$name" "$family" <<'EOF'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1], lazy=True)
family = font["name"].getDebugName(16) or font["name"].getDebugName(1)
assert family == sys.argv[2], f"{sys.argv[1]}: family {family!r}, expected {sys.argv[2]!r}"
features = {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
assert {"chws", "halt"} <= features, f"{sys.argv[1]}: GPOS features {sorted(features)}"
EOF
  # TrueType outlines: FreeType loads them about 3 times as fast as CFF (see scripts/font_truetype.py).
  python3 scripts/font_truetype.py "$tmp/chws/$name" "$output" >/dev/null
  echo "$output: $(stat -c %s "$output") bytes"
}

make_font NotoSansCJK-Regular.ttc "Noto Sans CJK SC" Fonts/NotoSansSC-Subset-Regular.ttf
make_font NotoSansCJK-Bold.ttc "Noto Sans CJK SC" Fonts/NotoSansSC-Subset-Bold.ttf
make_font NotoSerifCJK-Regular.ttc "Noto Serif CJK SC" Fonts/NotoSerifSC-Subset-Regular.ttf
