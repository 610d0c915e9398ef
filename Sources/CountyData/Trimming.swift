import Foundation

/// The one trimming rule of every reader: a text loses its leading and trailing spaces, and the
/// spaces are Unicode's category Zs and the tab (the set `CharacterSet.whitespaces` holds). Line
/// ends are not spaces. It is written twice, once on scalars for `String` and once on UTF-8 bytes
/// for the CSV reader (which trims fields without making strings); a property test holds the
/// two equal on any bytes.
enum Spaces {
    /// Whether `s` is a space: category Zs, spelled out (looking up a scalar's category costs
    /// more than the rest of a trim), or the tab.
    @inline(__always)
    static func contains(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Whether the three bytes are the UTF-8 of a space: U+1680 (E1 9A 80), U+2000…U+200A
    /// (E2 80 80…8A), U+202F (E2 80 AF), U+205F (E2 81 9F) or U+3000 (E3 80 80).
    @inline(__always)
    private static func isThreeByteSpace(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        switch b0 {
        case 0xE3: b1 == 0x80 && b2 == 0x80
        case 0xE2: (b1 == 0x80 && (b2 <= 0x8A || b2 == 0xAF) && b2 >= 0x80) || (b1 == 0x81 && b2 == 0x9F)
        case 0xE1: b1 == 0x9A && b2 == 0x80
        default: false
        }
    }

    /// `range` of `bytes` without the spaces at its ends. A lead byte is never a continuation
    /// byte, so a space's bytes found from either end decode as that space whatever precedes
    /// them, valid UTF-8 or not. ASCII is tested first: most fields start and end with it.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let b = bytes[lo]
            if b == 0x20 || b == 0x09 { lo += 1; continue }
            if b < 0xC2 { break }
            if b == 0xC2, hi - lo >= 2, bytes[lo + 1] == 0xA0 { lo += 2; continue }
            if hi - lo >= 3, isThreeByteSpace(b, bytes[lo + 1], bytes[lo + 2]) { lo += 3; continue }
            break
        }
        while hi > lo {
            let b = bytes[hi - 1]
            if b == 0x20 || b == 0x09 { hi -= 1; continue }
            if b < 0x80 || b > 0xBF { break }   // not a continuation byte: no space ends with it
            if b == 0xA0, hi - lo >= 2, bytes[hi - 2] == 0xC2 { hi -= 2; continue }
            if hi - lo >= 3, isThreeByteSpace(bytes[hi - 3], bytes[hi - 2], b) { hi -= 3; continue }
            break
        }
        return lo..<hi
    }
}

extension String {
    /// The text without leading and trailing spaces (`Spaces`: category Zs and the tab), returned
    /// as is when it has none: Foundation's trimming bridges through NSString even then, a third
    /// of the time of loading a large JSON file.
    public var trimmingSpaces: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
            Spaces.contains(first) || Spaces.contains(last)
        else { return self }
        let scalars = unicodeScalars.drop(while: Spaces.contains)
        return String(String.UnicodeScalarView(scalars.reversed().drop(while: Spaces.contains).reversed()))
    }
}
