import ChartCompiler
import ChartResolver
import ChartScene
import CountyData
import CountyQuery
import Foundation
import PageLayout
import Parallelism
import Specs

/// A report ready to lay out: its blocks in reading order, the charts (for slides), every printed
/// number with its origin, and what the data lacked.
public struct BuiltReport: Sendable {
    public var definition: ReportDefinition
    public var blocks: [Block]
    /// The charts by block id, for slides.
    public var charts: [(id: String, chart: Chart)]
    public var explanations: [Explanation]
    /// Figures asked for that the data lacks, sentences left out, periods without a figure: 数据说明.
    public var gaps: [String]
    /// The report's sources, a line per data file (`name：url；url`), as its sources block prints them.
    public var sources: [String]
}

/// Builds a report's blocks from its definition and data: paragraphs from templates, tiles,
/// tables and charts from figures, 数据说明 from the resolutions and the gaps.
public struct ReportBuilder {
    public let definition: ReportDefinition
    public let data: ReportData
    /// Compiles a chart into a scene of a given size in points (the report's theme, no title or source).
    public let compileChart: (Chart, Size) throws -> Scene

    /// An optional sentence left out for a missing figure is an error too (`--strict`).
    public var strict = false

    public init(
        definition: ReportDefinition, data: ReportData, strict: Bool = false,
        compileChart: @escaping (Chart, Size) throws -> Scene
    ) {
        self.definition = definition; self.data = data; self.strict = strict; self.compileChart = compileChart
    }

    /// The definition's headings as they will be built, numbered: known before any block is built, so
    /// that a layout can place the contents while the blocks are still being built (`build(style:emit:)`).
    public static func headings(of definition: ReportDefinition) -> [Heading] {
        var numbering = Numbering()
        return definition.blocks.compactMap { spec in
            guard case .heading(let level, let text) = spec.kind else { return nil }
            return Heading(level: level, number: numbering.next(level: level), text: text, anchor: spec.id)
        }
    }

    /// Builds the blocks for pages of `style`; a chart is compiled as wide as the type area of the
    /// orientation its section is in. `emit` is given each block as soon as it is final, in order: every
    /// block up to 数据说明 as it is built, the rest at the end (数据说明 lists what every block lacked).
    public func build(style: PageStyle, emit: ((Block) -> Void)? = nil) throws -> BuiltReport {
        // Each figure's values: all at once on every core, or, when the blocks are handed on as they are
        // built, each when a block first needs it (the first blocks go out at once).
        let figures = FigureStore(definition: definition, query: data.query)
        if emit == nil { try figures.computeAll() }
        var state = BuildState(narrative: Narrative(figures: figures))
        state.headings = Self.headings(of: definition)
        var width = style.frame.width
        var emitted = 0, held = false
        for block in definition.blocks {
            if case .pageBreak(let turned?) = block.kind, let orientation = PageStyle.Orientation(rawValue: turned) {
                width = style.oriented(orientation).frame.width
            }
            do { try add(block, to: &state, width: width) } catch {
                try figures.firstFailure()   // a failing figure is the report's first error, as if computed first
                throw error
            }
            if case .dataNotes = block.kind { held = true }
            guard let emit, !held else { continue }
            for b in state.blocks[emitted...] { emit(b) }
            emitted = state.blocks.count
        }
        // The figures the data lacks come first in 数据说明, in the definition's order.
        var figureGaps: [String] = []
        for (f, v) in zip(definition.figures, try figures.all()) {
            if case .absent = v.lookup("value") { figureGaps.append("\(v.region)\(Format.period(v.period))“\(f.indicator)”") }
        }
        state.gaps = figureGaps + state.gaps
        // 数据说明 is written last: it lists what every other block found missing.
        state.blocks = state.blocks.map { b in
            if case .paragraph(let p) = b, p.text == BuildState.dataNotesMarker { return nil }
            return [b]
        }.flatMap { $0 ?? dataNotes(state.gaps) }
        if let emit { for b in state.blocks[emitted...] { emit(b) } }
        return BuiltReport(
            definition: definition, blocks: state.blocks, charts: state.charts, explanations: state.explanations,
            gaps: state.gaps, sources: sourceLines())
    }

    private func add(_ spec: ReportDefinition.BlockSpec, to s: inout BuildState, width: Double) throws {
        switch spec.kind {
        case .cover:
            s.blocks.append(
                .cover(
                    Cover(
                        title: definition.title, subtitle: definition.subtitle,
                        lines: [definition.author, definition.organisation].compactMap { $0 }.filter { !$0.isEmpty },
                        dateLine: definition.date)))
        case .toc(let title, let depth): s.blocks.append(.contents(title: title, depth: depth))
        case .heading:
            s.blocks.append(.heading(s.headings[s.headingCount]))
            s.headingCount += 1
        case .paragraph(let template, let optional), .note(let template, let optional):
            let (text, explained) = try s.narrative.render(
                template, block: spec.id, optional: optional && !strict, location: spec.location)
            s.explanations += explained
            if text.isEmpty { return }
            if case .note = spec.kind {
                s.blocks.append(.paragraph(Paragraph(text, kind: .note)))
            } else {
                s.blocks.append(.paragraph(Paragraph(text)))
            }
        case .tiles(let tiles): s.blocks.append(.tiles(try tiles.map { try tile($0, block: spec, state: &s) }))
        case .chart(let chartSpec, let caption, let source, let height):
            try addChart(
                chartSpec, caption: caption, source: source, height: height ?? 260, block: spec, state: &s, width: width
            )
        case .table(let caption, let columns, let rows, let unit, let notes):
            s.tableCount += 1
            s.blocks.append(
                .table(
                    try table(
                        caption: caption, columns: columns, rows: rows, unit: unit, notes: notes, block: spec, state: &s
                    )))
        case .sources: s.blocks += sources()
        case .dataNotes: s.blocks.append(.paragraph(Paragraph(BuildState.dataNotesMarker)))
        case .pageBreak(let orientation):
            s.blocks.append(.pageBreak(orientation.flatMap(PageStyle.Orientation.init(rawValue:))))
        }
    }

