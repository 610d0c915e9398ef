import CCairoPango
import ChartScene
import Foundation

/// The Cairo conformance of `Canvas`: paths and fills by Cairo, text by Pango.
///
/// Missing glyphs are recorded (never silently drawn as boxes) in `missingGlyphs`.
final class CairoCanvas: Canvas {
    private let cr: OpaquePointer
    private let engine: TextEngine
    private(set) var missingGlyphs: [MissingGlyph] = []
    /// The alternative texts of the figures tagged so far, in order (Cairo cannot write them; see `TaggedPDF`).
    private(set) var figureAlternatives: [String] = []
    private var checkedTexts = Set<String>()
    /// Draws a page's named destinations only (transforms kept, nothing painted or tagged): the page
    /// another document draws, which bookmarks and links of this one still point at (`PDFJoin`).
    var anchorsOnly = false

    init(surface: CairoSurface, engine: TextEngine) throws {
        guard let cr = cairo_create(surface.handle) else {
            throw RenderError.cairo(operation: "creating a context", message: "out of memory")
        }
        self.cr = cr
        self.engine = engine
        let status = cairo_status(cr)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_destroy(cr)
            throw RenderError.cairo(
                operation: "creating a context", message: String(cString: cairo_status_to_string(status)))
        }
    }

    deinit { cairo_destroy(cr) }

    func check(_ operation: String) throws {
        let status = cairo_status(cr)
        if status != CAIRO_STATUS_SUCCESS {
            throw RenderError.cairo(operation: operation, message: String(cString: cairo_status_to_string(status)))
        }
    }

    func scale(by factor: Double) { cairo_scale(cr, factor, factor) }
    func showPage() { cairo_show_page(cr) }

    /// Marks a named destination at the current page's `y` (for PDF bookmarks).
    func markDestination(name: String, at point: Point) {
        cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(name)' x=\(point.x) y=\(point.y)")
        cairo_tag_end(cr, CAIRO_TAG_DEST)
    }

    func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics {
        engine.measure(text, style: style, wrapWidth: wrapWidth)
    }

    func lines(_ text: String, style: TextStyle, width: Double) -> [TextLine] {
        engine.lines(text, style: style, width: width)
    }

    func concat(_ t: Transform) {
        var m = cairo_matrix_t(xx: t.scaleX, yx: 0, xy: 0, yy: t.scaleY, x0: t.translateX, y0: t.translateY)
        cairo_transform(cr, &m)
    }

    /// Structure tags go to tagged PDFs only; Cairo ignores them on other surfaces. Cairo 1.16 has
    /// no artifacts: page furniture is tagged as `TaggedPDF.furnitureTag`, which makes it one.
    func beginTag(_ tag: StructureTag) {
        guard !anchorsOnly else { return }
        if case .figure(let alternative) = tag { figureAlternatives.append(alternative) }
        cairo_tag_begin(cr, tag == .artifact ? TaggedPDF.furnitureTag : tag.pdfName, "")
    }

    func endTag(_ tag: StructureTag) {
        guard !anchorsOnly else { return }
        cairo_tag_end(cr, tag == .artifact ? TaggedPDF.furnitureTag : tag.pdfName)
    }

    func beginLink(to name: String) {
        precondition(!anchorsOnly, "a page drawn by another document holds no link (Renderer.halves)")
        cairo_tag_begin(cr, CAIRO_TAG_LINK, "dest='\(name)'")
    }
    func endLink() { cairo_tag_end(cr, CAIRO_TAG_LINK) }

    func anchor(_ name: String, at point: Point) { markDestination(name: name, at: point) }

    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }

    func clip(to rect: Rect) {
        cairo_rectangle(cr, rect.minX, rect.minY, rect.width, rect.height)
        cairo_clip(cr)
    }

    private func setPath(_ path: Path) {
        cairo_new_path(cr)
        for element in path.elements {
            switch element {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case .curve(let a, let b, let p): cairo_curve_to(cr, a.x, a.y, b.x, b.y, p.x, p.y)
            case .close: cairo_close_path(cr)
            }
        }
    }

    private func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    /// Paints one white point: Cairo drops a page it thinks blank, and with it the destinations of a
    /// page drawn `anchorsOnly` (the point is not kept: the join replaces that page's content).
    func markNotBlank() {
        cairo_rectangle(cr, 0, 0, 1, 1)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_fill(cr)
    }

    func fill(_ path: Path, color: Color) {
        guard !anchorsOnly else { return }
        setPath(path)
        setColor(color)
        cairo_fill(cr)
    }

    func stroke(_ path: Path, style: StrokeStyle) {
        guard !anchorsOnly else { return }
        setPath(path)
        setColor(style.color)
        cairo_set_line_width(cr, style.width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        if style.dash.isEmpty {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            cairo_set_dash(cr, style.dash, Int32(style.dash.count), 0)
        }
        cairo_stroke(cr)
    }

    func drawText(
        _ text: String, style: TextStyle, at origin: Point, wrapWidth: Double?, rotation: Double, lines: Range<Int>?
    ) {
        guard !anchorsOnly else { return }
        if checkedTexts.insert(text).inserted {
            for ch in engine.fonts.missingCharacters(in: text) {
                missingGlyphs.append(MissingGlyph(character: ch, text: text))
            }
        }
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        if rotation != 0 { cairo_rotate(cr, rotation * .pi / 180) }
        engine.match(cr)
        setColor(style.color)
        engine.withLayout(text, style: style, wrapWidth: wrapWidth) { layout in
            if let lines {
                showLines(lines, of: layout)
            } else {
                // Put the layout's logical box (not the wrap box) at the origin — but running text
                // keeps its wrap box, so a one-line paragraph keeps its first-line indent.
                var logical = PangoRectangle()
                pango_layout_get_extents(layout, nil, &logical)
                let x =
                    style.paragraph.firstLineIndent != 0 && wrapWidth != nil
                    ? 0 : -Double(logical.x) / Double(PANGO_SCALE)
                cairo_move_to(cr, x, -Double(logical.y) / Double(PANGO_SCALE))
                pango_cairo_show_layout(cr, layout)
            }
        }
        cairo_restore(cr)
    }

    /// Draws lines `range` of a wrapped layout, the first line's top at the current origin.
    private func showLines(_ range: Range<Int>, of layout: OpaquePointer) {
        let all = engine.lines(of: layout)
        guard let first = all.indices.contains(range.lowerBound) ? all[range.lowerBound] : nil else { return }
        for index in range where all.indices.contains(index) {
            guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
            let l = all[index]
            // A line is drawn from its baseline's start; its logical x already holds indent and alignment.
            var logical = PangoRectangle()
            pango_layout_line_get_extents(line, nil, &logical)
            cairo_move_to(cr, l.x - Double(logical.x) / Double(PANGO_SCALE), l.baseline - first.top)
            pango_cairo_show_layout_line(cr, line)
        }
    }
}
