import CountyData
import CountyTestSupport
import Foundation
import Testing

@testable import Workbooks

func workbook(_ name: String) -> String { Repository.path("Tests/Fixtures/workbooks/\(name)") }

/// An observation without where it came from (file, line, column differ between a CSV and a sheet).
struct Figure: Equatable, CustomStringConvertible {
    var region: Region, indicator: String, period: Period, value: Decimal, unit: String?, parts: [Decimal]?,
        note: String, source: String, line: Int?
    init(_ o: Observation) {
        region = o.region; indicator = o.indicator; period = o.period; value = o.value; unit = o.unit?.symbol;
        parts = o.parts
        note = o.note; source = o.provenance.source; line = o.provenance.location.line
    }
    var description: String { "\(region.name) \(indicator) \(period) \(value) \(unit ?? "") line \(line ?? 0)" }
}

@Suite struct SameDataAsCSVTests {
    @Test(arguments: ["shaoyang-counties.xlsx", "shaoyang-counties.xls"])
    func longTableLoadsToTheSameObservationsAsTheCSV(_ name: String) throws {
        let csv = DatasetLoader.load(Repository.path("Reports/data/shaoyang-counties.csv"))
        let book = DataFiles.load(workbook(name))
        #expect(book.problems.isEmpty, "\(book.problems)")
        #expect(csv.observations.count == 148 && book.observations.count == 148)
        for (a, b) in zip(book.observations.map(Figure.init), csv.observations.map(Figure.init)) { #expect(a == b) }
        #expect(book.observations.first?.provenance.location.file == workbook(name) + "#shaoyang-counties")
    }

    @Test(arguments: ["wide-years.xlsx", "wide-years.xls"])
    func wideTableLoadsToTheSameObservationsAsTheCSV(_ name: String) throws {
        let csv = DatasetLoader.load(workbook("wide-years.csv"))
        let book = DataFiles.load(workbook(name))
        #expect(book.problems.isEmpty, "\(book.problems)")
        #expect(csv.observations.count == 4)
        #expect(book.observations.map(Figure.init) == csv.observations.map(Figure.init))
        // Locations are cells: 隆回县 2020 is C3.
        let o = try #require(book.observations.first { $0.region.name == "隆回县" && $0.period == .year(2020) })
        #expect(o.provenance.location.description == workbook(name) + "#wide-years!D3")
    }

    /// An Excel 95 (BIFF5) workbook in code page 936, its sheet names and texts GBK bytes in the file: listed and
    /// loaded with the right names and values (FreeXL converts through the code page).
    @Test func gb2312EraExcel95WithChineseSheetNames() throws {
        let path = workbook("gb2312-excel95.xls")
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(raw.range(of: Data([0xD0, 0xC2, 0xC9, 0xDB, 0xCF, 0xD8])) != nil)   // 新邵县 in GBK: the file is not UTF-8
        let book = try Workbooks.open(path)
        #expect(book.sheetNames == ["说明", "表3-1 地区生产总值"])
        let data = DataFiles.load(workbook("gb2312-excel95.xls#表3-1 地区生产总值"))
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(
            data.observations.map {
                "\($0.region.name) \($0.indicator) \($0.period) \($0.value) \($0.unit?.symbol ?? "")"
            } == [
                "新邵县 地区生产总值 2022年 170.25 亿元", "新邵县 地区生产总值 2023年 182.13 亿元",
                "隆回县 地区生产总值 2022年 220.8 亿元", "隆回县 地区生产总值 2023年 233.01 亿元",
            ])
        #expect(data.observations.first?.provenance.location.description == path + "#表3-1 地区生产总值!C2")
    }

    @Test func xlsWithAChineseSheetNameChosenByName() throws {
        let csv = DatasetLoader.load(workbook("wide-years.csv"))
        let book = DataFiles.load(workbook("wide-years-chinese-sheet.xls#地区生产总值"))
        #expect(book.problems.isEmpty, "\(book.problems)")
        #expect(book.observations.map(Figure.init) == csv.observations.map(Figure.init))
        #expect(
            book.observations.first?.provenance.location.file == workbook("wide-years-chinese-sheet.xls") + "#地区生产总值")
    }
}

