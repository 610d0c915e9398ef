#!/usr/bin/env python3
"""Writes the hand-built workbooks of Tests/Fixtures/workbooks/ (sheet XML written by hand, zipped with the
standard library): a yearbook-style sheet and the malformed-workbook catalogue. The plain tables there
(shaoyang-counties.*, wide-years.*) are LibreOffice's: soffice --headless --infilter=CSV:44,34,76,1 --convert-to xlsx|xls FILE.csv;
wide-years-chinese-sheet.xls is wide-years.csv copied to 地区生产总值.csv (LibreOffice names the sheet after the file)
and converted to xls. year-dates.xlsx is LibreOffice's too, from a flat ODS written here; gb2312-excel95.xls
(Excel 95, code page 936) is written here record by record, as LibreOffice no longer writes Excel 95.
Run from the repository root: python3 scripts/make-workbook-fixtures.py"""
import os, zipfile

OUT = "Tests/Fixtures/workbooks"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def book(name, sheets, shared=None, sheet_xml=None):
    """sheets: [(sheet name, sheet XML)]; shared: list of shared strings (None: no sharedStrings part)."""
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        class Fixed:  # the same bytes on every run: a fixed date on every entry
            def writestr(self, name, data):
                archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
        z = Fixed()
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets>'
                   + "".join(f'<sheet name="{esc(n)}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i, (n, _) in enumerate(sheets)) + "</sheets></workbook>")
        rels = "".join(f'<Relationship Id="rId{i+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i+1}.xml"/>'
                       for i in range(len(sheets)))
        if shared is not None:
            rels += '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(shared)}">'
                       + "".join(s if s.startswith("<si>") else f"<si><t>{esc(s)}</t></si>" for s in shared) + "</sst>")
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rels + "</Relationships>")
        for i, (_, xml) in enumerate(sheets):
            z.writestr(f"xl/worksheets/sheet{i+1}.xml", xml)


def sheet(rows, merges=()):
    body = "".join(f'<row r="{r}">{cells}</row>' for r, cells in rows)
    m = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{x}"/>' for x in merges) + "</mergeCells>" if merges else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{body}</sheetData>{m}</worksheet>'


def s(ref, i): return f'<c r="{ref}" t="s"><v>{i}</v></c>'
def n(ref, v): return f'<c r="{ref}"><v>{v}</v></c>'
def t(ref, text): return f'<c r="{ref}" t="inlineStr"><is><t>{esc(text)}</t></is></c>'


HEADER = ["region", "indicator", "period", "value", "unit"]
header_row = (1, "".join(t(f"{c}1", h) for c, h in zip("ABCDE", HEADER)))

# Every kind of cell, in a long table: shared strings (one in rich-text runs), inline strings, a number in
# exponent form and one with binary noise, a formula's cached value, a number stored as text with a thousands
# separator, a boolean-free row, and two Excel errors that must be reported, never read as zero.
shared = ["新邵县", "<si><r><t>地区生产</t></r><r><t>总值</t></r></si>", "亿元"]
book("cells.xlsx", [("数据", sheet([
    header_row,
    (2, s("A2", 0) + s("B2", 1) + n("C2", 2021) + n("D2", "1.7025E2") + s("E2", 2)),
    (3, s("A3", 0) + t("B3", "年末常住人口") + n("C3", 2021) + n("D3", "0.30000000000000004") + t("E3", "万人")),
    (4, s("A4", 0) + t("B4", "一般公共预算收入") + n("C4", 2021) + '<c r="D4"><f>D2/10</f><v>17.025</v></c>' + s("E4", 2)),
    (5, s("A5", 0) + t("B5", "社会消费品零售总额") + n("C5", 2021) + t("D5", "1,234.5") + t("E5", "万元")),
    (6, s("A6", 0) + t("B6", "地区生产总值增速") + n("C6", 2021) + '<c r="D6" t="e"><f>1/0</f><v>#DIV/0!</v></c>' + t("E6", "%")),
    (7, s("A7", 0) + t("B7", "地方财政收入增速") + n("C7", 2021) + '<c r="D7" t="e"><v>#N/A</v></c>' + t("E7", "%")),
    (8, s("A8", 0) + t("B8", "第一产业增加值") + n("C8", 2021) + t("D8", "—") + s("E8", 2)),
]))], shared=shared)

# Inline strings only and no sharedStrings part: fine.
book("inline-only.xlsx", [("Sheet1", sheet([header_row, (2, t("A2", "新邵县") + t("B2", "地区生产总值") + n("C2", 2022) + n("D2", 180.5) + t("E2", "亿元"))]))])
# A shared string with no sharedStrings part.
book("no-shared-strings.xlsx", [("Sheet1", sheet([header_row, (2, t("A2", "新邵县") + s("B2", 0) + n("C2", 2022) + n("D2", 180.5) + t("E2", "亿元"))]))])
# C3 before B3.
book("out-of-order.xlsx", [("表1", sheet([header_row, (2, t("A2", "新邵县") + t("B2", "地区生产总值") + n("C2", 2022) + n("D2", 180.5) + t("E2", "亿元")),
                                          (3, t("A3", "新邵县") + n("C3", 2023) + t("B3", "地区生产总值") + n("D3", 190) + t("E3", "亿元"))]))])
