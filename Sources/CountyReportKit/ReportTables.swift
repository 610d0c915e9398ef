import Formatting
import Foundation
import PageLayout
import Workbooks

/// `report --tables xlsx`: every table of a report as a sheet of one workbook (`tables.xlsx` beside the
/// PDF), named for its caption (`表1 主要经济指标`), the unit in the headings, each printed figure a number
/// whose cell format prints it as the PDF does (`280.40` is 280.4 shown as `0.00`), other cells as
/// printed (`—`, `2023年`, `19.4∶36.3∶44.3`), the table's notes and the report's sources below.
public enum ReportTables {
    /// The workbook's name in a report's folder.
    public static let fileName = "tables.xlsx"

    /// The report's tables as sheets (pure values: nothing is written).
    public static func sheets(_ tables: [TableBlock], sources: [String]) -> [SheetTable] {
        tables.map { sheet($0, sources: sources) }
    }

    static func sheet(_ t: TableBlock, sources: [String]) -> SheetTable {
        let headings = t.header.enumerated().map { i, heading in
            guard i < t.units.count, let unit = t.units[i], !unit.isEmpty, !heading.contains("（\(unit)）") else {
                return heading
            }
            return heading + "（\(unit)）"
        }
        let rows = t.rows.map { row in
            row.cells.enumerated().map { i, text -> SheetTable.Cell in
                if i == 0 { return .text(String(repeating: "\u{3000}", count: row.indent) + text) }
                if text.isEmpty { return .empty }
                if let figure = NumberFormat.reading(text) {
                    return .number(figure.value, decimals: figure.format.decimals)
                }
                return .text(text)
            }
        }
        return SheetTable(
            name: t.number + " " + t.title, headings: headings, rows: rows, notes: t.notes, sources: sources)
    }

    /// The tables of laid-out blocks, in order.
    public static func tables(of blocks: [Block]) -> [TableBlock] {
        blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
    }
}
