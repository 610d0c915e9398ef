import CountyData
import Foundation

/// A figure found in text, with what it measures and the sentence it came from.
public struct ExtractedFigure: Sendable {
    /// The value in the base unit, signed when the wording says it fell (下降, 减少 …); nil for a range.
    public var value: Decimal?
    /// Range ends in the base unit.
    public var low: Decimal?
    public var high: Decimal?
    /// Parts of a ratio (19.4:36.3:44.3).
    public var parts: [Decimal]?
    /// The base unit (元, 人, 吨, %, 百分点 …), or nil when the text names none (83万干群).
    public var unit: String?
    /// Magnitude and unit as written (亿元, 万吨).
    public var unitAsWritten: String?
    public var hedge: String?
    /// The figure as it reads in the cleaned text (约3000余人, 18%至25%).
    public var text: String
    /// The phrase the figure measures (到位资金, 规模以上工业企业).
    public var indicator: String
    /// The period stated or implied (2023年, 2023年1—9月), if any.
    public var period: Period?
    public var region: String?
    public var sentence: String
    /// The sentence, or in a sentence longer than `Limits.sentenceExcerpt` characters that many of it
    /// around the figure with … where it is cut: what the output quotes (the offsets give the whole).
    public var excerpt: String
    /// Offsets of the sentence in the original text, in Unicode scalars ([start, end)).
    public var start: Int
    public var end: Int
    /// Offsets of the figure itself in the original text.
    public var figureStart: Int
    public var figureEnd: Int
}

/// Options for reading a document.
public struct ExtractionOptions: Sendable {
    /// The year “今年” means; by default a year the title (first line) states, else the latest year the text names, else none.
    public var year: Int?
    /// The region “该县”, “全县” mean; by default the region the text names most often.
    public var region: String?
    public init(year: Int? = nil, region: String? = nil) { self.year = year; self.region = region }
}

/// Finds figures in Chinese prose (news articles, statistical bulletins).
public enum Extractor {
    public static func extract(_ text: String, options: ExtractionOptions = ExtractionOptions()) -> [ExtractedFigure] {
        var figures: [ExtractedFigure] = []
        forEachFigure(in: text, options: options) { figures.append($0) }
        return figures
    }

    /// The figures of `text` handed to `body` one by one, in order, as they are found (a writer can
    /// stream them out without holding them all).
    public static func forEachFigure(in text: String, options: ExtractionOptions = ExtractionOptions(),
                                     _ body: (ExtractedFigure) throws -> Void) rethrows {
        let clean = CleanText(text)
        let s = clean.scalars
        let sentences = Sentences.split(s)
        let attribution = Attribution(s, sentences: sentences, options: options)
        var figures: [ExtractedFigure] = []
        for sentence in sentences {
            let found = FigureScanner.scan(s, in: sentence)
            guard !found.isEmpty else { continue }
            let sentenceText = string(s[sentence])
            let range = clean.originalRange(sentence.lowerBound, sentence.upperBound)
            let sentencePeriod = attribution.period(s, sentence)
            let listed = Context.respectively(s, sentence, figures: found.map(\.range))
            let places = attribution.respectively(s, sentence: sentence, figures: found.map(\.range))
            var previousEnd = sentence.lowerBound
            var previousIndicator: String?
            var indicatorAt: [Int: String] = [:]
            for f in found {
                var indicator = Context.indicator(s, sentence, f.range, previousEnd: previousEnd, hasUnit: f.reading.unit != nil || f.reading.parts != nil,
                                                  isPercent: f.reading.baseUnit == "%")
                previousEnd = f.range.upperBound
                // 增长5.2% after 地区生产总值286.45亿元 is that indicator's growth; 提高1.2个百分点 its change.
                let unit = f.reading.baseUnit
                if indicator.isEmpty || indicator == "增速" || indicator == "增幅", let p = previousIndicator {
                    let growthOfPrevious = (unit == "%" || indicator == "增速" || indicator == "增幅") && !p.hasSuffix("增速") && !p.hasSuffix("率")
                    // 比上年减少0.3万吨 after 粮食总产量35.6万吨: the change of that indicator, in its own unit.
                    let changeOfPrevious = unit != "%" && unit != "百分点" && Context.statesChange(s, sentence, before: f.range.lowerBound)
                    indicator = growthOfPrevious ? p + "增速" : changeOfPrevious ? p + "增量" : p
                }
                if var named = listed[f.range.lowerBound] {
                    // “@start” refers to the indicator of the figure that starts there (分别 after the items' figures).
                    if named.hasPrefix("@"), let end = named.firstIndex(where: { !$0.isNumber && $0 != "@" }) ?? Optional(named.endIndex),
                        let start = Int(named[named.index(after: named.startIndex)..<end]), let e = indicatorAt[start]
                    {
                        named = e + named[end...]
                    }
                    indicator = named
                }
                indicatorAt[f.range.lowerBound] = indicator
                previousIndicator = (unit == "%" && indicator.hasSuffix("增速")) || indicator.hasSuffix("增量") ? String(indicator.dropLast(2)) : indicator
                let sentenceRegion = attribution.region(s, sentence: sentence, figure: f.range, listed: places)
                let figureRange = clean.originalRange(f.range.lowerBound, f.range.upperBound)
                var value = f.reading.value
                var low = f.reading.low, high = f.reading.high
                if f.negative {
                    value = value.map { -$0 }
                    if let l = low, let h = high { low = -h; high = -l }
                }
                try body(ExtractedFigure(
                    value: value, low: low, high: high, parts: f.reading.parts, unit: f.reading.baseUnit,
                    unitAsWritten: f.reading.unitAsWritten, hedge: f.reading.hedge?.word, text: string(s[f.range]),
                    indicator: indicator, period: sentencePeriod, region: sentenceRegion, sentence: sentenceText,
                    excerpt: Context.excerpt(s, sentence, around: f.range, whole: sentenceText, limit: Limits.standard.sentenceExcerpt),
                    start: range.lowerBound, end: range.upperBound, figureStart: figureRange.lowerBound, figureEnd: figureRange.upperBound))
            }
        }
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
    }
}

@inline(__always) func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
@inline(__always) func isHan(_ c: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(c.value) }
