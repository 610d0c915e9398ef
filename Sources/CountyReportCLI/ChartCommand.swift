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

/// A chart size in pixels, written `1600x900`. The scene is laid out in points at 96 px per inch
/// (0.75 pt a pixel) and drawn back at 4/3 px per point, so `--size` is the PNG's and SVG's size
/// in pixels and the PDF's page at 96 px per inch.
struct PixelSize: ExpressibleByArgument {
    var width: Int
    var height: Int

    static let pixelsPerPoint = 4.0 / 3.0

    init(width: Int, height: Int) { self.width = width; self.height = height }

    /// The scene's size in points.
    var points: Size { Size(Double(width) * 0.75, Double(height) * 0.75) }

    /// How the themes' type is scaled for this picture: the themes are sized for 1600×900 px
    /// (1200×675 pt), and type grows and shrinks with the picture, down to 0.4 of that.
    var themeScale: Double { max(0.4, min(Double(width) / 1600, Double(height) / 900)) }

    init?(argument: String) {
        let parts = argument.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" || $0 == "*" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (16...16000).contains(w), (16...16000).contains(h) else {
            return nil
        }
        width = w; height = h
    }
}

struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw a chart from a data table to PNG, PDF or SVG.")

    enum ChartType: String, ExpressibleByArgument, CaseIterable { case bar }
    enum ThemeName: String, ExpressibleByArgument, CaseIterable { case print, slides }

    @Argument(help: "A chart spec (YAML): type, title, series selected from data. Without it, --data/--x/--y/--title draw a bar chart.")
    var spec: String?
    @Option(help: "Chart type (with --x/--y).") var type: ChartType = .bar
    @Option(help: "Data file: a CSV table for --x/--y, or the dataset a spec selects from (overrides the spec's data).") var data: String?
    @Option(help: "Column of the category labels.") var x: String?
    @Option(help: "Column of the values; a heading such as 地区生产总值（亿元） also gives the unit.") var y: String?
    @Option(help: "Chart title.") var title: String?
    @Option(help: "print or slides (larger type).") var theme: ThemeName = .print
    @Option(help: "Subtitle under the title.") var subtitle: String?
    @Option(help: "Unit shown as 单位：… (default: from the --y heading).") var unit: String?
    @Option(help: "Decimals of the value labels (default: by the unit — 亿元/万元 2, % 1, 元/人 0 — else as the data, at most 2).") var decimals: Int?
    @Option(help: "Source note, shown as 资料来源：….") var source: String?
    @Option(name: [.short, .customLong("output")], help: "Output file: .png, .pdf or .svg.") var output: String
    @Option(help: "Size in pixels, WIDTHxHEIGHT (PDF and SVG: the same size at 96 px per inch).") var size: PixelSize = PixelSize(argument: "1600x900")!
    @Option(help: "Pixel density of a PNG: 2 doubles the pixels, not the layout.") var scale: Double = 1
    @Flag(help: "Leave the PNG background transparent.") var transparent = false
    @Flag(help: "Treat characters the bundled fonts lack as an error, not a warning.") var strict = false

    func validate() throws {
        guard scale > 0, scale <= 8 else { throw ValidationError("--scale must be between 0 and 8") }
        _ = try OutputFormat(path: output)
        if spec == nil, data == nil || x == nil || y == nil || title == nil {
            throw ValidationError("give a chart spec (YAML), or --data, --x, --y and --title")
        }
    }

    func run() throws {
        let format = try OutputFormat(path: output)
        let chart: Chart
        do {
            chart = try spec.map(loadChartSpec) ?? loadTable().chart
        } catch let e as DataError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw FileManager.default.fileExists(atPath: e.location.file) ? ExitStatus.dataError : ExitStatus.noInput
        }
        try render(chart, format: format)
    }

    func loadChartSpec(_ path: String) throws -> Chart {
        let spec = try ChartSpec.load(path: path)
        guard let dataPath = data ?? spec.data else { return try ChartResolution.chart(spec, query: nil) }
        // Loading errors stop the chart; conflicting figures stop it only where the chart uses them.
        let dataset = DataFiles.load(dataPath)
        if let first = dataset.errors.first {
            for e in dataset.errors.dropFirst() { FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8)) }
            throw first
        }
        return try ChartResolution.chart(spec, query: DataQuery(dataset: dataset))
    }

    func loadTable() throws -> BarChartSpec {
        let data = self.data!, x = self.x!, y = self.y!, title = self.title!
        let table = try Table.load(path: data)
        let xi = try table.columnIndex(x), yi = try table.columnIndex(y)
        var bars: [BarChartSpec.Bar] = []
        var problems: [DataError] = []
        for row in table.rows {
            let category = try table.field(row, xi).trimmingCharacters(in: .whitespaces)
            let raw = try table.field(row, yi)
            switch PlainNumber.read(raw) {
            case .missing: bars.append(.init(category: category, value: nil))
            case .value(let v): bars.append(.init(category: category, value: v))
            case .invalid:
                problems.append(DataError(table.location(row, yi), "“\(raw)” in column “\(y)” is not a number"))
            }
        }
        if let first = problems.first {
            for p in problems.dropFirst() { FileHandle.standardError.write(Data("countyreport: error: \(p)\n".utf8)) }
            throw first
        }
        if bars.isEmpty { throw DataError(SourceLocation(file: data, line: 2), "the table has no rows") }
        let unit = self.unit ?? HeadingUnit.split(y).unit
        return BarChartSpec(title: title, subtitle: subtitle, bars: bars, unit: unit, decimals: decimals, source: source)
    }

    func render(_ spec: Chart, format: OutputFormat) throws {
        let bytes: Data
        let renderer: Renderer
        do {
            renderer = try PreparedRenderer.take()
            let base: Theme = theme == .slides ? .slides : .print
            // Laid out in points, text measured at the picture's pixels per point whatever the format,
            // so that PNG, SVG and PDF show the same layout; PNG and SVG are drawn in pixels.
            let device = PixelSize.pixelsPerPoint
            var scene = try spec.compile(size: size.points, theme: base.scaled(by: size.themeScale),
                                         measurer: DeviceMeasurer(renderer.measurer, scale: device))
            if transparent { scene.background = nil }
            for note in scene.notes { FileHandle.standardError.write(Data("countyreport: note: \(note)\n".utf8)) }
            switch format {
            case .png: bytes = try renderer.png(scene.scaled(by: device), scale: scale)
            case .pdf: bytes = try renderer.pdf([PDFPage(scene: scene)], metadata: PDFMetadata(title: spec.title))
            case .svg: bytes = try renderer.svg(scene.scaled(by: device))
            }
        } catch let e as RenderError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw ExitStatus.software
        } catch let e as ChartError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw ExitStatus.dataError
        }
        if !renderer.missingGlyphs.isEmpty {
            let prefix = strict ? "error" : "warning"
            for m in renderer.missingGlyphs {
                FileHandle.standardError.write(Data("countyreport: \(prefix): the bundled fonts lack \(m)\n".utf8))
            }
            if strict { throw ExitStatus.dataError }
        }
        do {
            try OutputFile.write(bytes, to: output)
        } catch let e as OutputFile.WriteError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw ExitStatus.cannotCreate
        }
    }
}
