import CairoCanvas
import ChartCompiler
import ChartScene
import CountyData
import Foundation
import PageLayout
import ReportBuilder
import Specs

/// Writes a report: its PDF, and on request every chart as a slide (PNG) and a 16:9 slide deck.
/// All outputs are made in memory first and written whole, so a failure leaves old files intact.
public struct ReportJob {
    public var definitionPath: String
    public var outputFolder: String?
    public var slidesFolder: String?
    public var strict = false
    public var settings: Settings

    public init(definitionPath: String, outputFolder: String? = nil, slidesFolder: String? = nil, strict: Bool = false, settings: Settings) {
        self.definitionPath = definitionPath; self.outputFolder = outputFolder; self.slidesFolder = slidesFolder
        self.strict = strict; self.settings = settings
    }

    /// What a run made, for the command to print.
    public struct Result: Sendable {
        public var pdf: String
        public var pages: Int
        public var slides: [String]
        public var explanations: [Explanation]
        public var warnings: [String]
    }

    /// The default output folder: `out/<name>/`, `<name>` the definition's folder.
    public var outputPath: String {
        outputFolder ?? "out/" + URL(fileURLWithPath: definitionPath).deletingLastPathComponent().lastPathComponent
    }

    public func run() throws -> Result {
        let def: ReportDefinition
        let data: ReportData
        do {
            def = try ReportDefinition.load(path: definitionPath)
            data = try ReportData.load(def)
            Trace.mark("definition and data loaded")
        } catch let e as DataError { throw JobError.from(e) } catch let e as ReportError { throw JobError.data(e.description) }
        let renderer = try makeRenderer()
        let style = PageStyle.a4()
        let built: BuiltReport
        do {
            built = try ReportBuilder(definition: def, data: data, strict: strict) { chart, size in
                try chart.compile(size: size, theme: .report, measurer: renderer.measurer, guides: .plotOnly)
            }.build(contentWidth: style.frame.width)
        } catch let e as ReportError { throw JobError.data(e.description) } catch let e as DataError { throw JobError.from(e) }
        catch let e as ChartError { throw JobError.data("\(def.file): \(e)") }
        Trace.mark("blocks built")
        let doc = Paginator(style: style, measurer: renderer.measurer, runningTitle: def.title).layout(built.blocks)
        Trace.mark("laid out \(doc.pages.count) pages")
        let pdf = try render(doc, def: def, renderer: renderer)
        Trace.mark("PDF drawn")
        var warnings = doc.notes
        for m in renderer.missingGlyphs { warnings.append("the bundled fonts lack \(m)") }
        if strict, !renderer.missingGlyphs.isEmpty { throw JobError.data(warnings.joined(separator: "\n")) }
        var outputs: [(String, Data)] = [(outputPath + "/report.pdf", pdf)]
        if let slides = slidesFolder { outputs += try slideFiles(built, folder: slides, renderer: renderer) }
        try write(outputs)
        return Result(pdf: outputs[0].0, pages: doc.pages.count, slides: outputs.dropFirst().map(\.0),
                      explanations: built.explanations, warnings: warnings)
    }

    private func makeRenderer() throws -> Renderer {
        do {
            return Renderer(fonts: try settings.fontsFolder.map { try FontLibrary(directory: $0) } ?? FontLibrary.bundled())
        } catch { throw JobError.drawing("cannot load the bundled fonts: \(error)") }
    }

    private func render(_ doc: LaidOutDocument, def: ReportDefinition, renderer: Renderer) throws -> Data {
        let metadata = PDFMetadata(title: def.title, author: def.author, subject: def.subtitle ?? def.title,
                                   creationDate: settings.creationDate)
        var m = metadata
        m.keywords = def.keywords.joined(separator: ", ")
        let bookmarks = doc.outline.map { Bookmark(title: $0.title, page: $0.page, level: $0.level - 1, destination: $0.anchor) }
        do {
            return try renderer.pdf(doc.pages.map { PDFPage(scene: $0) }, metadata: m, bookmarks: bookmarks)
        } catch { throw JobError.drawing("\(def.file): drawing the PDF failed: \(error)") }
    }

    /// Every chart of the report as a 1920×1080 slide PNG named after its block, and `slides.pdf`.
    private func slideFiles(_ built: BuiltReport, folder: String, renderer: Renderer) throws -> [(String, Data)] {
        var files: [(String, Data)] = []
        var pages: [PDFPage] = []
        // 1920×1080 pixels: 1440×810 points at 4/3 pixels a point.
        let size = Size(1440, 810)
        for (id, chart) in built.charts {
            do {
                let scene = try chart.compile(size: size, theme: .slides, measurer: renderer.measurer)
                files.append((folder + "/\(id).png", try renderer.png(scene, scale: 4.0 / 3.0)))
                pages.append(PDFPage(scene: scene))
            } catch { throw JobError.drawing("slide \(id): \(error)") }
        }
        if !pages.isEmpty {
            let m = PDFMetadata(title: built.definition.title, author: built.definition.author, creationDate: settings.creationDate)
            files.append((folder + "/slides.pdf", try renderer.pdf(pages, metadata: m)))
        }
        return files
    }

    private func write(_ outputs: [(String, Data)]) throws {
        for (path, _) in outputs {
            let dir = (path as NSString).deletingLastPathComponent
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw JobError.output("\(dir): cannot create the folder: \(error.localizedDescription)")
            }
        }
        for (path, bytes) in outputs {
            do { try OutputFile.write(bytes, to: path) } catch { throw JobError.output("\(error)") }
        }
    }
}

