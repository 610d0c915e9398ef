import CairoCanvas
import ChartCompiler
import ChartScene
import CountyData
import Foundation
import PageLayout
import ReportBuilder
import Specs
import Workbooks

/// A report definition and its data, loaded and checked once for any number of reports (one per
/// region of a run: the data is loaded with the definition as written, see `substitutingRegion`).
public struct PreparedReport: Sendable {
    public var definition: ReportDefinition
    public var data: ReportData

    public static func load(definitionPath: String) throws(JobError) -> PreparedReport {
        let def = try loadDefinition(definitionPath)
        return PreparedReport(definition: def, data: try loadData(def))
    }

    /// The definition alone (a run that may find nothing to build reads no data).
    public static func loadDefinition(_ path: String) throws(JobError) -> ReportDefinition {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingInput("\(path): no such file") }
        do {
            let def = try ReportDefinition.load(path: path)
            Trace.mark("definition parsed: \(def.blocks.count) blocks")
            return def
        } catch { throw map(error) }
    }

    /// Every input of `def` loaded, conflicts resolved.
    public static func loadData(_ def: ReportDefinition) throws(JobError) -> ReportData {
        do {
            let data = try ReportData.load(def)
            Trace.mark("definition and data loaded")
            return data
        } catch { throw map(error) }
    }

    /// The regions of the definition's data files, for `--each-region`: the files are read and checked
    /// (as `loadData` does), without resolving conflicts or indexing figures — a run that finds every
    /// report up to date needs no more. A text's figures are about regions of the data files.
    public static func regions(_ def: ReportDefinition) throws(JobError) -> [Region] {
        var errors: [DataError] = []
        var regions: [Region] = []
        for input in def.inputs {
            guard case .file(let path) = input else { continue }
            let d = DataFiles.load(path)
            errors += d.errors
            regions += d.regions
        }
        if !errors.isEmpty { throw map(ReportError.data(errors)) }
        return regions
    }

    static func map(_ error: any Error) -> JobError {
        switch error {
        case let e as JobError: e
        case let e as DataError: JobError.from(e)
        case let e as ReportError:
            // A data file that is not there is a missing input, not bad data.
            if case .data(let errors) = e, let first = errors.first, case .missingInput = JobError.from(first) {
                .missingInput(e.description)
            } else {
                .data(e.description)
            }
        default: .data("\(error)")
        }
    }
}

