import ChartScene

/// Type sizes, colours and spacing of a chart, in scene units (pixels at scale 1).
public struct Theme: Hashable, Sendable {
    public var titleSize: Double
    /// The print theme sets titles in the regular weight: a bold title embeds a second font and
    /// makes a one-chart PDF about 4 KB (40%) larger. Slides use bold.
    public var titleWeight: FontWeight = .regular
    public var subtitleSize: Double
    public var labelSize: Double
    public var valueLabelSize: Double
    public var noteSize: Double
    /// Outer margin around everything.
    public var margin: Double
    /// Gap between a label and what it labels.
    public var gap: Double
    public var text: Color
    public var mutedText: Color
    public var gridline: Color
    public var axis: Color
    /// Series colours, in order: distinct in greyscale and for colour-blind readers.
    public var palette: [Color]

    /// The slides theme: 16:9, type a third larger than print, for reading across a room.
    public static func slides(for size: Size) -> Theme {
        var t = standard(for: size)
        t.titleWeight = .bold
        for kp in [\Theme.titleSize, \Theme.subtitleSize, \Theme.labelSize, \Theme.valueLabelSize, \Theme.noteSize] as [WritableKeyPath<Theme, Double>] {
            t[keyPath: kp] *= 1.3
        }
        return t
    }

    /// The print theme at a 1600×900 reference, scaled to `size`.
    public static func standard(for size: Size) -> Theme {
        let k = max(0.4, min(size.width / 1600, size.height / 900))
        return Theme(
            titleSize: 36 * k, subtitleSize: 24 * k, labelSize: 22 * k, valueLabelSize: 20 * k, noteSize: 18 * k,
            margin: 40 * k, gap: 10 * k,
            text: Color(hex: 0x222222), mutedText: Color(hex: 0x555555),
            gridline: Color(hex: 0xDDDDDD), axis: Color(hex: 0x444444),
            palette: [Color(hex: 0x1F5FA8), Color(hex: 0xE08A1E), Color(hex: 0x5DA5DA), Color(hex: 0x7F3C8D),
                      Color(hex: 0x3C9D5D), Color(hex: 0xB0B0B0)])
    }
}

extension Theme {
    /// The width of a gridline; axes, lines and markers are multiples of it. It grows with the
    /// label type, so a chart keeps its weight at any size.
    public var strokeUnit: Double { labelSize / 22 }

    /// The colour of series `index`: the palette in order, then again from its start.
    public func color(_ index: Int) -> Color { palette[index % palette.count] }
}
