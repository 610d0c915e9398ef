import CountyData

/// Which place and period each figure of a document belongs to.
///
/// A figure's place, first found first taken: the place its 分别 list gives it (青山县、白水县分别增长
/// 5.1%、6.2%); the place just before its parenthesis (长沙（1.4万亿元）); the last place its sentence
/// names as a subject before it (at a clause's start, after time words: 2023年，青山市…；株洲市增长…);
/// the place the next clause opens with when the figure opens its own (1035.2亿元，青山市稳居全省第一);
/// (a name the gazetteer lacks counts when named twice, as a subject, or before a parenthesised figure);
/// the place of the paragraph so far (a subject named by an earlier sentence), else of the section
/// (a heading naming a place: 白水县概况); else the document's place. A place named inside a clause
/// (比白水县高, 被评为邵阳市…, 湖南某公司) is not the figure's. Periods: see ``Periods``.
struct Attribution {
    /// The places named, in order: gazetteer names, and other names the document names twice or as a subject.
    let mentions: [RegionMention]
    let documentRegion: String?
    let documentYear: Int?
    /// By sentence start: the place of the paragraph or section before the sentence.
    private let contextRegion: [Int: String]
    private let frames: [Int: Periods.Stated]

    static let clauseBreaks: ScalarSet = [
        "，", ",", "；", ";", "：", ":", "。", "！", "？", "!", "?", "（", "(", "）", ")", "\n", "、",
        "“", "”", "《", "》", "◆", "■", "●", "▲", "◇", "□", "★", "☆",
    ]
    /// Words that may stand between a clause's start and its subject: time, and linking words.
    static let leadingWords: [[Unicode.Scalar]] = [
        "今年以来", "去年以来", "近年来", "截至目前", "前三季度", "一季度", "上半年", "下半年", "今年",
        "去年", "全年", "同期", "年底", "年末", "年初", "以来", "月份", "其中", "同时", "此外", "另外",
        "据统计", "截至", "而", "份",
    ]
    .map { Array($0.unicodeScalars) }
    static let timeScalars: ScalarSet = ["年", "月", "日", "—", "-", "～", "至", ".", " "]

    /// The section's place at the end of the text (a block of a long document passes it to the next).
    let lastSection: String?

    /// `facts`: for one block of a long document, what the whole document says (``DocumentFacts``);
    /// `section`: the place of the section the text starts in.
    init(
        _ s: [Unicode.Scalar], sentences: [Range<Int>], options: ExtractionOptions, facts: DocumentFacts? = nil,
        section startSection: String? = nil
    ) {
        let all = RegionNames.mentions(s, 0..<s.count)
        var counts: [String: Int] = [:]
        if let facts { counts = facts.counts } else { for m in all { counts[m.name, default: 0] += 1 } }
        let accepted = all.filter { m in counts[m.name, default: 0] >= 2 || Self.isPlaceAlone(s, m) }
        mentions = accepted
        if let facts {
            documentRegion = options.region ?? facts.region
            documentYear = options.year ?? facts.year
        } else {
            var named: [String: Int] = [:]
            for m in accepted { named[m.name, default: 0] += 1 }
            documentRegion = options.region ?? Self.mostNamed(named)
            documentYear = options.year ?? Periods.documentYear(s)
        }
        let paragraphs = Self.paragraphStarts(s, sentences)
        frames = Periods.frames(s, sentences: sentences, paragraphs: paragraphs)

        // The section's place (headings), and the paragraph's (subjects of earlier sentences).
        var context: [Int: String] = [:]
        var section = startSection
        var paragraph: String?
        var paragraphStart = -1
        var k = 0   // first mention not yet passed
        for (sentence, start) in zip(sentences, paragraphs) {
            if start != paragraphStart {
                paragraphStart = start
                paragraph = nil
                let end = s[start...].firstIndex(of: "\n") ?? s.count
                if Self.isHeading(s, start..<end),
                    let first = accepted.first(where: { $0.start >= start && $0.end <= end })
                {
                    section = first.name
                }
            }
            if let place = paragraph ?? section { context[sentence.lowerBound] = place }
            var previous: RegionMention?
            while k < accepted.count, accepted[k].start < sentence.upperBound {
                if accepted[k].start >= sentence.lowerBound, Self.isSubject(s, accepted[k], after: previous) {
                    paragraph = accepted[k].name
                }
                previous = accepted[k]
                k += 1
            }
        }
        contextRegion = context
        lastSection = section
    }