@Suite struct CellTests {
    @Test func everyKindOfCellReadsAsExcelShowsIt() throws {
        let data = DataFiles.load(workbook("cells.xlsx"))
        func value(_ indicator: String) -> Decimal? { data.observations.first { $0.indicator == indicator }?.value }
        #expect(value("地区生产总值") == Decimal(string: "170.25"))   // shared string in rich-text runs, 1.7025E2
        #expect(value("年末常住人口") == Decimal(string: "0.3"))   // binary noise cut at 15 digits
        #expect(value("一般公共预算收入") == Decimal(string: "17.025"))   // a formula's cached value
        #expect(value("社会消费品零售总额") == Decimal(string: "1234.5"))   // text with a thousands separator
        #expect(value("第一产业增加值") == nil)   // — is no figure
        #expect(data.observations.count == 4)
        // Excel's error values are reported at their cell, never read as zero.
        let messages = data.errors.map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages[0].hasPrefix(workbook("cells.xlsx") + "#数据!D6: ") && messages[0].contains("#DIV/0!"))
        #expect(messages[1].hasPrefix(workbook("cells.xlsx") + "#数据!D7: ") && messages[1].contains("#N/A"))
    }

    @Test func sheetsAreChosenByNameOrIndex() throws {
        let book = try Workbooks.open(workbook("yearbook.xlsx"))
        #expect(book.sheetNames == ["说明", "表3-1", "表3-2"])
        let byName = DataFiles.load(workbook("yearbook.xlsx#表3-1"))
        let byIndex = DataFiles.load(workbook("yearbook.xlsx"), options: LoadOptions(sheet: "2"))
        #expect(byName.observations.count == 7)
        #expect(byName.observations.map(Figure.init) == byIndex.observations.map(Figure.init))
        let missing = DataFiles.load(workbook("yearbook.xlsx#表9"))
        #expect(missing.errors.map(\.message) == ["no sheet “表9”; the sheets are 1 “说明”, 2 “表3-1”, 3 “表3-2”"])
    }
}

