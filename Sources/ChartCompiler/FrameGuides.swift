import ChartScene

/// The guides around the plot, stacked in the chart's frame: title, subtitle, legend and unit row
/// down from the top, the source note up from the bottom. What is left between them is for the
/// axes and the plot.
struct FrameGuides {
    /// The frame inside the margin.
    let frame: Rect
    var marks: [Mark] = []
    /// The top of the space left for the axes and plot.
    var top: Double
    /// The bottom of the space left for the axes and plot.
    var bottom: Double
    /// Axis and legend labels.
    let labelStyle: TextStyle
    /// The height of one line of labels.
    let lineHeight: Double

    init(chart: Chart, frame: Rect, theme: Theme, measurer: TextMeasurer, guides: ChartGuides) {
        self.frame = frame
        top = frame.minY
        bottom = frame.maxY
        labelStyle = TextStyle(size: theme.labelSize, color: theme.text)
        lineHeight = measurer.measure("0", style: labelStyle, wrapWidth: nil).height
        if guides.contains(.title), !chart.title.isEmpty {
            stackCentred(
                TextBlock.title(chart.title, theme: theme, width: frame.width, measurer: measurer), gap: theme.gap)
        }
        if guides.contains(.subtitle), let subtitle = chart.subtitle, !subtitle.isEmpty {
            stackCentred(
                TextBlock.subtitle(subtitle, theme: theme, width: frame.width, measurer: measurer), gap: theme.gap)
        }
        if chart.series.count >= 2 {
            stackCentred(
                LegendBlock(chart: chart, theme: theme, maxWidth: frame.width, measurer: measurer), gap: theme.gap)
        }
        if guides.contains(.source), let source = chart.source, !source.isEmpty {
            let block = TextBlock.source(source, theme: theme, width: frame.width, measurer: measurer)
            bottom -= block.size.height
            marks += block.marks(at: Point(frame.minX, bottom))
            bottom -= theme.gap
        }
        if chart.kind != .horizontalBar,
            let units = UnitRow(
                left: chart.leftUnit, right: chart.rightUnit, theme: theme, width: frame.width, measurer: measurer)
        {
            marks += units.marks(at: Point(frame.minX, top))
            top += units.size.height + theme.gap
        }
    }

    /// Places `block` centred at the top of what is left, and moves the top below it.
    private mutating func stackCentred(_ block: some GuideBlock, gap: Double) {
        marks += block.marks(at: Point(frame.midX - block.size.width / 2, top))
        top += block.size.height + gap
    }
}

extension Chart {
    var leftSeries: [Series] { series.filter { $0.axis == .left } }
    var rightSeries: [Series] { series.filter { $0.axis == .right } }
    /// The left axis' unit (% for a chart stacked to 100%).
    var leftUnit: String? { kind == .percentStackedBar ? "%" : leftSeries.first?.unit }
    var rightUnit: String? { rightSeries.first?.unit }
}
