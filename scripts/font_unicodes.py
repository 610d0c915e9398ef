#!/usr/bin/env python3
"""Print the code points the bundled CJK subset keeps, one U+XXXX a line.

Every GB2312 character (rows 0xA1-0xF7, cells 0xA1-0xFE), every character of the 通用规范汉字表
(scripts/data/tongyong-guifan-hanzi-2013.txt, 8,105 characters) and of the gazetteer's place names
(Sources/Extraction/Gazetteer/DivisionTable.swift), printable ASCII, CJK and full-width punctuation,
general punctuation and the signs statistics tables use.
Deterministic: the same list on every run, sorted.
"""
import os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
points = set()
with open(os.path.join(root, "scripts/data/tongyong-guifan-hanzi-2013.txt"), encoding="utf-8") as f:
    general = [line.split("\t")[1].strip() for line in f if line.startswith("U+")]
assert len(set(general)) == 8105, len(set(general))
points.update(ord(c) for c in general)
with open(os.path.join(root, "Sources/Extraction/Gazetteer/DivisionTable.swift"), encoding="utf-8") as f:
    points.update(ord(c) for c in f.read() if ord(c) >= 0x3400)   # every Han character of the names
for row in range(0xA1, 0xF8):
    for cell in range(0xA1, 0xFF):
        try:
            ch = bytes([row, cell]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        points.add(ord(ch))
points.update(range(0x20, 0x7F))                 # ASCII
points.update(range(0x3000, 0x3040))             # CJK symbols and punctuation
points.update(range(0xFF01, 0xFF5F))             # full-width forms
points.update(range(0x2010, 0x2028))             # dashes, quotes, bullets
points.update(range(0x2030, 0x205F))             # per mille, primes, etc.
points.update(range(0x2460, 0x2474))             # ① … ⒇ circled numbers
points.update(range(0x2160, 0x2170))             # Roman numerals Ⅰ…Ⅻ
points.update([0x00A0, 0x00B0, 0x00B1, 0x00B7, 0x00D7, 0x00F7, 0x00A5, 0x00A9, 0x00AE,
               0x2212,   # − minus sign
               0x2236,   # ∶ ratio
               0x2215, 0x2264, 0x2265, 0x2260, 0x2248, 0x221A, 0x221E,
               0x2103,   # ℃
               0x2116,   # №
               0x2192, 0x2191, 0x2193, 0x2190,
               0x25B2, 0x25BC, 0x25CF, 0x25CB, 0x25A0, 0x25A1, 0x2605, 0x2606,
               0xFFE5])  # ￥
for p in sorted(points):
    print("U+%04X" % p)
