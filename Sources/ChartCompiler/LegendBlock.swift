import ChartScene

/// The legend: one entry per series (a swatch — a bar's colour or a line with its marker — and
/// the series' name) in a row, or in several centred rows when one would be wider than the chart.
public struct LegendBlock: GuideBlock, Hashable {
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var mark: Chart.MarkKind
        public var color: Color
        public init(name: String, mark: Chart.MarkKind, color: Color) {
            self.name = name; self.mark = mark; self.color = color
        }
    }

    public var entries: [Entry]
    let theme: Theme
    let style: TextStyle
    /// Each entry's width, its swatch and name included.
    let widths: [Double]
    let nameSizes: [Size]
    /// The entries of each row, in order.
    let rows: [[Int]]
    let lineHeight: Double
    /// The widest row's width (with half a gap after the last name) and the rows' height.
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
        // Entries fill a row while it fits; an entry wider than the chart stands alone.
        var rows: [[Int]] = [[]]
        for i in entries.indices {
            let row = rows[rows.count - 1]
            if !row.isEmpty, Self.width(of: row + [i], widths: widths, gap: gap) > maxWidth {
                rows.append([i])
            } else {
                rows[rows.count - 1].append(i)
            }
        }
        self.rows = rows
        lineHeight = measurer.measure("0", style: style, wrapWidth: nil).height
        let widest = rows.map { Self.width(of: $0, widths: widths, gap: gap) }.max() ?? 0
        size = Size(min(widest, maxWidth), lineHeight * Double(rows.count) + gap / 2 * Double(rows.count - 1))
    }

    static func width(of row: [Int], widths: [Double], gap: Double) -> Double {
        row.map { widths[$0] }.reduce(0, +) + Double(max(0, row.count - 1)) * gap * 2
    }

    /// The legend of `chart`'s series in the theme's palette.
    public init(chart: Chart, theme: Theme, maxWidth: Double, measurer: TextMeasurer) {
        let entries = chart.series.enumerated().map { i, s in Entry(name: s.name, mark: s.mark, color: theme.color(i)) }
        self.init(entries: entries, theme: theme, maxWidth: maxWidth, measurer: measurer)
    }

    public func marks(at origin: Point) -> [Mark] {
        let k = theme.strokeUnit, swatch = theme.labelSize * 1.2
        var marks: [Mark] = []
        for (r, row) in rows.enumerated() {
            let top = origin.y + Double(r) * (lineHeight + theme.gap / 2)
            var x = origin.x + max(0, size.width - Self.width(of: row, widths: widths, gap: theme.gap)) / 2
            for i in row {
                marks += entryMarks(i, x: x, top: top, swatch: swatch, k: k)
                x += widths[i] + theme.gap * 2
            }
        }
        return marks
    }

    private func entryMarks(_ i: Int, x: Double, top: Double, swatch: Double, k: Double) -> [Mark] {
        let e = entries[i]
        var marks: [Mark] = []
        let cy = top + lineHeight / 2
        if e.mark == .line {
            marks.append(
                .shape(
                    ShapeMark(
                        path: Path(polyline: [Point(x, cy), Point(x + swatch, cy)]),
                        stroke: StrokeStyle(color: e.color, width: 3 * k), role: .legend, datum: e.name)))
            marks.append(
                .shape(
                    ShapeMark(
                        path: Path(circleAt: Point(x + swatch / 2, cy), radius: 4 * k), fill: .white,
                        stroke: StrokeStyle(color: e.color, width: 2 * k), role: .legend, datum: e.name)))
        } else {
            marks.append(
                .shape(
                    ShapeMark(
                        path: Path(rect: Rect(x: x, y: cy - swatch / 2 * 0.7, width: swatch, height: swatch * 0.7)),
                        fill: e.color, role: .legend, datum: e.name)))
        }
        marks.append(
            .text(
                TextMark(
                    text: e.name, style: style,
                    frame: Rect(origin: Point(x + swatch + theme.gap / 2, top), size: nameSizes[i]),
                    role: .legend, datum: e.name)))
        return marks
    }
}
