import CCairoPango
import ChartScene

/// Pango's font map and context over the bundled fonts: measures and sets text.
///
/// Not thread-safe (Pango objects are not); make one per task. Hinting and glyph-position
/// rounding are off, so a layout has the same metrics in PNG, PDF and SVG at any scale.
final class TextEngine {
    let fonts: FontLibrary
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    private var descriptions: [DescriptionKey: OpaquePointer] = [:]

    private struct DescriptionKey: Hashable {
        var family: String
        var size: Double
        var weight: FontWeight
    }

    init(fonts: FontLibrary) {
        self.fonts = fonts
        fontMap = pango_cairo_font_map_new()
        pango_fc_font_map_set_config(ccp_fc_font_map(fontMap), fonts.config)
        context = pango_font_map_create_context(fontMap)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string("zh-cn"))
        primeForPDF()
    }

    /// The drawing state the context was last matched to (`pango_cairo_update_context`): the
    /// target surface's font options and the linear part of the transformation.
    private var matchedOptions: OpaquePointer? = nil
    private var matchedMatrix: [Double] = []

    /// Matches the context to `cr` (its target's font options and its transformation), as
    /// `pango_cairo_update_context` does — but only when they differ from the last match: Pango
    /// marks the context changed on every call, and a changed context makes every kept layout
    /// shape its text again. Same state, same layouts: skipping the call changes nothing drawn.
    func match(_ cr: OpaquePointer) {
        var m = cairo_matrix_t()
        cairo_get_matrix(cr, &m)
        let matrix = [m.xx, m.yx, m.xy, m.yy]
        let options = cairo_font_options_create()!
        cairo_surface_get_font_options(cairo_get_target(cr), options)
        if let matched = matchedOptions, matrix == matchedMatrix, cairo_font_options_equal(options, matched) != 0 {
            cairo_font_options_destroy(options)
            return
        }
        pango_cairo_update_context(cr, context)
        if let old = matchedOptions { cairo_font_options_destroy(old) }
        matchedOptions = options
        matchedMatrix = matrix
    }

    /// Matches the context to an untransformed PDF page before anything is measured, so that
    /// the layouts a report measures are still valid when its PDF draws them.
    private func primeForPDF() {
        guard let surface = cairo_pdf_surface_create_for_stream(nil, nil, 1, 1) else { return }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { return }
        defer { cairo_destroy(cr) }
        match(cr)
    }

    /// Lets go of the kept layouts: a PDF whose pages are all drawn needs none of them, and Cairo's
    /// font subsetting, which comes next, is the peak of a report's memory.
    func releaseLayouts() {
        for k in keptLayouts.values { ccp_unref(UnsafeMutableRawPointer(k.layout)) }
        keptLayouts = [:]
    }

    deinit {
        releaseLayouts()
        for d in descriptions.values { pango_font_description_free(d) }
        if let o = matchedOptions { cairo_font_options_destroy(o) }
        ccp_unref(UnsafeMutableRawPointer(context))
        ccp_unref(UnsafeMutableRawPointer(fontMap))
    }

    private func description(for style: TextStyle) -> OpaquePointer {
        let key = DescriptionKey(family: style.family, size: style.size, weight: style.weight)
        if let d = descriptions[key] { return d }
        let d = pango_font_description_new()!   // GLib aborts rather than return NULL when out of memory
        pango_font_description_set_family(d, style.family)
        pango_font_description_set_weight(d, style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(d, style.size * Double(PANGO_SCALE))
        descriptions[key] = d
        return d
    }

    /// A new layout of `text`; the caller unrefs it.
    func makeLayout(_ text: String, style: TextStyle, wrapWidth: Double?) -> OpaquePointer {
        let layout = pango_layout_new(context)!   // GLib aborts rather than return NULL when out of memory
        pango_layout_set_font_description(layout, description(for: style))
        pango_layout_set_text(layout, text, -1)
        if let w = wrapWidth {
            pango_layout_set_width(layout, Int32((w * Double(PANGO_SCALE)).rounded()))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        if style.lineSpacing != 1 { pango_layout_set_line_spacing(layout, Float(style.lineSpacing)) }
        if style.paragraph != .plain { applyParagraph(style.paragraph, text: text, to: layout) }
        return layout
    }

    /// First-line indent, figures kept whole (no break inside `TextRules`' runs) and punctuation
    /// compression (the fonts' `chws` feature); justification is ours (`Justification`), applied
    /// once the layout has its lines.
    private func applyParagraph(_ p: ParagraphSetting, text: String, to layout: OpaquePointer) {
        if p.firstLineIndent != 0 {
            pango_layout_set_indent(layout, Int32((p.firstLineIndent * Double(PANGO_SCALE)).rounded()))
        }
        if p.keepFigures, let list = pango_attr_list_new() {
            for run in TextRules.unbreakableRuns(in: text) {
                guard let a = pango_attr_allow_breaks_new(0) else { continue }
                a.pointee.start_index = UInt32(run.lowerBound)
                a.pointee.end_index = UInt32(run.upperBound)
                pango_attr_list_insert(list, a)
            }
            pango_layout_set_attributes(layout, list)
            pango_attr_list_unref(list)
        }
        if p.compressPunctuation { FontFeature.chws.apply(to: layout) }
    }

    /// Every line of a layout: its byte range, ink-free logical box and baseline, in points.
    func lines(of layout: OpaquePointer) -> [TextLine] {
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        var result: [TextLine] = []
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            guard let line = pango_layout_iter_get_line_readonly(iter) else { break }
            let start = Int(line.pointee.start_index), length = Int(line.pointee.length)
            result.append(
                TextLine(
                    range: start..<(start + length), x: Double(logical.x) / scale, width: Double(logical.width) / scale,
                    top: Double(logical.y) / scale, height: Double(logical.height) / scale, baseline: baseline))
        } while pango_layout_iter_next_line(iter) != 0
        return result
    }

    func lines(_ text: String, style: TextStyle, width: Double) -> [TextLine] {
        withLayout(text, style: style, wrapWidth: width) { lines(of: $0) }
    }

    /// A layout kept for the renderer's life, with the layout serial it was justified at: Pango lays a
    /// layout out again (and drops the justification) when its context changes, which bumps the serial.
    private struct KeptLayout {
        let layout: OpaquePointer
        var justifiedSerial: UInt32?
    }

    /// Layouts kept for the renderer's life (up to a bound): a report measures each text (a
    /// paragraph, a table cell, a heading), splits it into lines and draws it — one shaping, not three.
    private var keptLayouts: [MeasureKey: KeptLayout] = [:]

    /// Calls `body` with a layout of `text`, kept for the next call with the same text and style.
    func withLayout<R>(_ text: String, style: TextStyle, wrapWidth: Double?, _ body: (OpaquePointer) -> R) -> R {
        let key = MeasureKey(text: text, style: style, wrapWidth: wrapWidth)
        var kept: KeptLayout
        if let k = keptLayouts[key] {
            kept = k
        } else {
            if keptLayouts.count > 8192 {
                for k in keptLayouts.values { ccp_unref(UnsafeMutableRawPointer(k.layout)) }
                keptLayouts.removeAll(keepingCapacity: true)
            }
            kept = KeptLayout(layout: makeLayout(text, style: style, wrapWidth: wrapWidth))
            keptLayouts[key] = kept
        }
        if style.paragraph.justify && wrapWidth != nil {
            let serial = pango_layout_get_serial(kept.layout)
            if kept.justifiedSerial != serial {
                Justification.apply(to: kept.layout, text: text)
                kept.justifiedSerial = serial
                keptLayouts[key] = kept
            }
        }
        return body(kept.layout)
    }

    func metrics(of layout: OpaquePointer) -> TextMetrics {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let scale = Double(PANGO_SCALE)
        return TextMetrics(
            width: Double(logical.width) / scale,
            height: Double(logical.height) / scale,
            baseline: Double(pango_layout_get_baseline(layout)) / scale,
            lineCount: Int(pango_layout_get_line_count(layout)))
    }

    private struct MeasureKey: Hashable {
        var text: String
        var style: TextStyle
        var wrapWidth: Double?
    }
    /// Charts measure the same short texts many times (tick labels, “0”); Pango layout is the cost.
    private var measured: [MeasureKey: TextMetrics] = [:]

    func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics {
        let key = MeasureKey(text: text, style: style, wrapWidth: wrapWidth)
        if let m = measured[key] { return m }
        let m = withLayout(text, style: style, wrapWidth: wrapWidth) { metrics(of: $0) }
        if measured.count > 4096 { measured.removeAll(keepingCapacity: true) }
        measured[key] = m
        return m
    }

    /// How many glyphs of the layout Pango could not find in any font (drawn as boxes).
    func unknownGlyphCount(_ text: String, style: TextStyle) -> Int {
        let layout = makeLayout(text, style: style, wrapWidth: nil)
        defer { ccp_unref(UnsafeMutableRawPointer(layout)) }
        return Int(pango_layout_get_unknown_glyphs_count(layout))
    }
}
