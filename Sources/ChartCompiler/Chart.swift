import ChartScene
import CountyData
import Formatting
import Foundation

/// A chart with its data resolved: categories, series of exact values, and how to draw them.
/// Compiled into a `Scene` in points by `compile(size:theme:measurer:guides:)`, or into any frame of a
/// page by `compile(in:theme:measurer:guides:)`.
public struct Chart: Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Vertical bars, one series or several side by side.
        case bar
        /// Horizontal bars (rankings), largest first if the data is so ordered.
        case horizontalBar = "hbar"
        /// Bars of several series stacked.
        case stackedBar = "stacked"
        /// Bars of several series stacked to 100% (三次产业结构).
        case percentStackedBar = "stacked100"
        /// Lines, one per series, with markers.
        case line
        /// The bulletin chart: bars on the left axis, a line (growth) on the right axis.
        case combo
    }

    public enum Axis: String, Sendable, Codable { case left, right }
    public enum MarkKind: String, Sendable, Codable { case bar, line }

    /// One series: a name for the legend, its values (nil = no figure), unit and mark.
    public struct Series: Sendable {
        public var name: String
        public var values: [Decimal?]
        public var unit: String?
        public var mark: MarkKind
        public var axis: Axis
        public var decimals: Int?

        public init(
            name: String, values: [Decimal?], unit: String? = nil, mark: MarkKind = .bar, axis: Axis = .left,
            decimals: Int? = nil
        ) {
            self.name = name; self.values = values; self.unit = unit; self.mark = mark; self.axis = axis;
            self.decimals = decimals
        }
    }

    public var kind: Kind
    public var title: String
    public var subtitle: String?
    public var source: String?
    public var categories: [String]
    public var series: [Series]
    public var valueLabels: Bool
    /// Categories before which the series changes definition (a census revision): lines are not
    /// joined across it and a dashed separator marks it.
    public var breaks: [String]

    public init(
        kind: Kind, title: String, subtitle: String? = nil, source: String? = nil, categories: [String],
        series: [Series],
        valueLabels: Bool = true, breaks: [String] = []
    ) {
        self.kind = kind; self.title = title; self.subtitle = subtitle; self.source = source
        self.categories = categories; self.series = series; self.valueLabels = valueLabels; self.breaks = breaks
    }

    /// Decimals of a series' labels: as given, else by the one table (`Decimals`: 亿元 2, % 1, 元 0 …).
    func decimals(_ s: Series) -> Int {
        s.decimals ?? Decimals.shown(unit: s.unit, values: s.values)
    }
}

/// Problems that stop a chart from being laid out.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    case noData
    case tooSmall(width: Double, height: Double)
    case mismatched(series: String, values: Int, categories: Int)
    /// More categories than can be drawn legibly in the frame (`Limits.categoryBand`).
    case tooManyCategories(count: Int, fit: Int)
    /// More categories than can be drawn, found while a table was read (it was not read further).
    case moreCategoriesThanFit(fit: Int)
    /// A text longer than any chart can lay out (`Limits.chartTextCharacters`): its key and length.
    case textTooLong(key: String, characters: Int, limit: Int)

    public var description: String {
        switch self {
        case .noData: "the chart has no values to draw"
        case .tooSmall(let w, let h): "the chart is too small (\(Int(w))×\(Int(h))) for its labels"
        case .mismatched(let s, let v, let c): "series “\(s)” has \(v) values for \(c) categories"
        case .tooManyCategories(let n, let fit):
            "the chart has \(n) categories; at most \(fit) can be drawn legibly at this size (a larger --size, or fewer categories)"
        case .moreCategoriesThanFit(let fit):
            "the chart has more than \(fit) categories (the table was read no further); at most \(fit) can be drawn legibly at this size (a larger --size, or fewer categories)"
        case .textTooLong(let key, let n, let limit):
            "the chart's \(key) is \(n) characters long; a chart lays out at most \(limit) (Limits.chartTextCharacters)"
        }
    }
}
