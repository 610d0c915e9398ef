/// A column of integers kept at the narrowest width that holds every one appended so far: none when
/// all equal the first (a table's one file, its clean lines), else 1, 2, 4 or 8 bytes an element, as
/// offsets from the first.
///
/// An `ObservationTable` keeps most of its columns so: ids, periods and a value's parts take one or two
/// bytes a row where fixed-width fields took 53, so a long CSV of short rows loads in less memory than
/// its file. Widening copies the column once (rare: the first values decide the width in practice).
struct PackedIntegers: Sendable {
    private enum Width: UInt8, Sendable {
        case none = 0
        case one = 1
        case two = 2
        case four = 4
        case eight = 8
    }

    private(set) var count = 0
    /// The first value; the others are stored as offsets from it (from 0 at width 8).
    private var base: Int64 = 0
    private var width = Width.none
    /// The offsets the present width holds (none before the first value: it sets `base`).
    private var low: Int64 = 1
    private var high: Int64 = 0
    private var ones: [Int8] = []
    private var twos: [Int16] = []
    private var fours: [Int32] = []
    private var eights: [Int64] = []
    /// The room asked for, kept for the array a widening starts.
    private var room = 0

    init() {}

    /// `count` copies of `value`: no bytes a row.
    init(repeating value: Int64, count: Int) {
        base = value; self.count = count; low = 0; high = 0
    }

    @inline(__always)
    subscript(i: Int) -> Int64 {
        switch width {
        case .none: return base
        case .one: return base &+ Int64(ones[i])
        case .two: return base &+ Int64(twos[i])
        case .four: return base &+ Int64(fours[i])
        case .eight: return eights[i]
        }
    }

    var last: Int64? { count == 0 ? nil : self[count - 1] }

    /// The bytes the elements take (not counting room reserved and not yet used).
    var byteCount: Int { count * Int(width.rawValue) }

    mutating func reserveCapacity(_ n: Int) {
        room = max(room, n)
        switch width {
        case .none: break
        case .one: ones.reserveCapacity(n)
        case .two: twos.reserveCapacity(n)
        case .four: fours.reserveCapacity(n)
        case .eight: eights.reserveCapacity(n)
        }
    }

    @inline(__always)
    mutating func append(_ value: Int64) {
        let (offset, overflow) = value.subtractingReportingOverflow(base)
        if overflow || offset < low || offset > high { return appendWidening(value) }
        switch width {
        case .none: break
        case .one: ones.append(Int8(truncatingIfNeeded: offset))
        case .two: twos.append(Int16(truncatingIfNeeded: offset))
        case .four: fours.append(Int32(truncatingIfNeeded: offset))
        case .eight: eights.append(value)
        }
        count += 1
    }

    @inline(__always)
    mutating func append(_ value: some BinaryInteger) { append(Int64(value)) }

    /// Appends whatever costs least (the first value): for a row whose real value is kept elsewhere.
    mutating func appendFiller() { append(low > high ? 0 : base) }

    /// Appends `other`'s elements, each changed by `transform` (another table's ids made this one's).
    mutating func append(contentsOf other: PackedIntegers, _ transform: (Int64) -> Int64) {
        let base = other.base
        switch other.width {
        case .none:
            guard other.count > 0 else { return }
            let v = transform(base)
            for _ in 0..<other.count { append(v) }
        case .one: for x in other.ones { append(transform(base &+ Int64(x))) }
        case .two: for x in other.twos { append(transform(base &+ Int64(x))) }
        case .four: for x in other.fours { append(transform(base &+ Int64(x))) }
        case .eight: for x in other.eights { append(transform(x)) }
        }
    }

    /// Appends `other`'s elements plus `shift`: when both columns have one width and the shifted values fit it,
    /// a copy of the offsets and one addition to each, else element by element (joining tables, see
    /// `ObservationTable.append(contentsOf:)`: values as they are, lines shifted by the rows before).
    mutating func append(contentsOf other: PackedIntegers, adding shift: Int64) {
        guard other.count > 0 else { return }
        if width == other.width, low <= high {
            let delta = other.base &+ shift &- base
            switch width {
            case .none: if delta == 0 { count += other.count; return }
            case .one: if Self.appendShifted(other.ones, by: delta, to: &ones) { count += other.count; return }
            case .two: if Self.appendShifted(other.twos, by: delta, to: &twos) { count += other.count; return }
            case .four: if Self.appendShifted(other.fours, by: delta, to: &fours) { count += other.count; return }
            case .eight: break
            }
        }
        append(contentsOf: other) { $0 &+ shift }
    }

