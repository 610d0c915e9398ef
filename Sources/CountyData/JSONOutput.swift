import Foundation

/// JSON for machines to read, with decimals written exactly as they are (never via Double).
public indirect enum JSONOutput: Sendable, Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    public static func == (a: JSONOutput, b: JSONOutput) -> Bool { a.rendered() == b.rendered() }

    public static func decimal(_ d: Decimal?) -> JSONOutput {
        guard let d else { return .null }
        return .number(exactString(d))
    }

    public static func int(_ i: Int?) -> JSONOutput { i.map { .number(String($0)) } ?? .null }
    public static func text(_ s: String?) -> JSONOutput { s.map { .string($0) } ?? .null }

    /// Plain decimal digits, no exponent: 1865000000, 0.000123, -25.7.
    public static func exactString(_ d: Decimal) -> String {
        if let s = Exact.plainString(d) { return s }
        var s = NSDecimalNumber(decimal: d).stringValue
        if s.contains("E") || s.contains("e") { s = "\(d)" }
        return s
    }

    public func rendered(pretty: Bool = false, indent: String = "") -> String {
        let nl = pretty ? "\n" : "", step = pretty ? "  " : "", sep = pretty ? ": " : ":"
        switch self {
        case .string(let s): return Self.quote(s)
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            let inner = items.map { indent + step + $0.rendered(pretty: pretty, indent: indent + step) }
            return "[" + nl + inner.joined(separator: "," + nl) + nl + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let inner = members.map {
                indent + step + Self.quote($0.0) + sep + $0.1.rendered(pretty: pretty, indent: indent + step)
            }
            return "{" + nl + inner.joined(separator: "," + nl) + nl + indent + "}"
        }
    }

    /// A JSON string literal (RFC 8259 escapes; non-ASCII kept as UTF-8): the one JSON quoting rule.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension DataError {
    /// The problem as a JSON object: file, line, column, key, severity, message; and `unlisted`, how many
    /// more of its kind were not listed, when there are any.
    public var json: JSONOutput {
        .object(
            [
                ("file", .string(location.file)), ("line", .int(location.line)), ("column", .int(location.column)),
                ("key", .text(location.key)), ("severity", .string(severity.rawValue)), ("message", .string(message)),
            ] + (unlisted > 0 ? [("unlisted", .int(unlisted))] : []))
    }
}
