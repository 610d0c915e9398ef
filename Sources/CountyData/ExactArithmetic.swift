import Foundation

/// Fast arithmetic on `Decimal` values, working on Decimal's own representation — a sign, a
/// mantissa of up to 128 bits and a power of ten — with machine integers instead of Foundation's
/// digit-by-digit routines (about 1 µs a division, 0.5 µs a product: most of the time of three
/// million metrics).
///
/// Sums, differences, products and shifts by powers of ten are exact; where an exact result does
/// not fit in Decimal, the operation falls back to Foundation's. Quotients are cut, not rounded,
/// after 38 significant digits (Foundation rounds there): a value cut that far below the displayed
/// digits never crosses a rounding tie, so display rounding (half away from zero) stays right.
///
/// The layout read and written is `NSDecimal`'s (an 8-bit exponent, a 4-bit length, sign and
/// compact flags, eight 16-bit mantissa words). It is checked once against Foundation's own
/// values; on a platform where it differs, every operation uses Foundation.
public enum Exact {
    // MARK: Operations

    /// a × b.
    @inlinable public static func product(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard let x = Parts(a), let y = Parts(b) else { return a * b }
        if x.mantissa <= UInt128(UInt64.max), y.mantissa <= UInt128(UInt64.max) {   // one machine multiply
            let (h, l) = UInt64(x.mantissa).multipliedFullWidth(by: UInt64(y.mantissa))
            let m = UInt128(h) << 64 | UInt128(l)
            return Parts(negative: x.negative != y.negative, mantissa: m, exponent: x.exponent + y.exponent).decimal
                ?? a * b
        }
        let (high, low) = x.mantissa.multipliedFullWidth(by: y.mantissa)
        if high == 0,
            let d = Parts(negative: x.negative != y.negative, mantissa: low, exponent: x.exponent + y.exponent).decimal
        {
            return d
        }
        return a * b
    }

    /// a × 10^n, exactly.
    @inlinable public static func shift(_ a: Decimal, by n: Int) -> Decimal {
        guard var x = Parts(a) else { return a * pow10Decimal(n) }
        x.exponent += Int32(n)
        return x.decimal ?? a * pow10Decimal(n)
    }

    /// a + b.
    @inlinable public static func sum(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard let x = Parts(a), let y = Parts(b), let r = add(x, y)?.decimal else { return a + b }
        return r
    }

    /// The sum of `values`, exact (Foundation's where a partial sum does not fit).
    @inlinable public static func total<S: Sequence>(_ values: S) -> Decimal where S.Element == Decimal {
        var sum = Parts(negative: false, mantissa: 0, exponent: 0)
        var fallback: Decimal?
        for v in values {
            if let f = fallback { fallback = f + v; continue }
            if let x = Parts(v), let s = add(sum, x) { sum = s } else { fallback = (sum.decimal ?? 0) + v }
        }
        return fallback ?? sum.decimal ?? values.reduce(0, +)
    }

    /// a − b.
    @inlinable public static func difference(_ a: Decimal, _ b: Decimal) -> Decimal {
        guard let x = Parts(a), let y = Parts(b), let r = add(x, y.negated)?.decimal else { return a - b }
        return r
    }

    /// a ÷ b, cut after 38 significant digits; nil when b is zero.
    @inlinable public static func quotient(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard let x = Parts(a), let y = Parts(b) else { return b == 0 ? nil : a / b }
        if y.mantissa == 0 { return nil }
        return divide(x, y)?.decimal ?? a / b
    }

    /// a ÷ b × 100: a percentage, as `quotient` cuts it; nil when b is zero.
    @inlinable public static func percent(_ a: Decimal, of b: Decimal) -> Decimal? {
        guard var x = Parts(a), let y = Parts(b) else { return b == 0 ? nil : a * 100 / b }
        if y.mantissa == 0 { return nil }
        x.exponent += 2
        return divide(x, y)?.decimal ?? a * 100 / b
    }

    /// (current − previous) ÷ previous × 100: growth in %, as `quotient` cuts it; nil when previous is zero.
    @inlinable public static func percentChange(from previous: Decimal, to current: Decimal) -> Decimal? {
        guard let p = Parts(previous), let c = Parts(current) else {
            return previous == 0 ? nil : (current - previous) * 100 / previous
        }
        if p.mantissa == 0 { return nil }
        guard var change = add(c, p.negated) else { return (current - previous) * 100 / previous }
        change.exponent += 2
        return divide(change, p)?.decimal ?? (current - previous) * 100 / previous
    }

    /// Whether a < b.
    @inlinable public static func less(_ a: Decimal, _ b: Decimal) -> Bool {
        guard let x = Parts(a), let y = Parts(b) else { return a < b }
        if x.negative != y.negative { return x.negative && !(x.mantissa == 0 && y.mantissa == 0) }
        guard let order = compareMagnitude(x, y) else { return a < b }
        return x.negative ? order > 0 : order < 0
    }

