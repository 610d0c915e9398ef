import ChartScene

/// Type sizes, colours and spacing of a chart, in points (1/72 in): absolute, whatever the size
/// of the chart. A caller that wants type to grow with the picture says so: `scaled(by:)`.
public struct Theme: Hashable, Sendable {
    public var titleSize: Double
    /// The print theme sets titles in the regular weight: a bold title embeds a second font and
    /// makes a one-chart PDF about 4 KB (40%) larger. Slides use bold.
    public var titleWeight: FontWeight = .regular
    public var subtitleSize: Double
    /// Axis, category, legend and unit labels.
    public var labelSize: Double
    public var valueLabelSize: Double
    /// The source note.
    public var noteSize: Double
    /// Outer margin around everything.
    public var margin: Double
    /// Gap between a label and what it labels.
    public var gap: Double
    public var text: Color = Color(hex: 0x222222)
    public var mutedText: Color = Color(hex: 0x555555)
    public var gridline: Color = Color(hex: 0xDDDDDD)
    public var axis: Color = Color(hex: 0x444444)
    /// Series colours, in order: distinct in greyscale and for colour-blind readers.
    public var palette: [Color] = [
        Color(hex: 0x1F5FA8), Color(hex: 0xE08A1E), Color(hex: 0x5DA5DA), Color(hex: 0x7F3C8D),
        Color(hex: 0x3C9D5D), Color(hex: 0xB0B0B0),
    ]

    public init(
        titleSize: Double, titleWeight: FontWeight = .regular, subtitleSize: Double, labelSize: Double,
        valueLabelSize: Double, noteSize: Double, margin: Double, gap: Double
    ) {
        self.titleSize = titleSize; self.titleWeight = titleWeight; self.subtitleSize = subtitleSize;
        self.labelSize = labelSize
        self.valueLabelSize = valueLabelSize; self.noteSize = noteSize; self.margin = margin; self.gap = gap
    }

    /// Charts as images: sized for a 1200×675 pt picture (1600×900 px at 96 px per inch) — title
    /// 27 pt, labels 16.5 pt, values 15 pt, source 13.5 pt.
    public static let print = Theme(
        titleSize: 27, subtitleSize: 18, labelSize: 16.5, valueLabelSize: 15, noteSize: 13.5,
        margin: 30, gap: 7.5)

    /// Slides: the print theme with type a third larger, for reading across a room, and a bold title.
    public static let slides: Theme = {
        var t = print
        t.titleWeight = .bold
        for kp in [\Theme.titleSize, \Theme.subtitleSize, \Theme.labelSize, \Theme.valueLabelSize, \Theme.noteSize]
            as [WritableKeyPath<Theme, Double>]
        {
            t[keyPath: kp] *= 1.3
        }
        return t
    }()

    /// A chart placed on an A4 page among body text in 五号: labels 10.5 pt (五号), values and the
    /// source 9 pt (小五), title 12 pt, margins 6 pt.
    public static let report = Theme(
        titleSize: 12, subtitleSize: 10.5, labelSize: 10.5, valueLabelSize: 9, noteSize: 9,
        margin: 6, gap: 4)

    /// This theme with type, margin and gap multiplied by `factor` (strokes follow the type).
    public func scaled(by factor: Double) -> Theme {
        var t = self
        for kp in [
            \Theme.titleSize, \Theme.subtitleSize, \Theme.labelSize, \Theme.valueLabelSize, \Theme.noteSize,
            \Theme.margin, \Theme.gap,
        ] as [WritableKeyPath<Theme, Double>] {
            t[keyPath: kp] *= factor
        }
        return t
    }
}

extension Theme {
    /// The width of a gridline; axes, lines and markers are multiples of it. It grows with the
    /// label type, so a chart keeps its weight at any size (0.75 pt in print, 0.48 pt in a report).
    public var strokeUnit: Double { labelSize / 22 }

    /// The colour of series `index`: the palette in order, then again from its start.
    public func color(_ index: Int) -> Color { palette[index % palette.count] }
}
