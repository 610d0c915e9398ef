import ChartScene
import Foundation

/// The value scales' ticks, chosen for the height the frame guides left: nice steps, room above
/// the tallest bar for its label, and for a combo chart two axes with zero on one gridline.
struct ValueAxes {
    var left: [Double]
    /// Empty without a right axis.
    var right: [Double] = []

    init(chart: Chart, frame: FrameGuides, theme: Theme, measurer: TextMeasurer) throws {
        let leftValues = Self.leftValues(chart)
        let rightValues = chart.rightSeries.flatMap(Self.doubles)
        guard !leftValues.isEmpty || !rightValues.isEmpty else { throw ChartError.noData }
        let valueStyle = TextStyle(size: theme.valueLabelSize, color: theme.text, alignment: .center)
        let valueHeight = measurer.measure("0", style: valueStyle, wrapWidth: nil).height
        let approxPlot = max(1, frame.bottom - frame.top - 3 * frame.lineHeight)
        let maxTicks = max(2, min(8, Int(approxPlot / (frame.lineHeight * 2.5))))
        let headroom = chart.valueLabels ? (valueHeight + theme.gap) / approxPlot : 0
        func padded(_ values: [Double], includeZero: Bool) -> ClosedRange<Double> {
            var lo = values.min() ?? 0, hi = values.max() ?? 1
            if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
            let span = max(hi - lo, abs(hi) * 0.1, 1e-9)
            if hi > 0 || !includeZero { hi += span * headroom * 1.2 }
            if lo < 0 { lo -= span * headroom * 1.2 }
            return lo...hi
        }
        switch chart.kind {
        case .combo:
            // Room above the tallest bar for its label and a line label over it.
            var barRange = padded(leftValues, includeZero: true)
            if chart.valueLabels, barRange.upperBound > 0 {
                barRange =
                    barRange
                    .lowerBound...(barRange.upperBound + (barRange.upperBound - barRange.lowerBound) * headroom * 1.5)
            }
            let aligned = DualAxis.align(
                left: barRange, right: padded(rightValues, includeZero: true), maxIntervals: maxTicks)
            left = aligned.left
            right = aligned.right
        case .percentStackedBar:
            left = [0, 20, 40, 60, 80, 100]
        default:
            let r = padded(leftValues, includeZero: chart.kind != .line || (leftValues.min() ?? 0) <= 0)
            left = Ticks.nice(low: r.lowerBound, high: r.upperBound, maxCount: maxTicks)
        }
    }

    /// What the left axis must show: each stack's positive and negative totals, 0…100 for a
    /// chart stacked to 100%, else every value.
    static func leftValues(_ chart: Chart) -> [Double] {
        switch chart.kind {
        case .stackedBar:
            var values: [Double] = []
            for c in chart.categories.indices {
                let parts = chart.leftSeries.compactMap { $0.values[c].map(Chart.double) }
                values += [parts.filter { $0 > 0 }.reduce(0, +), parts.filter { $0 < 0 }.reduce(0, +)]
            }
            return values
        case .percentStackedBar: return [0, 100]
        default: return chart.leftSeries.flatMap(doubles)
        }
    }

    static func doubles(_ s: Chart.Series) -> [Double] { s.values.compactMap { $0.map(Chart.double) } }
}
