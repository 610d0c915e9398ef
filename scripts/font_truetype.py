"""TrueType outlines, glyphs in Unicode order, for a bundled font: font_truetype.py SOURCE.otf OUTPUT.ttf

1. The CFF (cubic) outlines become quadratic 'glyf' outlines within 1 font unit (1/1000 em) of the
   original; every other table (cmap, metrics, GSUB/GPOS with chws, names) is kept. Why: FreeType loads
   a TrueType glyph about 3 times as fast as a CFF one (1.9 against 5.5 µs here, no hinting), and a
   report loads each glyph at every size it is set in: the 10-page benchmark report was 12 % faster
   (paired runs). The peers of ../shared/bench/report convert the same faces the same way.
2. The glyphs are put in the order of the characters they draw (.notdef, then by lowest code point,
   then the glyphs no character maps to). Why: for every glyph a PDF embeds, Cairo finds its character
   by scanning the format 4 cmap backwards, and in the source's order 1,153 of its 3,920 segments were
   glyph-id arrays it searches one by one: 14 % of the 10-page report's main thread. In Unicode order
   every segment but 4 is a delta that Cairo checks in one step. Outlines, advances and shaping (with
   chws, halt, palt, kern, locl) are the same for every character (checked with fontTools and HarfBuzz).
The output is byte-deterministic: head.modified is kept, not set to the time of the run.
"""
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.reorderGlyphs import reorderGlyphs

MAX_ERR = 1.0  # font units

source, output = sys.argv[1], sys.argv[2]
font = TTFont(source, recalcTimestamp=False)
order = font.getGlyphOrder()
outlines = font.getGlyphSet()
glyf = newTable("glyf")
glyf.glyphOrder = order
glyf.glyphs = {}
for name in order:
    pen = TTGlyphPen(outlines)
    outlines[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
    glyf[name] = pen.glyph()
font["glyf"] = glyf
font["loca"] = newTable("loca")
maxp = font["maxp"]
maxp.tableVersion = 0x00010000
for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
              "maxSizeOfInstructions", "maxComponentElements"):
    setattr(maxp, field, 0)
maxp.maxZones = 1
font["head"].glyphDataFormat = 0
post = font["post"]  # no glyph names (CID fonts have none worth keeping)
post.formatType = 3.0
post.extraNames = []
post.mapping = {}
for tag in ("CFF ", "VORG"):  # VORG is for CFF outlines only
    del font[tag]
font.sfntVersion = "\x00\x01\x00\x00"

first_code = {}
for code, name in font["cmap"].getBestCmap().items():
    first_code[name] = min(code, first_code.get(name, code))
mapped = sorted((name for name in order[1:] if name in first_code), key=lambda name: first_code[name])
reorderGlyphs(font, [order[0]] + mapped + [name for name in order[1:] if name not in first_code])
font.save(output)
print(f"{output}: {len(order)} glyphs, {len(open(output, 'rb').read())} bytes")
