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

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        if let key { s += line == nil ? ":\(key)" : " (\(key))" }
        return s
    }
}

/// A problem with input data, printed as one line: `file:line:column: message`.
public struct DataError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var location: SourceLocation
    public var message: String
    public var severity: Severity

    public init(_ location: SourceLocation, _ message: String, severity: Severity = .error) {
        self.location = location; self.message = message; self.severity = severity
    }

    public var description: String { "\(location): \(severity == .warning ? "warning: " : "")\(message)" }
}
