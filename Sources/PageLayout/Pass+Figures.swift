import ChartScene

extension Pass {
    var captionGap: Double { 4 }
    var sourceStyle: TextStyle { TextStyle(family: style.sans, size: 9, color: style.muted) }

    /// The chart's scale on the page: its own size, or the type area's width if wider.
    func figureScale(_ f: Figure) -> Double { min(1, frame.width / f.scene.size.width) }

    func figureHeight(_ f: Figure) -> Double {
        let caption = measurer.measure(f.caption, style: style.caption, wrapWidth: frame.width).height
        let source =
            f.source.map { measurer.measure("资料来源：" + $0, style: sourceStyle, wrapWidth: frame.width).height + 2 } ?? 0
        return f.scene.size.height * figureScale(f) + captionGap + caption + source + style.blockGap
    }

    /// A chart scene placed by a transform (vector, the same fonts), caption below, source under it;
    /// it moves to the next page with a note that follows it unless the start of the note fits too.
    mutating func placeFigure(_ f: Figure, next: Block? = nil) {
        var height = figureHeight(f)
        var k = figureScale(f)
        if height > frame.height {
            // Taller than a page: scaled to fit, said in the notes.
            let shrink = (frame.height - (height - f.scene.size.height * k)) / (f.scene.size.height * k)
            k *= max(0.3, shrink)
            height = frame.height
            notes.append("figure “\(f.caption)” is taller than a page and was scaled down")
        }
        ensureRoom(height + noteLeadHeight(of: next))
        let w = f.scene.size.width * k, h = f.scene.size.height * k
        let x = frame.minX + (frame.width - w) / 2
        var chart = f.scene.marks
        if let bg = f.scene.background {
            chart.insert(
                .shape(
                    ShapeMark(
                        path: Path(rect: Rect(x: 0, y: 0, width: f.scene.size.width, height: f.scene.size.height)),
                        fill: bg, role: .background)), at: 0)
        }
        let placed = GroupMark(
            transform: Transform(scaleX: k, scaleY: k, translateX: x, translateY: y),
            clip: Rect(x: 0, y: 0, width: f.scene.size.width, height: f.scene.size.height),
            marks: chart, role: .figure, tag: .figure(alternative: f.alternative))
        var marks: [Mark] = [.group(placed)]
        var cy = y + h + captionGap
        let caption = aligned(f.caption, style: style.caption, x: frame.minX, y: cy, width: frame.width, role: .caption)
        marks.append(.group(GroupMark(marks: [caption.mark], role: .caption, tag: .caption)))
        cy += caption.height + 2
        if let source = f.source {
            let text = "资料来源：" + source
            let sm = measurer.measure(text, style: sourceStyle, wrapWidth: frame.width)
            marks.append(
                .group(
                    GroupMark(
                        marks: [
                            .text(
                                TextMark(
                                    text: text, style: sourceStyle,
                                    frame: Rect(x: frame.minX, y: cy, width: frame.width, height: sm.height),
                                    wrapWidth: frame.width, role: .sourceNote))
                        ], role: .sourceNote, tag: .paragraph)))
        }
        for m in marks { emit(m) }
        y += height
    }

    var tileHeight: Double { 72 }

    /// Large figures in boxes of one row (up to four; more start another row), never split.
    mutating func placeTiles(_ tiles: [Tile]) {
        let perRow = min(4, max(1, tiles.count))
        for start in stride(from: 0, to: tiles.count, by: perRow) {
            let row = Array(tiles[start..<min(tiles.count, start + perRow)])
            ensureRoom(tileHeight + style.blockGap * 1.5)
            if !atTop { y += style.blockGap / 2 }
            let gap = 8.0
            let w = (frame.width - gap * Double(perRow - 1)) / Double(perRow)
            for (i, tile) in row.enumerated() {
                emit(
                    tileMark(tile, in: Rect(x: frame.minX + Double(i) * (w + gap), y: y, width: w, height: tileHeight)))
            }
            y += tileHeight + style.blockGap
        }
    }

    private func tileMark(_ t: Tile, in box: Rect) -> Mark {
        var valueStyle = TextStyle(
            family: style.sans, size: 18, weight: .bold, color: style.accent, alignment: .center,
            paragraph: ParagraphSetting(keepFigures: true))
        // A large figure stays on one line: set smaller until it fits the tile.
        while valueStyle.size > 11, measurer.measure(t.value, style: valueStyle, wrapWidth: nil).width > box.width - 8 {
            valueStyle.size -= 1
        }
        let labelStyle = TextStyle(family: style.sans, size: 9.5, color: style.text, alignment: .center)
        let changeStyle = TextStyle(family: style.sans, size: 8.5, color: style.muted, alignment: .center)
        var marks: [Mark] = [
            .shape(ShapeMark(path: Path(rect: box), fill: style.tint, role: .tile)),
            .shape(
                ShapeMark(
                    path: Path(rect: Rect(x: box.minX, y: box.minY, width: box.width, height: 2.5)), fill: style.accent,
                    role: .tile)),
        ]
        var ty = box.minY + 9
        for (text, s) in [(t.value, valueStyle), (t.label, labelStyle), (t.change ?? "", changeStyle)]
        where !text.isEmpty {
            let line = aligned(
                text, style: s, x: box.minX + 4, y: ty, width: box.width - 8, role: .tile, datum: t.label)
            marks.append(line.mark)
            ty += line.height + 2
        }
        return .group(GroupMark(marks: marks, role: .tile, tag: .paragraph))
    }
}
