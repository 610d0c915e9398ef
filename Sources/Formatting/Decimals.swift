import Foundation

/// How many decimals a figure is shown with: the one table of CountyReport.
///
/// | unit | decimals |
/// |---|---|
/// | 亿元, 亿, and any unit with a 亿 magnitude (亿千瓦时) | 2 |
/// | 万元, 万, and units with a 万 magnitude (万人, 万吨): bulletins print them as counted (5763万元, 12.3万人) | as the figures carry, at most 2 |
/// | %, ％, ‰, 百分点, an index (2018=100) | 1 |
/// | 元, 元/人, 人, 位, 个, 家, 项, 户 | 0 |
/// | any other unit, or none | as many as the figures carry, at most 2 |
///
/// “As the figures carry” is as the input wrote the figure when that is known (`written`: 1286.40万件 prints
/// 1286.40, though the exact value 1286.4 has one decimal), else as the exact values have them.
/// An explicit choice (a chart spec's `decimals`, `--decimals`) always wins over the table.
public enum Decimals {
    /// The table's decimals for `unit`; nil for a unit it has no rule for.
    public static func forUnit(_ unit: String?) -> Int? {
        guard let unit else { return nil }
        switch unit {
        case "亿元", "亿": return 2
        case "%", "％", "‰", "百分点": return 1
        case "元", "元/人", "人", "位", "个", "家", "项", "户": return 0
        default:
            if isIndexBase(unit) { return 1 }
            if unit.hasPrefix("亿") { return 2 }
            return nil
        }
    }

    /// As many decimals as the exact figures carry, at most `limit` (0 without figures).
    public static func carried<S: Sequence>(by values: S, limit: Int = 2) -> Int where S.Element == Decimal? {
        var most = 0
        for case let v? in values { most = max(most, -Int(v.exponent)) }
        return min(most, limit)
    }

    /// The decimals to show figures in `unit`: the table's, else as the input wrote them (`written`, when
    /// known), else as the figures carry; at most 2 either way.
    public static func shown<S: Sequence>(unit: String?, values: S, written: Int? = nil) -> Int
    where S.Element == Decimal? {
        forUnit(unit) ?? max(min(written ?? 0, 2), carried(by: values))
    }

    /// True for an index's base written as its unit: 2018=100, 上年=100, 上年＝100.
    public static func isIndexBase(_ unit: String) -> Bool { unit.hasSuffix("=100") || unit.hasSuffix("＝100") }
}
