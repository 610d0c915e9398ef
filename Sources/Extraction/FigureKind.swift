import CountyData

/// What sort of figure an extracted item is, so that consumers can filter: a level (286.45亿元),
/// a growth rate (增长5.2%), a change in the indicator's own unit (增加12家), a change in
/// percentage points (提高1.2个百分点), a share (占…25%, 四成), a structure (19.4:36.3:44.3),
/// a rank (居全市第2位), a count of things (152家), an index without unit (101.6), a ratio or rate
/// (出生率8.01‰, 存贷比71.6%), a range (350—480毫米, 七八个), or a duration (连续四年, 60多年).
public enum FigureKind: String, Sendable, CaseIterable, Codable {
    case level, growth, change
    case ppChange = "pp_change"
    case share, structure, rank, count, index, ratio, range, duration
}

extension FigureKind {
    static let shareWords = ["占", "比重", "比例", "份额"].map { Array($0.unicodeScalars) }

    /// The kind a reading has from its unit, the indicator it measures and the words before it.
    static func of(
        _ r: NumberReading, indicator: String, _ s: [Unicode.Scalar], _ sentence: Range<Int>, figure: Range<Int>
    ) -> FigureKind {
        if r.parts != nil { return .structure }
        let dimension = r.unit?.dimension
        if dimension == .duration || dimension == .months || dimension == .time,
            Context.introducesDuration(s, sentence, figure)
        {
            return .duration
        }
        if r.low != nil { return .range }
        if dimension == .percentagePoint { return .ppChange }
        if r.unit?.symbol == "成" { return .share }   // 四成: tenths of a whole
        if dimension == .ratio {
            if indicator.hasSuffix("增速") || indicator.hasSuffix("增幅")
                || Context.statesGrowth(s, sentence, before: figure.lowerBound)
            {
                return .growth
            }
            if shareWords.contains(where: { indicator.unicodeScalars.firstRange(of: $0) != nil })
                || Context.statesShare(s, sentence, before: figure.lowerBound)
            {
                return .share
            }
            return .ratio
        }
        if dimension == .multiple {
            return Context.statesGrowth(s, sentence, before: figure.lowerBound) ? .growth : .ratio
        }   // 增长1.2倍
        if indicator.hasSuffix("增量") || Context.statesChange(s, sentence, before: figure.lowerBound) { return .change }
        if r.unit == nil {
            return Context.namesIndex(s, sentence, before: figure.lowerBound)
                || indicator.unicodeScalars.firstRange(of: "指数".unicodeScalars) != nil ? .index : .level
        }
        if let d = dimension, d.name.hasPrefix("count:") || d == .people || d == .livestock { return .count }
        return .level
    }
}
