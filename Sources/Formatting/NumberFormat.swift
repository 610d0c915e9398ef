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

    /// A figure as `string` prints it, read back: its exact value and the format that prints it so
    /// (`−1,234.50` → −1234.5 with 2 decimals, grouped). Nil for any other text (`—`, `2023年`, `19.4∶36.3`).
    public static func reading(_ text: String) -> (value: Decimal, format: NumberFormat)? {
        var body = Substring(text)
        let negative = body.hasPrefix(Typography.minus)
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], frac = parts.count > 1 ? parts[1] : ""
        let grouping = whole.contains(",")
        let digits = whole.filter { $0 != "," }
        guard !digits.isEmpty, digits.allSatisfy(Self.isDigit), frac.allSatisfy(Self.isDigit),
            parts.count == 1 || !frac.isEmpty, !grouping || grouped(digits) == whole,
            let magnitude = Decimal(
                string: digits + (frac.isEmpty ? "" : "." + frac), locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        return (negative ? -magnitude : magnitude, NumberFormat(decimals: frac.count, grouping: grouping))
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isWholeNumber }

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
