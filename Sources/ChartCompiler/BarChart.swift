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
    /// Decimals of the value labels; nil: by the unit (`Decimals`).
    public var decimals: Int?
    /// Source note, shown as “资料来源：…” unless it already starts so.
    public var source: String?
    public var showValueLabels: Bool

    public init(
        title: String, subtitle: String? = nil, bars: [Bar], unit: String? = nil, decimals: Int? = nil,
        source: String? = nil, showValueLabels: Bool = true
    ) {
        self.title = title; self.subtitle = subtitle; self.bars = bars; self.unit = unit
        self.decimals = decimals; self.source = source; self.showValueLabels = showValueLabels
    }
}

extension BarChartSpec {
    /// The general chart this spec describes: one bar series.
    public var chart: Chart {
        Chart(
            kind: .bar, title: title, subtitle: subtitle, source: source, categories: bars.map(\.category),
            series: [
                Chart.Series(
                    name: HeadingUnit.split(title).name, values: bars.map(\.value), unit: unit, decimals: decimals)
            ],
            valueLabels: showValueLabels)
    }

    /// Lays the chart out at `size`, measuring text with `measurer`: a scene of marks, nothing drawn.
    public func compile(size: Size, theme: Theme = .print, measurer: TextMeasurer) throws -> Scene {
        try chart.compile(size: size, theme: theme, measurer: measurer)
    }
}
