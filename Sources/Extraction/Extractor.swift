import CountyData
import Foundation

/// A figure found in text, with what it measures and the sentence it came from.
///
/// The value is in the unit as written, its magnitude resolved (18.6亿斤 is 1.86e9 斤); the value
/// converted to its dimension's base unit stands beside it (930000 吨), never in its place.
public struct ExtractedFigure: Sendable {
    /// The value in `unit`, signed when the wording says it fell (下降, 减少 …); nil for a range, a ratio
    /// and a fraction (whose quotient would have to be rounded: 1/3).
    public var value: Decimal?
    /// Range ends in `unit`.
    public var low: Decimal?
    public var high: Decimal?
    /// Parts of a ratio (19.4:36.3:44.3).
    public var parts: [Decimal]?
    /// A fraction as written, kept exact: numerator and denominator (1/3 and 三分之一 are [1, 3]).
    public var fraction: [Decimal]?
    /// The unit as written without its magnitude (元 for 亿元, 斤 for 亿斤, 元/斤, 位), spelled one way
    /// (个百分点 → 百分点); nil when the text names none (83万干群, an index of 101.6).
    public var unit: String?
    /// Magnitude and unit as written (亿元, 万吨).
    public var unitAsWritten: String?
    /// The value, range ends and unit converted to the base unit of the unit's dimension (吨 for 斤,
    /// 亩 for 公顷, % for ‰); the same as `value` and `unit` when the unit is its own base.
    public var baseValue: Decimal?
    public var baseLow: Decimal?
    public var baseHigh: Decimal?
    public var baseUnit: String?
    /// What sort of figure it is (level, growth, rank …).
    public var kind: FigureKind
    /// For a rank, what it ranks among as written (全市, 全省, 全国); nil otherwise.
    public var scope: String?
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
    public static func forEachFigure(
        in text: String, options: ExtractionOptions = ExtractionOptions(),
        _ body: (ExtractedFigure) throws -> Void
    ) rethrows {
        var text = text
        try text.withUTF8 { try forEachFigure(utf8: $0, options: options, body) }
    }

    /// The figures of a text given as UTF-8 bytes. A long text is read in blocks cut at paragraph
    /// breaks (``Blocks``), after a first pass that gathers what only the whole says (its place, its
    /// year, how often it names each place): memory holds one block's scalars, not the document's.
    public static func forEachFigure(
        utf8 bytes: UnsafeBufferPointer<UInt8>, options: ExtractionOptions = ExtractionOptions(),
        _ body: (ExtractedFigure) throws -> Void
    ) rethrows {
        try forEachFigure(utf8: bytes, options: options, blockSize: Blocks.size, body)
    }

    /// The figures of a text file (UTF-8, or GB18030 as every data file may be), handed to `body` as
    /// found. The file is read in blocks, twice, through the data files' reading path (``TextFileBlocks``),
    /// never whole: memory does not grow with the file. Nothing reaches `body` before the whole file has
    /// been checked, so a bad byte at its end leaves no partial output.
    public static func forEachFigure(
        file path: String, encoding: TextEncoding? = nil, options: ExtractionOptions = ExtractionOptions(),
        _ body: (ExtractedFigure) throws -> Void
    ) throws {
        try forEachFigure(
            file: path, encoding: encoding, options: options, blockSize: Blocks.size, piece: TextStream.standardPiece, body)
    }

    static func forEachFigure(
        file path: String, encoding: TextEncoding?, options: ExtractionOptions, blockSize: Int, piece: Int,
        _ body: (ExtractedFigure) throws -> Void
    ) throws {
        let file = TextFileBlocks(path: path, blockSize: blockSize, piece: piece)
        let first = try file.firstPass(encoding: encoding, options: options)
        var base = 0
        var section: String?
        try file.forEachBlock(first) { block in
            let clean = CleanText(block)
            try forEachFigure(in: clean, base: base, options: options, facts: first.facts, section: &section, body)
            base += clean.originalLength
        }
    }

    static func forEachFigure(
        utf8 bytes: UnsafeBufferPointer<UInt8>, options: ExtractionOptions, blockSize: Int,
        _ body: (ExtractedFigure) throws -> Void
    ) rethrows {
        let blocks = Blocks.split(bytes, size: blockSize)
        let facts =
            Blocks.isLong(bytes.count, size: blockSize) ? DocumentFacts(bytes, blocks: blocks, options: options) : nil
        var base = 0
        var section: String?
        for b in blocks {
            let clean = CleanText(String(decoding: UnsafeBufferPointer(rebasing: bytes[b]), as: UTF8.self))
            try forEachFigure(in: clean, base: base, options: options, facts: facts, section: &section, body)
            base += clean.originalLength
        }
    }