    /// Appends `source`'s offsets plus `delta` to `target` when every one of them fits its type; else false.
    private static func appendShifted<T: FixedWidthInteger & SignedInteger>(
        _ source: [T], by delta: Int64, to target: inout [T]
    ) -> Bool {
        guard let least = source.min(), let most = source.max(),
            Int64(least) &+ delta >= Int64(T.min), Int64(most) &+ delta <= Int64(T.max)
        else { return false }
        let start = target.count
        target.append(contentsOf: source)
        guard delta != 0 else { return true }
        let d = T(truncatingIfNeeded: delta)   // each sum fits, so the wrapping one is exact
        target.withUnsafeMutableBufferPointer { t in for k in start..<t.count { t[k] &+= d } }
        return true
    }

    /// Writes elements `range` to `into` (as many as the range holds): a scan reads a column a block at a
    /// time, with one test of the width a block.
    func copy(_ range: Range<Int>, into: inout [Int64]) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count && into.count >= range.count)
        let base = base
        into.withUnsafeMutableBufferPointer { out in
            switch width {
            case .none: for k in 0..<range.count { out[k] = base }
            case .one:
                ones.withUnsafeBufferPointer {
                    for k in range.indices { out[k - range.lowerBound] = base &+ Int64($0[k]) }
                }
            case .two:
                twos.withUnsafeBufferPointer {
                    for k in range.indices { out[k - range.lowerBound] = base &+ Int64($0[k]) }
                }
            case .four:
                fours.withUnsafeBufferPointer {
                    for k in range.indices { out[k - range.lowerBound] = base &+ Int64($0[k]) }
                }
            case .eight: eights.withUnsafeBufferPointer { for k in range.indices { out[k - range.lowerBound] = $0[k] } }
            }
        }
    }

    /// The first value, or a value the present width cannot hold: widens the column, then appends.
    @inline(never)
    private mutating func appendWidening(_ value: Int64) {
        if low > high {   // the first value
            base = value; low = 0; high = 0
        } else {
            let (offset, overflow) = value.subtractingReportingOverflow(base)
            widen(to: overflow ? .eight : Self.width(of: offset))
        }
        append(value)
    }

    private static func width(of offset: Int64) -> Width {
        if offset == 0 { return .none }
        if Int64(Int8.min)...Int64(Int8.max) ~= offset { return .one }
        if Int64(Int16.min)...Int64(Int16.max) ~= offset { return .two }
        if Int64(Int32.min)...Int64(Int32.max) ~= offset { return .four }
        return .eight
    }

    /// Copies the elements into an array of `wider` elements (at 8 bytes, as values, no longer offsets).
    private mutating func widen(to wider: Width) {
        let old = self
        ones = []; twos = []; fours = []; eights = []
        width = wider
        switch wider {
        case .none: (low, high) = (0, 0)
        case .one: (low, high) = (Int64(Int8.min), Int64(Int8.max))
        case .two: (low, high) = (Int64(Int16.min), Int64(Int16.max))
        case .four: (low, high) = (Int64(Int32.min), Int64(Int32.max))
        case .eight: (low, high) = (Int64.min, Int64.max); base = 0
        }
        let capacity = max(room, count + 1)
        switch wider {
        case .none: break
        case .one:
            ones.reserveCapacity(capacity)
            for i in 0..<count { ones.append(Int8(truncatingIfNeeded: old[i] &- base)) }
        case .two:
            twos.reserveCapacity(capacity)
            for i in 0..<count { twos.append(Int16(truncatingIfNeeded: old[i] &- base)) }
        case .four:
            fours.reserveCapacity(capacity)
            for i in 0..<count { fours.append(Int32(truncatingIfNeeded: old[i] &- base)) }
        case .eight:
            eights.reserveCapacity(capacity)
            for i in 0..<count { eights.append(old[i]) }
        }
    }
}
