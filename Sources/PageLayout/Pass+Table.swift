import ChartScene

/// A table's columns and row heights, measured once.
struct TableMetrics {
    var columns: [(x: Double, width: Double)]
    var headerHeight: Double
    var rowHeights: [Double]
    var captionHeight: Double
    /// Space left and right of a cell's text.
    static let padding = 5.0
    /// Space above and below a cell's text: a 五号 row is about 18.2 pt, as in yearbooks' tables.
    static let verticalPadding = 1.5
}

extension Pass {
    var thick: Double { 1.0 }
    var thin: Double { 0.5 }

    func captionText(_ t: TableBlock, continued: Bool) -> String {
        (continued ? "续" + t.number : t.number) + "  " + t.title
    }

    /// Column widths: every column but the first as wide as its widest cell on one line (a figure
    /// such as 19.4∶36.3∶44.3 is never broken), at least its share of `widths`; the first column,
    /// the names, takes the rest and wraps.
    func columnWidths(_ t: TableBlock) -> [Double] {
        let total = t.widths.reduce(0, +)
        var widths = t.widths.map { frame.width * $0 / total }
        for c in widths.indices.dropFirst() {
            let cells = [t.header[safe: c] ?? ""] + t.rows.map { $0.cells[safe: c] ?? "" }
            let natural = cells.enumerated().map { i, text in
                measurer.measure(text, style: i == 0 ? style.tableHeader : style.tableText, wrapWidth: nil).width
            }
            // A header may wrap onto two lines; a figure may not.
            let need = max(natural.dropFirst().max() ?? 0, (natural.first ?? 0) / 2) + 2 * TableMetrics.padding + 1
            widths[c] = max(widths[c], need)
        }
        let rest = widths.dropFirst().reduce(0, +)
        widths[0] = max(frame.width * 0.22, frame.width - rest)
        let scale = frame.width / widths.reduce(0, +)
        return widths.map { $0 * scale }
    }

    func measureTable(_ t: TableBlock) -> TableMetrics {
        var x = frame.minX
        let columns = columnWidths(t).map { w -> (x: Double, width: Double) in
            defer { x += w }
            return (x, w)
        }
        func height(_ cells: [String], _ s: TextStyle, indent: Int) -> Double {
            cells.enumerated().map { i, text in
                let w =
                    columns[min(i, columns.count - 1)].width - 2 * TableMetrics.padding
                    - (i == 0 ? Double(indent) * s.size : 0)
                return measurer.measure(text, style: s, wrapWidth: max(1, w)).height
            }.max().map { $0 + 2 * TableMetrics.verticalPadding } ?? 0
        }
        let caption =
            measurer.measure(captionText(t, continued: true), style: captionStyle, wrapWidth: frame.width).height
            + (t.unitNote.map { measurer.measure($0, style: style.running, wrapWidth: nil).height } ?? 0)
        return TableMetrics(
            columns: columns, headerHeight: height(t.header, style.tableHeader, indent: 0),
            rowHeights: t.rows.map { height($0.cells, style.tableText, indent: $0.indent) }, captionHeight: caption + 4)
    }

    var captionStyle: TextStyle {
        TextStyle(family: style.sans, size: 10.5, weight: .bold, color: style.text, alignment: .center)
    }

    func tableLeadHeight(_ t: TableBlock) -> Double {
        let m = measureTable(t)
        return m.captionHeight + m.headerHeight + m.rowHeights.prefix(2).reduce(0, +)
    }

