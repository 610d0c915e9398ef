import ChartScene

/// The legend: one entry per series (a swatch — a bar's colour or a line with its marker — and
/// the series' name) in one row.
public struct LegendBlock: GuideBlock, Hashable {
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var mark: Chart.MarkKind
        public var color: Color
        public init(name: String, mark: Chart.MarkKind, color: Color) { self.name = name; self.mark = mark; self.color = color }
    }

    public var entries: [Entry]
    let theme: Theme
    let style: TextStyle
    /// Each entry's width, its swatch and name included.
    let widths: [Double]
    let nameSizes: [Size]
    /// The row's width (with half a gap after the last name), at most `maxWidth`; entries beyond
    /// it run over.
    public let size: Size

    public init(entries: [Entry], theme: Theme, maxWidth: Double, measurer: TextMeasurer) {
        self.entries = entries; self.theme = theme
        let style = TextStyle(size: theme.labelSize, color: theme.text)
        self.style = style
        let swatch = theme.labelSize * 1.2
        let names = entries.map { measurer.measure($0.name, style: style, wrapWidth: nil) }
        nameSizes = names.map { Size($0.width, $0.height) }
        let gap = theme.gap
        let widths = names.map { $0.width + swatch + gap }
        self.widths = widths
        let total = widths.reduce(0, +) + Double(widths.count - 1) * gap * 2
        size = Size(min(total, maxWidth), measurer.measure("0", style: style, wrapWidth: nil).height)
    }

    /// The legend of `chart`'s series in the theme's palette.
    public init(chart: Chart, theme: Theme, maxWidth: Double, measurer: TextMeasurer) {
        let entries = chart.series.enumerated().map { i, s in Entry(name: s.name, mark: s.mark, color: theme.color(i)) }
        self.init(entries: entries, theme: theme, maxWidth: maxWidth, measurer: measurer)
    }

    public func marks(at origin: Point) -> [Mark] {
        let k = theme.strokeUnit, swatch = theme.labelSize * 1.2
        var marks: [Mark] = []
        var x = origin.x
        for (i, e) in entries.enumerated() {
            let cy = origin.y + size.height / 2
            if e.mark == .line {
                marks.append(.shape(ShapeMark(path: Path(polyline: [Point(x, cy), Point(x + swatch, cy)]),
                                              stroke: StrokeStyle(color: e.color, width: 3 * k), role: .legend, datum: e.name)))
                marks.append(.shape(ShapeMark(path: Path(circleAt: Point(x + swatch / 2, cy), radius: 4 * k), fill: .white,
                                              stroke: StrokeStyle(color: e.color, width: 2 * k), role: .legend, datum: e.name)))
            } else {
                marks.append(.shape(ShapeMark(path: Path(rect: Rect(x: x, y: cy - swatch / 2 * 0.7, width: swatch, height: swatch * 0.7)),
                                              fill: e.color, role: .legend, datum: e.name)))
            }
            marks.append(.text(TextMark(text: e.name, style: style, frame: Rect(origin: Point(x + swatch + theme.gap / 2, origin.y), size: nameSizes[i]),
                                        role: .legend, datum: e.name)))
            x += widths[i] + theme.gap * 2
        }
        return marks
    }
}
