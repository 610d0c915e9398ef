import CCairoPango
import CPNGWriter
import CNumberPrinting
import CStoredStreams
import ChartScene
import Foundation

/// Document information written into a PDF.
public struct PDFMetadata: Hashable, Sendable {
    public var title: String
    public var author: String
    public var subject: String
    public var creator: String
    public var keywords: String = ""
    /// The document language (a tagged PDF's /Lang).
    public var language: String = "zh-CN"
    /// Creation date as ISO 8601 (`2024-01-31T00:00:00Z`); fixed so that the same input gives the same bytes.
    public var creationDate: String

    public init(
        title: String = "", author: String = "", subject: String = "", creator: String = "CountyReport",
        creationDate: String = PDFMetadata.fixedCreationDate
    ) {
        self.title = title; self.author = author; self.subject = subject
        self.creator = creator; self.creationDate = creationDate
    }

    /// The date written when the caller gives none (2000-01-01): the same input gives the same bytes.
    /// Programs pass `SOURCE_DATE_EPOCH` in from their settings (`CountyReportKit.Settings`).
    public static let fixedCreationDate = "2000-01-01T00:00:00Z"
}

/// An entry of a PDF's outline (bookmarks panel).
public struct Bookmark: Hashable, Sendable {
    public var title: String
    /// Zero-based index of the page the bookmark opens.
    public var page: Int
    /// Vertical position on that page, in the scene's units.
    public var y: Double
    /// Nesting depth: 0 is top level, 1 a child of the previous level-0 entry, …
    public var level: Int
    /// A named destination the page's scene anchors itself (a heading's group); nil: one is made at `y`.
    public var destination: String?

    public init(title: String, page: Int, y: Double = 0, level: Int = 0, destination: String? = nil) {
        self.title = title; self.page = page; self.y = y; self.level = level; self.destination = destination
    }
}

/// One PDF page: a scene and how many PDF points one scene unit is.
public struct PDFPage: Sendable {
    public var scene: Scene
    public var pointsPerUnit: Double
    public init(scene: Scene, pointsPerUnit: Double = 1) { self.scene = scene; self.pointsPerUnit = pointsPerUnit }
}

/// Draws scenes with Cairo and Pango into PNG, PDF or SVG bytes held in memory.
///
/// Nothing touches the file system: writing the bytes (atomically) is the caller's job, so a
/// failed render never leaves a half-written file. Not thread-safe; use one renderer per task.
public final class Renderer {
    public let fonts: FontLibrary
    private let engine: TextEngine
    /// Characters drawn so far that the bundled fonts lack (each text once per render).
    public internal(set) var missingGlyphs: [MissingGlyph] = []

    public init(fonts: FontLibrary) {
        self.fonts = fonts
        engine = TextEngine(fonts: fonts)
    }

    /// A measurer using this renderer's text engine, for compiling scenes.
    public var measurer: TextMeasurer { MeasurerAdapter(engine: engine) }

    /// How many glyphs of `text` Pango itself would draw as boxes (its own count, for tests).
    public func unknownGlyphCount(_ text: String, style: TextStyle) -> Int {
        engine.unknownGlyphCount(text, style: style)
    }

    /// A PNG of `scene`: one pixel per scene unit times `scale`; `transparent` leaves an absent
    /// scene background see-through.
    public func png(_ scene: Scene, scale: Double = 1) throws -> Data {
        try encodePNG(try image(scene, scale: scale), transparent: scene.background == nil)
    }

    /// The pixels `png` would encode: for tests and image comparisons.
    public func bitmap(_ scene: Scene, scale: Double = 1) throws -> Bitmap {
        Bitmap(surface: try image(scene, scale: scale))
    }

    private func image(_ scene: Scene, scale: Double) throws -> CairoSurface {
        let width = Int32((scene.size.width * scale).rounded()), height = Int32((scene.size.height * scale).rounded())
        guard width > 0, height > 0, width <= 32767, height <= 32767 else {
            throw RenderError.cairo(operation: "creating a \(width)×\(height) image", message: "invalid size")
        }
        let surface = try CairoSurface.image(width: width, height: height, operation: "creating a PNG image")
        let canvas = try CairoCanvas(surface: surface, engine: engine)
        canvas.scale(by: scale)
        canvas.draw(scene)
        try canvas.check("drawing the image")
        collect(canvas)
        cairo_surface_flush(surface.handle)
        return surface
    }

