/// Text taken from a PDF or web page, cleaned for reading figures, with every character mapped
/// back to its offset in the original.
///
/// Hard-wrapped lines are joined (the sample breaks lines mid-word and mid-number), spaces
/// between Chinese characters and inside figures are dropped (“18.65 亿元”, “此 外 ，该 县”),
/// full-width digits, letters and signs become ASCII, and paragraph and heading boundaries are
/// kept as a line break (a heading: a marked line, or a short line alone between blank lines). Offsets count Unicode scalars, as Python's str does.
public struct CleanText: Sendable {
    /// The cleaned text, one scalar per element.
    public let scalars: [Unicode.Scalar]
    /// For each cleaned scalar, its offset in the original text (in scalars).
    public let offsets: [Int]
    /// The original text's length in scalars.
    public let originalLength: Int

    public var string: String { ScalarText.string(scalars[...]) }

    /// Original offsets [start, end) of the cleaned range [from, to).
    public func originalRange(_ from: Int, _ to: Int) -> Range<Int> {
        guard from < to, from < offsets.count else { return originalLength..<originalLength }
        return offsets[from]..<(offsets[min(to, offsets.count) - 1] + 1)
    }

    static let sentenceFinal: ScalarSet = ["。", "！", "？", "；", "…", "”", "」", "!", "?", ":", "：", "）", ")"]
    static let headingMarks: ScalarSet = ["◆", "■", "●", "▲", "◇", "□", "★", "☆"]

    public init(_ text: String) {
        let original = ScalarText.scalars(text)
        originalLength = original.count
        var out: [Unicode.Scalar] = []
        var map: [Int] = []
        out.reserveCapacity(original.count)
        map.reserveCapacity(original.count)

        // Lines with their start offsets.
        var lines: [(start: Int, end: Int)] = []
        var s = 0
        for (i, c) in original.enumerated() where c == "\n" {
            lines.append((s, i)); s = i + 1
        }
        lines.append((s, original.count))

        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || c == "\u{3000}" || c == "\u{A0}" || c == "\r"
        }
        func isASCIIWord(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
        }
        func normalized(_ c: Unicode.Scalar) -> Unicode.Scalar {
            switch c.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: Unicode.Scalar(c.value - 0xFEE0)!   // full-width ASCII minus 0xFEE0 is ASCII
            case 0xFF05: "%"
            case 0xFF0E: "."
            default: c
            }
        }

        var pendingBlank = false
        var previousWasHeading = false
        let blank = lines.map { line in (line.start..<line.end).allSatisfy { isSpace(original[$0]) } }
        for (n, line) in lines.enumerated() {
            var a = line.start, b = line.end
            while a < b, isSpace(original[a]) { a += 1 }
            while b > a, isSpace(original[b - 1]) { b -= 1 }
            if a == b { pendingBlank = true; continue }
            // A heading: a marked line (◆…), or a short line standing alone between blank lines (or the
            // text's start) that does not end a sentence (一、青山县概况).
            let alone = (n == 0 || blank[n - 1]) && n + 1 < lines.count && blank[n + 1]
            let isHeading =
                Self.headingMarks.contains(original[a])
                || alone && b - a <= 30 && !Self.sentenceFinal.contains(original[b - 1])
            if let last = out.last, last != "\n" {
                let paragraphEnds = pendingBlank && Self.sentenceFinal.contains(last)
                if paragraphEnds || isHeading || previousWasHeading {
                    out.append("\n"); map.append(max(0, line.start - 1))
                }
            }
            pendingBlank = false
            previousWasHeading = isHeading
            var i = a
            while i < b {
                let c = original[i]
                if isSpace(c) {
                    // Keep one space between two Latin words; drop it anywhere else.
                    var j = i
                    while j < b, isSpace(original[j]) { j += 1 }
                    if isASCIIWord(out.last), j < b, isASCIIWord(original[j]) { out.append(" "); map.append(i) }
                    i = j
                    continue
                }
                out.append(normalized(c)); map.append(i)
                i += 1
            }
        }
        scalars = out
        offsets = map
    }
}
