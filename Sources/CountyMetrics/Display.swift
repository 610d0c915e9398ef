import CountyData
import Foundation

/// The one rounding rule of CountyReport: full precision inside, rounded half away from zero
/// (四舍五入) only for display, to the unit's decimals — 亿元 and 万元 2, % and 百分点 1,
/// 元 and 元/人 0, an index 1 — unless the caller says otherwise.
public enum Display {
    public static func decimals(forUnit unit: String) -> Int {
        switch unit {
        case "亿元", "万元", "亿", "万": 2
        case "%", "‰", "百分点": 1
        case "元", "元/人", "人", "位", "个", "家", "项", "户": 0
        default: unit.hasSuffix("=100") ? 1 : 2
        }
    }

    /// The metric's value rounded for display, or “—” when it is absent.
    public static func text(_ metric: Metric, decimals: Int? = nil) -> String {
        let d = decimals ?? Self.decimals(forUnit: metric.unit)
        if let parts = metric.parts { return parts.map { NumberFormat(decimals: d).string($0) }.joined(separator: "∶") }
        guard let v = metric.value else { return "—" }
        return NumberFormat(decimals: d).string(v)
    }
}
