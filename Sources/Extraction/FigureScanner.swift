import CountyData
import Foundation

/// Splits cleaned text into sentences: at 。！？； and paragraph breaks, keeping a closing quote
/// with its sentence.
enum Sentences {
    static func split(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\n" {
                if i > start { out.append(start..<i) }
                start = i + 1
            } else if c == "。" || c == "！" || c == "？" || c == "；" || c == "!" || c == "?" {
                var end = i + 1
                while end < s.count, s[end] == "”" || s[end] == "」" || s[end] == "’" { end += 1 }
                out.append(start..<end)
                start = end
                i = end
                continue
            }
            i += 1
        }
        if start < s.count { out.append(start..<s.count) }
        return out
    }
}

/// One figure located in the cleaned text.
struct FoundFigure {
    var range: Range<Int>
    var reading: NumberReading
    /// The wording says it fell (下降5.2%): the value is negated.
    var negative: Bool
    /// Set by recognisers that know better than the reading (a rank's 位, its scope, a hedge separated by a verb).
    var kind: FigureKind? = nil
    var unit: String? = nil
    var scope: String? = nil
    var hedge: String? = nil
}

/// Finds figures in a sentence: numbers with units, magnitudes, hedges, ranges and ratios;
/// skips dates, times, years used as labels, ordinals, names and slogans in quotes, phone numbers.
enum FigureScanner {
    static let chineseDigits: ScalarSet = [
        "零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿",
        "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "拾", "佰", "仟", "廿", "卅",
    ]
    static let magnitudes: ScalarSet = ["十", "百", "千", "万", "亿"]

    /// Whether a character is a Chinese numeral: this is asked of every character of the text.
    @inline(__always) static func isNumeral(_ c: Unicode.Scalar) -> Bool { chineseDigits.contains(c) }
    static let rangeSeparators: ScalarSet = ["至", "到", "～", "~", "〜", "-", "—", "–"]
    static let prefixHedges = ["大约", "将近", "接近", "超过", "不足", "不到", "突破", "约", "近", "超", "逾"]
    /// Hedges that may stand before a round number written without a digit (上百家, 近千人, 不足百家).
    /// 数百家, 几十人: a few times the round number.
    static let roundNumberHedges = prefixHedges + ["上", "数", "几"]
    static let prefixHedgeScalars = prefixHedges.map { Array($0.unicodeScalars) }
    static let suffixHedges = ["以上", "左右", "以下", "以内", "有余", "多", "余"]
    static let declineWords = ["下降", "减少", "回落", "降低", "下滑", "负增长", "缩减", "减"]
    static let dateWords: ScalarSet = ["月", "日", "号", "时", "分", "秒"]
    /// Measure words a Chinese numeral must stand before to count as a figure (六支, 两年).
    static let countingUnits: [String] = {
        var units = Unit.knownSymbols.filter { !$0.isEmpty && $0 != "%" && $0 != "％" && $0 != "‰" }
        units += ["个百分点", "百分点", "倍"]
        return units.sorted { $0.count > $1.count }
    }()

    /// The counting units by their first character, longest first: a unit is looked for after every number.
    static let unitsByFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = {
        var t: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for u in countingUnits { let w = Array(u.unicodeScalars); t[w[0], default: []].append(w) }
        return t
    }()