    /// Whether a mention is a place whatever else the document says: a gazetteer name, or (but for a
    /// plain 区: 熔炼区, 功能区) a clause's subject or a name before a parenthesised figure. Any other
    /// name is a place when the document names it twice.
    static func isPlaceAlone(_ s: [Unicode.Scalar], _ m: RegionMention) -> Bool {
        m.listed
            || (!m.name.hasSuffix("区") || m.name.hasSuffix("管理区") || m.name.hasSuffix("新区"))
                && (isSubject(s, m, after: nil) || m.end < s.count && (s[m.end] == "（" || s[m.end] == "("))
    }

    /// The place named most often (of equals, the first in code-point order).
    static func mostNamed(_ named: [String: Int]) -> String? {
        named.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    /// The period of the figures of `sentence`.
    func period(_ s: [Unicode.Scalar], _ sentence: Range<Int>) -> Period? {
        Periods.period(s, sentence, documentYear: documentYear, frame: frames[sentence.lowerBound])
    }

    /// The places of one sentence, walked once as its figures are taken in order: each place is judged
    /// once, so a sentence of n figures and n places costs n steps, not n².
    struct Cursor {
        let sentence: Range<Int>
        let mentions: ArraySlice<RegionMention>
        /// The first mention not yet passed.
        private(set) var next: Int
        /// The last mention passed, and the last passed that is its clause's subject.
        private(set) var previous: RegionMention?
        private(set) var subject: RegionMention?
        private var position = Int.min

        init(sentence: Range<Int>, mentions: ArraySlice<RegionMention>) {
            self.sentence = sentence
            self.mentions = mentions
            next = mentions.startIndex
        }

        /// Passes every mention that ends by `position`; a position before the last starts again.
        mutating func advance(to position: Int, _ s: [Unicode.Scalar]) {
            if position < self.position { self = Cursor(sentence: sentence, mentions: mentions) }
            self.position = position
            while next < mentions.endIndex, mentions[next].end <= position {
                if Attribution.isSubject(s, mentions[next], after: previous) { subject = mentions[next] }
                previous = mentions[next]
                next += 1
            }
        }
    }

    /// A cursor over the places of `sentence`, for `region(_:figure:listed:cursor:)`.
    func cursor(_ sentence: Range<Int>) -> Cursor { Cursor(sentence: sentence, mentions: inside(sentence)) }

    /// The place of the figure at `figure` in the cursor's sentence; `listed` maps figure starts to the
    /// places of 分别 lists.
    func region(_ s: [Unicode.Scalar], figure: Range<Int>, listed: [Int: String], cursor: inout Cursor) -> String? {
        if let place = listed[figure.lowerBound] { return place }
        let sentence = cursor.sentence
        cursor.advance(to: figure.lowerBound, s)
        // 长沙（1.4万亿元）
        if figure.lowerBound > sentence.lowerBound, s[figure.lowerBound - 1] == "（" || s[figure.lowerBound - 1] == "(",
            let m = cursor.previous, m.end == figure.lowerBound - 1
        {
            return m.name
        }
        if let subject = cursor.subject { return subject.name }
        // 1035.2亿元，青山市稳居全省第一: the figure opens its clause, the next clause opens with a place.
        if Self.opensClause(s, figure.lowerBound, after: nil),
            let next = cursor.mentions[cursor.next...].first(where: { $0.start >= figure.upperBound }),
            Self.isSubject(s, next, after: nil),
            (figure.upperBound..<next.start).filter({ Self.clauseBreaks.contains(s[$0]) }).count == 1
        {
            return next.name
        }
        return contextRegion[sentence.lowerBound] ?? documentRegion
    }

    /// The places of the figures of 分别/分列 lists whose items are places: 青山县、白水县分别增长5.1%、6.2%.
    func respectively(_ s: [Unicode.Scalar], sentence: Range<Int>, figures: [Range<Int>]) -> [Int: String] {
        var result: [Int: String] = [:]
        var k = sentence.lowerBound
        while k + 1 < sentence.upperBound {
            guard s[k] == "分", s[k + 1] == "别" || s[k + 1] == "列" else { k += 1; continue }
            var a = k
            while a > sentence.lowerBound, !["，", "；", "：", "。"].contains(s[a - 1]) { a -= 1 }
            let items = inside(a..<k)
            // Only places, joined by 、和与及 (the words before the first may be time words).
            let joined = zip(items, items.dropFirst()).allSatisfy { p, q in
                (p.end..<q.start).allSatisfy { ["、", "和", "与", "及", "，"].contains(s[$0]) } && q.start > p.end
            }
            var b = k + 2
            while b < sentence.upperBound, !["；", "。"].contains(s[b]) { b += 1 }
            let inList = figures.filter { $0.lowerBound > k && $0.lowerBound < b }
            if items.count >= 2, joined, let last = items.last, Self.onlyFillers(s, last.end..<k) {
                // One figure per place, or one per place and measure (分别增长a%、b%，总量分别为x、y).
                for (n, f) in inList.enumerated() { result[f.lowerBound] = items[n % items.count].name }
            }
            k = b
        }
        return result
    }

    /// Whether only 的-less glue stands between the list and 分别: nothing, or an indicator phrase (增速, GDP).
    static func onlyFillers(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        !r.contains { clauseBreaks.contains(s[$0]) }
    }

    /// Words that end an organisation's name: 湖南某铝业有限公司董事长 is not about 湖南省.
    static let organisations = ["公司", "集团", "银行", "大学", "学院", "医院", "日报", "商会", "协会", "研究院"]

    /// Whether a place is its clause's subject: it opens the clause, and is not the start of an organisation's name.
    static func isSubject(_ s: [Unicode.Scalar], _ m: RegionMention, after previous: RegionMention?) -> Bool {
        guard opensClause(s, m.start, after: previous) else { return false }
        var end = m.end
        while end < s.count, end - m.end < 16, !clauseBreaks.contains(s[end]) { end += 1 }
        return !organisations.contains { Context.contains(s, m.end..<end, $0) }
    }

    /// Whether the text at `position` opens its clause: nothing but time and linking words (2023年，1—8月,
    /// 其中, 同期) since a clause break or line start, or it follows `after`, a place that does (湖南省邵阳市).
    static func opensClause(_ s: [Unicode.Scalar], _ position: Int, after previous: RegionMention?) -> Bool {
        var k = position
        while k > 0 {
            if let previous, previous.end == k, opensClause(s, previous.start, after: nil) { return true }
            let c = s[k - 1]
            if clauseBreaks.contains(c) { return true }
            if isDigit(c) || timeScalars.contains(c) { k -= 1; continue }
            guard let w = leadingWords.first(where: { Context.ends(s, 0, k, $0) }) else { return false }
            k -= w.count
        }
        return true
    }

    /// The mentions within `r` (a binary search: the mentions are in order).
    func inside(_ r: Range<Int>) -> ArraySlice<RegionMention> {
        var lo = 0, hi = mentions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if mentions[mid].start < r.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < mentions.count, mentions[end].end <= r.upperBound { end += 1 }
        return mentions[lo..<end]
    }

    /// Where the paragraph holding each sentence starts (after the line break before it).
    static func paragraphStarts(_ s: [Unicode.Scalar], _ sentences: [Range<Int>]) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(sentences.count)
        var start = 0, k = 0
        for sentence in sentences {
            while k < sentence.lowerBound {
                if s[k] == "\n" { start = k + 1 }
                k += 1
            }
            starts.append(start)
        }
        return starts
    }

    /// A heading: a short line with no sentence or clause punctuation (青山县概况, 一、白水县).
    static func isHeading(_ s: [Unicode.Scalar], _ line: Range<Int>) -> Bool {
        line.count <= 30 && !line.contains { ["。", "，", "；", ",", ";", "！", "？"].contains(s[$0]) }
    }
}