    /// A 三线表: caption above (表N, then 续表N on each continued page with the header repeated),
    /// thick top and bottom rules, a thin rule under the header, split between rows; a table
    /// starts on the next page unless its header and two rows fit. Its last two rows stay together,
    /// and with the start of the note that follows (the table's own, else a note block `next`).
    mutating func placeTable(_ t: TableBlock, next: Block? = nil) {
        let m = measureTable(t)
        let noteAfter = noteLeadHeight(of: next)
        let after =
            t.notes.first.map { leadingHeight(of: .paragraph(Paragraph($0, kind: .note))) }
            ?? (noteAfter > 0 ? style.blockGap + noteAfter : 0)
        var row = 0
        var continued = false
        repeat {
            let minimum =
                m.captionHeight + m.headerHeight + m.rowHeights[row..<min(t.rows.count, row + 2)].reduce(0, +)
                + (t.rows.count - row <= 2 ? after : 0)
            ensureRoom(minimum + thick)
            var marks = tableHead(t, m, continued: continued)
            var count = 0
            while row < t.rows.count, count == 0 || m.rowHeights[row] + thick <= remaining + 0.001 {
                // The last two rows go over together (never one row alone on a continued page), and
                // with the note after the table: stop two rows early when they and the note do not fit.
                let rest = m.rowHeights[row...].reduce(0, +) + thick
                if count >= 2, t.rows.count - row == 2, rest + after > remaining + 0.001 { break }
                marks.append(tableRow(t.rows[row], m, at: y, header: false, alignments: t.alignments))
                y += m.rowHeights[row]
                row += 1; count += 1
            }
            marks.append(rule(at: y, width: thick))
            y += thick
            emit(.group(GroupMark(marks: marks, role: .tableCell, tag: .table)))
            if row < t.rows.count { newPage(); continued = true }
        } while row < t.rows.count
        for note in t.notes { placeParagraph(Paragraph(note, kind: .note)) }
        y += style.blockGap
    }

    private mutating func tableHead(_ t: TableBlock, _ m: TableMetrics, continued: Bool) -> [Mark] {
        var marks: [Mark] = []
        let text = captionText(t, continued: continued)
        let caption = aligned(text, style: captionStyle, x: frame.minX, y: y, width: frame.width, role: .caption)
        marks.append(.group(GroupMark(marks: [caption.mark], role: .caption, tag: .caption)))
        y += caption.height
        if let unit = t.unitNote {
            var s = style.running
            s.alignment = .right
            let note = aligned(unit, style: s, x: frame.minX, y: y, width: frame.width, role: .caption)
            marks.append(note.mark)
            y += note.height
        }
        y += 4
        marks.append(rule(at: y, width: thick))
        y += thick
        marks.append(
            tableRow(
                TableBlock.Row(t.header), m, at: y, header: true, alignments: t.header.indices.map { _ in .center }))
        y += m.headerHeight
        marks.append(rule(at: y, width: thin))
        y += thin
        return marks
    }

    private func rule(at y: Double, width: Double) -> Mark {
        .shape(
            ShapeMark(
                path: Path(rect: Rect(x: frame.minX, y: y, width: frame.width, height: width)), fill: style.rule,
                role: .tableRule))
    }

    private func tableRow(
        _ row: TableBlock.Row, _ m: TableMetrics, at top: Double, header: Bool,
        alignments: [TableBlock.Alignment]? = nil
    ) -> Mark {
        var cells: [Mark] = []
        for (i, text) in row.cells.enumerated() where i < m.columns.count {
            var s = header ? style.tableHeader : style.tableText
            let align = (alignments ?? [])[safe: i] ?? .leading
            s.alignment = align == .trailing ? .right : align == .center ? .center : .left
            let indent = i == 0 ? Double(row.indent) * s.size : 0
            let col = m.columns[i]
            let w = max(1, col.width - 2 * TableMetrics.padding - indent)
            let cell = aligned(
                text, style: s, x: col.x + TableMetrics.padding + indent, y: top + TableMetrics.verticalPadding, width: w,
                role: header ? .tableHeader : .tableCell, datum: row.cells.first
            ).mark
            cells.append(
                .group(
                    GroupMark(
                        marks: [cell], role: header ? .tableHeader : .tableCell, tag: header ? .tableHeader : .tableCell
                    )))
        }
        return .group(GroupMark(marks: cells, role: header ? .tableHeader : .tableCell, tag: .tableRow))
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
