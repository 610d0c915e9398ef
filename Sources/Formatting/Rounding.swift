import CountyData
import Foundation

/// The one rounding rule of CountyReport: 四舍五入, half away from zero, on the exact decimal
/// value (2.345 → 2.35 and −0.55 → −0.6, where a binary Double would give 2.34). Values keep
/// full precision everywhere else; only what is shown is rounded.
public enum Rounding {
    /// `value` rounded half away from zero to `decimals` places, exactly.
    public static func halfAwayFromZero(_ value: Decimal, decimals: Int) -> Decimal {
        if let r = Exact.rounded(value, decimals: decimals) { return r }
        var v = value, r = Decimal()
        NSDecimalRound(&r, &v, decimals, .plain)   // .plain is half away from zero too
        return r
    }
}
