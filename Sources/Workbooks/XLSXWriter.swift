import CXLSXWriter
import CountyData
import Foundation

/// A table to write as one sheet: headings (units in them), rows, and a sources line below.
public struct SheetTable: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number stored as a number, shown rounded to `decimals` by the cell's number format.
        case number(Decimal, decimals: Int)
        case empty
    }

    public var name: String
    public var headings: [String]
    public var rows: [[Cell]]
    public var sources: [String]

    public init(name: String, headings: [String], rows: [[Cell]], sources: [String] = []) {
        self.name = name; self.headings = headings; self.rows = rows; self.sources = sources
    }
}

/// Writes tables as an .xlsx workbook with libxlsxwriter: a sheet per table, the header row bold and
/// frozen, numbers as numbers with the display rounding as their format (`0.00`), sources in the last
/// row. The file is written whole or not at all (a temporary file beside it, then a rename).
public enum XLSXWriter {
    public static func write(_ tables: [SheetTable], to path: String) throws(DataError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).countyreport-\(getpid()).tmp"
        ).path
        guard let book = workbook_new(temporary) else {
            throw DataError(SourceLocation(file: path), "cannot create the workbook")
        }
        let bold = workbook_add_format(book)
        format_set_bold(bold)
        var numberFormats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
        func numberFormat(_ decimals: Int) -> UnsafeMutablePointer<lxw_format>? {
            if let f = numberFormats[decimals] { return f }
            let f = workbook_add_format(book)
            format_set_num_format(f, decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals))
            numberFormats[decimals] = f
            return f
        }
        var used = Set<String>()
        for table in tables {
            var name = String(table.name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            if name.isEmpty || used.contains(name) { name = "Sheet\(used.count + 1)" }
            used.insert(name)
            guard let sheet = workbook_add_worksheet(book, name) else { continue }
            for (c, heading) in table.headings.enumerated() {
                worksheet_write_string(sheet, 0, lxw_col_t(c), heading, bold)
                worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), max(8, Double(heading.count) * 2.2), nil)
            }
            worksheet_freeze_panes(sheet, 1, 0)
            for (r, row) in table.rows.enumerated() {
                for (c, cell) in row.enumerated() {
                    let at = lxw_row_t(r + 1), column = lxw_col_t(c)
                    switch cell {
                    case .text(let s): worksheet_write_string(sheet, at, column, s, nil)
                    case .number(let v, let d):
                        worksheet_write_number(
                            sheet, at, column, NSDecimalNumber(decimal: v).doubleValue, numberFormat(d))
                    case .empty: break
                    }
                }
            }
            if !table.sources.isEmpty {
                worksheet_write_string(
                    sheet, lxw_row_t(table.rows.count + 1), 0, "资料来源：" + table.sources.joined(separator: "；"), nil)
            }
        }
        let status = workbook_close(book)
        guard status == LXW_NO_ERROR else {
            unlink(temporary)
            throw DataError(
                SourceLocation(file: path), "cannot write the workbook: \(String(cString: lxw_strerror(status)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DataError(SourceLocation(file: path), "cannot write the workbook: \(reason)")
        }
    }
}