@Suite struct YearbookTests {
    @Test func titleUnitLineMergedCellsAndFootnotes() throws {
        let book = try Workbooks.open(workbook("yearbook.xlsx"))
        var loader = SheetLoader(file: SheetAddress.name(path: book.path, sheet: "表3-1"))
        try book.readRows(ofSheet: 1, sheetFile: loader.file) { loader.read($0) }
        let data = loader.finish()
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(loader.title == "表3-1 各县市区地区生产总值")
        #expect(loader.unitLine == "亿元")
        #expect(loader.notes == ["注：2023年为初步核算数。", "资料来源：邵阳市统计局《邵阳统计年鉴2024》。"])
        let figures = data.observations.map {
            "\($0.region.name) \($0.indicator) \($0.period.code) \($0.value) \($0.unit?.symbol ?? "")"
        }
        #expect(
            figures == [
                "新邵县 地区生产总值 2022 170.25 亿元", "新邵县 地区生产总值 2023 182.13 亿元",
                // A5 is covered by the merged A4:A5: the sub-item row is 新邵县's.
                "新邵县 第一产业增加值 2022 30.1 亿元",
                "隆回县 地区生产总值 2022 2330.11 亿元", "隆回县 地区生产总值 2023 240 亿元",
                // 其中：… under 隆回县, with no region of its own.
                "隆回县 第二产业增加值 2022 80.5 亿元", "隆回县 第二产业增加值 2023 88 亿元",
            ])
    }

    @Test func twoRowMergedHeaderJoinsIntoOneHeadingPerColumn() throws {
        let book = try Workbooks.open(workbook("yearbook.xlsx"))
        var loader = SheetLoader(file: SheetAddress.name(path: book.path, sheet: "表3-2"))
        try book.readRows(ofSheet: 2, sheetFile: loader.file) { loader.read($0) }
        let data = loader.finish()
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(loader.headings == ["地区", "地区生产总值（亿元）｜2022年", "地区生产总值（亿元）｜2023年"])
        #expect(loader.title == "表3-2 各县市区地区生产总值")
        #expect(loader.notes == ["资料来源：邵阳统计年鉴2024"])
        let figures = data.observations.map {
            "\($0.region.name) \($0.indicator) \($0.period.code) \($0.value) \($0.unit?.symbol ?? "")"
        }
        #expect(figures == ["新邵县 地区生产总值 2022 170.25 亿元", "新邵县 地区生产总值 2023 182.13 亿元", "隆回县 地区生产总值 2022 2330.11 亿元"])
        #expect(data.observations.last?.provenance.location.description == book.path + "#表3-2!B5")
    }

    @Test func subItemMarks() {
        #expect(SheetLoader.subItem("其中：第一产业") == "第一产业")
        #expect(SheetLoader.subItem("#工业") == "工业")
        #expect(SheetLoader.subItem("　　农业") == "农业")
        #expect(SheetLoader.subItem("地区生产总值") == nil)
    }

    @Test func unitLinesAsYearbooksWriteThem() {
        #expect(SheetLoader.unit(ofLine: "单位：亿元") == "亿元")
        #expect(SheetLoader.unit(ofLine: "（单位：万元）") == "万元")
        #expect(SheetLoader.unit(ofLine: "单位: 万人") == "万人")
        #expect(SheetLoader.unit(ofLine: "计量单位说明") == nil)
    }
}

@Suite struct MalformedWorkbookTests {
    func message(_ name: String) -> String {
        DataFiles.load(workbook(name)).errors.map(\.description).joined(separator: "\n")
    }

