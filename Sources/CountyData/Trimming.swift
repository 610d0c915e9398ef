import Foundation

extension String {
    /// The text without leading and trailing spaces and tabs (Unicode `Zs` and U+0009, the set
    /// `CharacterSet.whitespaces` holds), returned as is when it has none: Foundation's trimming
    /// bridges through NSString even then, a third of the time of loading a large JSON file.
    public var trimmingSpaces: String {
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            // Category Zs, spelled out: looking up a scalar's category costs more than the rest of a trim.
            switch s.value {
            case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        guard let first = unicodeScalars.first, let last = unicodeScalars.last, isSpace(first) || isSpace(last) else { return self }
        let scalars = unicodeScalars.drop(while: isSpace)
        return String(String.UnicodeScalarView(scalars.reversed().drop(while: isSpace).reversed()))
    }
}