    /// PNG compression: zlib level and row filter. Cairo's own writer uses level 6 with adaptive
    /// filters and spends 95% of a chart's time there; for charts (flat colours) level 1 with no
    /// filter is about three times faster and about 5% larger (measured on the W3 workload).
    /// Filter 0 is none, 1 sub, 2 up, 4 paeth.
    public var pngLevel: Int32 = 1
    public var pngFilter: Int32 = 0
    /// Encode PNGs with Cairo's own writer instead (for benchmarks: `COUNTYREPORT_PNG=cairo`).
    public var pngUsesCairoWriter = false
    /// Bands of rows compressed at once. One chart in a process uses every core; callers that
    /// already render several images in parallel set 1.
    public var pngThreads: Int32 = Int32(min(4, ProcessInfo.processInfo.activeProcessorCount))

    private func encodePNG(_ surface: CairoSurface, transparent: Bool) throws -> Data {
        let sink = ByteSink()
        if pngUsesCairoWriter {
            let status = withExtendedLifetime(sink) {
                cairo_surface_write_to_png_stream(surface.handle, ByteSink.write, sink.closure)
            }
            guard status == CAIRO_STATUS_SUCCESS else {
                throw RenderError.cairo(operation: "encoding PNG", message: "cairo writer failed")
            }
            return sink.data
        }
        var message = [CChar](repeating: 0, count: 256)
        let w = cairo_image_surface_get_width(surface.handle), h = cairo_image_surface_get_height(surface.handle)
        let stride = cairo_image_surface_get_stride(surface.handle)
        guard let pixels = cairo_image_surface_get_data(surface.handle) else {
            throw RenderError.cairo(operation: "encoding PNG", message: "no pixel data")
        }
        let status = withExtendedLifetime(sink) {
            ccr_png_encode(
                pixels, w, h, stride, transparent ? 1 : 0, pngLevel, pngFilter, pngThreads,
                { context, bytes, length in
                    guard let context, let bytes else { return 1 }
                    Unmanaged<ByteSink>.fromOpaque(context).takeUnretainedValue().bytes.append(
                        contentsOf: UnsafeBufferPointer(start: bytes, count: length))
                    return 0
                }, sink.closure, &message, message.count)
        }
        if status != 0 {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw RenderError.cairo(operation: "encoding PNG", message: text)
        }
        return sink.data
    }

    /// A PDF of one page per scene, with metadata and an outline. With a `helper` (another renderer, which
    /// this call may use on a second thread) a long document is drawn in two halves at once (`halves`).
    public func pdf(
        _ pages: [PDFPage], metadata: PDFMetadata, bookmarks: [Bookmark] = [], helper: Renderer? = nil
    ) throws -> Data {
        if let helper, let split = Self.splitPoint(of: pages),
            let joined = try halves(pages, at: split, metadata: metadata, bookmarks: bookmarks, helper: helper)
        {
            return joined
        }
        return try pdf(pageCount: pages.count, metadata: metadata, bookmarks: bookmarks) { pages[$0] }
    }

    /// A PDF whose pages are asked for one at a time, in order, as they are drawn: a caller can
    /// lay out page n + 1 on another core while page n is drawn.
    public func pdf(
        pageCount: Int, metadata: PDFMetadata, bookmarks: [Bookmark] = [],
        page: (Int) throws -> PDFPage
    ) throws -> Data {
        let drawn = try cairoPDF(pageCount: pageCount, metadata: metadata, bookmarks: bookmarks, page: page)
        return TaggedPDF.declare(drawn.bytes, language: metadata.language, figureAlternatives: drawn.figures)
    }