# A sheet that unpacks to 300 MiB of blanks (a few hundred KB packed).
bomb = sheet([header_row]).replace("<sheetData>", "<sheetData>" + " " * (300 << 20))
book("bomb.xlsx", [("Sheet1", bomb)])
# The first half of a good workbook.
with open(os.path.join(OUT, "shaoyang-counties.xlsx"), "rb") as f:
    data = f.read()
with open(os.path.join(OUT, "truncated.xlsx"), "wb") as f:
    f.write(data[: len(data) // 2])

# A deflate stream that does not end: the sheet's entry holds its first half, flushed but never finished, while
# its headers declare the whole sheet. Reading must stop at the entry's compressed size and say so.
def unending_deflate(source, name, target):
    import struct, zlib
    with zipfile.ZipFile(os.path.join(OUT, source)) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    out, central = b"", b""
    for entry, data in parts:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = packer.compress(data[: len(data) // 2]) + packer.flush(zlib.Z_SYNC_FLUSH) if entry == name \
            else packer.compress(data) + packer.flush()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0x21, zlib.crc32(data), len(packed), len(data), len(entry.encode()), 0)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, len(out)) + entry.encode()
        out += b"PK\x03\x04" + fields + entry.encode() + packed
    end = struct.pack("<HHHHIIH", 0, 0, len(parts), len(parts), len(central), len(out), 0)
    with open(os.path.join(OUT, target), "wb") as f:
        f.write(out + central + b"PK\x05\x06" + end)


unending_deflate("inline-only.xlsx", "xl/worksheets/sheet1.xml", "unending-deflate.xlsx")

# A yearbook-style sheet: a title row merged across the table, a unit line, a header, sub-items (one under a
# region merged down, one marked 其中：), footnotes.
rows = [
    (1, t("A1", "表3-1 各县市区地区生产总值")),
    (2, t("D2", "单位：亿元")),
    (3, t("A3", "地区") + t("B3", "指标") + t("C3", "2022年") + t("D3", "2023年")),
    (4, t("A4", "新邵县") + t("B4", "地区生产总值") + t("C4", "170.25") + n("D4", 182.13)),
    (5, t("B5", "第一产业增加值") + n("C5", 30.1) + t("D5", "…")),
    (6, t("A6", "隆回县") + t("B6", "地区生产总值") + t("C6", "2,330.11") + n("D6", 240)),
    (7, t("B7", "其中：第二产业增加值") + n("C7", 80.5) + n("D7", 88)),
    (9, t("A9", "注：2023年为初步核算数。")),
    (10, t("A10", "资料来源：邵阳市统计局《邵阳统计年鉴2024》。")),
]
# A two-row header with merged cells: 地区 merged down, 地区生产总值（亿元） merged across its two years.
rows2 = [
    (1, t("A1", "表3-2 各县市区地区生产总值")),
    (2, t("A2", "地区") + t("B2", "地区生产总值（亿元）")),
    (3, t("B3", "2022年") + t("C3", "2023年")),
    (4, t("A4", "新邵县") + n("B4", 170.25) + n("C4", 182.13)),
    (5, t("A5", "隆回县") + t("B5", "2,330.11") + t("C5", "—")),
    (6, t("A6", "资料来源：邵阳统计年鉴2024")),
]
book("yearbook.xlsx", [("说明", sheet([(1, t("A1", "本册数据"))])), ("表3-1", sheet(rows, merges=["A1:D1", "A4:A5"])),
                       ("表3-2", sheet(rows2, merges=["A1:C1", "A2:A3", "B2:C2"]))])

# Years stored as dates (a serial number formatted as a date), made by LibreOffice from a flat ODS: 2022 as
# `yyyy`, 2023 as `yyyy年`, 2024 as `yyyy-mm-dd` (serials 44562, 44927, 45292 in the .xlsx).
import shutil, subprocess, tempfile
FODS_STYLES = """<number:date-style style:name="N1"><number:year number:style="long"/></number:date-style>
<number:date-style style:name="N2"><number:year number:style="long"/><number:text>年</number:text></number:date-style>
<number:date-style style:name="N3"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
<style:style style:name="ce3" style:family="table-cell" style:data-style-name="N3"/>"""


def fods_cell(v):
    if isinstance(v, tuple):  # (style, ISO date)
        return f'<table:table-cell table:style-name="{v[0]}" office:value-type="date" office:date-value="{v[1]}"/>'
    if isinstance(v, float):
        return f'<table:table-cell office:value-type="float" office:value="{v}"/>'
    return f'<table:table-cell office:value-type="string"><text:p>{esc(v)}</text:p></table:table-cell>'


def libreoffice_xlsx(name, sheet_name, table):
    """LibreOffice stamps the time in what it writes: an existing fixture is kept (delete it to remake it)."""
    if os.path.exists(os.path.join(OUT, name)):
        return
    soffice = shutil.which("soffice")
    if not soffice:
        print(f"soffice not found: {name} not made")
        return
    rows = "".join("<table:table-row>" + "".join(fods_cell(v) for v in r) + "</table:table-row>" for r in table)
    doc = ('<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
           f'<office:automatic-styles>{FODS_STYLES}</office:automatic-styles><office:body><office:spreadsheet>'
           f'<table:table table:name="{esc(sheet_name)}">{rows}</table:table></office:spreadsheet></office:body></office:document>')
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, os.path.splitext(name)[0] + ".fods")
        with open(src, "w", encoding="utf-8") as f:
            f.write(doc)
        subprocess.run([soffice, "--headless", "--convert-to", "xlsx", "--outdir", tmp, src], check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, name), os.path.join(OUT, name))


