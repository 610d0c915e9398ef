import CountyData
import Foundation

extension Decimal {
    /// `self` raised to a real power. Roots are irrational, so this one step goes through
    /// binary floating point (15–16 significant digits, far beyond any displayed decimal).
    func power(_ exponent: Double) -> Decimal? {
        if exponent == 1 { return self }
        let base = Exact.double(self)
        guard base > 0 else { return nil }
        if base == 1 { return 1 }
        return Exact.decimal(approximating: exponent == 0.5 ? base.squareRoot() : Foundation.pow(base, exponent))
    }
}