    /// −1, 0 or 1 as `a` is below, at or above zero: what `a < 0` and `a > 0` say, without building
    /// a Decimal zero and comparing digit by digit (NaN, which Foundation orders neither way, is 0).
    @inlinable public static func signum(_ a: Decimal) -> Int {
        guard let x = Parts(a) else { return a < 0 ? -1 : a > 0 ? 1 : 0 }
        return x.mantissa == 0 ? 0 : x.negative ? -1 : 1
    }

    /// The nearest Double (for roots and powers, which have no exact decimal).
    public static func double(_ a: Decimal) -> Double {
        guard let x = Parts(a) else { return NSDecimalNumber(decimal: a).doubleValue }
        let m = nearestDouble(x.mantissa) * (x.negative ? -1 : 1)
        let e = Int(x.exponent.magnitude)
        let scale = e < exactPowers.count ? exactPowers[e] : Foundation.pow(10, Double(e))
        return x.exponent >= 0 ? m * scale : m / scale
    }

    /// The Double nearest `m` (ties to even), as `Double(m)` gives it without the generic 128-bit
    /// conversion (most of the cost of a root of a 38-digit quotient): the top 64 bits, with any
    /// bits below them kept as one sticky bit so that rounding sees them.
    static func nearestDouble(_ m: UInt128) -> Double {
        let high = UInt64(truncatingIfNeeded: m >> 64)
        if high == 0 { return Double(UInt64(truncatingIfNeeded: m)) }
        let shift = 64 - high.leadingZeroBitCount
        let top = UInt64(truncatingIfNeeded: m >> shift)
        let sticky: UInt64 = m & (UInt128(1) << shift - 1) != 0 ? 1 : 0
        return Double(top | sticky) * Double(sign: .plus, exponent: shift, significand: 1)   // exact: a power of two
    }

    /// `a` rounded half away from zero (四舍五入) to `decimals` places, exactly.
    public static func rounded(_ a: Decimal, decimals: Int) -> Decimal? {
        guard let x = Parts(a), decimals > -100, decimals < 100 else { return nil }
        let drop = -Int(x.exponent) - decimals
        if drop <= 0 || x.mantissa == 0 { return a }
        if drop > 38 { return Decimal() }   // the mantissa is below 2¹²⁸, under half of 10³⁹
        var q: UInt128
        let r: UInt128, unit = powersOfTen[drop]
        if x.mantissa <= UInt128(UInt64.max), drop <= 19 {
            let m = UInt64(x.mantissa), u = UInt64(unit)
            q = UInt128(m / u); r = UInt128(m % u)
        } else {
            q = x.mantissa / unit; r = x.mantissa % unit
        }
        if r >= unit - r { q += 1 }   // r ≥ unit ÷ 2, without overflow
        return Parts(negative: x.negative && q != 0, mantissa: q, exponent: Int32(-decimals)).decimal
    }

    /// Plain digits of `a`, no exponent: 1865000000, 0.000123, -25.7 (what Decimal's description
    /// prints, without its digit-by-digit division). Nil where the layout is not known.
    public static func plainString(_ a: Decimal) -> String? {
        guard let x = Parts(a) else { return nil }
        if x.mantissa == 0 { return "0" }
        var digits: String
        if x.mantissa <= UInt128(UInt64.max) {
            digits = String(UInt64(x.mantissa))
        } else {   // 19 digits at a time, lowest first
            var rest = x.mantissa, chunks: [UInt64] = []
            while rest > 0 { chunks.append(UInt64(rest % powersOfTen[19])); rest /= powersOfTen[19] }
            digits = String(chunks.removeLast())
            for c in chunks.reversed() {
                let part = String(c)
                digits += String(repeating: "0", count: 19 - part.utf8.count) + part
            }
        }
        let text: String
        if x.exponent >= 0 {
            text = digits + String(repeating: "0", count: Int(x.exponent))
        } else {
            let fraction = -Int(x.exponent), count = digits.utf8.count
            text =
                count > fraction
                ? String(digits.utf8.prefix(count - fraction))! + "." + String(digits.utf8.suffix(fraction))!   // ASCII digits: any cut is valid UTF-8
                : "0." + String(repeating: "0", count: fraction - count) + digits
        }
        return x.negative ? "-" + text : text
    }

