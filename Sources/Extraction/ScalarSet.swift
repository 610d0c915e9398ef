/// A set of characters asked of nearly every character of a text (clause breaks, numerals, the
/// characters that end a place name): membership is one bit of a table over the Basic Multilingual
/// Plane, not a hash of the scalar.
struct ScalarSet: ExpressibleByArrayLiteral, Sendable {
    /// One bit per scalar below U+10000.
    private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    /// Scalars above the BMP, which the sets hardly hold.
    private var beyond: Set<Unicode.Scalar> = []

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        for c in scalars { insert(c) }
    }

    init(arrayLiteral scalars: Unicode.Scalar...) { self.init(scalars) }

    mutating func insert(_ c: Unicode.Scalar) {
        if c.value < 0x10000 { bits[Int(c.value >> 6)] |= 1 << UInt64(c.value & 63) } else { beyond.insert(c) }
    }

    @inline(__always) func contains(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 ? bits[Int(c.value >> 6)] & (1 << UInt64(c.value & 63)) != 0 : beyond.contains(c)
    }

    func union(_ other: ScalarSet) -> ScalarSet {
        var u = self
        for k in bits.indices { u.bits[k] |= other.bits[k] }
        u.beyond.formUnion(other.beyond)
        return u
    }

    func union(_ scalars: some Sequence<Unicode.Scalar>) -> ScalarSet { union(ScalarSet(scalars)) }
}
