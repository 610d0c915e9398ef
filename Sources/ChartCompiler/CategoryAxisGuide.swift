import ChartScene

/// The category labels under the plot, measured: wrapped to their band, or turned 45° when
/// wrapping would take more than two lines.
struct CategoryAxisGuide {
    let categories: [String]
    let style: TextStyle
    let metrics: [TextMetrics]
    let rotate: Bool
    /// The height the labels take under the plot.
    let height: Double

    /// Labels for bands spanning `start…end`.
    init(categories: [String], start: Double, end: Double, theme: Theme, lineHeight: Double, measurer: TextMeasurer) {
        self.categories = categories
        let band = BandScale(categories: categories, start: start, end: end, padding: 0.3)
        let style = TextStyle(size: theme.labelSize, color: theme.text, alignment: .center)
        self.style = style
        var metrics = categories.map { measurer.measure($0, style: style, wrapWidth: band.step) }
        let rotate = metrics.contains { $0.lineCount > 2 }
        if rotate { metrics = categories.map { measurer.measure($0, style: style, wrapWidth: nil) } }
        self.metrics = metrics
        self.rotate = rotate
        height =
            rotate ? (metrics.map(\.width).max() ?? 0) * 0.71 + lineHeight * 0.71 : metrics.map(\.height).max() ?? 0
    }

    /// One label under each band, `theme.gap` below the plot's bottom.
    func marks(band: BandScale, plotBottom: Double, theme: Theme) -> [Mark] {
        categories.enumerated().map { i, c in
            let m = metrics[i]
            if rotate {
                return .text(
                    TextMark(
                        text: c, style: TextStyle(size: theme.labelSize, color: theme.text),
                        frame: Rect(
                            x: band.center(i) - m.width * 0.71, y: plotBottom + theme.gap + m.width * 0.71,
                            width: m.width, height: m.height),
                        rotation: -45, role: .categoryLabel, datum: c))
            }
            return .text(
                TextMark(
                    text: c, style: style,
                    frame: Rect(
                        x: band.center(i) - m.width / 2, y: plotBottom + theme.gap, width: m.width, height: m.height),
                    wrapWidth: band.step, role: .categoryLabel, datum: c))
        }
    }
}
