import Foundation

/// Phrases the way Chinese official statistics word changes, ranks and structures.
public enum Wording {
    /// 增长6.9% or 下降0.5% (never 增长-0.5%); 持平 when it rounds to zero.
    public static func change(_ percent: Decimal, decimals: Int = 1) -> String {
        let r = Rounding.halfAwayFromZero(percent, decimals: decimals)
        if r == 0 { return "持平" }
        return (r > 0 ? "增长" : "下降") + Typography.figure(NumberFormat(decimals: decimals).string(r < 0 ? -r : r), unit: "%")
    }

    /// 提高1.2个百分点 or 下降0.3个百分点; 持平 when it rounds to zero.
    public static func pointChange(_ points: Decimal, decimals: Int = 1) -> String {
        let r = Rounding.halfAwayFromZero(points, decimals: decimals)
        if r == 0 { return "持平" }
        return (r > 0 ? "提高" : "下降") + Typography.figure(NumberFormat(decimals: decimals).string(r < 0 ? -r : r), unit: "个百分点")
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
