import ArgumentParser
import CairoCanvas
import ChartCompiler
import ChartResolver
import ChartScene
import CountyData
import CountyQuery
import CountyReportKit
import Foundation
import Specs
import Workbooks

/// Output formats, chosen by the output file's extension.
enum OutputFormat: String, CaseIterable {
    case png, pdf, svg

    init(path: String) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let f = OutputFormat(rawValue: ext) else {
            throw ValidationError("cannot tell the output format of “\(path)”: use a name ending in .png, .pdf or .svg")
        }
        self = f
    }
}

/// `--size 1600x900`.
extension PixelSize: ExpressibleByArgument {}

struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw a chart from a data table to PNG, PDF or SVG.")

    enum ChartType: String, ExpressibleByArgument, CaseIterable { case bar }
    enum ThemeName: String, ExpressibleByArgument, CaseIterable { case print, slides }

    @Argument(
        help:
            "A chart spec (YAML): type, title, series selected from data. Without it, --data/--x/--y/--title draw a bar chart."
    )
    var spec: String?
    @Option(help: "Chart type (with --x/--y).") var type: ChartType = .bar
    @Option(help: "Data file: a CSV table for --x/--y, or the dataset a spec selects from (overrides the spec's data).")
    var data: String?
    @Option(help: "Column of the category labels.") var x: String?
    @Option(help: "Column of the values; a heading such as 地区生产总值（亿元） also gives the unit.") var y: String?
    @Option(help: "Chart title.") var title: String?
    @Option(help: "print or slides (larger type).") var theme: ThemeName = .print
    @Option(help: "Subtitle under the title.") var subtitle: String?
    @Option(help: "Unit shown as 单位：… (default: from the --y heading).") var unit: String?
    @Option(
        help: "Decimals of the value labels (default: by the unit — 亿元/万元 2, % 1, 元/人 0 — else as the data, at most 2)."
    ) var decimals: Int?
    @Option(help: "Source note, shown as 资料来源：….") var source: String?
    @Option(name: [.short, .customLong("output")], help: "Output file: .png, .pdf or .svg.") var output: String
    @Option(
        parsing: .unconditional,
        help: "Size in pixels, WIDTHxHEIGHT, each from 16 to 16000 (PDF and SVG: the same size at 96 px per inch).")
    var size: PixelSize = PixelSize(argument: "1600x900")!
    @Option(help: "Pixel density of a PNG: 2 doubles the pixels, not the layout (more than 0, at most 8).") var scale:
        Double = 1
    @Option(help: "The most pixels a PNG may have, width × height × scale² (default \(Limits.standard.pixels)).")
    var maxPixels: Int = Limits.standard.pixels
    @Flag(help: "Let a spec's data: lead outside the spec's project (the nearest folder holding .git or .countyreport).")
    var allowOutsideData = false
    @Flag(help: "Leave the PNG background transparent.") var transparent = false
    @Flag(help: "Treat characters the bundled fonts lack as an error, not a warning.") var strict = false

    func validate() throws {
        guard scale > 0, scale <= 8 else {
            throw ValidationError("--scale must be more than 0 and at most 8, not \(scale)")
        }
        let format = try OutputFormat(path: output)
        if let d = decimals, !Limits.standard.decimals.contains(d) {
            let r = Limits.standard.decimals
            throw ValidationError("--decimals must be between \(r.lowerBound) and \(r.upperBound), not \(d)")
        }
        if format == .png {
            let w = (Double(size.width) * scale).rounded(), h = (Double(size.height) * scale).rounded()
            guard w >= 1, h >= 1 else {
                throw ValidationError("--size \(size.width)x\(size.height) at --scale \(scale) is less than one pixel")
            }
            guard w * h <= Double(maxPixels) else {
                throw ValidationError(
                    "--size \(size.width)x\(size.height) at --scale \(scale) is \(Int(w))×\(Int(h)) = \(Int(w * h)) pixels, "
                        + "more than the maximum \(maxPixels) (raise it with --max-pixels N)")
            }
        }
        if spec == nil, data == nil || x == nil || y == nil || title == nil {
            throw ValidationError("give a chart spec (YAML), or --data, --x, --y and --title")
        }
    }

    func run() throws {
        let format = try OutputFormat(path: output)
        let chart: Chart
        // The files this run reads (the spec, its data), which the output must not replace.
        var inputs = [spec, data].compactMap { $0 }
        do {
            if let spec {
                let loaded = try loadChartSpec(spec)
                chart = loaded.chart
                inputs += loaded.data.map { [$0] } ?? []
            } else {
                chart = try loadTable().chart
            }
        } catch let e as DataError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw InputFile.isMissing(e.location.file) ? ExitStatus.noInput : ExitStatus.dataError
        }
        try render(chart, format: format, inputs: inputs)
    }

    func loadChartSpec(_ path: String) throws -> (chart: Chart, data: String?) {
        let spec = try ChartSpec.load(path: path, within: allowOutsideData ? .anywhere : .project)
        guard let dataPath = data ?? spec.data else { return (try ChartResolution.chart(spec, query: nil), nil) }
        // Loading errors stop the chart; conflicting figures stop it only where the chart uses them.
        let dataset = DataFiles.load(dataPath)
        if let first = dataset.errors.first {
            for e in dataset.errors.dropFirst() {
                FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            }
            throw first
        }
        return (try ChartResolution.chart(spec, query: DataQuery(dataset: dataset)), dataPath)
    }

    func loadTable() throws -> BarChartSpec {
        guard let data, let x, let y, let title else { throw ValidationError("give --data, --x, --y and --title") }
        // The rows are read as they come, never kept: a chart keeps its two columns, and no more bars than
        // can be drawn: the row after the last that fits is refused where it stands, the rest left unread.
        let fit = Chart.categoryFit(.bar, size: size.points, theme: chartTheme)
        var table: Table?
        var xi = 0, yi = 0
        var bars: [BarChartSpec.Bar] = []
        var problems: [DataError] = []
        try Table.forEachRow(path: data) { header in
            table = header
            xi = try header.columnIndex(x); yi = try header.columnIndex(y)
            bars = []; problems = []   // a file read again as GB18030 starts over
        } row: { row in
            guard let table else { return }   // rows come after the header
            let category = try table.field(row, xi).trimmingCharacters(in: .whitespaces)
            let raw = try table.field(row, yi)
            switch PlainNumber.read(raw) {
            case .missing: bars.append(.init(category: category, value: nil))
            case .value(let v): bars.append(.init(category: category, value: v))
            case .invalid:
                problems.append(DataError(table.location(row, yi), "“\(raw)” in column “\(y)” is not a number"))
            }
            if bars.count + problems.count > fit {
                throw DataError(
                    SourceLocation(file: data, line: row.line), ChartError.moreCategoriesThanFit(fit: fit).description)
            }
        }
        if let first = problems.first {
            for p in problems.dropFirst() { FileHandle.standardError.write(Data("countyreport: error: \(p)\n".utf8)) }
            throw first
        }
        if bars.isEmpty { throw DataError(SourceLocation(file: data, line: 2), "the table has no rows") }
        let unit = self.unit ?? HeadingUnit.split(y).unit
        return BarChartSpec(
            title: title, subtitle: subtitle, bars: bars, unit: unit, decimals: decimals, source: source)
    }

    /// The theme the chart is laid out in, at its size.
    var chartTheme: Theme { (theme == .slides ? Theme.slides : .print).scaled(by: size.themeScale) }

    func render(_ spec: Chart, format: OutputFormat, inputs: [String]) throws {
        let bytes: Data
        let missing: [MissingGlyph]
        do {
            (bytes, missing) = try CommandContext.renderers.withRenderer { renderer in
                let before = renderer.missingGlyphs.count
                // Laid out in points, text measured at the picture's pixels per point whatever the format,
                // so that PNG, SVG and PDF show the same layout; PNG and SVG are drawn in pixels.
                let device = PixelSize.pixelsPerPoint
                var scene = try spec.compile(
                    size: size.points, theme: chartTheme,
                    measurer: DeviceMeasurer(renderer.measurer, scale: device))
                if transparent { scene.background = nil }
                for note in scene.notes { FileHandle.standardError.write(Data("countyreport: note: \(note)\n".utf8)) }
                let bytes: Data
                switch format {
                case .png: bytes = try renderer.png(scene.scaled(by: device), scale: scale)
                case .pdf:
                    let metadata = PDFMetadata(title: spec.title, creationDate: CommandContext.settings.creationDate)
                    bytes = try renderer.pdf([PDFPage(scene: scene)], metadata: metadata)
                case .svg: bytes = try renderer.svg(scene.scaled(by: device))
                }
                return (bytes, Array(renderer.missingGlyphs.dropFirst(before)))
            }
        } catch let e as JobError {
            throw failure(e)
        } catch let e as RenderError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw ExitStatus.software
        } catch let e as ChartError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw ExitStatus.dataError
        }
        if !missing.isEmpty {
            let prefix = strict ? "error" : "warning"
            for m in missing {
                FileHandle.standardError.write(Data("countyreport: \(prefix): the bundled fonts lack \(m)\n".utf8))
            }
            if strict { throw ExitStatus.dataError }
        }
        do {
            try OutputFile.write(bytes, to: output, inputs: inputs)
        } catch let e as OutputFile.WriteError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw e.isInput ? ExitCode.validationFailure : ExitStatus.cannotCreate
        }
    }
}
