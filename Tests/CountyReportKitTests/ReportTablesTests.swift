import CountyReportKit
import Foundation
import PageLayout
import Testing
import Workbooks

/// A report table as a workbook sheet: named for its caption, the unit in the value column's heading,
/// each printed figure a number formatted to its printed decimals, other cells as printed.
@Suite struct ReportTablesTests {
    static let table = TableBlock(
        number: "表2", title: "主要经济指标", unitNote: "单位：亿元",
        header: ["指标", "2023年", "单位", "比上年增长（%）", "全市位次"],
        alignments: [.leading, .trailing, .center, .trailing, .trailing], widths: [2.6, 1.2, 0.8, 1.2, 1.2],
        rows: [
            .init(["地区生产总值", "1,280.40", "亿元", "\u{2212}0.5", "3"]),
            .init(["第一产业增加值", "—", "亿元", "4.0", ""], indent: 1),
            .init(["三次产业结构", "19.4∶36.3∶44.3", "%", "—", "—"]),
        ],
        notes: ["注：2023年为初步核算数。"], units: [nil, "亿元", nil, nil, nil])

    @Test func aTableBecomesASheetOfNumbersFormattedAsPrinted() {
        let sheet = ReportTables.sheets([Self.table], sources: ["d.csv：http://example.org/gb"])[0]
        #expect(sheet.name == "表2 主要经济指标")
        #expect(sheet.headings == ["指标", "2023年（亿元）", "单位", "比上年增长（%）", "全市位次"])
        #expect(
            sheet.rows[0] == [
                .text("地区生产总值"), .number(Decimal(string: "1280.4")!, decimals: 2), .text("亿元"),
                .number(Decimal(string: "-0.5")!, decimals: 1), .number(3, decimals: 0),
            ])
        #expect(
            sheet.rows[1] == [.text("\u{3000}第一产业增加值"), .text("—"), .text("亿元"), .number(4, decimals: 1), .empty])
        #expect(sheet.rows[2][1] == .text("19.4∶36.3∶44.3"))
        #expect(sheet.notes == ["注：2023年为初步核算数。"])
        #expect(sheet.sources == ["d.csv：http://example.org/gb"])
    }

    @Test func aHeadingThatNamesItsUnitIsLeftAsItIs() {
        var t = Self.table
        t.header[1] = "2023年（亿元）"
        #expect(ReportTables.sheets([t], sources: [])[0].headings[1] == "2023年（亿元）")
    }
}
