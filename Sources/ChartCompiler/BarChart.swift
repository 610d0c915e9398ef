import ChartScene
import CountyData
import Foundation

/// A vertical bar chart: one value per category, with title, unit, value labels and source note.
public struct BarChartSpec: Hashable, Sendable {
    public struct Bar: Hashable, Sendable {
        public var category: String
        /// The exact value; nil when the figure is missing (drawn as no bar, never as zero).
        public var value: Decimal?
        public init(category: String, value: Decimal?) { self.category = category; self.value = value }
    }

    public var title: String
    public var subtitle: String?
    public var bars: [Bar]
    /// Unit of the values, shown once as “单位：…”.
    public var unit: String?
    /// Decimals of the value labels.
    public var decimals: Int
    /// Source note, shown as “资料来源：…” unless it already starts so.
    public var source: String?
    public var showValueLabels: Bool

    public init(title: String, subtitle: String? = nil, bars: [Bar], unit: String? = nil, decimals: Int = 2,
                source: String? = nil, showValueLabels: Bool = true)
    {
        self.title = title; self.subtitle = subtitle; self.bars = bars; self.unit = unit
        self.decimals = decimals; self.source = source; self.showValueLabels = showValueLabels
    }
}

/// Problems that stop a chart from being laid out.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    case noData
    case tooSmall(width: Double, height: Double)

    public var description: String {
        switch self {
        case .noData: "the chart has no values to draw"
        case .tooSmall(let w, let h): "the chart is too small (\(Int(w))×\(Int(h))) for its labels"
        }
    }
}