    /// The end of the longest counting unit written at `i`, or nil.
    @inline(__always) static func countingUnit(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int? {
        guard i < limit, let candidates = unitsByFirst[s[i]] else { return nil }
        for w in candidates where Context.starts(s, i, limit, w) { return i + w.count }
        return nil
    }

    static func scan(_ s: [Unicode.Scalar], in sentence: Range<Int>) -> [FoundFigure] {
        var out: [FoundFigure] = []
        var i = sentence.lowerBound
        let end = sentence.upperBound
        let quoted = quotedSpans(s, sentence)
        while i < end {
            let c = s[i]
            if c == "第" || c == "前" || c == "后" || c == "上" || c == "下" || c == "提" {
                // 居全市第2位, 分列…第4位、第11位; 前移3位 (a change of rank).
                if let r = c == "第"
                    ? rank(s, at: i, limit: end, sentence: sentence, previous: out.last)
                    : rankMove(s, at: i, limit: end)
                {
                    out.append(r)
                    i = r.range.upperBound
                    continue
                }
                if c == "第" {
                    // An ordinal of something else (第十四届, 第3批): its number is no figure.
                    i += 1
                    while i < end, isDigit(s[i]) || isNumeral(s[i]) { i += 1 }
                    continue
                }
            }
            // A minus sign after a word (气温-12.5℃), not a range's dash or a code's hyphen.
            let minus =
                isDigit(c) && i > sentence.lowerBound && (s[i - 1] == "-" || s[i - 1] == "−")
                && (i - 1 == sentence.lowerBound || !isLatinOrDigit(s[i - 2]) && !rangeSeparators.contains(s[i - 2]))
            let startsArabic =
                isDigit(c)
                && (i == sentence.lowerBound
                    || (!isLatinOrDigit(s[i - 1]) || afterAcronym(s, i, sentence) || minus) && s[i - 1] != "第")
            let startsChinese = isNumeral(c) && !(i > sentence.lowerBound && s[i - 1] == "第")
            let startsPercentWord =
                (c == "百" || c == "千") && (hasPrefix(s, i, end, "百分之") || hasPrefix(s, i, end, "千分之"))
            guard startsArabic || startsChinese || startsPercentWord else { i += 1; continue }
            if var f = figure(s, at: i, limit: end, sentence: sentence, arabic: startsArabic || startsPercentWord),
                !quoted.contains(where: { $0.contains(f.range.lowerBound) })
            {
                if minus, f.range.lowerBound == i {
                    f.range = (i - 1)..<f.range.upperBound
                    f.negative.toggle()
                }
                out.append(f)
                i = f.range.upperBound
            } else {
                // Skip the rest of this number (a year, a date, a name).
                var j = i + 1
                while j < end, isDigit(s[j]) || s[j] == "." || isNumeral(s[j]) { j += 1 }
                i = j
            }
        }
        return out
    }

    /// Short quoted spans (“三高四新”, “一区三园”): names and slogans, not figures.
    static func quotedSpans(_ s: [Unicode.Scalar], _ sentence: Range<Int>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var open: Int?
        for i in sentence {
            if s[i] == "“" || s[i] == "‘" || s[i] == "「" {
                open = i
            } else if s[i] == "”" || s[i] == "’" || s[i] == "」", let o = open {
                if i - o <= 10 { spans.append(o..<(i + 1)) }
                open = nil
            }
        }
        return spans
    }

    static func isLatinOrDigit(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) || c == "."
            || c == "-" || c == "/"
    }

    static func hasPrefix(_ s: [Unicode.Scalar], _ i: Int, _ end: Int, _ word: String) -> Bool {
        var k = i
        for u in word.unicodeScalars {
            guard k < end, s[k] == u else { return false }
            k += 1
        }
        return true
    }

