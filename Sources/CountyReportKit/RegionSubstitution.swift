import Specs

extension ReportDefinition {
    /// The definition written for its `region`, made the report of `target` (a sibling, say): the
    /// report's region becomes `target`, and every text that names the old region names the new one —
    /// title, subtitle, keywords, headings, paragraph and note templates, captions, sources, tile and
    /// table labels, chart titles. A figure, chart or series that names the old region explicitly
    /// names `target` instead (it meant “this report's region”); other regions (the prefecture, a
    /// neighbour) stay. A chart's region list that would then name `target` twice keeps the first.
    ///
    /// The data is not touched: a report per region loads it once, with the original definition (a
    /// news article about the original county stays about that county, and its figures are simply
    /// absent for the others).
    public func substitutingRegion(with target: String) -> ReportDefinition {
        let from = region
        guard target != from else { return self }
        func text(_ s: String) -> String { s.contains(from) ? s.replacingOccurrences(of: from, with: target) : s }
        func name(_ s: String?) -> String? { s == from ? target : s }
        var d = self
        d.region = target
        d.title = text(title)
        d.subtitle = subtitle.map(text)
        d.keywords = keywords.map(text)
        d.figures = figures.map { f in
            var f = f
            f.region = name(f.region)
            return f
        }
        d.blocks = blocks.map { b in
            var b = b
            switch b.kind {
            case .cover, .sources, .dataNotes, .pageBreak: break
            case .toc(let title, let depth): b.kind = .toc(title: text(title), depth: depth)
            case .heading(let level, let t): b.kind = .heading(level: level, text: text(t))
            case .paragraph(let template, let optional):
                b.kind = .paragraph(template: text(template), optional: optional)
            case .note(let template, let optional): b.kind = .note(template: text(template), optional: optional)
            case .tiles(let tiles):
                b.kind = .tiles(
                    tiles.map { t in
                        var t = t
                        t.label = text(t.label)
                        return t
                    })
            case .chart(let spec, let caption, let source, let height):
                var c = spec
                c.title = text(c.title)
                c.subtitle = c.subtitle.map(text)
                c.source = c.source.map(text)
                c.region = name(c.region)
                if case .regions(let names) = c.categories {
                    var seen = Set<String>()
                    c.categories = .regions(names.map { $0 == from ? target : $0 }.filter { seen.insert($0).inserted })
                }
                c.series = c.series.map { s in
                    var s = s
                    s.name = text(s.name)
                    s.region = name(s.region)
                    return s
                }
                b.kind = .chart(c, caption: text(caption), source: source.map(text), height: height)
            case .table(let caption, let columns, let rows, let unit, let notes):
                let rows = rows.map { r in
                    var r = r
                    r.label = text(r.label)
                    return r
                }
                b.kind = .table(
                    caption: text(caption), columns: columns, rows: rows, unit: unit, notes: notes.map(text))
            }
            return b
        }
        return d
    }
}
