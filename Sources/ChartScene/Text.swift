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
    /// A font family name; the bundled Chinese sans-serif answers to any name.
    public var family: String
    /// Size in points (the em square).
    public var size: Double
    public var weight: FontWeight
    public var color: Color
    public var alignment: TextAlignment
    /// Line height as a multiple of the font's natural line height.
    public var lineSpacing: Double

    public init(
        family: String = "Noto Sans CJK SC", size: Double, weight: FontWeight = .regular,
        color: Color = .black, alignment: TextAlignment = .left, lineSpacing: Double = 1
    ) {
        self.family = family; self.size = size; self.weight = weight
        self.color = color; self.alignment = alignment; self.lineSpacing = lineSpacing
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

/// Measures text with the engine that will draw it, so layout and drawing agree.
public protocol TextMeasurer: AnyObject {
    /// The box `text` occupies in `style`, wrapped at `wrapWidth` points when given.
    func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics
}
