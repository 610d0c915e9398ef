/// The signs and spacing of Chinese statistical text, in one place.
///
/// Spacing rule: nothing between a number and its unit (166.86亿元, 6.9%, 3位) and nothing between
/// Chinese characters and digits (2023年, 居全市第3位), as mainland bulletins print them.
/// Everything that joins a number and a unit goes through `figure(_:unit:)`.
public enum Typography {
    /// The minus sign of negative numbers (U+2212), never the hyphen.
    public static let minus = "\u{2212}"
    /// The ratio colon of structures (U+2236): 19.4∶36.3∶44.3.
    public static let ratioColon = "\u{2236}"
    /// The dash of spans (U+2014): 2018—2023年, 1—6月.
    public static let spanDash = "\u{2014}"
    /// The enumeration comma (U+3001) of lists: 2019年、2021年.
    public static let listComma = "\u{3001}"
    /// What stands between a number and its unit: nothing.
    public static let unitSpace = ""

    /// A number and its unit: 166.86亿元, 6.9%. An index base (2018=100) is a note, not a unit:
    /// 114.9（2018=100）. No unit gives the number alone.
    public static func figure(_ number: String, unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return number }
        if Decimals.isIndexBase(unit) { return number + "（" + unit + "）" }
        return number + unitSpace + unit
    }

    /// The unit row of a chart or table: 单位：亿元.
    public static func unitLabel(_ unit: String) -> String { "单位：" + unit }

    /// A source note: 资料来源：… (kept as written when it already says so).
    public static func sourceNote(_ source: String) -> String {
        source.hasPrefix("资料来源") ? source : "资料来源：" + source
    }
}