    /// The figures of one block, its offsets counted from `base` in the original text.
    static func forEachFigure(
        in clean: CleanText, base: Int, options: ExtractionOptions, facts: DocumentFacts?, section: inout String?,
        _ body: (ExtractedFigure) throws -> Void
    ) rethrows {
        let s = clean.scalars
        let sentences = Sentences.split(s)
        let attribution = Attribution(s, sentences: sentences, options: options, facts: facts, section: section)
        section = attribution.lastSection
        for sentence in sentences {
            let found = FigureScanner.scan(s, in: sentence)
            guard !found.isEmpty else { continue }
            let sentenceText = string(s[sentence])
            let range = clean.originalRange(sentence.lowerBound, sentence.upperBound)
            let sentencePeriod = attribution.period(s, sentence)
            let listed = Context.respectively(s, sentence, figures: found.map(\.range))
            let places = attribution.respectively(s, sentence: sentence, figures: found.map(\.range))
            var placeCursor = attribution.cursor(sentence)
            var previousEnd = sentence.lowerBound
            var previousIndicator: String?
            var previous: FoundFigure?
            var previousKind: FigureKind?
            var indicatorAt: [Int: String] = [:]
            for f in found {
                var indicator = Context.indicator(
                    s, sentence, f.range, previousEnd: previousEnd,
                    hasUnit: f.reading.unit != nil || f.reading.parts != nil,
                    isPercent: f.reading.baseUnit == "%")
                previousEnd = f.range.upperBound
                // 增长5.2% after 地区生产总值286.45亿元 is that indicator's growth; 提高1.2个百分点 its change.
                let unit = f.reading.baseUnit
                if indicator.isEmpty || indicator == "增速" || indicator == "增幅", let p = previousIndicator {
                    let growthOfPrevious =
                        (unit == "%" || indicator == "增速" || indicator == "增幅") && !p.hasSuffix("增速")
                        && !p.hasSuffix("率")
                    // 比上年减少0.3万吨 after 粮食总产量35.6万吨: the change of that indicator, in its own unit.
                    let changeOfPrevious =
                        unit != "%" && unit != "百分点" && Context.statesChange(s, sentence, before: f.range.lowerBound)
                    indicator = growthOfPrevious ? p + "增速" : changeOfPrevious ? p + "增量" : p
                }
                if var named = listed[f.range.lowerBound] {
                    // “@start” refers to the indicator of the figure that starts there (分别 after the items' figures).
                    if named.hasPrefix("@"),
                        let end = named.firstIndex(where: { !$0.isNumber && $0 != "@" }) ?? Optional(named.endIndex),
                        let start = Int(named[named.index(after: named.startIndex)..<end]), let e = indicatorAt[start]
                    {
                        named = e + named[end...]
                    }
                    indicator = named
                }
                indicatorAt[f.range.lowerBound] = indicator
                previousIndicator =
                    (unit == "%" && indicator.hasSuffix("增速")) || indicator.hasSuffix("增量")
                    ? String(indicator.dropLast(2)) : indicator
                let sentenceRegion = attribution.region(s, figure: f.range, listed: places, cursor: &placeCursor)
                let figureRange = clean.originalRange(f.range.lowerBound, f.range.upperBound)
                let r = f.reading
                var value = r.writtenValue, low = r.writtenLow, high = r.writtenHigh
                var baseValue = r.value, baseLow = r.low, baseHigh = r.high
                if r.fraction != nil {
                    value = nil
                    baseValue = nil
                }
                if f.negative {
                    value = value.map { -$0 }
                    baseValue = baseValue.map { -$0 }
                    if let l = low, let h = high { low = -h; high = -l }
                    if let l = baseLow, let h = baseHigh { baseLow = -h; baseHigh = -l }
                }
                var kind = f.kind ?? FigureKind.of(r, indicator: indicator, s, sentence, figure: f.range)
                // 分别增长8.2、6.5和3.1%: an item listed after another of the same unit is of its kind.
                if f.kind == nil, let p = previous,
                    FigureScanner.listMarks.contains(s[max(sentence.lowerBound, f.range.lowerBound - 1)]),
                    p.range.upperBound == f.range.lowerBound - 1, p.reading.unit?.symbol == r.unit?.symbol,
                    let k = previousKind
                {
                    kind = k
                }
                previous = f
                previousKind = kind
                try body(
                    ExtractedFigure(
                        value: value, low: low, high: high, parts: r.parts, fraction: r.fraction,
                        unit: f.unit ?? r.measure?.spelled,
                        unitAsWritten: r.unitAsWritten, baseValue: baseValue, baseLow: baseLow, baseHigh: baseHigh,
                        baseUnit: r.baseUnit,
                        kind: kind, scope: f.scope, hedge: f.hedge ?? r.hedge?.word, text: string(s[f.range]),
                        indicator: indicator, period: sentencePeriod, region: sentenceRegion, sentence: sentenceText,
                        excerpt: Context.excerpt(
                            s, sentence, around: f.range, whole: sentenceText, limit: Limits.standard.sentenceExcerpt),
                        start: base + range.lowerBound, end: base + range.upperBound,
                        figureStart: base + figureRange.lowerBound, figureEnd: base + figureRange.upperBound))
            }
        }
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String { ScalarText.string(scalars) }
}

@inline(__always) func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
@inline(__always) func isHan(_ c: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(c.value) }
