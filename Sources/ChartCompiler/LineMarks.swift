import ChartScene
import Formatting
import Foundation

/// The lines, one per line series, with a marker at each figure: not joined across a missing
/// figure or a series break. Lines and markers are obstacles for every value label.
struct LineMarks {
    let chart: Chart
    let plot: PlotArea
    let theme: Theme
    let measurer: TextMeasurer

    func add(to data: inout DataMarks) {
        for (index, s) in chart.series.enumerated() where s.mark == .line {
            add(s, color: theme.color(index), to: &data)
        }
    }

    private func add(_ s: Chart.Series, color: Color, to data: inout DataMarks) {
        let scale = s.axis == .right ? plot.y2 : plot.y
        let k = theme.strokeUnit
        var points: [(Int, Point)] = []
        for segment in segments(s, scale: scale) {
            data.obstacles += Self.samples(along: segment, k: k)
            if segment.count >= 2 {
                data.marks.append(
                    .shape(
                        ShapeMark(
                            path: Path(polyline: segment.map(\.1)), stroke: StrokeStyle(color: color, width: 3 * k),
                            role: .line, datum: s.name)))
            }
            points += segment
        }
        for (c, p) in points {
            let owner = chart.datum(c, s)
            data.marks.append(
                .shape(
                    ShapeMark(
                        path: Path(circleAt: p, radius: 5 * k), fill: .white,
                        stroke: StrokeStyle(color: color, width: 2.5 * k),
                        role: .point, datum: owner)))
            data.obstacles.append(
                Obstacle(rect: Rect(x: p.x - 6 * k, y: p.y - 6 * k, width: 12 * k, height: 12 * k), owner: owner))
            guard chart.valueLabels, let exact = s.values[c] else { continue }
            data.labels.append(label(exact, of: s, at: p, owner: owner, color: color))
        }
    }

    /// The runs of consecutive figures, split at a missing figure and before a series break.
    func segments(_ s: Chart.Series, scale: LinearScale) -> [[(Int, Point)]] {
        var runs: [[(Int, Point)]] = [], run: [(Int, Point)] = []
        for c in chart.categories.indices {
            if chart.breaks.contains(chart.categories[c]) || s.values[c] == nil { runs.append(run); run = [] }
            guard let exact = s.values[c] else { continue }
            run.append((c, Point(plot.band.center(c), scale(Chart.double(exact)))))
        }
        runs.append(run)
        return runs.filter { !$0.isEmpty }
    }

    /// Small boxes along a run's segments, so that no label covers the line between markers.
    static func samples(along run: [(Int, Point)], k: Double) -> [Obstacle] {
        var boxes: [Obstacle] = []
        for (a, b) in zip(run.map(\.1), run.dropFirst().map(\.1)) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let steps = max(1, Int(length / (3 * k)))
            for j in 0...steps {
                let t = Double(j) / Double(steps)
                let c = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
                boxes.append(
                    Obstacle(rect: Rect(x: c.x - 1.5 * k, y: c.y - 1.5 * k, width: 3 * k, height: 3 * k), owner: "line")
                )
            }
        }
        return boxes
    }

    /// Near the point first (above, below, right, left); then a little further up; then near the point
    /// on a plate over a bar; then further up, clear of the bars below it.
    func label(_ exact: Decimal, of s: Chart.Series, at p: Point, owner: String, color: Color) -> LabelRequest {
        let text = NumberFormat(decimals: chart.decimals(s)).string(exact)
        let m = measurer.measure(text, style: plot.valueStyle, wrapWidth: nil)
        let gap = 8 * theme.strokeUnit
        let near = [
            Rect(x: p.x - m.width / 2, y: p.y - gap - m.height, width: m.width, height: m.height),
            Rect(x: p.x - m.width / 2, y: p.y + gap, width: m.width, height: m.height),
            Rect(x: p.x + gap, y: p.y - m.height / 2, width: m.width, height: m.height),
            Rect(x: p.x - gap - m.width, y: p.y - m.height / 2, width: m.width, height: m.height),
        ]
        let further = (1...24).map { j in
            Rect(
                x: p.x - m.width / 2, y: p.y - gap - m.height - Double(j) * m.height / 2, width: m.width,
                height: m.height)
        }
        return LabelRequest(
            text: text, candidates: near + further.prefix(2), owner: owner, color: color, boxed: near,
            farther: Array(further.dropFirst(2)))
    }
}