    private func tile(_ t: ReportDefinition.TileSpec, block: ReportDefinition.BlockSpec, state s: inout BuildState)
        throws -> Tile
    {
        guard case .text(let value, let origin) = try s.narrative.lookup(t.figure + ".value") else {
            if case .absent(let why) = try s.narrative.lookup(t.figure + ".value") {
                throw ReportError.missingFigure(block: block.id, key: t.figure, reason: why, location: block.location)
            }
            return Tile(value: "", label: t.label)
        }
        if let origin { s.explanations.append(Explanation(block: block.id, text: value, origin: origin)) }
        var change: String?
        if t.change != "none", case .text(let phrase, let o) = try s.narrative.lookup(t.figure + "." + t.change + ".phrase")
        {
            change = phrase
            if let o { s.explanations.append(Explanation(block: block.id, text: phrase, origin: o)) }
        }
        let (label, explained) = try s.narrative.render(
            t.label, block: block.id, optional: false, location: block.location)
        s.explanations += explained
        return Tile(value: value, label: label, change: change)
    }

    private func addChart(
        _ spec: ChartSpec, caption: String, source: String?, height: Double, block: ReportDefinition.BlockSpec,
        state s: inout BuildState, width: Double
    ) throws {
        let (chart, origins) = try ChartResolution.resolved(
            spec, query: data.query, defaultRegion: definition.region,
            defaultPeriod: definition.year)
        s.figureCount += 1
        var slide = chart
        slide.source = source ?? spec.source
        s.charts.append((block.id, slide))
        for (series, seriesOrigins) in zip(chart.series, origins) {
            let missing = zip(chart.categories, series.values).filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty {
                s.gaps.append("图\(s.figureCount)“\(series.name)”缺\(missing.joined(separator: "、"))数据")
            }
            for (i, (category, value)) in zip(chart.categories, series.values).enumerated() {
                guard let value else { continue }
                let unit = series.unit ?? ""
                s.explanations.append(
                    Explanation(
                        block: block.id, text: "\(category) \(series.name) \(Format.number(value, unit: unit))\(unit)",
                        origin: Origin(what: "chart value", inputs: seriesOrigins[i])))
            }
        }
        let alternative =
            chart.title + "："
            + chart.series.map { series in
                series.name + " "
                    + zip(chart.categories, series.values).map { c, v in
                        c + (v.map { Format.number($0, unit: series.unit ?? "") + (series.unit ?? "") } ?? "无数据")
                    }.joined(separator: "，")
            }.joined(separator: "；")
        // The page prints the caption and source; the chart itself draws neither (compiled plot only).
        let scene = try compileChart(chart, Size(width, height))
        s.blocks.append(
            .figure(
                Figure(
                    scene: scene, caption: "图\(s.figureCount)  " + caption, source: source ?? spec.source,
                    alternative: alternative)))
    }

    private func sources() -> [Block] { sourceLines().map { .paragraph(Paragraph($0, kind: .note)) } }

    private func sourceLines() -> [String] {
        var lines: [String] = []
        for file in data.files {
            let name = (file as NSString).lastPathComponent
            let urls = data.sources[file] ?? []
            lines.append(urls.isEmpty ? name : "\(name)：" + urls.joined(separator: "；"))
        }
        return lines
    }

    private func dataNotes(_ gaps: [String]) -> [Block] {
        var text: [String] = []
        let names = data.files.map { ($0 as NSString).lastPathComponent }
        text.append(
            "本报告数据取自" + names.joined(separator: "、") + "，每个数字均可追溯到输入文件的行或原文句子（countyreport report --explain）。"
                + "数值按四舍五入保留小数：亿元、万元保留两位，百分比与百分点保留一位，元保留整数。")
        func amount(_ o: Observation) -> String {
            guard let (v, unit) = try? Format.readable(o, unit: nil, at: o.provenance.location) else {
                return "\(o.value)"
            }
            return Format.number(v, unit: unit) + unit
        }
        for r in data.resolutions {
            let kept = amount(r.kept)
            let dropped = r.dropped.map {
                "\(amount($0))（\(($0.provenance.file as NSString).lastPathComponent)第\($0.provenance.location.line ?? 0)行）"
            }
            text.append(
                "\(r.period.year)年\(r.region)\(r.indicator)：两个来源不一致，采用\(kept)（\((r.kept.provenance.file as NSString).lastPathComponent)第\(r.kept.provenance.location.line ?? 0)行），未采用\(dropped.joined(separator: "、"))；依据：\(r.rule.hasSuffix("。") ? String(r.rule.dropLast()) : r.rule)。"
            )
        }
        if gaps.isEmpty {
            text.append("本报告所列指标均有数据。")
        } else {
            text.append("以下指标缺少数据，报告中未作估算或插补：" + gaps.joined(separator: "；") + "。")
        }
        return text.map { .paragraph(Paragraph($0, kind: .body)) }
    }
}

struct BuildState {
    static let dataNotesMarker = "\u{1}data-notes"
    let narrative: Narrative
    var blocks: [Block] = []
    var charts: [(id: String, chart: Chart)] = []
    var explanations: [Explanation] = []
    var gaps: [String] = []
    /// The definition's headings, numbered (`ReportBuilder.headings(of:)`), and how many are placed.
    var headings: [Heading] = []
    var headingCount = 0
    var figureCount = 0
    var tableCount = 0

    init(narrative: Narrative) { self.narrative = narrative }
}
