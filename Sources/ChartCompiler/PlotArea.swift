import ChartScene

/// The plot: what is left of the frame once the guides, tick labels and category labels have
/// their room, with the scales that map values and categories into it.
struct PlotArea {
    let rect: Rect
    /// The left value axis.
    let y: LinearScale
    /// The right value axis (the left one when there is none).
    let y2: LinearScale
    let band: BandScale
    let categoryAxis: CategoryAxisGuide
    let valueStyle: TextStyle

    init(
        chart: Chart, frame: FrameGuides, axes: ValueAxes, ticks: ValueAxisGuide, theme: Theme, measurer: TextMeasurer,
        tooSmall: ChartError
    ) throws {
        let plotLeft = frame.frame.minX + ticks.leftWidth + theme.gap
        let plotRight = frame.frame.maxX - (axes.right.isEmpty ? 0 : ticks.rightWidth + theme.gap)
        categoryAxis = CategoryAxisGuide(
            categories: chart.categories, start: plotLeft, end: plotRight, theme: theme,
            lineHeight: frame.lineHeight, measurer: measurer)
        let top = frame.top, bottom = frame.bottom, lineHeight = frame.lineHeight
        rect = Rect(
            x: plotLeft, y: top + lineHeight / 2, width: plotRight - plotLeft,
            height: bottom - categoryAxis.height - theme.gap - top - lineHeight / 2)
        guard rect.width > 20, rect.height > 20 else { throw tooSmall }
        // Every axis has at least two ticks (Ticks.nice, DualAxis.align, 0…100).
        y = LinearScale(domain: axes.left.first!...axes.left.last!, range: (rect.maxY, rect.minY))
        y2 =
            axes.right.isEmpty
            ? y : LinearScale(domain: axes.right.first!...axes.right.last!, range: (rect.maxY, rect.minY))
        band = BandScale(categories: chart.categories, start: rect.minX, end: rect.maxX, padding: 0.3)
        valueStyle = TextStyle(size: theme.valueLabelSize, color: theme.text, alignment: .center)
    }
}
