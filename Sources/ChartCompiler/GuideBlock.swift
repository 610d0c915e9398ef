import ChartScene
import Formatting

/// A guide measured before it is placed (a title, a legend, a source note): its size, and its
/// marks with the block's top-left corner at any origin. A report places the same blocks itself.
public protocol GuideBlock: Sendable {
    var size: Size { get }
    func marks(at origin: Point) -> [Mark]
}

/// One text set as a block: a chart's title, subtitle or source note, or a report's caption.
public struct TextBlock: GuideBlock, Hashable {
    public var text: String
    public var style: TextStyle
    public var role: Role
    /// The width lines wrap at, or nil for one line.
    public var wrapWidth: Double?
    public let size: Size

    public init(_ text: String, style: TextStyle, role: Role, wrapWidth: Double?, measurer: TextMeasurer) {
        self.text = text; self.style = style; self.role = role; self.wrapWidth = wrapWidth
        let m = measurer.measure(text, style: style, wrapWidth: wrapWidth)
        size = Size(m.width, m.height)
    }

    public func marks(at origin: Point) -> [Mark] {
        [
            .text(
                TextMark(
                    text: text, style: style, frame: Rect(origin: origin, size: size), wrapWidth: wrapWidth, role: role)
            )
        ]
    }

    /// A chart title in `theme`, centred, wrapped at `width`.
    public static func title(_ text: String, theme: Theme, width: Double, measurer: TextMeasurer) -> TextBlock {
        TextBlock(
            text,
            style: TextStyle(size: theme.titleSize, weight: theme.titleWeight, color: theme.text, alignment: .center),
            role: .title, wrapWidth: width, measurer: measurer)
    }

    /// A subtitle under the title, centred, wrapped at `width`.
    public static func subtitle(_ text: String, theme: Theme, width: Double, measurer: TextMeasurer) -> TextBlock {
        TextBlock(
            text, style: TextStyle(size: theme.subtitleSize, color: theme.mutedText, alignment: .center),
            role: .subtitle, wrapWidth: width, measurer: measurer)
    }

    /// A source note, 资料来源：…, wrapped at `width`.
    public static func source(_ source: String, theme: Theme, width: Double, measurer: TextMeasurer) -> TextBlock {
        TextBlock(
            Typography.sourceNote(source), style: TextStyle(size: theme.noteSize, color: theme.mutedText),
            role: .sourceNote, wrapWidth: width, measurer: measurer)
    }
}
