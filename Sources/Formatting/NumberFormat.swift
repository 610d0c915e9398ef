import CountyData
import Foundation

/// Formats numbers the way Chinese official statistics print them: fixed decimals, rounded by
/// `Rounding.halfAwayFromZero`, a true minus sign (−), no grouping unless asked for.
public struct NumberFormat: Hashable, Sendable {
    public var decimals: Int
    /// Group thousands with commas (off in bulletins' text; some tables use it).
    public var grouping: Bool

    public init(decimals: Int, grouping: Bool = false) {
        self.decimals = decimals; self.grouping = grouping
    }

    public func string(_ value: Decimal) -> String {
        let rounded = Rounding.halfAwayFromZero(value, decimals: decimals)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        var digits = Exact.plainString(magnitude) ?? NSDecimalNumber(decimal: magnitude).stringValue   // plain digits, '.' separator
        if digits.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) { digits = "\(magnitude)" }
        let parts = digits.split(separator: ".", maxSplits: 1).map(String.init)
        var whole = parts.isEmpty ? "0" : parts[0]
        var frac = parts.count > 1 ? parts[1] : ""
        if frac.count < decimals { frac += String(repeating: "0", count: decimals - frac.count) }
        if frac.count > decimals { frac = String(frac.prefix(decimals)) }
        if grouping { whole = Self.grouped(whole) }
        let body = decimals > 0 ? whole + "." + frac : whole
        return (negative ? Typography.minus : "") + body
    }

    public func string(_ value: Double) -> String {
        // The shortest text that reads back as `value` (12.5, not 12.4999…), read without a locale.
        let text = String(value)
        return string(
            CellReader.fastDecimal(Array(text.utf8)) ?? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
                ?? Decimal(value))
    }

    /// 1668595 → 1,668,595.
    static func grouped(_ whole: String) -> String {
        guard whole.count > 3 else { return whole }
        var grouped = ""
        for (i, ch) in whole.reversed().enumerated() {
            if i > 0, i % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return String(grouped.reversed())
    }
}
