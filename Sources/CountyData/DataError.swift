/// Where in an input a problem is: a file, and a line and column or a key path within it.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// A JSON path or column name, when the location is not a line.
    public var key: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil) {
        self.file = file; self.line = line; self.column = column; self.key = key
    }

    /// `file:line:column`, or for a worksheet (`gdp.xlsx#表3-1`) the cell as Excel names it: `gdp.xlsx#表3-1!C12`
    /// (a whole row `!12:12`).
    public var description: String {
        var s = file
        if SheetAddress.isSheet(file), let line {
            s += column.map { "!\(SheetAddress.columnName($0))\(line)" } ?? "!\(line):\(line)"
            if let key { s += " (\(key))" }
            return s
        }
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        if let key { s += line == nil ? ":\(key)" : " (\(key))" }
        return s
    }
}

/// How a worksheet is named as an input: `path#sheet` (`gdp.xlsx#表3-1`), the one rule for telling a sheet's
/// locations (row = line, column = cell column) from a text file's.
public enum SheetAddress {
    /// The file extensions of workbooks, lowercased.
    public static let workbookExtensions = ["xlsx", "xlsm", "xls"]

    /// `path#sheet`.
    public static func name(path: String, sheet: String) -> String { path + "#" + sheet }

    /// The workbook path and the sheet (name or 1-based index as written) of `path#sheet`; nil when `text`
    /// does not name a workbook, and a nil sheet when it names a workbook without one.
    public static func split(_ text: String) -> (path: String, sheet: String?)? {
        var search = text.startIndex
        while let hash = text[search...].firstIndex(of: "#") {
            if isWorkbook(String(text[..<hash])) {
                return (String(text[..<hash]), String(text[text.index(after: hash)...]))
            }
            search = text.index(after: hash)
        }
        return isWorkbook(text) ? (text, nil) : nil
    }

    /// Whether `path` ends in a workbook extension.
    public static func isWorkbook(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return workbookExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// Whether a location's file is a worksheet.
    public static func isSheet(_ file: String) -> Bool {
        file.utf8.contains(UInt8(ascii: "#")) && split(file)?.sheet != nil   // every printed location asks: most have no #
    }

    /// Excel's letters for a 1-based column: 1 → A, 27 → AA.
    public static func columnName(_ column: Int) -> String {
        var n = column, letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}

/// A problem with input data, printed as one line: `file:line:column: message`.
public struct DataError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var location: SourceLocation
    public var message: String
    public var severity: Severity
    /// How many more problems of this severity its check or its file's rows gave and did not list
    /// (`Limits.problemsListed`): this one, the last of its severity listed, stands for them too.
    public var unlisted = 0

    public init(_ location: SourceLocation, _ message: String, severity: Severity = .error) {
        self.location = location; self.message = message; self.severity = severity
    }

    /// This problem and those it stands for.
    public var count: Int { 1 + unlisted }

    public var description: String {
        let kind = severity == .warning ? "warning" : "error"
        let more =
            unlisted > 0
            ? " (and \(unlisted) more \(kind)\(unlisted == 1 ? "" : "s") after it, not listed: Limits.problemsListed)" : ""
        return "\(location): \(severity == .warning ? "warning: " : "")\(message)\(more)"
    }
}
