/// Indirect references (`N 0 R`) in the text of a PDF object, as Cairo writes them, read as bytes
/// (a regular expression took 6 % of a 150-page report): a reference is digits not preceded by a
/// letter, digit or `_`, then ` 0 R` not followed by one. The one reading of references for the
/// tagged-PDF update (`Artifacts`) and the join (`PDFJoin`).
enum PDFReferences {
    /// `bytes` with each reference `N 0 R` before `end` replaced by `replacement(N)` where it gives
    /// bytes; everything from `end` on (a stream's data) is kept as it is.
    static func rewritten(_ bytes: [UInt8], before end: Int? = nil, _ replacement: (Int) -> [UInt8]?) -> [UInt8] {
        let end = end ?? bytes.count, tail = Array(" 0 R".utf8)
        func isWord(_ i: Int) -> Bool {
            guard i >= 0, i < end else { return false }
            let b = bytes[i]
            return (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == 95
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var copied = 0, i = 0
        while i < end {
            guard (48...57).contains(bytes[i]), !isWord(i - 1) else {
                i += 1
                continue
            }
            var stop = i, number = 0
            while stop < end, (48...57).contains(bytes[stop]) {
                number = number &* 10 &+ Int(bytes[stop] - 48)
                stop += 1
            }
            if stop - i <= 18, stop + tail.count <= end, bytes[stop..<(stop + tail.count)].elementsEqual(tail),
                !isWord(stop + tail.count), let new = replacement(number)
            {
                out += bytes[copied..<i]
                out += new
                copied = stop + tail.count
                i = copied
            } else {
                i = stop
            }
        }
        out += bytes[copied...]
        return out
    }
}
