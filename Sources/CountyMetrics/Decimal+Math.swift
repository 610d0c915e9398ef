import Foundation

extension Decimal {
    /// `self` raised to a real power. Roots are irrational, so this one step goes through
    /// binary floating point (15–16 significant digits, far beyond any displayed decimal).
    func power(_ exponent: Double) -> Decimal? {
        let base = NSDecimalNumber(decimal: self).doubleValue
        guard base > 0 else { return nil }
        let r = Foundation.pow(base, exponent)
        guard r.isFinite else { return nil }
        return Decimal(string: String(r), locale: Locale(identifier: "en_US_POSIX"))
    }
}

extension String.UTF8View {
    /// Whether `needle` occurs in these bytes (a byte search, without Foundation).
    func contains(subsequence needle: String.UTF8View) -> Bool {
        let n = Array(needle), h = Array(self)
        guard !n.isEmpty, h.count >= n.count else { return n.isEmpty }
        for i in 0...(h.count - n.count) where h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) { return true }
        return false
    }
}
