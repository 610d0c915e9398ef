import CountyData

/// Recognisers for figures whose shape is more than a number and its unit: ranks and changes of rank,
/// numbers glued to Latin acronyms, numerals that begin names, lists sharing one trailing unit, rates
/// whose unit is written before the number (每斤1.3元) and fractions.
extension FigureScanner {
    /// Verbs that place the subject in a ranking (居全市第2位, 列全省第37名, 排名全省第5位).
    static let rankVerbs = ["位居", "位列", "名列", "排名", "排在", "排第", "分列", "跃居", "升至", "稳居", "保持", "进入", "列", "居", "排"]
        .map { Array($0.unicodeScalars) }

    /// A rank at 第: its number, 位 or 名 or nothing after it, and the scope it ranks among (全市, 全省, 14个县市区中).
    /// 第一产业, 第3批, 第十四届 are ordinals of other things, not ranks.
    static func rank(_ s: [Unicode.Scalar], at i: Int, limit: Int, sentence: Range<Int>, previous: FoundFigure?)
        -> FoundFigure?
    {
        var j = i + 1
        if j < limit, isDigit(s[j]) {
            while j < limit, isDigit(s[j]) { j += 1 }
        } else {
            while j < limit, isNumeral(s[j]) { j += 1 }
        }
        guard j > i + 1, j - i <= 5 else { return nil }
        var end = j
        if j < limit, s[j] == "位" || s[j] == "名" {
            end = j + 1
            if end < limit, isHan(s[end]), !rankFollowers.contains(s[end]) { return nil }   // 第3名单
        } else if j < limit, !rankFollowers.contains(s[j]) {
            return nil
        }
        // The scope and the verb before it.
        var scope: String?
        var hasVerb = false
        var k = i
        while k > sentence.lowerBound, i - k < 12, !Context.clauseBreaks.contains(s[k - 1]) {
            if let v = rankVerbs.first(where: { Context.ends(s, sentence.lowerBound, k, $0) }) {
                hasVerb = true
                if k < i { scope = Extractor.string(s[k..<i]) }
                _ = v
                break
            }
            k -= 1
        }
        if scope == nil {
            // 增速全省第一: a scope word 全X directly before 第.
            var a = i - 1
            while a > sentence.lowerBound, i - a < 6, s[a] != "全", !Context.clauseBreaks.contains(s[a]) { a -= 1 }
            if a >= sentence.lowerBound, a < i, s[a] == "全" { scope = Extractor.string(s[a..<i]) }
        }
        // 分列全市第4位、第11位: a rank listed after another takes its scope.
        let listedAfterRank =
            i > sentence.lowerBound && s[i - 1] == "、" && previous?.kind == .rank && previous?.range.upperBound == i - 1
        if listedAfterRank { scope = previous?.scope; hasVerb = true }
        guard hasVerb || (scope?.first == "全") else { return nil }
        guard let n = try? NumberReader.read(Extractor.string(s[(i + 1)..<j])), let value = n.value, n.unit == nil,
            n.low == nil, value >= 1
        else {
            return nil
        }
        var f = FoundFigure(range: i..<end, reading: NumberReading(value: value), negative: false)
        f.kind = .rank
        f.unit = "位"
        f.scope = scope
        return f
    }

    /// What may follow a rank's number or its 位/名: the end of a clause, a list mark, a particle.
    static let rankFollowers: ScalarSet = [
        "，", "。", "；", "、", "）", ")", "！", "\n", ",", "的", "和", "与", "及", "以", "，",
    ]

    /// Verbs that move a rank (前移3位, 上升2个位次, 后退1位); the ones that lose places give a negative change.
    static let rankMoveVerbs: [(word: [Unicode.Scalar], sign: Bool)] = [
        ("前移", true), ("前进", true), ("上升", true), ("提升", true), ("上移", true), ("提高", true),
        ("后移", false), ("后退", false), ("下降", false), ("下滑", false), ("下移", false), ("回落", false),
    ].map { (Array($0.0.unicodeScalars), $0.1) }

