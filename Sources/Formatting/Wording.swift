import Foundation

/// Phrases the way Chinese official statistics word changes, ranks and structures.
public enum Wording {
    /// 增长6.9% or 下降0.5% (never 增长-0.5%); 持平 when it rounds to zero. With a base (上年):
    /// 比上年增长6.9%, 与上年持平.
    public static func change(_ percent: Decimal, decimals: Int = 1, against base: String? = nil) -> String {
        signed(percent, decimals: decimals, up: "增长", down: "下降", unit: "%", against: base)
    }

    /// 提高1.2个百分点 or 下降0.3个百分点; 持平 when it rounds to zero. With a base (上年):
    /// 比上年提高1.2个百分点.
    public static func pointChange(_ points: Decimal, decimals: Int = 1, against base: String? = nil) -> String {
        signed(points, decimals: decimals, up: "提高", down: "下降", unit: "个百分点", against: base)
    }

    /// 年均增长5.3% (compound annual growth); 年均下降0.4%.
    public static func averageGrowth(_ percent: Decimal, decimals: Int = 1) -> String {
        "年均" + change(percent, decimals: decimals)
    }

    /// The verb by the sign of the rounded value, then its magnitude with the unit.
    private static func signed(
        _ value: Decimal, decimals: Int, up: String, down: String, unit: String, against base: String?
    ) -> String {
        let r = Rounding.halfAwayFromZero(value, decimals: decimals)
        if r == 0 { return base.map { "与\($0)持平" } ?? "持平" }
        let phrase =
            (r > 0 ? up : down) + Typography.figure(NumberFormat(decimals: decimals).string(r < 0 ? -r : r), unit: unit)
        return base.map { "比\($0)" + phrase } ?? phrase
    }

    /// 19.4∶36.3∶44.3 with the ratio colon ∶.
    public static func structure(_ parts: [Decimal], decimals: Int = 1) -> String {
        parts.map { NumberFormat(decimals: decimals).string($0) }.joined(separator: Typography.ratioColon)
    }

    /// 三次产业结构由19.4∶36.3∶44.3调整为17.9∶38.0∶44.1.
    public static func structureChange(from old: [Decimal], to new: [Decimal], decimals: Int = 1) -> String {
        "由" + structure(old, decimals: decimals) + "调整为" + structure(new, decimals: decimals)
    }

    /// 居全市第3位 (scope 市), 居全省第12位.
    public static func rank(_ position: Int, scope: String = "市") -> String { "居全\(scope)第\(position)位" }

    /// 占全市的12.3%.
    public static func share(_ percent: Decimal, of scope: String = "全市", decimals: Int = 1) -> String {
        "占\(scope)的" + Typography.figure(NumberFormat(decimals: decimals).string(percent), unit: "%")
    }
}
