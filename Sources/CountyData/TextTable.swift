import Foundation

/// Distinct texts stored once, back to back as UTF-8 bytes, each with a small integer id.
///
/// A loader finds the id of a field's bytes with one hash and one compare, without making a
/// `String`; the string is made only when someone reads it. Id 0 is always the empty text.
struct TextTable: Sendable {
    private var bytes: [UInt8] = []
    /// Text k is bytes[starts[k] ..< starts[k + 1]].
    private var starts: [Int] = [0, 0]
    /// Open addressing: an id, or -1; empty (rebuilt on demand) after `append(contentsOf:)`.
    private var slots: [Int32] = []

    var count: Int { starts.count - 1 }

    func string(_ id: Int32) -> String {
        let k = Int(id)
        if starts[k] == starts[k + 1] { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: $0[starts[k]..<starts[k + 1]], as: UTF8.self) }
    }

    /// The id of `text`, added if new.
    mutating func id(_ text: String) -> Int32 {
        var s = text
        return s.withUTF8 { id(UnsafeRawBufferPointer($0)) }
    }

    /// The id of the text with these UTF-8 bytes, added if new.
    mutating func id(_ text: UnsafeRawBufferPointer) -> Int32 {
        if text.isEmpty { return 0 }
        if slots.isEmpty || count * 2 >= slots.count { rehash(max(64, slots.count * 2, count * 4)) }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: Self.hash(text)) & mask
        while true {
            let found = slots[s]
            if found < 0 { break }
            if equals(found, text) { return found }
            s = (s + 1) & mask
        }
        let id = Int32(count)
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
        slots[s] = id
        return id
    }

    /// Appends `other`'s texts (duplicates of this table's are kept: ids stay valid by adding the
    /// returned offset, minus one for the shared empty text at id 0).
    mutating func append(contentsOf other: TextTable) -> Int32 {
        let offset = Int32(count - 1)
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        starts.append(contentsOf: other.starts.dropFirst(2).map { $0 + base })
        slots = []
        return offset
    }

    private func equals(_ id: Int32, _ text: UnsafeRawBufferPointer) -> Bool {
        let a = starts[Int(id)], b = starts[Int(id) + 1]
        guard b - a == text.count else { return false }
        guard !text.isEmpty else { return true }   // equal lengths, both empty
        return bytes.withUnsafeBytes { memcmp($0.baseAddress! + a, text.baseAddress!, text.count) == 0 }   // both hold the text's bytes
    }

    private mutating func rehash(_ size: Int) {
        var n = 64
        while n < size { n <<= 1 }
        slots = Array(repeating: -1, count: n)
        let mask = n - 1
        bytes.withUnsafeBytes { raw in
            for k in 1..<count {
                var s =
                    Int(truncatingIfNeeded: Self.hash(UnsafeRawBufferPointer(rebasing: raw[starts[k]..<starts[k + 1]])))
                    & mask
                while slots[s] >= 0 { s = (s + 1) & mask }
                slots[s] = Int32(k)
            }
        }
    }

    /// FNV-style mixing eight bytes at a time, finished with a multiply-shift.
    @inline(__always)
    static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(b.count)
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < b.count { tail |= UInt64(b[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 32)
    }
}
