import CountyData

/// The period a figure belongs to: what its sentence states, else the time its paragraph opened with
/// (“1—8月，…。…” — the months hold to the paragraph's end, not beyond), else the document's year:
/// a year its title or first line states, else the latest year it names.
enum Periods {
    /// A year and a year-to-date span as written; either may be missing.
    struct Stated: Equatable {
        var year: Int?
        var throughMonth: Int?
        var isEmpty: Bool { year == nil && throughMonth == nil }
    }

    /// The first year (2023年) and the month span (1—9月, 上半年, 前三季度) that `r` states.
    static func stated(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Stated {
        var stated = Stated()
        var i = r.lowerBound
        while i + 1 < r.upperBound {
            if stated.year == nil, i + 4 < r.upperBound, (0..<4).allSatisfy({ isDigit(s[i + $0]) }), s[i + 4] == "年",
                i == r.lowerBound || !isDigit(s[i - 1])
            {
                let y = (0..<4).reduce(0) { $0 * 10 + Int(s[i + $1].value - 48) }
                if (1950...2100).contains(y) { stated.year = y }
            }
            // 1—9月, 1-9月, 1至9月
            if s[i] == "1", i + 3 < r.upperBound, i == r.lowerBound || !isDigit(s[i - 1]),
                s[i + 1] == "—" || s[i + 1] == "-" || s[i + 1] == "至" || s[i + 1] == "～"
            {
                var k = i + 2, m = 0
                // Read as far as the digits go, the number kept below 100 (no month; a long run never overflows).
                while k < r.upperBound, isDigit(s[k]) { m = min(m * 10 + Int(s[k].value - 48), 100); k += 1 }
                if k < r.upperBound, s[k] == "月", (2...11).contains(m) { stated.throughMonth = m }
            }
            i += 1
        }
        if stated.throughMonth == nil {
            if Context.contains(s, r, "上半年") {
                stated.throughMonth = 6
            } else if Context.contains(s, r, "前三季度") {
                stated.throughMonth = 9
            }
        }
        return stated
    }

    /// The period of a sentence: what it states, completed by its paragraph's opening time (`frame`) and
    /// the document's year; 去年 is the year before the document's.
    static func period(_ s: [Unicode.Scalar], _ sentence: Range<Int>, documentYear: Int?, frame: Stated?) -> Period? {
        var own = stated(s, sentence)
        let lastYear = own.year == nil && Context.contains(s, sentence, "去年")
        if own.isEmpty, !lastYear, let frame { own = frame }
        var y = own.year
        if y == nil, let documentYear { y = lastYear ? documentYear - 1 : documentYear }
        guard let y else { return nil }
        if let m = own.throughMonth { return Period(year: y, kind: .yearToDate(throughMonth: m)) }
        return .year(y)
    }

    /// The time each sentence's paragraph opened with before it, by sentence start: a sentence whose first
    /// clause states a year or months (2022年，… 1—8月，…) sets it for the sentences after it in its paragraph.
    static func frames(_ s: [Unicode.Scalar], sentences: [Range<Int>], paragraphs: [Int]) -> [Int: Stated] {
        var frames: [Int: Stated] = [:]
        var frame: Stated?
        var paragraphStart = -1
        for (sentence, start) in zip(sentences, paragraphs) {
            if start != paragraphStart { frame = nil; paragraphStart = start }
            if let frame { frames[sentence.lowerBound] = frame }
            var clauseEnd = sentence.lowerBound
            while clauseEnd < sentence.upperBound, s[clauseEnd] != "，", s[clauseEnd] != "," { clauseEnd += 1 }
            guard clauseEnd < sentence.upperBound else { continue }   // a sentence with one clause opens nothing
            let opening = stated(s, sentence.lowerBound..<clauseEnd)
            if !opening.isEmpty { frame = opening }
        }
        return frames
    }

    /// The year “今年” means: a year the first line (a title) states, else the latest the text names.
    static func documentYear(_ s: [Unicode.Scalar]) -> Int? {
        let firstLine = 0..<(s.firstIndex(of: "\n") ?? s.count)
        return latestYear(s, firstLine) ?? latestYear(s, 0..<s.count)
    }

    /// The latest 4-digit year followed by 年 in `r`; a year after 到 or 至 is a target (到2025年), not a report's.
    static func latestYear(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Int? {
        var best: Int?
        var i = r.lowerBound + 4
        while i < r.upperBound {
            if s[i] == "年", (0..<4).allSatisfy({ isDigit(s[i - 4 + $0]) }), i - 5 < r.lowerBound || !isDigit(s[i - 5]),
                i - 5 < r.lowerBound || (s[i - 5] != "到" && s[i - 5] != "至"),
                i - 6 < r.lowerBound || (s[i - 6] != "到" && s[i - 6] != "至")
            {
                let y = (0..<4).reduce(0) { $0 * 10 + Int(s[i - 4 + $1].value - 48) }
                if (1950...2100).contains(y) { best = max(best ?? y, y) }
            }
            i += 1
        }
        return best
    }
}
