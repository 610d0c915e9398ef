/// Words around a figure that say what sort of figure it is (a growth rate, a share, a span of time).
extension Context {
    static let growthWords = [
        "增长", "下降", "上涨", "下跌", "回落", "提高", "降低", "上升", "下滑", "减少", "增加", "增速", "增幅", "涨幅", "降幅",
        "回升", "加快", "放缓",
    ].map { Array($0.unicodeScalars) }
    static let durationBefore = ["连续", "历时", "时隔", "用了", "经过", "持续", "坚持", "耗时", "用"].map { Array($0.unicodeScalars) }
    static let durationAfter = ["来", "以来", "时间", "之内", "内", "间", "期间"].map { Array($0.unicodeScalars) }

    /// Whether one of `words` ends within `reach` characters before `position`, inside the clause.
    static func precededBy(
        _ words: [[Unicode.Scalar]], _ s: [Unicode.Scalar], _ sentence: Range<Int>, _ position: Int, reach: Int
    ) -> Bool {
        var end = position
        while end > sentence.lowerBound, position - end <= reach {
            if words.contains(where: { ends(s, sentence.lowerBound, end, $0) }) { return true }
            end -= 1
            if clauseBreaks.contains(s[end]) { return false }
        }
        return false
    }

    /// 增长5.2%, 比上年下降1.5%, 涨幅为2.1%: the figure is a growth rate.
    static func statesGrowth(_ s: [Unicode.Scalar], _ sentence: Range<Int>, before position: Int) -> Bool {
        precededBy(growthWords, s, sentence, position, reach: 4)
    }

    /// 占全县的25%, 约占…的三分之一: the clause's 占 makes the figure a share.
    static func statesShare(_ s: [Unicode.Scalar], _ sentence: Range<Int>, before position: Int) -> Bool {
        precededBy(
            [Array("占".unicodeScalars), Array("占比".unicodeScalars), Array("比重".unicodeScalars)], s, sentence, position,
            reach: 14)
    }

    /// 连续四年, 历时三个月, 两年来, 五年时间: a span of time, not the level of an indicator.
    static func introducesDuration(_ s: [Unicode.Scalar], _ sentence: Range<Int>, _ figure: Range<Int>) -> Bool {
        if precededBy(durationBefore, s, sentence, figure.lowerBound, reach: 1) { return true }
        return durationAfter.contains { starts(s, figure.upperBound, sentence.upperBound, $0) }
    }
}

extension Context {
    /// 指数为101.6, pH值6.8-7.5, 系数0.32: words after which a number without a unit is a figure.
    static let indexWords = ["指数", "pH", "PH", "ph", "系数", "酸碱度", "CPI", "PPI"].map { Array($0.unicodeScalars) }

    static func namesIndex(_ s: [Unicode.Scalar], _ sentence: Range<Int>, before position: Int) -> Bool {
        var end = position
        while end > sentence.lowerBound, position - end <= 8 {
            if indexWords.contains(where: { ends(s, sentence.lowerBound, end, $0) }) { return true }
            end -= 1
            if clauseBreaks.contains(s[end]) || isDigit(s[end]) { return false }
        }
        return false
    }

    /// Hedges written before the verb that introduces the figure: 约占全县用电量的1/3, 近占四成, 大约有300户.
    static let hedgedVerbs: [(hedge: String, word: [Unicode.Scalar])] = {
        var out: [(String, [Unicode.Scalar])] = []
        for h in ["大约", "将近", "约", "近"] {
            for v in ["占", "为", "有", "达", "是", "相当于"] { out.append((h, Array((h + v).unicodeScalars))) }
        }
        return out.sorted { $0.1.count > $1.1.count }
    }()

    /// The hedge of a verb before the figure in its clause, with no other number between them.
    static func hedgeBeforeVerb(_ s: [Unicode.Scalar], _ sentence: Range<Int>, before position: Int) -> String? {
        var k = position
        while k > sentence.lowerBound, position - k < 24 {
            k -= 1
            let c = s[k]
            if clauseBreaks.contains(c) || isDigit(c) || FigureScanner.isNumeral(c) && c != "一" { return nil }
            guard c == "约" || c == "近" || c == "大" || c == "将" else { continue }
            if let h = hedgedVerbs.first(where: { starts(s, k, position, $0.word) }) {
                // 约 of 约为 right before the number is read with the number itself.
                return k + h.word.count == position ? nil : h.hedge
            }
        }
        return nil
    }
}
