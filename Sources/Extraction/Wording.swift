/// Words around a figure that say what sort of figure it is (a growth rate, a share, a span of time).
extension Context {
    static let growthWords = ["增长", "下降", "上涨", "下跌", "回落", "提高", "降低", "上升", "下滑", "减少", "增加", "增速", "增幅", "涨幅", "降幅",
                              "回升", "加快", "放缓"].map { Array($0.unicodeScalars) }
    static let durationBefore = ["连续", "历时", "时隔", "用了", "经过", "长达", "持续", "坚持", "耗时", "用"].map { Array($0.unicodeScalars) }
    static let durationAfter = ["来", "以来", "时间", "之内", "内", "间", "期间"].map { Array($0.unicodeScalars) }

    /// Whether one of `words` ends within `reach` characters before `position`, inside the clause.
    static func precededBy(_ words: [[Unicode.Scalar]], _ s: [Unicode.Scalar], _ sentence: Range<Int>, _ position: Int, reach: Int) -> Bool {
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
        precededBy([Array("占".unicodeScalars), Array("占比".unicodeScalars), Array("比重".unicodeScalars)], s, sentence, position, reach: 14)
    }

    /// 连续四年, 历时三个月, 两年来, 五年时间: a span of time, not the level of an indicator.
    static func introducesDuration(_ s: [Unicode.Scalar], _ sentence: Range<Int>, _ figure: Range<Int>) -> Bool {
        if precededBy(durationBefore, s, sentence, figure.lowerBound, reach: 1) { return true }
        return durationAfter.contains { starts(s, figure.upperBound, sentence.upperBound, $0) }
    }
}
