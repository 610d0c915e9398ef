import ChartScene
import Formatting
import Foundation

/// The bars: side by side for `bar` and `combo`, stacked for `stacked` and `stacked100`; no bar
/// where a figure is missing. Each bar asks for its value label above it (grouped) or inside it.
struct BarMarks {
    let chart: Chart
    let plot: PlotArea
    let theme: Theme
    let measurer: TextMeasurer

    func add(to data: inout DataMarks) {
        let barSeries = chart.series.enumerated().filter { $0.element.mark == .bar }
        for c in chart.categories.indices {
            var positive = 0.0, negative = 0.0
            let total = barSeries.reduce(0.0) { $0 + abs($1.element.values[c].map(Chart.double) ?? 0) }
            for (n, (index, s)) in barSeries.enumerated() {
                guard let exact = s.values[c] else { continue }   // no figure, no bar (named in `missingFigures`)
                var v = Chart.double(exact)
                if chart.kind == .percentStackedBar { v = total > 0 ? abs(v) / total * 100 : 0 }
                let rect =
                    grouped
                    ? groupedBar(c, n, of: barSeries.count, value: v)
                    : stackedBar(c, value: v, positive: &positive, negative: &negative)
                let owner = chart.datum(c, s)
                data.marks.append(
                    .shape(ShapeMark(path: Path(rect: rect), fill: theme.color(index), role: .bar, datum: owner)))
                data.obstacles.append(Obstacle(rect: rect, owner: owner, isBar: true))
                if chart.valueLabels { data.labels.append(label(exact, of: s, value: v, bar: rect, owner: owner)) }
            }
        }
    }

    var grouped: Bool { chart.kind == .bar || chart.kind == .combo }

    func groupedBar(_ c: Int, _ n: Int, of count: Int, value v: Double) -> Rect {
        let w = plot.band.bandwidth / Double(count)
        let x = plot.band.position(c) + w * Double(n)
        return Rect(x: x, y: min(plot.y(0), plot.y(v)), width: w, height: abs(plot.y(v) - plot.y(0)))
    }

    func stackedBar(_ c: Int, value v: Double, positive: inout Double, negative: inout Double) -> Rect {
        let base = v >= 0 ? positive : negative
        if v >= 0 { positive += v } else { negative += v }
        let y = plot.y
        return Rect(
            x: plot.band.position(c), y: min(y(base), y(base + v)), width: plot.band.bandwidth,
            height: abs(y(base + v) - y(base)))
    }

    /// Above the bar (below a negative one), else inside it; stacked bars only inside, in white.
    func label(_ exact: Decimal, of s: Chart.Series, value v: Double, bar rect: Rect, owner: String) -> LabelRequest {
        let text = NumberFormat(decimals: chart.decimals(s)).string(exact)
        let m = measurer.measure(text, style: plot.valueStyle, wrapWidth: nil)
        let above = Rect(
            x: rect.midX - m.width / 2, y: (v >= 0 ? rect.minY - theme.gap / 2 - m.height : rect.maxY + theme.gap / 2),
            width: m.width, height: m.height)
        let inside = Rect(x: rect.midX - m.width / 2, y: rect.midY - m.height / 2, width: m.width, height: m.height)
        let fitsInside = inside.width <= rect.width && inside.height <= rect.height
        return LabelRequest(
            text: text, candidates: grouped ? [above] + (fitsInside ? [inside] : []) : (fitsInside ? [inside] : []),
            owner: owner, color: grouped ? theme.text : .white)
    }
}