    @Test func catalogue() {
        #expect(
            message("truncated.xlsx") == workbook("truncated.xlsx")
                + ": not a readable .xlsx workbook (its ZIP directory is missing or damaged: truncated?)")
        #expect(
            message("no-shared-strings.xlsx") == workbook("no-shared-strings.xlsx")
                + "#Sheet1!B2: the cell refers to shared string 0, but the workbook has no sharedStrings part")
        #expect(
            message("out-of-order.xlsx") == workbook("out-of-order.xlsx")
                + "#表1!B3: cell reference B3 is out of order (it follows C3)")
        #expect(
            message("bomb.xlsx") == workbook("bomb.xlsx")
                + ": xl/worksheets/sheet1.xml unpacks to 300 MiB, more than the 256 MiB a part may (a zip bomb?)")
        #expect(DataFiles.load(workbook("inline-only.xlsx")).observations.count == 1)
    }

    /// The fuzzer's reproducer hung `check` under ZIPFoundation, which on Linux inflated past the entry and looped
    /// forever at the end of the file; through minizip it is refused at once, naming the part. So is a deflate
    /// stream cut short (`unending-deflate.xlsx`): minizip never reads past an entry's compressed size.
    @Test func deflateDataThatEndsEarlyIsAnErrorNotAHang() {
        #expect(
            message("unending-deflate.xlsx") == workbook("unending-deflate.xlsx")
                + ": cannot unpack xl/worksheets/sheet1.xml: its deflate data ends before the entry does"
                + " (a damaged or truncated workbook?)")
        #expect(
            message("deflate-past-entry-end.xlsx") == workbook("deflate-past-entry-end.xlsx")
                + ": cannot unpack xl/workbook.xml: its compression method is 8448, neither deflate (8) nor stored (0)"
                + " (a damaged or truncated workbook?)")
    }

    /// A part is checked against its CRC and its declared size as it is unpacked.
    @Test func entriesAreCheckedAsTheyAreUnpacked() throws {
        let archive = try #require(ZipArchive(path: workbook("inline-only.xlsx")))
        let entry = try #require(archive.entry("xl/worksheets/sheet1.xml"))
        var bytes: [UInt8] = []
        try archive.unpack(entry) { bytes.append(contentsOf: $0) }
        #expect(UInt64(bytes.count) == entry.uncompressedSize)
        #expect(String(decoding: bytes, as: UTF8.self).contains("<c r=\"D2\"><v>180.5</v></c>"))
        #expect(archive.entry("xl/worksheets/sheet2.xml") == nil)
        #expect(ZipArchive(path: workbook("truncated.xlsx")) == nil)
    }

    /// Years stored as dates in a 年份 column (LibreOffice's .xlsx: serials 44562, 44927, 45292 with the formats
    /// `yyyy`, `yyyy\年`, `yyyy\-mm\-dd`): read as the year the cell shows; a full date as the month it names.
    @Test func yearsStoredAsDatesReadAsTheYearsTheyShow() throws {
        let path = workbook("year-dates.xlsx")
        let book = try XLSXBook(path: path)
        var years: [String] = []
        try book.readRows(ofSheet: 0, sheetFile: path) { row in if row.number > 1 { years.append(row.text(2)) } }
        #expect(years == ["2022", "2023年", "2024-01-01"])
        let data = DataFiles.load(path)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.map(\.period.description) == ["2022年", "2023年", "2024年1月"])
        #expect(
            data.observations.map(\.value) == [
                Decimal(string: "170.25"), Decimal(string: "182.13"), Decimal(string: "190.5"),
            ])
    }

    @Test func dateFormatsAndSerials() {
        #expect(DateFormat(code: "yyyy")?.text(serial: 45292, date1904: false) == "2024")
        #expect(DateFormat(code: "yy\"年\"")?.text(serial: 45291.75, date1904: false) == "2023年")
        #expect(DateFormat(code: "[$-804]yyyy\"年\"m\"月\"d\"日\"")?.text(serial: 45351, date1904: false) == "2024年2月29日")
        #expect(DateFormat(code: "yyyy-mm-dd")?.text(serial: 61, date1904: false) == "1900-03-01")
        #expect(DateFormat(code: "yyyy-mm-dd")?.text(serial: 1, date1904: false) == "1900-01-01")
        // The 1904 system: serials 1,462 days (4 years and a day) smaller.
        #expect(DateFormat(code: "yyyy")?.text(serial: 43830, date1904: true) == "2024")
        #expect(DateFormat(builtIn: 14)?.text(serial: 45292, date1904: false) == "2024-01-01")
        for code in ["0.00", "General", "h:mm:ss", "mm:ss", "#,##0\"年\"", "\"yyyy\"0"] {
            #expect(DateFormat(code: code) == nil, "\(code)")
        }
        #expect(DateFormat(builtIn: 0) == nil && DateFormat(builtIn: 20) == nil)   // General, h:mm
    }

    @Test func cellReferences() {
        #expect(CellReference(Array("C12".utf8)) == CellReference(Array("$C$12".utf8)))
        #expect(CellReference(Array("AA3".utf8))?.column == 27)
        #expect(CellReference(Array("12".utf8)) == nil && CellReference(Array("A0".utf8)) == nil)
        #expect(SheetAddress.columnName(28) == "AB")
    }

    @Test func numbersAsExcelShowsThem() {
        #expect(ExcelNumber.shown(Array("1.5E-3".utf8)) == "0.0015")
        #expect(ExcelNumber.shown(Array("-1.2345678901234567E5".utf8)) == "-123456.789012346")
        #expect(ExcelNumber.shown(Array("2E3".utf8)) == "2000")
        #expect(ExcelNumber.isPlain(Array("280.4".utf8)) && !ExcelNumber.isPlain(Array("0.30000000000000004".utf8)))
    }
}