    /// Reads one figure starting at `start`, or nil when what stands there is not a figure.
    static func figure(_ s: [Unicode.Scalar], at start: Int, limit: Int, sentence: Range<Int>, arabic: Bool)
        -> FoundFigure?
    {
        if !arabic, hasPrefix(s, start, limit, "三次产业") || hasPrefix(s, start, limit, "一二三产") { return nil }
        // A ratio: 19.4:36.3:44.3.
        if arabic, let r = ratio(s, at: start, limit: limit) {
            let text = Extractor.string(s[start..<r])
            if let reading = try? NumberReader.read(text), reading.parts != nil {
                return FoundFigure(range: start..<r, reading: reading, negative: false)
            }
        }
        // A fraction: 1/3, 三分之一 (a share of something the clause names).
        if let f = fraction(s, at: start, limit: limit, sentence: sentence) { return f }
        guard var first = quantity(s, at: start, limit: limit, arabic: arabic) else { return nil }
        let indexed = !first.hasUnit && !first.hasMagnitude && arabic && Context.namesIndex(s, sentence, before: start)
        var endIndex = first.end
        // A range: a second quantity after a separator.
        if endIndex < limit, rangeSeparators.contains(s[endIndex]), endIndex + 1 < limit {
            let next = endIndex + 1
            let nextArabic = isDigit(s[next])
            if nextArabic || chineseDigits.contains(s[next]),
                let second = quantity(s, at: next, limit: limit, arabic: nextArabic),
                second.hasUnit || second.hasMagnitude || first.hasUnit || (indexed && nextArabic)
            {
                if second.isDate || first.isDate { return nil }
                endIndex = second.end
                first.hasUnit = first.hasUnit || second.hasUnit
            }
        }
        if first.isDate { return nil }
        // 三年来, 近年以来: a span of time the text looks back over, not a figure; 五年前, 三个月后: a time, not a figure.
        if first.end < limit, s[first.end - 1] == "年" || s[first.end - 1] == "月" || s[first.end - 1] == "天",
            s[first.end] == "来" || hasPrefix(s, first.end, limit, "以来") || s[first.end] == "前" || s[first.end] == "后"
        {
            return nil
        }
        // 全国前20名, 前十位: a cut-off, not a figure of the subject.
        if start > sentence.lowerBound, s[start - 1] == "前", first.hasUnit,
            s[first.end - 1] == "名" || s[first.end - 1] == "位" || s[first.end - 1] == "强"
        {
            return nil
        }
        // Chinese numerals count only before a measure word, and 一 alone is an article (一个, 一条).
        var roundHedge: String?
        if !arabic {
            guard first.hasUnit else { return nil }
            let digits = s[start..<first.numberEnd]
            // 一 is an article (一个, 一条) and 二 alone an ordinal prefix (二次燃烧, 二期): counts say 两.
            if digits.count == 1 && (digits.first == "一" || digits.first == "二") { return nil }
            // 上百家, 近千人, 不足百家: a round number needs its hedge; 百万吨饲料基地 alone is a label.
            let aboutAHundred =
                digits.count == 2
                && (digits.first == "百" && digits.last == "十" || digits.first == "千" && digits.last == "百")
            // 十来万人, 百来户: the 来 after the round number is its hedge.
            let hedgedAfter = first.numberEnd < limit && s[first.numberEnd] == "来"
            if digits.allSatisfy({ magnitudes.contains($0) }), !aboutAHundred, !hedgedAfter {
                guard
                    let h = roundNumberHedges.first(where: {
                        start - $0.unicodeScalars.count >= sentence.lowerBound
                            && hasPrefix(s, start - $0.unicodeScalars.count, start, $0)
                    })
                else { return nil }
                roundHedge = h
            }
            // 三台遗址, 五台山: a numeral and a classifier that begin a name.
            if startsName(s, first, limit: limit) { return nil }
        } else if !first.hasUnit && !first.hasMagnitude && !first.isPercent && !indexed {
            // A bare number: a label, a model name, a count of nothing said, unless a list gives it its unit (0.7、4.2个百分点).
            if let shared = sharedUnit(s, after: first, limit: limit) {
                return listed(s, start: start, numberEnd: first.end, unitText: shared, sentence: sentence)
            }
            return nil
        }
        // 1.1个、2.6个百分点: the list's unit is the longer one written last.
        if arabic, first.hasUnit, let shared = sharedUnit(s, after: first, limit: limit),
            shared.count > 0, Extractor.string(s[first.numberEnd..<first.end]) != shared,
            shared.hasPrefix(Extractor.string(s[first.numberEnd..<first.end]))
        {
            return listed(s, start: start, numberEnd: first.numberEnd, unitText: shared, sentence: sentence)
        }
        // Prefix hedge, also with 了 between it and the number (突破了30亿元).
        var figureStart = start
        var readingStart = start
        var separatedHedge: String? = roundHedge
        for h in roundHedge == nil ? prefixHedgeScalars : [Array(roundHedge!.unicodeScalars)] {
            let n = h.count
            if Context.ends(s, sentence.lowerBound, figureStart, h) {
                figureStart -= n; readingStart = figureStart; break
            }
            if figureStart - 1 > sentence.lowerBound, s[figureStart - 1] == "了",
                Context.ends(s, sentence.lowerBound, figureStart - 1, h)
            {
                figureStart -= n + 1
                separatedHedge = Extractor.string(h[...])
                break
            }
        }
        if figureStart == start {
            separatedHedge = separatedHedge ?? Context.hedgeBeforeVerb(s, sentence, before: start)
        }
        // Suffix hedge.
        let unitEnd = endIndex
        for h in suffixHedges where hasPrefix(s, endIndex, limit, h) {
            // 多 and 余 only when they end the figure (not 多个, 余额).
            let n = h.unicodeScalars.count
            if h == "多" || h == "余", endIndex + n < limit, isHan(s[endIndex + n]), s[endIndex + n] != "人" {
                if !(h == "余" && s[endIndex + n] == "人") { continue }
            }
            endIndex += n
            break
        }
        // 每斤1.3元: the rate's unit is written before the number.
        var text = Extractor.string(s[readingStart..<endIndex])
        if first.hasUnit, !first.isPercent, let per = perUnit(s, before: figureStart, sentence: sentence),
            !["个百分点", "百分点", "倍", "成"].contains(Extractor.string(s[first.numberEnd..<unitEnd]))
        {
            text = Extractor.string(s[readingStart..<unitEnd]) + "/" + per + Extractor.string(s[unitEnd..<endIndex])
        }
        guard let reading = try? NumberReader.read(text) else { return nil }
        // Phone numbers and codes: long digit runs with no unit.
        if reading.unit == nil, reading.value.map({ $0 >= 10_000_000 }) == true, !first.hasMagnitude { return nil }
        var found = FoundFigure(
            range: figureStart..<endIndex, reading: reading,
            negative: declines(s, before: figureStart, sentence: sentence))
        found.hedge = separatedHedge
        if indexed { found.kind = reading.low != nil ? .range : .index }
        return found
    }

