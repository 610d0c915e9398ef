import ChartScene
import Formatting

/// Horizontal bars (rankings): categories down the left, values along the bottom with the unit on
/// the last tick, each value at its bar's end. Phases as for the other charts: the value scale
/// for the width left by the labels, the plot, then one row per category (label, bar, value).
struct HorizontalBarLayout {
    let chart: Chart
    let frame: FrameGuides
    let theme: Theme
    let measurer: TextMeasurer
    let series: Chart.Series
    let values: [Double?]
    let labelStyle: TextStyle
    let valueStyle: TextStyle
    /// The value labels' texts ("" where a figure is missing).
    let texts: [String]

    init(chart: Chart, frame: FrameGuides, theme: Theme, measurer: TextMeasurer) {
        self.chart = chart; self.frame = frame; self.theme = theme; self.measurer = measurer
        series = chart.series[0]
        values = series.values.map { $0.map(Chart.double) }
        labelStyle = frame.labelStyle
        valueStyle = TextStyle(size: theme.valueLabelSize, color: theme.text)
        let format = NumberFormat(decimals: chart.decimals(series))
        texts = series.values.map { $0.map { format.string($0) } ?? "" }
    }

    func content(tooSmall: ChartError) throws -> ChartContent {
        let categoryWidth =
            chart.categories.map { measurer.measure($0, style: labelStyle, wrapWidth: nil).width }.max() ?? 0
        let valueWidth = texts.map { measurer.measure($0, style: valueStyle, wrapWidth: nil).width }.max() ?? 0
        let box = frame.frame
        let plot = Rect(
            x: box.minX + categoryWidth + theme.gap, y: frame.top,
            width: box.width - categoryWidth - theme.gap - valueWidth - theme.gap,
            height: frame.bottom - frame.top - frame.lineHeight - theme.gap)
        guard plot.width > 20, plot.height > 20 else { throw tooSmall }
        let ticks = Ticks.nice(
            low: min(0, values.compactMap { $0 }.min() ?? 0), high: max(0, values.compactMap { $0 }.max() ?? 1),
            maxCount: max(2, min(8, Int(plot.width / (valueWidth + 4 * theme.gap)))))
        // Ticks.nice gives at least two ticks.
        let x = LinearScale(domain: ticks.first!...ticks.last!, range: (plot.minX, plot.maxX))
        var marks = frame.marks + axisMarks(ticks, x: x, plot: plot)
        let band = BandScale(categories: chart.categories, start: plot.minY, end: plot.maxY, padding: 0.3)
        for i in chart.categories.indices {
            marks += row(i, x: x, band: band, plot: plot)
        }
        return ChartContent(marks: marks, notes: chart.missingFigures)
    }

    /// Vertical gridlines (zero as the axis) and tick labels under the plot, the last with the unit.
    func axisMarks(_ ticks: [Double], x: LinearScale, plot: Rect) -> [Mark] {
        let k = theme.strokeUnit
        let format = NumberFormat(decimals: Ticks.decimals(for: ticks))
        var marks: [Mark] = []
        for t in ticks {
            let px = x(t)
            let isZero = abs(t) < 1e-12
            marks.append(
                .shape(
                    ShapeMark(
                        path: Path(polyline: [Point(px, plot.minY), Point(px, plot.maxY)]),
                        stroke: StrokeStyle(
                            color: isZero ? theme.axis : theme.gridline, width: isZero ? 1.5 * k : 1 * k),
                        role: isZero ? .axis : .gridline)))
            let label = t == ticks.last ? Typography.figure(format.string(t), unit: chart.leftUnit) : format.string(t)
            let m = measurer.measure(label, style: labelStyle, wrapWidth: nil)
            marks.append(
                .text(
                    TextMark(
                        text: label, style: labelStyle,
                        frame: Rect(
                            x: min(px - m.width / 2, frame.frame.maxX - m.width), y: plot.maxY + theme.gap,
                            width: m.width, height: m.height),
                        role: .tickLabel)))
        }
        return marks
    }

    /// One category: its label left of the plot, its bar, and its value at the bar's end.
    func row(_ i: Int, x: LinearScale, band: BandScale, plot: Rect) -> [Mark] {
        let c = chart.categories[i]
        let m = measurer.measure(c, style: labelStyle, wrapWidth: nil)
        var marks: [Mark] = [
            .text(
                TextMark(
                    text: c, style: labelStyle,
                    frame: Rect(
                        x: plot.minX - theme.gap - m.width, y: band.center(i) - m.height / 2, width: m.width,
                        height: m.height),
                    role: .categoryLabel, datum: c))
        ]
        guard let v = values[i] else { return marks }   // no figure, no bar (named in `missingFigures`)
        let rect = Rect(x: min(x(0), x(v)), y: band.position(i), width: abs(x(v) - x(0)), height: band.bandwidth)
        marks.append(.shape(ShapeMark(path: Path(rect: rect), fill: theme.color(0), role: .bar, datum: c)))
        guard chart.valueLabels else { return marks }
        let t = measurer.measure(texts[i], style: valueStyle, wrapWidth: nil)
        marks.append(
            .text(
                TextMark(
                    text: texts[i], style: valueStyle,
                    frame: Rect(
                        x: v >= 0 ? rect.maxX + theme.gap / 2 : rect.minX - theme.gap / 2 - t.width,
                        y: rect.midY - t.height / 2, width: t.width, height: t.height),
                    role: .valueLabel, datum: c)))
        return marks
    }
}
