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
        while isLong(bytes.count - start, size: size),
            case .at(let n) = cut(UnsafeBufferPointer(rebasing: bytes[start...]), complete: true, size: size)
        {
            out.append(start..<(start + n))
            start += n
        }
        out.append(start..<bytes.count)
        return out
    }

    /// Whether a text of `count` bytes is long enough to be cut (more than two blocks): its blocks are
    /// then read with what only the whole says (``DocumentFacts``), even when no cut is found; a shorter
    /// text is read as one, alone.
    static func isLong(_ count: Int, size: Int = Blocks.size) -> Bool { count > 2 * size }

    /// The last character of `bytes` before `end` that is not a space, tab or carriage return.
    static func lastScalar(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Unicode.Scalar? {
        var k = end
        while k > 0, bytes[k - 1] == 0x20 || bytes[k - 1] == 0x09 || bytes[k - 1] == 0x0D { k -= 1 }
        guard k > 0 else { return nil }
        var a = k - 1
        while a > 0, k - a < 4, bytes[a] & 0xC0 == 0x80 { a -= 1 }   // back to the character's lead byte
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<k]), as: UTF8.self).unicodeScalars.first
    }

    /// Where a block starting at `block`'s first byte ends.
    enum Cut: Equatable {
        /// After this many bytes.
        case at(Int)
        /// Nowhere in reach: the block runs to the text's end.
        case none
        /// `block` holds too little of the text to tell (a file being read): give it more.
        case needMore
    }

    /// Where to cut the block that starts at `block`'s first byte: after a blank line at or after `size`
    /// bytes, else after 。 and a line break within `5 × size`. A text with neither in reach (an endless
    /// sentence, a file without line breaks) is cut after its first clause (，；。！？) from `size` on, else
    /// at its first line break, else between two characters not of a number, else inside a run of digits
    /// too long to be a number (``insideDigits``), so that a block never holds more than `5 × size` bytes;
    /// nowhere when the text ends within reach or no such place is in it. `complete`: `block` runs to the
    /// text's end; otherwise an answer that needs bytes past its end is `.needMore`.
    static func cut(_ block: UnsafeBufferPointer<UInt8>, complete: Bool, size: Int) -> Cut {
        let reach = size + 4 * size
        let limit = min(block.count, reach)
        var fallback: Int?
        var clause: Int?
        var line: Int?
        var i = size
        while i < limit {
            let b = block[i]
            if b == 0x0A {
                var j = i + 1
                while j < block.count, block[j] == 0x20 || block[j] == 0x09 || block[j] == 0x0D { j += 1 }
                if j == block.count, !complete { return .needMore }
                let last = lastScalar(block, before: i)
                // A blank line after a sentence's end is a paragraph break; after anything else the cleaner
                // joins the lines across it (a page break inside a sentence), so no cut there.
                if j < block.count, block[j] == 0x0A, let c = last, CleanText.sentenceFinal.contains(c) { return .at(j + 1) }
                if fallback == nil, last == "。" { fallback = i + 1 }
                if line == nil { line = i + 1 }
            } else if clause == nil, i >= 2, endsClause(block[i - 2], block[i - 1], b) {
                clause = i + 1
            }
            i += 1
        }
        if limit < reach, !complete { return .needMore }
        if let fallback { return .at(fallback) }
        guard limit == reach else { return .none }
        if let cut = clause ?? line ?? (size..<limit).first(where: { betweenCharacters(block, $0) }) { return .at(cut) }
        return insideDigits(block, from: size, to: limit).map { .at($0) } ?? .none
    }

    /// Digits read as no figure on either side of a cut: more significant digits than any number may have.
    static let digitsAroundCut = Limits.standard.significantDigits + 2

    /// A cut inside a run of digits that no figure can be read from (a text of nothing but digits and
    /// points within reach: a file of digits): where the `digitsAroundCut` bytes before and after are
    /// digits, the first of each not 0, so that neither side is a number (more significant digits than
    /// any number may have) and the figures read are those of the text read whole (a sentence running
    /// across the cut is cut with it); the first such place from the middle of `from..<to`, nil where
    /// there is none (a run of zeros, points between every few digits).
    private static func insideDigits(_ block: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let n = digitsAroundCut
        func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func fits(_ k: Int) -> Bool {
            block[k - n] != 0x30 && block[k] != 0x30 && (k - n..<k + n).allSatisfy { digit(block[$0]) }
        }
        guard to - from > 2 * n else { return nil }
        return ((from + to) / 2..<(to - n)).first(where: fits) ?? (from + n..<(from + to) / 2).first(where: fits)
    }

    /// Whether three bytes are ，；。！ or ？ in UTF-8.
    private static func endsClause(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        (a == 0xEF && b == 0xBC && (c == 0x8C || c == 0x9B || c == 0x81 || c == 0x9F)) || (a == 0xE3 && b == 0x80 && c == 0x82)
    }

    /// Whether `k` is between two characters neither of which is a digit or a point (a number stays whole).
    private static func betweenCharacters(_ block: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        func numeric(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || c == 0x2E }
        return block[k] & 0xC0 != 0x80 && !numeric(block[k]) && !numeric(block[k - 1])
    }
}

/// What a block of a long document cannot know alone, gathered in a first pass over all blocks: how
/// often the document names each place (a name the gazetteer lacks is a place when named twice), the
/// place it names most, and its report year (the title's, else the latest it names).
struct DocumentFacts {
    var counts: [String: Int] = [:]
    var region: String?
    var year: Int?
    /// Per name, its mentions that are places on their own (listed, or a subject).
    private var alone: [String: Int] = [:]
    private var titleYear: Int?
    private var latestYear: Int?
    private var blocks = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, blocks: [Range<Int>], options: ExtractionOptions) {
        for b in blocks { add(String(decoding: UnsafeBufferPointer(rebasing: bytes[b]), as: UTF8.self)) }
        finish(options)
    }

    /// Facts gathered block by block (``add(_:)``), then ``finish(_:)``.
    init() {}

    /// Gathers the facts of the document's next block.
    mutating func add(_ block: String) {
        let clean = CleanText(block)
        let s = clean.scalars
        for m in RegionNames.mentions(s, 0..<s.count) {
            counts[m.name, default: 0] += 1
            if Attribution.isPlaceAlone(s, m) { alone[m.name, default: 0] += 1 }
        }
        if blocks == 0 { titleYear = Periods.latestYear(s, 0..<(s.firstIndex(of: "\n") ?? s.count)) }
        if let y = Periods.latestYear(s, 0..<s.count) { latestYear = max(latestYear ?? y, y) }
        blocks += 1
    }

    /// The document's place and year, once every block is added.
    mutating func finish(_ options: ExtractionOptions) {
        var named: [String: Int] = [:]
        for (name, count) in counts {
            let accepted = count >= 2 ? count : alone[name, default: 0]
            if accepted > 0 { named[name] = accepted }
        }
        region = options.region ?? Attribution.mostNamed(named)
        year = options.year ?? titleYear ?? latestYear
    }
}