    /// The end of a ratio of decimals joined by : or ∶ starting at `start`, or nil.
    static func ratio(_ s: [Unicode.Scalar], at start: Int, limit: Int) -> Int? {
        var i = start
        var parts = 0
        while i < limit {
            let p = i
            while i < limit, isDigit(s[i]) || (s[i] == "." && i + 1 < limit && isDigit(s[i + 1])) { i += 1 }
            guard i > p else { return nil }
            parts += 1
            guard i + 1 < limit, s[i] == ":" || s[i] == "∶" || s[i] == "：", isDigit(s[i + 1]) else { break }
            i += 1
        }
        return parts >= 2 ? i : nil
    }

    struct Quantity {
        var end: Int
        var numberEnd: Int
        var hasUnit: Bool
        var hasMagnitude: Bool
        var isPercent: Bool
        var isDate: Bool
    }

    /// The extent of one number with its magnitude, infix hedge and unit.
    static func quantity(_ s: [Unicode.Scalar], at start: Int, limit: Int, arabic: Bool) -> Quantity? {
        var i = start
        var percentWord = false
        if hasPrefix(s, i, limit, "百分之") || hasPrefix(s, i, limit, "千分之") { i += 3; percentWord = true }
        let numberStart = i
        if arabic && !percentWord || (percentWord && i < limit && isDigit(s[i])) {
            while i < limit, isDigit(s[i]) || ((s[i] == "." || s[i] == ",") && i + 1 < limit && isDigit(s[i + 1])) {
                i += 1
            }
        } else {
            while i < limit,
                chineseDigits.contains(s[i]) || (s[i] == "点" && i + 1 < limit && chineseDigits.contains(s[i + 1]))
            { i += 1 }
            // 三百点5: Arabic decimals after a Chinese whole number.
            if i + 1 < limit, i > numberStart, s[i] == "点", isDigit(s[i + 1]) {
                i += 1
                while i < limit, isDigit(s[i]) { i += 1 }
            }
        }
        guard i > numberStart else { return nil }
        let numberEnd = i
        let digitCount = s[numberStart..<numberEnd].filter { isDigit($0) }.count
        // Dates and times: 2023年 (a 4-digit year), 9月28日, 18时, 10点.
        if i < limit {
            if dateWords.contains(s[i]), !hasPrefix(s, i, limit, "分钟"), !hasPrefix(s, i, limit, "秒") {
                return Quantity(
                    end: i, numberEnd: i, hasUnit: false, hasMagnitude: false, isPercent: false, isDate: true)
            }
            if s[i] == "年", arabic, digitCount == 4 {
                return Quantity(
                    end: i + 1, numberEnd: i, hasUnit: false, hasMagnitude: false, isPercent: false, isDate: true)
            }
            if s[i] == "年", !arabic, numberEnd - numberStart == 4 {
                return Quantity(
                    end: i + 1, numberEnd: i, hasUnit: false, hasMagnitude: false, isPercent: false, isDate: true)
            }
            if s[i] == "点", arabic, i + 1 < limit, !isDigit(s[i + 1]) {
                return Quantity(
                    end: i + 1, numberEnd: i, hasUnit: false, hasMagnitude: false, isPercent: false, isDate: true)
            }
        }
        if percentWord {
            return Quantity(end: i, numberEnd: i, hasUnit: true, hasMagnitude: false, isPercent: true, isDate: false)
        }
        // Infix hedge, then magnitude words after Arabic digits (1.2万, 3千万, 10余万).
        var hasMagnitude = false
        var infix = false
        if i + 1 < limit, s[i] == "余" || s[i] == "多" || s[i] == "来", magnitudes.contains(s[i + 1]) {
            i += 1
            infix = true
        }
        if arabic || infix {
            while i < limit, magnitudes.contains(s[i]), !hasPrefix(s, i, limit, "千瓦"), !hasPrefix(s, i, limit, "千克"),
                !hasPrefix(s, i, limit, "百分点"), !hasPrefix(s, i, limit, "千米")
            {
                i += 1
                hasMagnitude = true
            }
        }
        if !arabic, s[numberStart..<numberEnd].contains(where: { $0 == "万" || $0 == "亿" }) {
            hasMagnitude = true
        }
        // 50万二千, 3亿零五千: the rest below the magnitude in Chinese numerals.
        if arabic, hasMagnitude, i < limit,
            s[i] == "零"
                || (isNumeral(s[i]) && !magnitudes.contains(s[i]) && i + 1 < limit && magnitudes.contains(s[i + 1]))
        {
            while i < limit, isNumeral(s[i]) { i += 1 }
        }
        if i + 1 < limit, s[i] == "余" || s[i] == "多" || s[i] == "来", !magnitudes.contains(s[i + 1]) {
            // 3000余人, 二十来个: the hedge stands between number and unit.
            if let u = unit(s, at: i + 1, limit: limit) {
                return Quantity(
                    end: u, numberEnd: numberEnd, hasUnit: true, hasMagnitude: hasMagnitude, isPercent: false,
                    isDate: false)
            }
        }
        if i < limit, s[i] == "%" || s[i] == "‰" {
            return Quantity(
                end: i + 1, numberEnd: numberEnd, hasUnit: true, hasMagnitude: hasMagnitude, isPercent: true,
                isDate: false)
        }
        if let u = unit(s, at: i, limit: limit) {
            return Quantity(
                end: u, numberEnd: numberEnd, hasUnit: true, hasMagnitude: hasMagnitude, isPercent: false, isDate: false
            )
        }
        return Quantity(
            end: i, numberEnd: numberEnd, hasUnit: false, hasMagnitude: hasMagnitude, isPercent: false, isDate: false)
    }