    /// A change of rank at a verb: 前移3位, 上升两个位次.
    static func rankMove(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> FoundFigure? {
        guard let verb = rankMoveVerbs.first(where: { Context.starts(s, i, limit, $0.word) }) else { return nil }
        let n = i + verb.word.count
        var j = n
        while j < limit, isDigit(s[j]) || isNumeral(s[j]) { j += 1 }
        guard j > n else { return nil }
        let end: Int
        if hasPrefix(s, j, limit, "个位次") {
            end = j + 3
        } else if hasPrefix(s, j, limit, "位次") {
            end = j + 2
        } else if j < limit, s[j] == "位" || s[j] == "名",
            j + 1 >= limit || !isHan(s[j + 1]) || rankFollowers.contains(s[j + 1])
        {
            end = j + 1
        } else {
            return nil
        }
        guard let r = try? NumberReader.read(Extractor.string(s[n..<j])), let v = r.value, r.unit == nil else {
            return nil
        }
        var f = FoundFigure(range: n..<end, reading: NumberReading(value: v), negative: !verb.sign)
        f.kind = .change
        f.unit = "位"
        return f
    }

    /// Latin acronyms after which a number is a figure (GDP1865.3亿元, CPI101.6); PM2.5 and PM10 are names.
    static func afterAcronym(_ s: [Unicode.Scalar], _ i: Int, _ sentence: Range<Int>) -> Bool {
        var a = i
        while a > sentence.lowerBound, s[a - 1].value >= 0x41 && s[a - 1].value <= 0x5A || s[a - 1] == "&" { a -= 1 }
        guard i - a >= 2, a == sentence.lowerBound || !(isLatinOrDigit(s[a - 1])) else { return false }
        let word = Extractor.string(s[a..<i])
        return !["PM", "AAAA", "AAA", "AAAAA"].contains(word)
    }

    /// Words that, right after a numeral and its classifier, make them the start of a name (三台遗址, 五台山, 九台区).
    static let nameHeads = ["遗址", "山", "寺", "峡", "县", "市", "区", "镇", "乡", "村", "湖", "岭", "庙", "塔", "古城", "古镇", "街道"]
        .map { Array($0.unicodeScalars) }

    static func startsName(_ s: [Unicode.Scalar], _ q: Quantity, limit: Int) -> Bool {
        guard q.end - q.numberEnd == 1, s[q.numberEnd] != "个" else { return false }
        return nameHeads.contains { Context.starts(s, q.end, limit, $0) }
    }

    static let listMarks: ScalarSet = ["、", "和", "与", "及"]

    /// The unit written after the last number of a list that starts after `q` (0.7、4.2个百分点 → 个百分点;
    /// 3、5万吨 → 万吨), or nil when the list has none or is not a list of numbers.
    static func sharedUnit(_ s: [Unicode.Scalar], after q: Quantity, limit: Int) -> String? {
        var j = q.end
        var hops = 0
        while j + 1 < limit, listMarks.contains(s[j]), isDigit(s[j + 1]), hops < 12 {
            guard let next = quantity(s, at: j + 1, limit: limit, arabic: true), !next.isDate else { return nil }
            if next.hasUnit || next.isPercent { return Extractor.string(s[next.numberEnd..<next.end]) }
            j = next.end
            hops += 1
        }
        return nil
    }

    /// A list item read with the list's unit: 0.7 of “0.7、4.2个百分点” is 0.7个百分点.
    static func listed(_ s: [Unicode.Scalar], start: Int, numberEnd: Int, unitText: String, sentence: Range<Int>)
        -> FoundFigure?
    {
        var text = Extractor.string(s[start..<numberEnd])
        var unit = unitText
        // 3万、5万吨: this item has its own magnitude; take only the unit after the list's.
        if text.unicodeScalars.last.map({ magnitudes.contains($0) }) == true {
            while let f = unit.unicodeScalars.first, magnitudes.contains(f),
                !CountyData.Unit.knownSymbols.contains(unit)
            { unit.removeFirst() }
        } else if let f = text.unicodeScalars.last, !isDigit(f) {
            text = String(text.unicodeScalars.prefix { isDigit($0) || $0 == "." }.map(Character.init))
        }
        guard let reading = try? NumberReader.read(text + unit) else { return nil }
        return FoundFigure(
            range: start..<numberEnd, reading: reading, negative: declines(s, before: start, sentence: sentence))
    }

    /// Units of time: after 每 with a verb between (每年新增, 每月发放) they say how often, not a rate's unit.
    static let timeUnits: Set<String> = ["年", "月", "日", "天", "周", "季度", "小时", "分钟", "秒"]

    /// 每斤, 每亩, 每吨: a unit after 每 before the figure, next to it (每斤1.3元 is 1.3 元/斤) or with a
    /// verb of up to four characters between (每吨补贴200元 is 200 元/吨, 每亩增产50公斤 50 公斤/亩).
    static func perUnit(_ s: [Unicode.Scalar], before start: Int, sentence: Range<Int>) -> String? {
        var k = start - 1
        while k >= max(sentence.lowerBound, start - 8), s[k] != "每" {
            if !isHan(s[k]) || isNumeral(s[k]) || Attribution.clauseBreaks.contains(s[k]) { return nil }
            k -= 1
        }
        guard k >= sentence.lowerBound, s[k] == "每" else { return nil }
        for u in countingUnits where u.unicodeScalars.count <= 3 && hasPrefix(s, k + 1, start, u) {
            let gap = start - (k + 1 + u.unicodeScalars.count)
            if gap == 0 { return u }
            // 每个乡镇建设3个: 每个 is “each”, not a rate's unit.
            return gap <= 4 && !timeUnits.contains(u) && u != "个" ? u : nil
        }
        return nil
    }

    /// A fraction at `start`: 1/3 (not a date like 1/3/2023) or 三分之一, 2分之1 (not 百分之, 千分之).
    static func fraction(_ s: [Unicode.Scalar], at start: Int, limit: Int, sentence: Range<Int>) -> FoundFigure? {
        var j = start
        var end: Int?
        if isDigit(s[j]) {
            while j < limit, isDigit(s[j]) { j += 1 }
            if j + 1 < limit, s[j] == "/", isDigit(s[j + 1]), j - start <= 3 {
                var k = j + 1
                while k < limit, isDigit(s[k]) { k += 1 }
                if k - j <= 4, k >= limit || (s[k] != "/" && s[k] != "." && !isLatinOrDigit(s[k])) { end = k }
            }
        } else {
            while j < limit, isNumeral(s[j]) { j += 1 }
        }
        if end == nil, j > start, j + 2 < limit, s[j] == "分", s[j + 1] == "之",
            !(j - start == 1 && (s[start] == "百" || s[start] == "千"))
        {
            var k = j + 2
            while k < limit, isDigit(s[k]) || isNumeral(s[k]) { k += 1 }
            if k > j + 2 { end = k }
        }
        guard let e = end, let reading = try? NumberReader.read(Extractor.string(s[start..<e])), reading.fraction != nil
        else { return nil }
        var found = FoundFigure(range: start..<e, reading: reading, negative: false)
        found.kind = .share
        found.hedge = Context.hedgeBeforeVerb(s, sentence, before: start)
        return found
    }
}