    /// Cairo's own PDF of the pages (before `TaggedPDF` declares its tags) and the figures' alternative
    /// texts in order. Pages from `anchorsOnlyFrom` on are drawn as their destinations only: blank pages
    /// that bookmarks and links can point at, whose content another document brings (`PDFJoin`).
    func cairoPDF(
        pageCount: Int, metadata: PDFMetadata, bookmarks: [Bookmark], anchorsOnlyFrom: Int? = nil,
        page: (Int) throws -> PDFPage
    ) throws -> (bytes: [UInt8], figures: [String]) {
        guard pageCount > 0 else {
            throw RenderError.cairo(operation: "creating a PDF", message: "no pages")
        }
        let first = try page(0)
        let sink = ByteSink()
        return try withExtendedLifetime(sink) {
            let surface = try CairoSurface(
                cairo_pdf_surface_create_for_stream(
                    ByteSink.write, sink.closure,
                    first.scene.size.width * first.pointsPerUnit, first.scene.size.height * first.pointsPerUnit),
                operation: "creating a PDF")
            cairo_pdf_surface_restrict_to_version(surface.handle, CAIRO_PDF_VERSION_1_5)
            setMetadata(surface, metadata)
            let canvas = try CairoCanvas(surface: surface, engine: engine)
            // Pages' streams stored, not compressed, while they are drawn: `TaggedPDF` compresses them once.
            ccr_store_streams(Int32(CCR_STREAMS_STORED.rawValue))
            // Cairo's numbers printed by CNumberPrinting, not glibc's printf, until the file is finished.
            ccr_print_numbers_fast(1)
            defer {
                ccr_store_streams(Int32(CCR_STREAMS_AS_ASKED.rawValue))
                ccr_print_numbers_fast(0)
            }
            for index in 0..<pageCount {
                let page = index == 0 ? first : try page(index)
                cairo_pdf_surface_set_size(
                    surface.handle, page.scene.size.width * page.pointsPerUnit,
                    page.scene.size.height * page.pointsPerUnit)
                canvas.anchorsOnly = anchorsOnlyFrom.map { index >= $0 } ?? false
                if canvas.anchorsOnly { canvas.markNotBlank() }
                canvas.save()
                canvas.scale(by: page.pointsPerUnit)
                canvas.draw(page.scene)
                for (n, mark) in bookmarks.enumerated() where mark.page == index && mark.destination == nil {
                    canvas.markDestination(name: "bm\(n)", at: Point(0, mark.y))
                }
                canvas.restore()
                canvas.showPage()
                try canvas.check("drawing PDF page \(index + 1)")
            }
            // The fonts, written as the surface finishes, at zlib's fastest level.
            ccr_store_streams(Int32(CCR_STREAMS_FASTEST.rawValue))
            addOutline(surface, bookmarks)
            collect(canvas)
            engine.releaseLayouts()
            try surface.finish("writing the PDF")
            return (sink.bytes, canvas.figureAlternatives)
        }
    }

    /// An SVG of `scene`, one SVG pixel per scene unit; text as glyph outlines.
    public func svg(_ scene: Scene) throws -> Data {
        let sink = ByteSink()
        return try withExtendedLifetime(sink) {
            let surface = try CairoSurface(
                cairo_svg_surface_create_for_stream(ByteSink.write, sink.closure, scene.size.width, scene.size.height),
                operation: "creating an SVG")
            cairo_svg_surface_set_document_unit(surface.handle, CAIRO_SVG_UNIT_PX)
            let canvas = try CairoCanvas(surface: surface, engine: engine)
            canvas.draw(scene)
            try canvas.check("drawing the SVG")
            collect(canvas)
            try surface.finish("writing the SVG")
            return sink.data
        }
    }

    private func collect(_ canvas: CairoCanvas) {
        for m in canvas.missingGlyphs where !missingGlyphs.contains(m) { missingGlyphs.append(m) }
    }

    private func setMetadata(_ surface: CairoSurface, _ m: PDFMetadata) {
        let pairs: [(cairo_pdf_metadata_t, String)] = [
            (CAIRO_PDF_METADATA_TITLE, m.title), (CAIRO_PDF_METADATA_AUTHOR, m.author),
            (CAIRO_PDF_METADATA_SUBJECT, m.subject), (CAIRO_PDF_METADATA_CREATOR, m.creator),
            (CAIRO_PDF_METADATA_KEYWORDS, m.keywords),
            (CAIRO_PDF_METADATA_CREATE_DATE, m.creationDate), (CAIRO_PDF_METADATA_MOD_DATE, m.creationDate),
        ]
        for (key, value) in pairs where !value.isEmpty {
            cairo_pdf_surface_set_metadata(surface.handle, key, value)
        }
    }

    private func addOutline(_ surface: CairoSurface, _ bookmarks: [Bookmark]) {
        var parents: [Int32] = [Int32(CAIRO_PDF_OUTLINE_ROOT)]
        for (n, mark) in bookmarks.enumerated() {
            let level = min(max(0, mark.level), parents.count - 1)
            parents.removeLast(parents.count - 1 - level)
            let id = cairo_pdf_surface_add_outline(
                surface.handle, parents[level], mark.title, "dest='\(mark.destination ?? "bm\(n)")'",
                CAIRO_PDF_OUTLINE_FLAG_OPEN)
            parents.append(id)
        }
    }
}

/// Lends a renderer's text engine to layout code as a `TextMeasurer`.
final class MeasurerAdapter: TextMeasurer {
    let engine: TextEngine
    init(engine: TextEngine) { self.engine = engine }
    func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics {
        engine.measure(text, style: style, wrapWidth: wrapWidth)
    }
    func lines(_ text: String, style: TextStyle, width: Double) -> [TextLine] {
        engine.lines(text, style: style, width: width)
    }
}
