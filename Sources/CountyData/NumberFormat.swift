import Foundation

/// Formats numbers the way Chinese official statistics print them: fixed decimals, rounded
/// half away from zero (四舍五入) on the exact decimal value, a true minus sign (−).
public struct NumberFormat: Hashable, Sendable {
    public var decimals: Int
    /// Group thousands with commas (off in bulletins' text; some tables use it).
    public var grouping: Bool

    public init(decimals: Int, grouping: Bool = false) {
        self.decimals = decimals; self.grouping = grouping
    }

    /// The minus sign used for negative numbers.
    public static let minus = "\u{2212}"

    /// Rounds `value` half away from zero to `decimals` places, exactly.
    public static func round(_ value: Decimal, decimals: Int) -> Decimal {
        if let r = Exact.rounded(value, decimals: decimals) { return r }
        var v = value, r = Decimal()
        NSDecimalRound(&r, &v, decimals, .plain)
        return r
    }

    public func string(_ value: Decimal) -> String {
        let rounded = Self.round(value, decimals: decimals)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        var digits = Exact.plainString(magnitude) ?? NSDecimalNumber(decimal: magnitude).stringValue  // plain digits, '.' separator
        if digits.contains("e") || digits.contains("E") { digits = "\(magnitude)" }
        let parts = digits.split(separator: ".", maxSplits: 1).map(String.init)
        var whole = parts.isEmpty ? "0" : parts[0]
        var frac = parts.count > 1 ? parts[1] : ""
        if frac.count < decimals { frac += String(repeating: "0", count: decimals - frac.count) }
        if frac.count > decimals { frac = String(frac.prefix(decimals)) }
        if grouping, whole.count > 3 {
            var grouped = ""
            for (i, ch) in whole.reversed().enumerated() {
                if i > 0, i % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
            whole = String(grouped.reversed())
        }
        let body = decimals > 0 ? whole + "." + frac : whole
        return (negative ? Self.minus : "") + body
    }

    public func string(_ value: Double) -> String {
        // The shortest text that reads back as `value` (12.5, not 12.4999…), read without a locale.
        let text = String(value)
        return string(CellReader.fastDecimal(Array(text.utf8)) ?? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(value))
    }
}
