import Foundation

/// A CSV file read into rows of strings, each row with the line it came from.
public struct Table: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
        /// The 1-based character column where each field starts.
        public var columns: [Int]
    }

    public var file: String
    public var header: [String]
    public var rows: [Row]

    /// Reads `path` as CSV (comma or tab, guessed), decoding it as `encoding` or by detection: in
    /// windows, checked as it is read, as the data loader reads a file (`TextFile.withText`, `CSVWindows`).
    public static func load(path: String, encoding: TextEncoding? = nil) throws -> Table {
        try load(path: path, encoding: encoding, windowSize: CSVWindows.standardSize)
    }

    /// `load`, `windowSize` and `piece` bytes at a time (tests give tiny ones).
    static func load(path: String, encoding: TextEncoding?, windowSize: Int, piece: Int = TextStream.standardPiece) throws
        -> Table
    {
        var table = Table(file: path, header: [], rows: [])
        try forEachRow(path: path, encoding: encoding, windowSize: windowSize, piece: piece) {
            table = $0
        } row: {
            table.rows.append($0)
        }
        return table
    }

    /// Reads `path` as `load` does without keeping its rows: `header` is given the table without rows
    /// once its header is read and checked, then `row` each row in order. A file that turns out not to
    /// be UTF-8 is read again as GB18030: `header` is called again, and the rows start over.
    public static func forEachRow(
        path: String, encoding: TextEncoding? = nil, header: (Table) throws -> Void, row: (Row) throws -> Void
    ) throws {
        try forEachRow(path: path, encoding: encoding, windowSize: CSVWindows.standardSize, header: header, row: row)
    }

    static func forEachRow(
        path: String, encoding: TextEncoding?, windowSize: Int, piece: Int = TextStream.standardPiece,
        header: (Table) throws -> Void, row: (Row) throws -> Void
    ) throws {
        let (fd, size) = try TextFile.openChecked(path: path, asText: true, reading: .rows)
        defer { close(fd) }
        try TextFile.withText(path: path, encoding: encoding, piece: piece, source: fd) { text in
            var windows = CSVWindows(text, size: size, windowSize: windowSize)
            try read(&windows, file: path, header: header, row: row)
        }
    }

    /// Parses UTF-8 CSV bytes; `file` names the source in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws -> Table {
        var windows = CSVWindows(file: file, size: bytes.count, windowSize: max(1, bytes.count)) { into, count, offset in
            let n = max(0, min(count, bytes.count - offset))
            bytes.withUnsafeBytes { if n > 0 { into.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
            return n
        }
        var table = Table(file: file, header: [], rows: [])
        try read(&windows, file: file) { table = $0 } row: { table.rows.append($0) }
        return table
    }

    /// Reads the windows' records: the header (checked: not empty, no name twice), then each row; the
    /// first CSV syntax error is thrown.
    static func read(
        _ windows: inout CSVWindows, file: String, header: (Table) throws -> Void, row: (Row) throws -> Void
    ) throws {
        var names: [String]? = nil
        var line = 1
        do {
            try windows.forEach { parser, range, final in
                var start = range.lowerBound
                if names == nil {
                    let bom = parser.origin.isFileStart && parser.bytes.starts(with: [0xEF, 0xBB, 0xBF])
                    let read = try parser.records(in: (bom ? 3 : 0)..<range.upperBound, firstLine: 1, final: final) {
                        names = $0.strings.map { $0.trimmingSpaces }
                        return false
                    }
                    if names == nil && !final { return start }   // the header goes on in the next window
                    (start, line) = read
                    if let names { try header(checkedHeader(names, file: file)) }
                }
                let read = try parser.records(in: start..<range.upperBound, firstLine: line, final: final) { record in
                    try row(Row(line: record.line, fields: record.strings, columns: record.columns))
                    return true
                }
                line = read.line
                return read.end
            }
        } catch let e as CSVSyntaxError {
            throw DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message)
        }
        if names == nil { _ = try checkedHeader([], file: file) }
    }

    /// A table of `header` without rows, or the error when the header is empty or names a column twice.
    private static func checkedHeader(_ header: [String], file: String) throws -> Table {
        guard !header.allSatisfy(\.isEmpty) else {
            throw DataError(SourceLocation(file: file, line: 1), "the file is empty: expected a header row")
        }
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                throw DataError(
                    SourceLocation(file: file, line: 1, column: nil, key: name),
                    "column “\(name)” appears twice (columns \(first + 1) and \(i + 1))")
            }
            seen[name] = i
        }
        return Table(file: file, header: header, rows: [])
    }

    /// The index of the column named `name`, or an error listing the columns there are.
    public func columnIndex(_ name: String) throws -> Int {
        if let i = header.firstIndex(of: name) { return i }
        throw DataError(
            SourceLocation(file: file, line: 1),
            "no column “\(name)”; the columns are " + header.map { "“\($0)”" }.joined(separator: ", "))
    }

    /// Field `index` of `row`, or an error when the row is too short.
    public func field(_ row: Row, _ index: Int) throws -> String {
        guard index < row.fields.count else {
            throw DataError(
                SourceLocation(file: file, line: row.line),
                "the row has \(row.fields.count) fields; expected \(header.count) (column “\(header[index])” is missing)"
            )
        }
        return row.fields[index]
    }

    public func location(_ row: Row, _ index: Int) -> SourceLocation {
        SourceLocation(file: file, line: row.line, column: index < row.columns.count ? row.columns[index] : nil)
    }
}
