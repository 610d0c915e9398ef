import CCairoPango

/// Justified Chinese text as clreq sets it: the space a line lacks is spread over the gaps beside
/// Chinese characters and full-width punctuation, never inside a run of digits or Latin letters —
/// 105.30亿元 and shaoyang-panel-2019-2023.csv stay as set. Pango's own justification widens every
/// cluster gap of a line without spaces, letter-spacing figures and file names (2 0 2 0 年).
///
/// Applied to a laid-out Pango layout by widening the last glyph of each cluster before a gap, as
/// Pango itself justifies; the line breaks are Pango's, unchanged. The last line of a paragraph stays
/// ragged, and so does a line with no Chinese gap (an address alone on its line).
enum Justification {
    /// Justifies every line of `layout` but each paragraph's last, to the layout's width.
    static func apply(to layout: OpaquePointer, text: String) {
        let width = Int(pango_layout_get_width(layout))
        guard width > 0 else { return }
        let indent = Int(pango_layout_get_indent(layout))
        let bytes = Array(text.utf8)
        var lines: [UnsafeMutablePointer<PangoLayoutLine>] = []
        var node = pango_layout_get_lines(layout)
        while let n = node {
            if let data = n.pointee.data { lines.append(data.assumingMemoryBound(to: PangoLayoutLine.self)) }
            node = n.pointee.next
        }
        for (i, line) in lines.enumerated() {
            let lastOfParagraph = i == lines.count - 1 || lines[i + 1].pointee.is_paragraph_start != 0
            if lastOfParagraph { continue }
            let available = width - (line.pointee.is_paragraph_start != 0 && indent > 0 ? indent : 0)
            justify(line, to: available, bytes: bytes)
        }
    }

    /// One glyph cluster of a line: where its glyphs are and which bytes of the text it shows.
    private struct Cluster {
        var glyphs: UnsafeMutablePointer<PangoGlyphString>
        var lastGlyph: Int
        var byteStart: Int
    }

    private static func justify(_ line: UnsafeMutablePointer<PangoLayoutLine>, to available: Int, bytes: [UInt8]) {
        var clusters: [Cluster] = []
        var natural = 0
        var run = line.pointee.runs
        while let r = run {
            run = r.pointee.next
            guard let item = r.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self),
                let glyphs = item.pointee.glyphs, let pangoItem = item.pointee.item
            else { continue }
            let g = glyphs.pointee
            natural += Int(pango_glyph_string_get_width(glyphs))
            for k in 0..<Int(g.num_glyphs) {
                let start = Int(pangoItem.pointee.offset) + Int(g.log_clusters[k])
                if k + 1 < Int(g.num_glyphs), g.log_clusters[k + 1] == g.log_clusters[k] { continue }
                clusters.append(Cluster(glyphs: glyphs, lastGlyph: k, byteStart: start))
            }
        }
        let lack = available - natural
        guard lack > 0, clusters.count > 1 else { return }
        // A gap is open when a Chinese character or full-width mark stands on either side of it.
        var gaps: [Int] = []
        for k in 0..<(clusters.count - 1) {
            let next = clusters[k + 1].byteStart
            guard next > 0, next < bytes.count else { continue }
            let left = scalar(before: next, in: bytes), right = scalar(at: next, in: bytes)
            // Not after an opening mark nor before a closing one: （shaoyang… and …行）， stay tight.
            if isSpace(right) || opening.contains(left) || closing.contains(right) { continue }
            if isWide(left) || isWide(right) { gaps.append(k) }
        }
        guard !gaps.isEmpty else { return }
        let each = lack / gaps.count
        var rest = lack - each * gaps.count
        for k in gaps {
            let c = clusters[k]
            var extra = each
            if rest > 0 { extra += 1; rest -= 1 }
            c.glyphs.pointee.glyphs[c.lastGlyph].geometry.width += Int32(extra)
        }
    }

    /// Han characters, kana and the full-width punctuation and forms of Chinese text (“”、…—).
    static func isWide(_ c: UInt32) -> Bool {
        switch c {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFF:
            true
        case 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026: true
        default: false
        }
    }

    /// Marks that open (（“《) or close (）”》，。) their text: no space is added on their inner side.
    static let opening: Set<UInt32> = [0xFF08, 0x201C, 0x2018, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x0028]
    static let closing: Set<UInt32> = [
        0xFF09, 0x201D, 0x2019, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x0029,
        0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
    ]

    private static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x0A || c == 0x2028 }

    /// The scalar whose UTF-8 encoding starts at byte `i` (Pango's clusters start on scalar boundaries).
    private static func scalar(at i: Int, in b: [UInt8]) -> UInt32 {
        var bytes = b[i...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&bytes) { return s.value }
        return 0xFFFD
    }

    /// The scalar that ends just before byte `i`.
    private static func scalar(before i: Int, in b: [UInt8]) -> UInt32 {
        var k = i - 1
        while k > 0, b[k] & 0xC0 == 0x80 { k -= 1 }   // back over continuation bytes to the lead byte
        return scalar(at: k, in: b)
    }
}
