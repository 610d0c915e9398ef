import ChartScene

/// The page and type of a report, in points: A4, margins, and the Chinese type scale
/// (三号 16 pt titles, 四号 14 pt headings, 小四 12 pt body, 五号 10.5 pt tables and captions).
public struct PageStyle: Hashable, Sendable {
    public var pageSize: Size
    public var marginTop: Double
    public var marginRight: Double
    public var marginBottom: Double
    public var marginLeft: Double
    /// The sans family (headings, tiles, tables, charts) and the serif family (body text).
    public var sans: String
    public var serif: String
    public var text: Color
    public var muted: Color
    public var accent: Color
    public var rule: Color
    public var tint: Color

    public var body: TextStyle
    public var headings: [TextStyle]
    public var caption: TextStyle
    public var note: TextStyle
    public var tableText: TextStyle
    public var tableHeader: TextStyle
    public var running: TextStyle
    /// Space after a paragraph, before and after a heading, around a figure, in points.
    public var paragraphGap: Double
    public var headingGapBefore: Double
    public var headingGapAfter: Double
    public var blockGap: Double

    /// 1 mm in points.
    public static let mm = 72 / 25.4

    /// A4 portrait with 25 mm margins, body 小四 serif set 19 pt apart (about 1.58 em, the dense leading
    /// of bulletins and yearbooks: the face's line is 1.45 em, times 1.092).
    public static func a4(sans: String = "Noto Sans CJK SC", serif: String = "Noto Serif CJK SC") -> PageStyle {
        let text = Color(hex: 0x1A1A1A), muted = Color(hex: 0x555555)
        let body = TextStyle(
            family: serif, size: 12, color: text, lineSpacing: 19 / (12 * 1.45), paragraph: .body(indent: 24))
        func heading(_ size: Double) -> TextStyle { TextStyle(family: sans, size: size, weight: .bold, color: text) }
        return PageStyle(
            pageSize: Size(595.28, 841.89),
            marginTop: 25 * mm, marginRight: 25 * mm, marginBottom: 22 * mm, marginLeft: 25 * mm,
            sans: sans, serif: serif, text: text, muted: muted,
            accent: Color(hex: 0x1F5FA8), rule: Color(hex: 0x333333), tint: Color(hex: 0xEEF2F7),
            body: body, headings: [heading(16), heading(14), heading(12)],
            caption: TextStyle(family: sans, size: 10.5, color: text, alignment: .center),
            // Notes and sources are set ragged: they hold file names and addresses that justification would letter-space.
            note: TextStyle(
                family: serif, size: 9, color: muted, lineSpacing: 1.2,
                paragraph: ParagraphSetting(keepFigures: true, compressPunctuation: true)),
            tableText: TextStyle(family: sans, size: 10.5, color: text, paragraph: ParagraphSetting(keepFigures: true)),
            tableHeader: TextStyle(family: sans, size: 10.5, weight: .bold, color: text),
            running: TextStyle(family: sans, size: 9, color: muted),
            paragraphGap: 4, headingGapBefore: 14, headingGapAfter: 8, blockGap: 12)
    }

    /// Portrait (A4 upright) or landscape (turned: wide tables and charts); margins stay as they are.
    public enum Orientation: String, Sendable, CaseIterable {
        case portrait, landscape
    }

    /// This style on a page turned to `orientation`.
    public func oriented(_ orientation: Orientation) -> PageStyle {
        var s = self
        let long = max(pageSize.width, pageSize.height), short = min(pageSize.width, pageSize.height)
        s.pageSize = orientation == .landscape ? Size(long, short) : Size(short, long)
        return s
    }

    /// The type area: the page less its margins.
    public var frame: Rect {
        Rect(
            x: marginLeft, y: marginTop, width: pageSize.width - marginLeft - marginRight,
            height: pageSize.height - marginTop - marginBottom)
    }
}
