import Foundation

/// A column of exact `Decimal` values kept as two `PackedIntegers`: the signed mantissa and the exponent
/// (with Decimal's compact flag), so a figure such as 1234.5 takes two or three bytes instead of 20. A
/// value whose mantissa needs more than 63 bits (a 38-digit figure) is kept whole, on the side.
///
/// A value reads back bit for bit as it was put in (`Exact.words`: the layout checked at start): the same
/// exponent and mantissa, so its text, its hash and every sum of it are those of the original.
struct PackedDecimals: Sendable {
    private var mantissas = PackedIntegers()
    /// Per value: exponent × 2 + the compact flag, or `whole` for a value kept in `wholes`.
    private var exponents = PackedIntegers()
    private var wholes: [Int: Decimal] = [:]
    private static let whole: Int64 = 1024

    var count: Int { mantissas.count }

    /// The bytes the values take (the side table counted at the size of its entries).
    var byteCount: Int {
        mantissas.byteCount + exponents.byteCount + wholes.count * (MemoryLayout<Int>.size + MemoryLayout<Decimal>.size)
    }

    /// How many values are kept whole (their mantissa does not fit in 63 bits).
    var wholeCount: Int { wholes.count }

    subscript(i: Int) -> Decimal {
        let code = exponents[i]
        if code == Self.whole { return wholes[i]! }   // every row coded `whole` has its value there
        return Self.decimal(mantissa: mantissas[i], code: code)
    }

    /// Whether value `i` is below zero (a NaN counts, as `sign == .minus` says of it).
    func isBelowZero(_ i: Int) -> Bool {
        if exponents[i] == Self.whole {
            let v = wholes[i]!
            return v.sign == .minus && !v.isZero
        }
        return mantissas[i] < 0
    }

    mutating func reserveCapacity(_ n: Int) {
        mantissas.reserveCapacity(n); exponents.reserveCapacity(n)
    }

    mutating func append(_ value: Decimal) {
        if let (mantissa, code) = Self.packed(value) {
            mantissas.append(mantissa); exponents.append(code)
        } else {
            wholes[count] = value
            mantissas.appendFiller(); exponents.append(Self.whole)
        }
    }

    /// Appends `other`'s values.
    mutating func append(contentsOf other: PackedDecimals) {
        for (row, value) in other.wholes { wholes[count + row] = value }
        mantissas.append(contentsOf: other.mantissas, adding: 0)
        exponents.append(contentsOf: other.exponents, adding: 0)
    }

    /// The signed mantissa and the exponent code of `d`; nil when it must be kept whole (a mantissa over
    /// 63 bits, a NaN, reserved bits set, an unknown layout).
    static func packed(_ d: Decimal) -> (mantissa: Int64, code: Int64)? {
        guard Exact.layoutIsKnown else { return nil }
        let (head, low, high) = Exact.words(of: d)
        guard high == 0, low <= UInt64(Int64.max), head & 0xFFFF_0300 == 0 else { return nil }
        let length = head >> 12 & 0xF, negative = head & 0x0800 != 0, compact: Int64 = head & 0x0400 != 0 ? 1 : 0
        guard length == Self.length(low), !(negative && low == 0) else { return nil }   // a NaN: negative, no digits
        let exponent = Int64(Int8(truncatingIfNeeded: head))
        return (negative ? -Int64(low) : Int64(low), exponent * 2 + compact)
    }

    /// The decimal `packed` read apart.
    static func decimal(mantissa: Int64, code: Int64) -> Decimal {
        let magnitude = mantissa.magnitude
        let exponent = Int8(truncatingIfNeeded: code >> 1)
        let head =
            UInt32(UInt8(bitPattern: exponent)) | Self.length(magnitude) << 12 | (mantissa < 0 ? 0x0800 : 0)
            | (code & 1 != 0 ? 0x0400 : 0)
        var d = Decimal()
        withUnsafeMutableBytes(of: &d) { raw in
            raw.storeBytes(of: head, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: magnitude, toByteOffset: 4, as: UInt64.self)
            raw.storeBytes(of: UInt64(0), toByteOffset: 12, as: UInt64.self)
        }
        return d
    }

    /// The 16-bit words a mantissa of this magnitude takes (Decimal's length field).
    private static func length(_ magnitude: UInt64) -> UInt32 { UInt32((64 - magnitude.leadingZeroBitCount + 15) / 16) }
}