extension BarChartSpec {
    /// Lays the chart out at `size`, measuring text with `measurer`: a scene of marks, nothing drawn.
    public func compile(size: Size, theme: Theme? = nil, measurer: TextMeasurer) throws -> Scene {
        let theme = theme ?? .standard(for: size)
        let values = bars.compactMap(\.value).map { NSDecimalNumber(decimal: $0).doubleValue }
        guard !bars.isEmpty else { throw ChartError.noData }
        var marks: [Mark] = []
        var notes: [String] = []
        let format = NumberFormat(decimals: decimals)
        let frame = Rect(x: 0, y: 0, width: size.width, height: size.height).insetBy(dx: theme.margin, dy: theme.margin)

        // Title block, top.
        var top = frame.minY
        let titleStyle = TextStyle(size: theme.titleSize, weight: .bold, color: theme.text, alignment: .center)
        let t = measurer.measure(title, style: titleStyle, wrapWidth: frame.width)
        marks.append(.text(TextMark(text: title, style: titleStyle,
                                    frame: Rect(x: frame.midX - t.width / 2, y: top, width: t.width, height: t.height),
                                    wrapWidth: frame.width, role: .title)))
        top += t.height + theme.gap
        if let subtitle, !subtitle.isEmpty {
            let style = TextStyle(size: theme.subtitleSize, color: theme.mutedText, alignment: .center)
            let m = measurer.measure(subtitle, style: style, wrapWidth: frame.width)
            marks.append(.text(TextMark(text: subtitle, style: style,
                                        frame: Rect(x: frame.midX - m.width / 2, y: top, width: m.width, height: m.height),
                                        wrapWidth: frame.width, role: .subtitle)))
            top += m.height + theme.gap
        }

        // Source note, bottom left.
        var bottom = frame.maxY
        if let source, !source.isEmpty {
            let text = source.hasPrefix("资料来源") ? source : "资料来源：" + source
            let style = TextStyle(size: theme.noteSize, color: theme.mutedText)
            let m = measurer.measure(text, style: style, wrapWidth: frame.width)
            bottom -= m.height
            marks.append(.text(TextMark(text: text, style: style,
                                        frame: Rect(x: frame.minX, y: bottom, width: m.width, height: m.height),
                                        wrapWidth: frame.width, role: .sourceNote)))
            bottom -= theme.gap
        }

        // Unit label above the value axis.
        let labelStyle = TextStyle(size: theme.labelSize, color: theme.text)
        if let unit, !unit.isEmpty {
            let text = "单位：" + unit
            let m = measurer.measure(text, style: labelStyle, wrapWidth: nil)
            marks.append(.text(TextMark(text: text, style: labelStyle,
                                        frame: Rect(x: frame.minX, y: top, width: m.width, height: m.height), role: .unitLabel)))
            top += m.height + theme.gap
        }

        // Value axis ticks: first guess from the data, then room for labels above the tallest bar.
        let lowData = min(0, values.min() ?? 0), highData = max(0, values.max() ?? 0)
        let lineHeight = measurer.measure("0", style: labelStyle, wrapWidth: nil).height
        let approxPlotHeight = max(1, bottom - top - 2 * lineHeight)
        let maxTicks = max(2, min(8, Int(approxPlotHeight / (lineHeight * 2.5))))
        var ticks = Ticks.nice(low: lowData, high: highData, maxCount: maxTicks)
        let valueStyle = TextStyle(size: theme.valueLabelSize, color: theme.text, alignment: .center)
        let valueLabelHeight = measurer.measure("0", style: valueStyle, wrapWidth: nil).height
        if showValueLabels, let last = ticks.last, let first = ticks.first {
            let headroom = (valueLabelHeight + theme.gap) / approxPlotHeight * (last - first)
            let needHigh = highData > 0 ? highData + headroom : highData
            let needLow = lowData < 0 ? lowData - headroom : lowData
            if needHigh > last || needLow < first {
                ticks = Ticks.nice(low: needLow, high: needHigh, maxCount: maxTicks)
            }
        }
        let tickFormat = NumberFormat(decimals: Ticks.decimals(for: ticks))
        let tickLabels = ticks.map { tickFormat.string($0) }
        let tickWidth = tickLabels.map { measurer.measure($0, style: labelStyle, wrapWidth: nil).width }.max() ?? 0
        let plotLeft = frame.minX + tickWidth + theme.gap
        let plotRight = frame.maxX

        // Category labels below the plot: wrapped to the band when too long.
        let band0 = BandScale(categories: bars.map(\.category), start: plotLeft, end: plotRight)
        let categoryStyle = TextStyle(size: theme.labelSize, color: theme.text, alignment: .center)
        let categoryMetrics = bars.map { measurer.measure($0.category, style: categoryStyle, wrapWidth: band0.step) }
        let categoryHeight = categoryMetrics.map(\.height).max() ?? 0
        let plotBottom = bottom - categoryHeight - theme.gap
        let plot = Rect(x: plotLeft, y: top + lineHeight / 2, width: plotRight - plotLeft, height: plotBottom - top - lineHeight / 2)
        guard plot.width > 20, plot.height > 20 else { throw ChartError.tooSmall(width: size.width, height: size.height) }
        let y = LinearScale(domain: ticks.first!...ticks.last!, range: (plot.maxY, plot.minY))
        let band = BandScale(categories: band0.categories, start: plot.minX, end: plot.maxX)

        // Gridlines and tick labels.
        for (value, label) in zip(ticks, tickLabels) {
            let py = y(value)
            let role: Role = value == 0 ? .axis : .gridline
            let stroke = StrokeStyle(color: value == 0 ? theme.axis : theme.gridline, width: value == 0 ? 1.5 : 1)
            marks.append(.shape(ShapeMark(path: Path(polyline: [Point(plot.minX, py), Point(plot.maxX, py)]),
                                          stroke: stroke, role: role, datum: label)))
            let m = measurer.measure(label, style: labelStyle, wrapWidth: nil)
            marks.append(.text(TextMark(text: label, style: labelStyle,
                                        frame: Rect(x: plot.minX - theme.gap - m.width, y: py - m.height / 2, width: m.width, height: m.height),
                                        role: .tickLabel, datum: label)))
        }

        // Bars, category labels and value labels.
        var valueLabels: [TextMark] = []
        for (i, bar) in bars.enumerated() {
            let cm = categoryMetrics[i]
            marks.append(.text(TextMark(text: bar.category, style: categoryStyle,
                                        frame: Rect(x: band.center(i) - cm.width / 2, y: plot.maxY + theme.gap, width: cm.width, height: cm.height),
                                        wrapWidth: band.step, role: .categoryLabel, datum: bar.category)))
            guard let exact = bar.value else {
                notes.append("“\(bar.category)”: no value, no bar drawn")
                continue
            }
            let v = NSDecimalNumber(decimal: exact).doubleValue
            let y0 = y(0), y1 = y(v)
            let rect = Rect(x: band.position(i), y: min(y0, y1), width: band.bandwidth, height: abs(y1 - y0))
            marks.append(.shape(ShapeMark(path: Path(rect: rect), fill: theme.palette[0], role: .bar, datum: bar.category)))
            guard showValueLabels else { continue }
            let text = format.string(exact)
            let m = measurer.measure(text, style: valueStyle, wrapWidth: nil)
            var labelRect = Rect(x: rect.midX - m.width / 2,
                                 y: v >= 0 ? rect.minY - theme.gap / 2 - m.height : rect.maxY + theme.gap / 2,
                                 width: m.width, height: m.height)
            var style = valueStyle
            if !plot.contains(labelRect) {
                // No room outside the bar: inside, near its end, in white.
                labelRect.origin.y = v >= 0 ? rect.minY + theme.gap / 2 : rect.maxY - theme.gap / 2 - m.height
                style.color = .white
            }
            if m.width > band.step || !plot.contains(labelRect) || (style.color == .white && labelRect.height > rect.height) {
                notes.append("value label “\(text)” of “\(bar.category)” hidden: no room")
                continue
            }
            valueLabels.append(TextMark(text: text, style: style, frame: labelRect, role: .valueLabel, datum: bar.category))
        }
        marks += valueLabels.map { .text($0) }
        return Scene(size: size, background: .white, marks: marks, notes: notes)
    }
}
