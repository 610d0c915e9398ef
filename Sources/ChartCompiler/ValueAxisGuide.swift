import ChartScene
import Formatting

/// The value axes' tick labels, measured (their widths decide where the plot starts and ends),
/// and the gridlines they label.
struct ValueAxisGuide {
    let axes: ValueAxes
    let style: TextStyle
    let leftLabels: [String]
    let rightLabels: [String]
    let leftSizes: [Size]
    let rightSizes: [Size]
    /// The widest label on each side (0 without labels).
    let leftWidth: Double
    let rightWidth: Double

    init(axes: ValueAxes, style: TextStyle, measurer: TextMeasurer) {
        self.axes = axes; self.style = style
        let leftFormat = NumberFormat(decimals: Ticks.decimals(for: axes.left))
        let rightFormat = NumberFormat(decimals: Ticks.decimals(for: axes.right))
        leftLabels = axes.left.map { leftFormat.string($0) }
        rightLabels = axes.right.map { rightFormat.string($0) }
        func size(_ text: String) -> Size {
            let m = measurer.measure(text, style: style, wrapWidth: nil)
            return Size(m.width, m.height)
        }
        leftSizes = leftLabels.map(size)
        rightSizes = rightLabels.map(size)
        leftWidth = leftSizes.map(\.width).max() ?? 0
        rightWidth = rightSizes.map(\.width).max() ?? 0
    }

    /// Gridlines (the zero line as the axis) and tick labels on both sides of `plot`.
    func marks(plot: PlotArea, theme: Theme) -> [Mark] {
        let k = theme.strokeUnit, rect = plot.rect
        var marks: [Mark] = []
        for (i, value) in axes.left.enumerated() {
            let py = plot.y(value)
            let isZero = abs(value) < 1e-12
            marks.append(
                .shape(
                    ShapeMark(
                        path: Path(polyline: [Point(rect.minX, py), Point(rect.maxX, py)]),
                        stroke: StrokeStyle(
                            color: isZero ? theme.axis : theme.gridline, width: isZero ? 1.5 * k : 1 * k),
                        role: isZero ? .axis : .gridline, datum: leftLabels[i])))
            let m = leftSizes[i]
            marks.append(
                .text(
                    TextMark(
                        text: leftLabels[i], style: style,
                        frame: Rect(
                            x: rect.minX - theme.gap - m.width, y: py - m.height / 2, width: m.width, height: m.height),
                        role: .tickLabel, datum: "left")))
            if i < axes.right.count {
                let r = rightSizes[i]
                marks.append(
                    .text(
                        TextMark(
                            text: rightLabels[i], style: style,
                            frame: Rect(
                                x: rect.maxX + theme.gap, y: py - r.height / 2, width: r.width, height: r.height),
                            role: .tickLabel, datum: "right")))
            }
        }
        return marks
    }
}
