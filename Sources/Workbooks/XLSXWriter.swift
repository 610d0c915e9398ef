import CXLSXWriter
import CountyData
import Foundation

/// A table to write as one sheet: headings (units in them), rows, its notes (注：…) and a sources line below.
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
    /// One row each below the table, as written (`注：…`).
    public var notes: [String]
    public var sources: [String]

    public init(name: String, headings: [String], rows: [[Cell]], notes: [String] = [], sources: [String] = []) {
        self.name = name; self.headings = headings; self.rows = rows; self.notes = notes; self.sources = sources
    }
}

/// Writes tables as an .xlsx workbook with libxlsxwriter: a sheet per table, the header row bold and
/// frozen, numbers as numbers with the display rounding as their format (`0.00;"−"0.00`: negative numbers with
/// the true minus sign), sources in the last
/// row (sheet names: at most 31 characters, without `[]:*?/\\`; a name left empty or taken becomes `SheetN`).
public enum XLSXWriter {
    /// Writes the workbook to `path` whole or not at all (a temporary file beside it, then a rename).
    public static func write(_ tables: [SheetTable], to path: String) throws(DataError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).countyreport-\(getpid()).tmp"
        ).path
        try write(tables, file: temporary, naming: path, created: nil)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DataError(SourceLocation(file: path), "cannot write the workbook: \(reason)")
        }
    }

    /// The workbook's bytes, for a caller that commits them with other files as one set. libxlsxwriter
    /// writes only to files: it is made as a temporary file in `scratchFolder`, named as Regeneration
    /// names its temporaries (`.NAME.countyreport-PID-RANDOM.tmp`, which a killed run's cleanup
    /// removes), read and removed.
    /// `created` (seconds since 1970) is the creation time written into the workbook: with it the same tables
    /// give the same bytes (else it is now).
    public static func bytes(_ tables: [SheetTable], name: String, scratchFolder: String, created: Int? = nil)
        throws(DataError) -> Data
    {
        let target = scratchFolder + "/" + name
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temporary =
            scratchFolder + "/.\(name).countyreport-\(getpid())-"
            + String(repeating: "0", count: 16 - random.count) + random + ".tmp"
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else {
            throw DataError(
                SourceLocation(file: target), "cannot write the workbook: \(String(cString: strerror(errno)))")
        }
        close(fd)
        defer { unlink(temporary) }
        try write(tables, file: temporary, naming: target, created: created)
        do { return try Data(contentsOf: URL(fileURLWithPath: temporary)) } catch {
            throw DataError(SourceLocation(file: target), "cannot read the workbook back: \(error)")
        }
    }

    /// Writes the workbook into `file`; errors name `path`.
    private static func write(_ tables: [SheetTable], file temporary: String, naming path: String, created: Int?)
        throws(DataError)
    {
        guard let book = workbook_new(temporary) else {
            throw DataError(SourceLocation(file: path), "cannot create the workbook")
        }
        if let created {
            var properties = lxw_doc_properties()
            properties.created = time_t(created)
            workbook_set_properties(book, &properties)
        }
        let bold = workbook_add_format(book)
        format_set_bold(bold)
        var numberFormats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
        func numberFormat(_ decimals: Int) -> UnsafeMutablePointer<lxw_format>? {
            if let f = numberFormats[decimals] { return f }
            let f = workbook_add_format(book)
            // Negative numbers with the true minus sign, as the tool prints them (−0.8, not -0.8).
            let digits = decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals)
            format_set_num_format(f, digits + ";\"\u{2212}\"" + digits)
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
            for (k, note) in table.notes.enumerated() {
                worksheet_write_string(sheet, lxw_row_t(table.rows.count + 1 + k), 0, note, nil)
            }
            if !table.sources.isEmpty {
                worksheet_write_string(
                    sheet, lxw_row_t(table.rows.count + 1 + table.notes.count), 0,
                    "资料来源：" + table.sources.joined(separator: "；"), nil)
            }
        }
        let status = workbook_close(book)
        guard status == LXW_NO_ERROR else {
            unlink(temporary)
            throw DataError(
                SourceLocation(file: path), "cannot write the workbook: \(String(cString: lxw_strerror(status)))")
        }
    }
}