libreoffice_xlsx("year-dates.xlsx", "年份为日期", [
    ["地区", "指标", "年份", "数值", "单位"],
    ["新邵县", "地区生产总值", ("ce1", "2022-01-01"), 170.25, "亿元"],
    ["新邵县", "地区生产总值", ("ce2", "2023-01-01"), 182.13, "亿元"],
    ["新邵县", "地区生产总值", ("ce3", "2024-01-01"), 190.5, "亿元"],
])

# A GB2312-era workbook: Excel 95 (BIFF5) with code page 936, its sheet names and text in GBK bytes, as county
# offices still keep them. LibreOffice no longer writes Excel 95, so it is written here record by record and
# put in an OLE2 compound file (one "Book" stream, padded past the 4096-byte mini-stream cutoff with an
# unknown record that readers skip).
import struct


def biff(rid, data=b""):
    return struct.pack("<HH", rid, len(data)) + data


def biff5_book(sheets):
    """sheets: [(name, rows)], rows: lists of str (a LABEL), float (a NUMBER) or None (empty)."""
    def bof(kind): return biff(0x0809, struct.pack("<HHHH", 0x0500, kind, 0x0DBB, 0x07CC))
    font = biff(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 134, 0) + bytes([5]) + "Arial".encode())
    xf = biff(0x00E0, struct.pack("<HHHHHHHH", 0, 0, 0xFFF5, 0x20, 0x20C0, 0, 0, 0))
    cell_xf = biff(0x00E0, struct.pack("<HHHHHHHH", 0, 0, 0x0001, 0x20, 0x20C0, 0, 0, 0))
    globals_head = bof(0x0005) + biff(0x0042, struct.pack("<H", 936)) + font * 5 + xf * 15 + cell_xf
    bodies = []
    for _, rows in sheets:
        cells = b""
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, str):
                    b = v.encode("gbk")
                    cells += biff(0x0204, struct.pack("<HHHH", r, c, 15, len(b)) + b)
                elif isinstance(v, float):
                    cells += biff(0x0203, struct.pack("<HHHd", r, c, 15, v))
        dims = biff(0x0200, struct.pack("<HHHHH", 0, len(rows), 0, max(len(r) for r in rows), 0))
        bodies.append(bof(0x0010) + dims + cells + biff(0x000A))
    names = [n.encode("gbk") for n, _ in sheets]
    bound_sizes = [4 + 7 + len(n) for n in names]
    pad = biff(0x0FFF, b"\0" * 2000) * 3  # no such record (BIFF5 records hold at most 2080 bytes): skipped by readers
    offset = len(globals_head) + len(pad) + sum(bound_sizes) + 4
    bounds = b""
    for n, body in zip(names, bodies):
        bounds += biff(0x0085, struct.pack("<IH", offset, 0) + bytes([len(n)]) + n)
        offset += len(body)
    return globals_head + pad + bounds + biff(0x000A) + b"".join(bodies)


def ole2(stream_name, data):
    """An OLE2 compound file (version 3, 512-byte sectors) holding one stream of at least 4096 bytes."""
    assert len(data) >= 4096
    data_sectors = (len(data) + 511) // 512
    # sector 0: the FAT, 1: the directory, 2…: the stream
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [2 + i + 1 if i + 1 < data_sectors else 0xFFFFFFFE for i in range(data_sectors)]
    assert len(fat) <= 128
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108)
    assert len(header) == 512

    def entry(name, kind, start, size, child=0xFFFFFFFF):
        n = (name + "\0").encode("utf-16-le")
        return (n.ljust(64, b"\0") + struct.pack("<HBB", len(n), kind, 1) + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))
    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry(stream_name, 2, 2, len(data))
    directory += (b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
                  + b"\0" * 36 + struct.pack("<IQ", 0, 0)) * 2
    assert len(directory) == 512
    return header + struct.pack("<128I", *fat) + directory + data.ljust(data_sectors * 512, b"\0")


gb_rows = [["地区", "指标", "2022", "2023"],
           ["新邵县", "地区生产总值（亿元）", 170.25, 182.13],
           ["隆回县", "地区生产总值（亿元）", 220.8, 233.01]]
with open(os.path.join(OUT, "gb2312-excel95.xls"), "wb") as f:
    f.write(ole2("Book", biff5_book([("说明", [["邵阳统计年鉴（摘录）"]]), ("表3-1 地区生产总值", gb_rows)])))
