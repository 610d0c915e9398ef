import CountyData
import Formatting
import Foundation

/// A metric as shown: rounded by the one rule (`Rounding`, 四舍五入) to the decimals of the one
/// table (`Decimals`: 亿元 2, % and 百分点 1, 元 0 …) unless the caller says otherwise.
public enum Display {
    /// The metric's value rounded for display, or “—” when it is absent; a structure's parts
    /// joined with ∶.
    public static func text(_ metric: Metric, decimals: Int? = nil) -> String {
        if let parts = metric.parts {
            let d = decimals ?? Decimals.shown(unit: metric.unit, values: parts.lazy.map { Optional($0) })
            return parts.map { NumberFormat(decimals: d).string($0) }.joined(separator: Typography.ratioColon)
        }
        guard let v = metric.value else { return "—" }
        return NumberFormat(
            decimals: decimals ?? Decimals.shown(unit: metric.unit, values: CollectionOfOne<Decimal?>(v))
        ).string(v)
    }
}