    /// `value` to 16 significant digits (a root or a power has no exact decimal; a Double carries
    /// 15–17). Decimals of up to 15 digits come back as written: 1.085, not 1.08499999999999996.
    public static func decimal(approximating value: Double) -> Decimal? {
        guard value.isFinite else { return nil }
        if value == 0 { return Decimal() }
        let magnitude = abs(value)
        var k = 15 - Int(Foundation.floor(Foundation.log10(magnitude)))
        func scale(_ k: Int) -> Double {
            k >= 0
                ? magnitude * (k < exactPowers.count ? exactPowers[k] : Foundation.pow(10, Double(k)))
                : magnitude / (-k < exactPowers.count ? exactPowers[-k] : Foundation.pow(10, Double(-k)))
        }
        var scaled = scale(k)
        if scaled >= 1e16 { k -= 1; scaled = scale(k) } else if scaled < 1e15 { k += 1; scaled = scale(k) }
        guard scaled < 2e16 else { return nil }
        return Parts(negative: value < 0, mantissa: UInt128(UInt64(scaled.rounded())), exponent: Int32(-k)).decimal
    }

    // MARK: Representation

    /// A decimal's sign, mantissa and exponent.
    @usableFromInline struct Parts: Sendable {
        @usableFromInline var negative: Bool
        @usableFromInline var mantissa: UInt128
        @usableFromInline var exponent: Int32

        @inlinable init(negative: Bool, mantissa: UInt128, exponent: Int32) {
            self.negative = negative; self.mantissa = mantissa; self.exponent = exponent
        }

        @inlinable var negated: Parts {
            Parts(negative: !negative && mantissa != 0, mantissa: mantissa, exponent: exponent)
        }

        /// Reads `d`; nil for NaN or when the layout is not the one checked.
        @inlinable init?(_ d: Decimal) {
            guard Exact.layoutIsKnown else { return nil }
            let (head, low, high) = Exact.words(of: d)
            let flags = UInt8(truncatingIfNeeded: head >> 8)
            let length = flags >> 4
            negative = flags & 0x08 != 0
            if length == 0 && negative { return nil }   // NaN
            exponent = Int32(Int8(truncatingIfNeeded: head))
            mantissa = UInt128(high) << 64 | UInt128(low)
        }

        /// The Decimal of these parts, trailing zeros removed; nil when the exponent is out of range.
        @inlinable var decimal: Decimal? {
            var m = mantissa, e = exponent
            if m == 0 { return Decimal() }
            if m <= UInt128(UInt64.max) {   // strip zeros with 64-bit division, the common case, 8, 4, 2, 1 at a time
                var small = UInt64(m)
                while e <= 119, small % 100_000_000 == 0 { small /= 100_000_000; e += 8 }
                if e <= 123, small % 10_000 == 0 { small /= 10_000; e += 4 }
                if e <= 125, small % 100 == 0 { small /= 100; e += 2 }
                if e <= 126, small % 10 == 0 { small /= 10; e += 1 }
                m = UInt128(small)
            } else {
                while e < 127, m % 10 == 0 { m /= 10; e += 1 }
            }
            guard e >= -128, e <= 127 else { return nil }
            let length = UInt32((128 - m.leadingZeroBitCount + 15) / 16)
            let head = UInt32(UInt8(bitPattern: Int8(e))) | (length << 12) | (negative ? 0x0800 : 0) | 0x0400
            var d = Decimal()
            withUnsafeMutableBytes(of: &d) { raw in
                raw.storeBytes(of: head, toByteOffset: 0, as: UInt32.self)
                raw.storeBytes(of: UInt64(truncatingIfNeeded: m), toByteOffset: 4, as: UInt64.self)
                raw.storeBytes(of: UInt64(truncatingIfNeeded: m >> 64), toByteOffset: 12, as: UInt64.self)
            }
            return d
        }
    }

