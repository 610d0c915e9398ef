import Foundation

/// Whether a text holds another, by its UTF-8 bytes (glibc's memchr and memcmp). Foundation's `contains` converts a
/// Chinese text to UTF-16 first, and the standard library's generic `firstRange(of:)` instantiates
/// metadata on every call: both cost more than the search on the short names and paragraphs a report
/// looks through thousands of times.
public enum TextSearch {
    public static func contains(_ text: some StringProtocol, _ part: String) -> Bool {
        firstOffset(of: part, in: text) != nil
    }

    /// The UTF-8 offset of the first `part` in `text`, or nil. A native string or substring is searched
    /// where it lies; any other is copied first.
    public static func firstOffset(of part: String, in text: some StringProtocol) -> Int? {
        var part = part
        return part.withUTF8 { p in
            if let found = text.utf8.withContiguousStorageIfAvailable({ search(p, in: $0) }) { return found }
            return Array(text.utf8).withUnsafeBufferPointer { search(p, in: $0) }
        }
    }

    /// Each place the needle's first byte stands (memchr), then the rest compared (memcmp).
    private static func search(_ p: UnsafeBufferPointer<UInt8>, in t: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !p.isEmpty else { return 0 }
        guard t.count >= p.count, let base = t.baseAddress, let needle = p.baseAddress else { return nil }
        var at = 0
        let last = t.count - p.count
        while at <= last, let hit = memchr(base + at, Int32(p[0]), last - at + 1) {
            let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + offset, needle, p.count) == 0 { return offset }
            at = offset + 1
        }
        return nil
    }
}
