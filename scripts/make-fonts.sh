#!/usr/bin/env bash
# Regenerate the bundled subset fonts in Fonts/ from Debian's fonts-noto-cjk.
# Needs: apt-get install fonts-noto-cjk; pip install fonttools.
# To widen the character set, edit scripts/font_unicodes.py and run this again.
# The output is byte-deterministic for the same fonttools and source font versions.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto
[ -f "$src/NotoSansCJK-Regular.ttc" ] || { echo "fonts-noto-cjk is not installed (apt-get install fonts-noto-cjk)" >&2; exit 1; }
command -v pyftsubset >/dev/null || { echo "pyftsubset not found (pip install fonttools)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 scripts/font_unicodes.py > "$tmp/unicodes.txt"
for weight in Regular Bold; do
  # Face 2 of the collection is Simplified Chinese (SC). Keep locl (zh-CN forms of — and
  # punctuation); drop hinting and subroutines so Cairo's PDF subsets stay small.
  pyftsubset "$src/NotoSansCJK-$weight.ttc" --font-number=2 \
    --unicodes-file="$tmp/unicodes.txt" \
    --layout-features='locl,kern,palt,halt,liga' \
    --no-hinting --desubroutinize --name-IDs='*' --name-languages='*' \
    --output-file="Fonts/NotoSansSC-GB2312-$weight.otf"
  echo "Fonts/NotoSansSC-GB2312-$weight.otf: $(stat -c %s Fonts/NotoSansSC-GB2312-$weight.otf) bytes"
done
