import ChartScene

/// Series breaks (a census revision): a dashed line between the two categories it falls between.
struct BreakMarks {
    let chart: Chart
    let plot: PlotArea
    let theme: Theme

    func add(to data: inout DataMarks) {
        let k = theme.strokeUnit
        for b in chart.breaks {
            guard let c = chart.categories.firstIndex(of: b), c > 0 else { continue }
            let x = (plot.band.center(c - 1) + plot.band.center(c)) / 2
            data.marks.append(
                .shape(
                    ShapeMark(
                        path: Path(polyline: [Point(x, plot.rect.minY), Point(x, plot.rect.maxY)]),
                        stroke: StrokeStyle(color: theme.mutedText, width: 1.5 * k, dash: [6 * k, 4 * k]),
                        role: "break", datum: b)))
            data.notes.append("series break before “\(b)”: lines are not joined across it")
        }
    }
}
