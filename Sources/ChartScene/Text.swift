/// Font weight of the bundled families.
public enum FontWeight: String, Hashable, Sendable, Codable {
    case regular, bold
}

/// Horizontal alignment of text inside its box.
public enum TextAlignment: String, Hashable, Sendable, Codable {
    case left, center, right
}

/// Everything that decides how a run of text is set: measured and drawn by the same engine.
public struct TextStyle: Hashable, Sendable {
    /// A font family name: "Noto Serif CJK SC" selects the bundled serif, any other name the bundled sans.
    public var family: String
    /// Size in points (the em square).
    public var size: Double
    public var weight: FontWeight
    public var color: Color
    public var alignment: TextAlignment
    /// Line height as a multiple of the font's natural line height.
    public var lineSpacing: Double
    /// Paragraph setting: how lines are broken, indented and filled. Charts use the default.
    public var paragraph: ParagraphSetting

    public init(
        family: String = "Noto Sans CJK SC", size: Double, weight: FontWeight = .regular,
        color: Color = .black, alignment: TextAlignment = .left, lineSpacing: Double = 1,
        paragraph: ParagraphSetting = .plain
    ) {
        self.family = family; self.size = size; self.weight = weight
        self.color = color; self.alignment = alignment; self.lineSpacing = lineSpacing
        self.paragraph = paragraph
    }

    /// The same style at `factor` times the size (a scene placed smaller or larger on a page).
    public func scaled(by factor: Double) -> TextStyle {
        var s = self
        s.size *= factor
        s.paragraph.firstLineIndent *= factor
        return s
    }
}

/// How running text is set, beyond font and size: the rules of Chinese report typography that a
/// paragraph needs and a chart label does not.
public struct ParagraphSetting: Hashable, Sendable {
    /// Stretch every full line to the wrap width (between characters: Chinese has no spaces).
    public var justify: Bool
    /// Indent of the first line in points (two characters of body text: 2 em).
    public var firstLineIndent: Double
    /// Keep a figure with its unit and magnitude on one line (280.40亿元, 6.9%, 12.3万人) — see
    /// `TextRules.unbreakableRuns`.
    public var keepFigures: Bool
    /// Set two adjacent full-width punctuation marks closer (、「 or ）。), by the fonts' `chws` feature.
    public var compressPunctuation: Bool

    public init(
        justify: Bool = false, firstLineIndent: Double = 0, keepFigures: Bool = false, compressPunctuation: Bool = false
    ) {
        self.justify = justify; self.firstLineIndent = firstLineIndent
        self.keepFigures = keepFigures; self.compressPunctuation = compressPunctuation
    }

    /// What charts use: no justification, no indent, the text engine's own line breaks.
    public static let plain = ParagraphSetting()

    /// Body text of a report: justified, figures kept whole, punctuation compressed.
    public static func body(indent: Double) -> ParagraphSetting {
        ParagraphSetting(justify: true, firstLineIndent: indent, keepFigures: true, compressPunctuation: true)
    }
}

/// Text as laid out: its extent and first baseline, all in points.
public struct TextMetrics: Hashable, Sendable {
    public var width: Double
    public var height: Double
    /// Distance from the top of the box to the first line's baseline.
    public var baseline: Double
    public var lineCount: Int

    public init(width: Double, height: Double, baseline: Double, lineCount: Int) {
        self.width = width; self.height = height; self.baseline = baseline; self.lineCount = lineCount
    }
}

/// One line of wrapped text as laid out, in points from the top of the text's box.
public struct TextLine: Hashable, Sendable {
    /// The line's characters as UTF-8 byte offsets into the text.
    public var range: Range<Int>
    /// Left edge of the line's ink box (indent and alignment included) and its width.
    public var x: Double
    public var width: Double
    /// Top of the line's box and its height (the line pitch).
    public var top: Double
    public var height: Double
    /// Baseline, from the top of the text's box.
    public var baseline: Double

    public init(range: Range<Int>, x: Double, width: Double, top: Double, height: Double, baseline: Double) {
        self.range = range; self.x = x; self.width = width; self.top = top; self.height = height;
        self.baseline = baseline
    }

    public var bottom: Double { top + height }
}

/// Measures text with the engine that will draw it, so layout and drawing agree.
public protocol TextMeasurer: AnyObject {
    /// The box `text` occupies in `style`, wrapped at `wrapWidth` points when given.
    func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics
    /// Every line of `text` wrapped at `width` in `style`, in order: a paragraph can be split
    /// between two lines and each part drawn with `TextMark.lines`.
    func lines(_ text: String, style: TextStyle, width: Double) -> [TextLine]
}
