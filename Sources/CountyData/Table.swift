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

    /// Reads `path` as CSV (comma or tab, guessed), decoding it as `encoding` or by detection.
    public static func load(path: String, encoding: TextEncoding? = nil) throws -> Table {
        let text = try TextFile.readUTF8(path: path, encoding: encoding)
        return try parse(text, file: path)
    }

    /// Parses UTF-8 CSV bytes; `file` names the source in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws -> Table {
        let parser = CSVParser(bytes: bytes, delimiter: CSVParser.sniffDelimiter(bytes))
        var header: [String]? = nil
        var rows: [Row] = []
        do {
            try parser.forEachRecord { record in
                if header == nil {
                    header = record.strings.map { $0.trimmingSpaces }
                } else {
                    rows.append(Row(line: record.line, fields: record.strings, columns: record.columns))
                }
            }
        } catch let e as CSVSyntaxError {
            throw DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message)
        }
        guard let header, !header.allSatisfy(\.isEmpty) else {
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
        return Table(file: file, header: header, rows: rows)
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
