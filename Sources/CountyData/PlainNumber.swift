import Foundation

/// Strict reading of a plain decimal cell (“233.0109”, “-0.5”, “1,234”), and of the marks that mean
/// a value is missing (“—”, “-”, “…”, empty). Used where a column must hold bare numbers.
public enum PlainNumber {
    /// Marks that mean “no figure”, never zero.
    public static let missingMarks: Set<String> = [
        "", "—", "——", "-", "--", "…", "……", "...", "－", "NA", "N/A", "null",
    ]

    public enum Reading: Equatable, Sendable {
        case missing
        case value(Decimal)
        case invalid
    }

    public static func read(_ raw: String) -> Reading {
        let s = raw.trimmingSpaces
        if missingMarks.contains(s) { return .missing }
        var body = Substring(s)
        var negative = false
        if let f = body.first, f == "-" || f == "−" || f == "+" {
            negative = f != "+"
            body = body.dropFirst()
        }
        var digits = ""
        var sawDigit = false, sawPoint = false
        for ch in body {
            if ch.isASCII, ch.isNumber {
                digits.append(ch); sawDigit = true
            } else if ch == ".", !sawPoint {
                digits.append(ch); sawPoint = true
            } else if ch == ",", !sawPoint, sawDigit {
                continue
            } else {
                return .invalid
            }
        }
        guard sawDigit, digits.last != ".", !tooPrecise(digits),
            let d = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
        else {
            return .invalid
        }
        return .value(negative ? -d : d)
    }

    /// Whether `digits` (ASCII digits and at most one point) has more significant digits — from the
    /// first non-zero digit to the last — than a value keeps exactly (`Limits.significantDigits`, 38):
    /// such a number is refused, never cut.
    public static func tooPrecise(_ digits: String) -> Bool {
        var count = 0, pendingZeros = 0, started = false
        for b in digits.utf8 where b != UInt8(ascii: ".") {
            if b == UInt8(ascii: "0") {
                if started { pendingZeros += 1 }
            } else {
                count += pendingZeros + 1
                pendingZeros = 0
                started = true
            }
        }
        return count > Limits.standard.significantDigits
    }
}