    /// The end of the longest unit written at `i` (亿元, 个百分点, 吨, 家), or nil.
    static func unit(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int? {
        guard let end = countingUnit(s, at: i, limit: limit) else { return nil }
        // 个 in 个人 and 个体 is not a measure word of a count we read; 年 in 年度, 年产 is not a duration.
        if end == i + 1, s[i] == "年", end < limit, s[end] == "度" || s[end] == "产" || s[end] == "均" { return nil }
        // A rate: 元/头, 米/秒, 公斤/亩.
        if end + 1 < limit, s[end] == "/", let perEnd = countingUnit(s, at: end + 1, limit: limit) { return perEnd }
        return end
    }

    /// Whether the clause says the figure is a decline: 下降5.2%, 同比减少300人.
    static func declines(_ s: [Unicode.Scalar], before start: Int, sentence: Range<Int>) -> Bool {
        var k = start
        var seen = 0
        while k > sentence.lowerBound, seen < 6 {
            k -= 1
            seen += 1
            let c = s[k]
            if c == "，" || c == "," || c == "、" || c == "；" { break }
            for w in declineWords where hasPrefix(s, k, start, w) {
                // 增长 after the decline word (由降转增) is not checked here: bulletins write 下降X% directly.
                return true
            }
        }
        return false
    }
}
