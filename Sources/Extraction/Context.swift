import CountyData

/// What surrounds a figure: the indicator phrase, the period, the region, 分别 lists.
enum Context {
    static let clauseBreaks: ScalarSet = [
        "，", ",", "；", "：", ":", "。", "！", "？", "（", "(", "）", ")", "\n", "、", "“", "”",
    ]
    /// Words that open a clause without naming what is measured.
    static let leadingFillers = [
        "今年以来", "去年以来", "近年来", "今年来", "目前", "截至目前", "其中", "同时", "此外", "全年", "全县", "全市",
        "全区", "该县", "该市", "该区", "该公司", "每年", "每天", "每月", "我县", "我市", "累计", "共计", "共", "先后", "成功", "实现", "完成", "新增",
        "预计", "计划", "覆盖", "去年", "今年", "上年", "据统计", "记者从县统计局获悉", "达到", "达", "有", "为", "已", "其", "并", "及", "和", "与",
        "比上年末", "比年初", "比上月",
        "比上年", "同比", "初步核算", "分产业看",
    ]
    /// Words that end a clause's subject before the figure.
    static let trailingVerbs = [
        "提升至", "提高到", "提高至", "降至", "增至", "缩小至", "扩大至", "下降至", "上升至", "带动", "控制在", "保持在", "稳定在", "比上年末", "比年初", "增加",
        "是上年的", "为上年的", "相当于", "比上年", "比上半年", "同比", "配备有", "配备", "可生产", "生产", "派出", "组建", "达到", "实现", "完成", "增长", "下降",
        "减少", "提高", "超过", "突破", "累计", "共计", "合计", "总计", "引进",
        "新增", "培养出", "兑现", "争取", "安排", "获得", "建成", "达", "为", "约", "近", "超", "有", "共", "是", "占",
        "增加", "新建", "年产", "计划", "回落", "降低", "下滑", "上升", "分别为", "分别", "调整为", "调整", "由",
    ]

    static func text(_ s: [Unicode.Scalar], _ r: Range<Int>) -> String { Extractor.string(s[r]) }