    /// A decimal's memory as NSDecimal lays it out: exponent and flags, then the mantissa's low and high halves.
    @inlinable static func words(of d: Decimal) -> (head: UInt32, low: UInt64, high: UInt64) {
        withUnsafeBytes(of: d) { raw in
            (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self),
                raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self)
            )
        }
    }

    /// Whether Decimal's memory layout is NSDecimal's, checked against Foundation's own values.
    @usableFromInline static let layoutIsKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        // Built from integers, not parsed: parsing with a locale loads ICU data (milliseconds at start-up).
        let samples: [(Decimal, Bool, UInt128, Int32)] = [
            (Decimal(sign: .minus, exponent: -4, significand: Decimal(1_234_567)), true, 1_234_567, -4),
            (Decimal(sign: .plus, exponent: -1, significand: 5), false, 5, -1),
            (Decimal(sign: .plus, exponent: 20, significand: 1), false, 1, 20),
            (Decimal(UInt64.max), false, UInt128(UInt64.max), 0),
            (Decimal(sign: .plus, exponent: -100, significand: 7), false, 7, -100),
        ]
        for (d, negative, mantissa, exponent) in samples {
            let (head, low, high) = words(of: d)
            let flags = UInt8(truncatingIfNeeded: head >> 8)
            guard (flags & 0x08 != 0) == negative, Int32(Int8(truncatingIfNeeded: head)) == exponent,
                UInt128(high) << 64 | UInt128(low) == mantissa,
                Int(flags >> 4) == (128 - mantissa.leadingZeroBitCount + 15) / 16
            else { return false }
        }
        return true
    }()

    /// 10⁰ … 10²², every one exact in a Double.
    static let exactPowers: [Double] = (0...22).map { Foundation.pow(10, Double($0)) }

    @usableFromInline static let powersOfTen: [UInt128] = {
        var p: [UInt128] = [1]
        for k in 1...38 { p.append(p[k - 1] * 10) }
        return p
    }()

    @usableFromInline static func pow10Decimal(_ n: Int) -> Decimal {
        Decimal(sign: .plus, exponent: n, significand: 1)
    }

    /// Decimal digits of m (0 for 0).
    @usableFromInline static func digitCount(_ m: UInt128) -> Int {
        if m == 0 { return 0 }
        var d = ((128 - m.leadingZeroBitCount) * 1233) >> 12   // ⌊bits × log10 2⌋
        if d < powersOfTen.count, m >= powersOfTen[d] { d += 1 }
        return d
    }

    @usableFromInline static func align(_ x: Parts, _ y: Parts) -> (UInt128, UInt128, Int32)? {
        if x.exponent == y.exponent { return (x.mantissa, y.mantissa, x.exponent) }
        let (hi, lo) = x.exponent > y.exponent ? (x, y) : (y, x)
        let gap = Int(hi.exponent - lo.exponent)
        guard gap <= 38 else {
            return hi.mantissa == 0
                ? (x.exponent > y.exponent ? (0, y.mantissa, y.exponent) : (x.mantissa, 0, x.exponent)) : nil
        }
        let (scaled, overflow) = hi.mantissa.multipliedReportingOverflow(by: powersOfTen[gap])
        guard !overflow else { return nil }
        return x.exponent > y.exponent ? (scaled, y.mantissa, y.exponent) : (x.mantissa, scaled, x.exponent)
    }

    @usableFromInline static func add(_ x: Parts, _ y: Parts) -> Parts? {
        guard let (a, b, e) = align(x, y) else { return nil }
        if x.negative == y.negative {
            let (s, overflow) = a.addingReportingOverflow(b)
            guard !overflow else { return nil }
            return Parts(negative: x.negative && s != 0, mantissa: s, exponent: e)
        }
        return a >= b
            ? Parts(negative: x.negative && a != b, mantissa: a - b, exponent: e)
            : Parts(negative: y.negative, mantissa: b - a, exponent: e)
    }

    /// −1, 0 or 1 as |x| is less than, equal to or greater than |y|; nil when they cannot be aligned.
    @usableFromInline static func compareMagnitude(_ x: Parts, _ y: Parts) -> Int? {
        if x.mantissa == 0 || y.mantissa == 0 { return x.mantissa == y.mantissa ? 0 : (x.mantissa == 0 ? -1 : 1) }
        let dx = digitCount(x.mantissa) + Int(x.exponent), dy = digitCount(y.mantissa) + Int(y.exponent)
        if dx != dy { return dx < dy ? -1 : 1 }
        guard let (a, b, _) = align(x, y) else { return nil }
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    /// x ÷ y, 38 significant digits, cut; nil when the divisor's mantissa needs more than 64 bits
    /// (then Foundation divides). Long division 19 digits a step, each a 128-by-64-bit division.
    @usableFromInline static func divide(_ x: Parts, _ y: Parts) -> Parts? {
        guard y.mantissa != 0, y.mantissa <= UInt128(UInt64.max) else { return nil }
        let b = UInt64(y.mantissa)
        var q: UInt128, r: UInt64
        if x.mantissa <= UInt128(UInt64.max) {
            let a = UInt64(x.mantissa)
            q = UInt128(a / b); r = a % b
        } else {
            q = x.mantissa / UInt128(b); r = UInt64(x.mantissa % UInt128(b))
        }
        var e = x.exponent - y.exponent
        var digits = digitCount(q)
        while r != 0, digits < 38 {
            let step = min(19, 38 - digits)
            let (high, low) = r.multipliedFullWidth(by: UInt64(powersOfTen[step]))   // r < b, so r × 10^step ÷ b < 10^19 < 2⁶⁴
            let (d, rest) = b.dividingFullWidth((high, low))
            q = q * powersOfTen[step] + UInt128(d)
            r = rest
            e -= Int32(step)
            digits = digitCount(q)
        }
        return Parts(negative: (x.negative != y.negative) && q != 0, mantissa: q, exponent: e)
    }
}