extension ReportDefinition {
    /// The files this definition reads, each once, in order: the definition itself, the data files,
    /// the texts with their mappings, and the chart specs its blocks name (`file:`).
    public var inputFiles: [String] {
        var files = [file]
        for input in inputs {
            switch input {
            case .file(let f): files.append(SheetAddress.split(f)?.path ?? f)   // a workbook's sheet: the workbook
            case .text(let t, let mapping): files += [t, mapping]
            }
        }
        for b in blocks {
            if case .chart(let spec, _, _, _) = b.kind { files.append(spec.file) }
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    /// The names of the slide files a report of this definition writes (`--slides`): a PNG per chart
    /// block, named after the block, and `slides.pdf` when there is any chart.
    public var slideFileNames: [String] {
        let charts = blocks.compactMap { b -> String? in if case .chart = b.kind { b.id } else { nil } }
        return charts.isEmpty ? [] : charts.map { $0 + ".png" } + ["slides.pdf"]
    }

    /// Whether the report has a table (`--tables xlsx` writes a workbook only then).
    public var hasTables: Bool { blocks.contains { if case .table = $0.kind { true } else { false } } }
}

/// One report made in memory: nothing is written.
public struct MadeReport: Sendable {
    public var pdf: Data
    public var pages: Int
    /// Slide files by name (`<block id>.png`, `slides.pdf`), when asked for.
    public var slides: [(name: String, bytes: Data)]
    /// Every table as a sheet, when asked for (`--tables xlsx`).
    public var tables: [SheetTable]
    public var explanations: [Explanation]
    public var warnings: [String]
}

/// Builds, lays out and draws reports of one dataset. Shareable between threads; each thread
/// brings its own `Renderer` from a `RendererPool` (a renderer is not thread-safe, its `FontLibrary` is).
public struct ReportMaker: Sendable {
    public var data: ReportData
    public var settings: Settings
    public var strict: Bool
    /// Where a second renderer comes from to draw a long PDF in two halves at once (`Renderer.halves`):
    /// set when this report is the only one being made, so a core would otherwise stand idle.
    public var helpers: RendererPool?

    public init(data: ReportData, settings: Settings, strict: Bool = false, helpers: RendererPool? = nil) {
        self.data = data; self.settings = settings; self.strict = strict; self.helpers = helpers
    }

    /// The report of `def` (the definition as written, or substituted for a region), its PDF and,
    /// with `slides`, every chart as a 1920×1080 PNG and `slides.pdf`; with `tables`, every table as a sheet.
    public func make(_ def: ReportDefinition, renderer: Renderer, slides: Bool, tables: Bool = false) throws(JobError)
        -> MadeReport
    {
        do {
            return try makeThrowing(def, renderer: renderer, slides: slides, tables: tables)
        } catch let e as JobError { throw e } catch let e as ReportError { throw .data(e.description) } catch let e
            as DataError
        {
            throw JobError.from(e)
        } catch let e as ChartError { throw .data("\(def.file): \(e)") } catch {
            throw .drawing("\(def.file): \(error)")
        }
    }

    private func makeThrowing(_ def: ReportDefinition, renderer: Renderer, slides: Bool, tables: Bool) throws
        -> MadeReport
    {
        let style = PageStyle.a4()
        let missingBefore = renderer.missingGlyphs.count
        let (built, doc, pdf) = try withHelper(for: def) { helper in
            let (built, doc) = try buildAndLayOut(def, style: style, renderer: renderer, helper: helper)
            Trace.mark("laid out \(doc.pages.count) pages")
            let pdf = try render(doc, def: def, renderer: renderer, helper: helper)
            Trace.mark("PDF drawn")
            Trace.mark(
                { (f: FontLibrary.Reading) in
                    "fonts read: \(f.glyphReads) glyphs, \(f.glyphRepeats) again from memory, \(f.bytesHeld / 1024) KiB held"
                }(FontLibrary.reading))
            return (built, doc, pdf)
        }
        var warnings = doc.notes
        for m in renderer.missingGlyphs.dropFirst(missingBefore) { warnings.append("the bundled fonts lack \(m)") }
        if strict, renderer.missingGlyphs.count > missingBefore {
            throw JobError.data(warnings.joined(separator: "\n"))
        }
        return MadeReport(
            pdf: pdf, pages: doc.pages.count, slides: slides ? try slideFiles(built, renderer: renderer) : [],
            tables: tables ? ReportTables.sheets(ReportTables.tables(of: built.blocks), sources: built.sources) : [],
            explanations: built.explanations, warnings: warnings)
    }

    /// A long report (a definition of this many blocks or more: about 20 pages) takes a second renderer
    /// from `helpers` to build with while the first lays out, and to draw half the PDF with; a shorter
    /// one is made by one renderer, whose fixed cost a second would only add to.
    public static let blocksWorthAHelper = 100

    private func withHelper<T>(for def: ReportDefinition, _ body: (Renderer?) throws -> T) throws -> T {
        guard let helpers, def.blocks.count >= Self.blocksWorthAHelper else { return try body(nil) }
        return try helpers.withRenderer { try body($0) }
    }

    /// The blocks built and laid out on pages. With a helper, the helper builds (its charts measured by
    /// its own text engine) while the main renderer lays the blocks out as they come (`BlockQueue`).
    private func buildAndLayOut(_ def: ReportDefinition, style: PageStyle, renderer: Renderer, helper: Renderer?)
        throws -> (BuiltReport, LaidOutDocument)
    {
        func builder(_ r: Renderer) -> ReportBuilder {
            ReportBuilder(definition: def, data: data, strict: strict) { chart, size in
                try chart.compile(size: size, theme: .report, measurer: r.measurer, guides: .plotOnly)
            }
        }
        let paginator = Paginator(style: style, measurer: renderer.measurer, runningTitle: def.title)
        guard let helper else {
            let built = try builder(renderer).build(style: style)
            Trace.mark("blocks built")
            return (built, paginator.layout(built.blocks))
        }
        let queue = BlockQueue()
        let building = Building(builder: builder(helper))
        let done = DispatchSemaphore(value: 0)
        // A thread of its own, not a Dispatch worker: the layout waits on it, so it must run even on one core.
        Thread {
            building.result = Result { try building.builder.build(style: style, emit: queue.push) }
            queue.finish()
            done.signal()
        }.start()
        let doc = paginator.layout(queue, headings: ReportBuilder.headings(of: def))
        done.wait()
        return (try building.result!.get(), doc)   // set by the thread before it signalled
    }

    private func render(_ doc: LaidOutDocument, def: ReportDefinition, renderer: Renderer, helper: Renderer?) throws
        -> Data
    {
        var m = PDFMetadata(
            title: def.title, author: def.author, subject: def.subtitle ?? def.title,
            creationDate: settings.creationDate)
        m.keywords = def.keywords.joined(separator: ", ")
        let bookmarks = doc.outline.map {
            Bookmark(title: $0.title, page: $0.page, level: $0.level - 1, destination: $0.anchor)
        }
        do {
            return try renderer.pdf(
                doc.pages.map { PDFPage(scene: $0) }, metadata: m, bookmarks: bookmarks, helper: helper)
        } catch { throw JobError.drawing("\(def.file): drawing the PDF failed: \(error)") }
    }

    /// Every chart of the report as a 1920×1080 slide PNG named after its block, and `slides.pdf`.
    private func slideFiles(_ built: BuiltReport, renderer: Renderer) throws -> [(name: String, bytes: Data)] {
        var files: [(name: String, bytes: Data)] = []
        var pages: [PDFPage] = []
        // 1920×1080 pixels: 1440×810 points at 4/3 pixels a point.
        let size = Size(1440, 810)
        for (id, chart) in built.charts {
            do {
                let scene = try chart.compile(size: size, theme: .slides, measurer: renderer.measurer)
                files.append((id + ".png", try renderer.png(scene, scale: 4.0 / 3.0)))
                pages.append(PDFPage(scene: scene))
            } catch { throw JobError.drawing("slide \(id): \(error)") }
        }
        if !pages.isEmpty {
            let m = PDFMetadata(
                title: built.definition.title, author: built.definition.author, creationDate: settings.creationDate)
            files.append(("slides.pdf", try renderer.pdf(pages, metadata: m)))
        }
        return files
    }
}

/// A report built on the helper's thread: the builder, then what it made (read after the thread ends).
private final class Building: @unchecked Sendable {
    let builder: ReportBuilder
    var result: Result<BuiltReport, any Error>?
    init(builder: ReportBuilder) { self.builder = builder }
}