    /// Whether `word` occurs in `s[r]` (a scalar search: Foundation's `contains` is far slower).
    static func contains(_ s: [Unicode.Scalar], _ r: Range<Int>, _ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard let first = w.first, r.count >= w.count else { return false }
        var i = r.lowerBound
        while i + w.count <= r.upperBound {
            if s[i] == first {
                var k = 1
                while k < w.count, s[i + k] == w[k] { k += 1 }
                if k == w.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Words at which the noun after a figure ends (新建年产10万吨再生铝棒生产线的…).
    static let objectStops: ScalarSet = ["的", "及", "和", "与", "是", "在", "被", "已"]

    /// Verbs after which the figure's noun follows it (新建年产10万吨再生铝棒生产线, 配备2台反射炉).
    static let objectVerbs: Set<String> = [
        "带动", "年产", "新建", "引进", "培养出", "生产", "可生产", "配备", "配备有", "建成", "新增", "派出", "组建",
    ]
    static let conjunctions = ["及", "和", "与", "、", "以及"]

    /// The phrase the figure measures: the subject before it in its clause (到位资金 in 累计到位资金18.65亿元),
    /// or the noun after it when the figure introduces its object (新建年产10万吨再生铝棒生产线),
    /// follows a conjunction (及5万吨铝型材…), or counts with no unit (83万干群).
    /// Whether the words just before `position` say the figure is a change (增加, 减少, 增长, 下降).
    static let changeWords = ["增加", "减少", "增长", "下降", "提高", "降低"].map { Array($0.unicodeScalars) }

    static func statesChange(_ s: [Unicode.Scalar], _ sentence: Range<Int>, before position: Int) -> Bool {
        let from = max(sentence.lowerBound, position - 4)
        return changeWords.contains { w in
            (from...max(from, position - w.count)).contains { starts(s, $0, position, w) }
        }
    }

    static let growthVerbs: Set<String> = ["增长", "下降", "回落", "提高", "降低", "下滑", "上升", "减少", "增加"]
    static let fillerScalars = leadingFillers.map { Array($0.unicodeScalars) }
    static let verbList = trailingVerbs + conjunctions
    static let verbScalars = verbList.map { Array($0.unicodeScalars) }
    static let verbIsObject = verbList.map { objectVerbs.contains($0) }
    static let verbIsGrowth = verbList.map { growthVerbs.contains($0) }
    static let conjunctionScalars = conjunctions.map { Array($0.unicodeScalars) }

    @inline(__always) static func starts(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int, _ w: [Unicode.Scalar]) -> Bool {
        guard hi - lo >= w.count else { return false }
        for k in 0..<w.count where s[lo + k] != w[k] { return false }
        return true
    }

    @inline(__always) static func ends(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int, _ w: [Unicode.Scalar]) -> Bool {
        guard hi - lo >= w.count else { return false }
        for k in 0..<w.count where s[hi - w.count + k] != w[k] { return false }
        return true
    }

    static func indicator(
        _ s: [Unicode.Scalar], _ sentence: Range<Int>, _ figure: Range<Int>, previousEnd: Int, hasUnit: Bool,
        isPercent: Bool = false
    ) -> String {
        var a = figure.lowerBound
        while a > max(sentence.lowerBound, previousEnd) {
            // A parenthesised aside (（GDP）) belongs to the subject; jump over it.
            if s[a - 1] == "）" || s[a - 1] == ")",
                let open = (max(sentence.lowerBound, previousEnd)..<(a - 1)).last(where: {
                    s[$0] == "（" || s[$0] == "("
                })
            {
                a = open
                continue
            }
            if clauseBreaks.contains(s[a - 1]) { break }
            a -= 1
        }
        var lo = a, hi = figure.lowerBound   // the subject, trimmed in place as scalar offsets
        var introducesObject = false
        var growthWord = false
        for c in conjunctionScalars where ends(s, lo, hi, c) { introducesObject = true }
        var changed = true
        while changed {
            changed = false
            for w in fillerScalars where hi - lo > w.count && starts(s, lo, hi, w) { lo += w.count; changed = true }
            for (k, w) in verbScalars.enumerated() where ends(s, lo, hi, w) {
                if verbIsObject[k] { introducesObject = true }
                if verbIsGrowth[k] { growthWord = true }
                hi -= w.count; changed = true
            }
        }
        var before = text(s, lo..<max(lo, hi))
        // Drop asides and scope words inside the subject: 地区生产总值（GDP）, 年末全县户籍总人口.
        while let open = before.firstIndex(where: { $0 == "（" || $0 == "(" }),
            let close = before[open...].firstIndex(where: { $0 == "）" || $0 == ")" })
        {
            before.removeSubrange(open...close)
        }
        if before.unicodeScalars.contains("全") {   // Foundation's replace is slow: only when a scope word may be there
            for scope in ["全县", "全市", "全区", "全省"] { before = before.replacingOccurrences(of: scope, with: "") }
        }
        // The noun after the figure, quotes dropped: 14个“湘商回归”项目 → 湘商回归项目.
        var b = figure.upperBound
        var after = ""
        while b < sentence.upperBound, after.count < 12 {
            let c = s[b]
            if c == "“" || c == "”" || c == "‘" || c == "’" { b += 1; continue }
            if clauseBreaks.contains(c) || isDigit(c) { break }
            after.unicodeScalars.append(c)
            b += 1
        }
        if after.hasPrefix("的") { after.removeFirst() }
        // Cut at the first stop word (not at the very start).
        let scalars = Array(after.unicodeScalars)
        if let cut = scalars.indices.dropFirst().first(where: {
            objectStops.contains(scalars[$0])
                || (scalars[$0] == "进" && $0 + 1 < scalars.count && scalars[$0 + 1] == "入")
                || (scalars[$0] == "跻" && $0 + 1 < scalars.count && scalars[$0 + 1] == "身")
        }) {
            after = Extractor.string(scalars[..<cut])
        }
        if !after.isEmpty && (!hasUnit || introducesObject || before.count < 2) { return after }
        if isPercent && growthWord && before.count >= 2 && !before.hasSuffix("增速") && !before.hasSuffix("率") {
            return before + "增速"
        }
        return before.count >= 2 || after.isEmpty ? before : after
    }

    /// The sentence around `figure`, at most `limit` characters, with … where it is cut; `whole` when
    /// the sentence is short enough.
    static func excerpt(
        _ s: [Unicode.Scalar], _ sentence: Range<Int>, around figure: Range<Int>, whole: String, limit: Int
    ) -> String {
        guard sentence.count > limit else { return whole }
        let room = max(0, limit - figure.count)
        var lo = max(sentence.lowerBound, figure.lowerBound - room / 2)
        let hi = min(sentence.upperBound, lo + max(limit, figure.count))
        lo = max(sentence.lowerBound, min(lo, hi - limit))
        return (lo > sentence.lowerBound ? "…" : "") + text(s, lo..<hi) + (hi < sentence.upperBound ? "…" : "")
    }

    /// Indicators for the figures of 分别 lists: 甲、乙分别为X、Y → X is 甲, Y is 乙. A later
    /// 分别增长a%、b% in the same sentence gives the same items' growth. Keys are figure starts.
    static func respectively(_ s: [Unicode.Scalar], _ sentence: Range<Int>, figures: [Range<Int>]) -> [Int: String] {
        var result: [Int: String] = [:]
        var items: [String] = []
        var k = sentence.lowerBound
        while k + 1 < sentence.upperBound {
            guard s[k] == "分", s[k + 1] == "别" else { k += 1; continue }
            // Items: back from 分别 to the clause start, split at 、和与及.
            var a = k
            while a > sentence.lowerBound, !["，", "；", "：", "。"].contains(s[a - 1]) { a -= 1 }
            var list = text(s, a..<k)
            for filler in leadingFillers where list.hasPrefix(filler) { list.removeFirst(filler.count) }
            let found = list.split(whereSeparator: { $0 == "、" || $0 == "和" || $0 == "与" || $0 == "及" }).map(
                String.init
            ).filter { !$0.isEmpty }
            if found.count >= 2, let last = found.last {
                // 城镇、农村居民人均可支配收入: the short items share the last item's tail.
                items = found.map { item in
                    item.count < last.count && item.count <= 3 ? item + String(last.dropFirst(item.count)) : item
                }
            }
            // The figures of this clause.
            var b = k + 2
            while b < sentence.upperBound, !["，", "；", "。"].contains(s[b]) { b += 1 }
            let inClause = figures.filter { $0.lowerBound > k && $0.lowerBound < b }
            let growth = ["增长", "下降", "提高", "回落"].contains { contains(s, k..<b, $0) }
            if !items.isEmpty, inClause.count == items.count {
                for (f, item) in zip(inClause, items) { result[f.lowerBound] = growth ? item + "增速" : item }
            } else if found.count < 2, !inClause.isEmpty {
                // 游客1.2亿人次，旅游总收入1350亿元，分别增长15.6%和18.2%: the items are the figures before.
                let earlier = figures.filter { $0.upperBound <= a }
                if earlier.count >= inClause.count {
                    for (f, e) in zip(inClause, earlier.suffix(inClause.count)) {
                        result[f.lowerBound] = growth ? "@\(e.lowerBound)增速" : "@\(e.lowerBound)"
                    }
                }
            }
            k = b
        }
        return result
    }
}
