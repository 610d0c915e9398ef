import CountyData

/// A long text cut into blocks at paragraph breaks, so that extraction holds one block's characters,
/// cleaned text and offsets at a time, not the whole document's (a 100 MB text is 33 million
/// characters: as scalars, cleaned scalars and offsets that was over 500 MB).
enum Blocks {
    /// About how many bytes of UTF-8 a block holds.
    static let size = 1 << 20

    /// The byte ranges of `bytes` (UTF-8): a block is cut after the first paragraph break (a blank line
    /// after a sentence's end, as ``CleanText`` reads one) once it has `size` bytes; where none comes
    /// within `4 × size`, after a line that ends with 。; failing both, not at all. A text under `2 × size` is one block.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, size: Int = Blocks.size) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while bytes.count - start > 2 * size, let cut = cut(bytes, from: start + size, size: size) {
            out.append(start..<cut)
            start = cut
        }
        out.append(start..<bytes.count)
        return out
    }

    /// The last character before `end` that is not a space, tab or carriage return.
    static func lastScalar(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Unicode.Scalar? {
        var k = end
        while k > 0, bytes[k - 1] == 0x20 || bytes[k - 1] == 0x09 || bytes[k - 1] == 0x0D { k -= 1 }
        guard k > 0 else { return nil }
        var a = k - 1
        while a > 0, k - a < 4, bytes[a] & 0xC0 == 0x80 { a -= 1 }   // back to the character's lead byte
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<k]), as: UTF8.self).unicodeScalars.first
    }

    /// Where to cut at or after `from`: after a blank line, else after 。 and a line break, else nil.
    static func cut(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, size: Int) -> Int? {
        let limit = min(bytes.count, from + 4 * size)
        var fallback: Int?
        var i = from
        while i < limit {
            if bytes[i] == 0x0A {
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
                let last = lastScalar(bytes, before: i)
                // A blank line after a sentence's end is a paragraph break; after anything else the cleaner
                // joins the lines across it (a page break inside a sentence), so no cut there.
                if j < bytes.count, bytes[j] == 0x0A, let c = last, CleanText.sentenceFinal.contains(c) { return j + 1 }
                if fallback == nil, last == "。" { fallback = i + 1 }
            }
            i += 1
        }
        return fallback
    }
}

/// What a block of a long document cannot know alone, gathered in a first pass over all blocks: how
/// often the document names each place (a name the gazetteer lacks is a place when named twice), the
/// place it names most, and its report year (the title's, else the latest it names).
struct DocumentFacts {
    var counts: [String: Int] = [:]
    var region: String?
    var year: Int?

    init(_ bytes: UnsafeBufferPointer<UInt8>, blocks: [Range<Int>], options: ExtractionOptions) {
        // Per name: its mentions, and those that are places on their own (listed, or a subject).
        var alone: [String: Int] = [:]
        var titleYear: Int?
        var latestYear: Int?
        for (n, b) in blocks.enumerated() {
            let clean = CleanText(String(decoding: UnsafeBufferPointer(rebasing: bytes[b]), as: UTF8.self))
            let s = clean.scalars
            for m in RegionNames.mentions(s, 0..<s.count) {
                counts[m.name, default: 0] += 1
                if Attribution.isPlaceAlone(s, m) { alone[m.name, default: 0] += 1 }
            }
            if n == 0 { titleYear = Periods.latestYear(s, 0..<(s.firstIndex(of: "\n") ?? s.count)) }
            if let y = Periods.latestYear(s, 0..<s.count) { latestYear = max(latestYear ?? y, y) }
        }
        var named: [String: Int] = [:]
        for (name, count) in counts {
            let accepted = count >= 2 ? count : alone[name, default: 0]
            if accepted > 0 { named[name] = accepted }
        }
        region = options.region ?? Attribution.mostNamed(named)
        year = options.year ?? titleYear ?? latestYear
    }
}
