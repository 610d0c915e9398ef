import ChartScene
import CountyData
import Foundation

/// Which guides a compiled chart draws itself. The legend, the unit row and the axes are part of
/// reading the plot and always drawn; title, subtitle and source can be left to the page.
public struct ChartGuides: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let title = ChartGuides(rawValue: 1)
    public static let subtitle = ChartGuides(rawValue: 2)
    public static let source = ChartGuides(rawValue: 4)
    /// Title, subtitle and source: a chart on its own (an image, a slide).
    public static let all: ChartGuides = [.title, .subtitle, .source]
    /// No title, subtitle or source: a chart in a report, which prints 图N and the source itself.
    public static let plotOnly: ChartGuides = []
}

/// A chart laid out in a frame: its marks in the frame's coordinates, and what it left out.
public struct ChartContent: Hashable, Sendable {
    public var marks: [Mark]
    /// Things not drawn (a hidden label, a missing figure), each said in one line.
    public var notes: [String]
}

extension Chart {
    /// Lays the chart out at `size` in points, measuring text with `measurer`: a scene of marks,
    /// nothing drawn. A report asks for `theme: .report, guides: .plotOnly` and prints 图N and the
    /// source itself.
    public func compile(size: Size, theme: Theme = .print, measurer: TextMeasurer, guides: ChartGuides = .all) throws
        -> Scene
    {
        let frame = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let content = try compile(in: frame, theme: theme, measurer: measurer, guides: guides)
        return Scene(size: size, background: .white, marks: content.marks, notes: content.notes)
    }

    /// Lays the chart out to fill `frame` (the theme's margin inside it): for placing a chart on
    /// a page among other marks.
    public func compile(in frame: Rect, theme: Theme, measurer: TextMeasurer, guides: ChartGuides = .all) throws
        -> ChartContent
    {
        guard !categories.isEmpty, !series.isEmpty else { throw ChartError.noData }
        try checkTextLengths()
        // Checked before any layout: placing labels is quadratic in their number, and a chart of
        // 40,000 columns shows nothing legible anyway.
        let fit = Self.categoryFit(kind, size: frame.size, theme: theme)
        guard categories.count <= fit else { throw ChartError.tooManyCategories(count: categories.count, fit: fit) }
        let chart = needsReadableUnits ? withReadableUnits() : self
        return try chart.layOut(in: frame, theme: theme, measurer: measurer, guides: guides)
    }

    /// How many categories a chart of `kind` can draw legibly in a frame of `size` (`Limits.categoryBand`):
    /// checked before layout, and by a reader of a table that stops once it has more (`chart --data`).
    public static func categoryFit(_ kind: Kind, size: Size, theme: Theme) -> Int {
        let horizontal = kind == .horizontalBar
        let band =
            theme.labelSize * (horizontal ? Limits.standard.horizontalCategoryBand : Limits.standard.categoryBand)
        return max(1, Int(((horizontal ? size.height : size.width) - 2 * theme.margin) / band))
    }

    /// Refuses a title, subtitle, source, series name or category longer than `Limits.chartTextCharacters`,
    /// before anything is measured.
    func checkTextLengths() throws {
        let limit = Limits.standard.chartTextCharacters
        var texts: [(String, String?)] = [("title", title), ("subtitle", subtitle), ("source", source)]
        texts += series.enumerated().map { ("series[\($0.offset)].name", $0.element.name) }
        texts += categories.enumerated().map { ("categories[\($0.offset)]", $0.element) }
        for case (let key, let text?) in texts where text.utf8.count > limit {   // a character has at least one byte
            let n = text.unicodeScalars.count
            if n > limit { throw ChartError.textTooLong(key: key, characters: n, limit: limit) }
        }
    }

    /// The phases: guides around the frame → value scales → axes → plot area → marks → labels.
    func layOut(in outer: Rect, theme: Theme, measurer: TextMeasurer, guides: ChartGuides) throws -> ChartContent {
        for s in series where s.values.count != categories.count {
            throw ChartError.mismatched(series: s.name, values: s.values.count, categories: categories.count)
        }
        let frame = FrameGuides(
            chart: self, frame: outer.insetBy(dx: theme.margin, dy: theme.margin), theme: theme,
            measurer: measurer, guides: guides)
        let tooSmall = ChartError.tooSmall(width: outer.width, height: outer.height)
        if kind == .horizontalBar {
            return try HorizontalBarLayout(chart: self, frame: frame, theme: theme, measurer: measurer).content(
                tooSmall: tooSmall)
        }
        let axes = try ValueAxes(chart: self, frame: frame, theme: theme, measurer: measurer)
        let ticks = ValueAxisGuide(axes: axes, style: frame.labelStyle, measurer: measurer)
        let plot = try PlotArea(
            chart: self, frame: frame, axes: axes, ticks: ticks, theme: theme, measurer: measurer, tooSmall: tooSmall)
        var marks = frame.marks
        marks += ticks.marks(plot: plot, theme: theme)
        marks += plot.categoryAxis.marks(band: plot.band, plotBottom: plot.rect.maxY, theme: theme)
        var data = DataMarks()
        BarMarks(chart: self, plot: plot, theme: theme, measurer: measurer).add(to: &data)
        LineMarks(chart: self, plot: plot, theme: theme, measurer: measurer).add(to: &data)
        BreakMarks(chart: self, plot: plot, theme: theme).add(to: &data)
        marks += data.marks
        let labels = ValueLabels.place(
            data.labels, obstacles: data.obstacles, in: plot.rect, theme: theme, valueStyle: plot.valueStyle)
        return ChartContent(marks: marks + labels.marks, notes: missingFigures + data.notes + labels.notes)
    }

    /// What a mark shows: the category, or “category/series” when there are several series.
    func datum(_ c: Int, _ s: Series) -> String { series.count == 1 ? categories[c] : "\(categories[c])/\(s.name)" }

    /// An exact value as a Double, for placing marks.
    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
