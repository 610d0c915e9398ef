import ChartScene

extension Pass {
    func headingStyle(_ level: Int) -> TextStyle { style.headings[min(max(level, 1), style.headings.count) - 1] }

    func headingHeight(_ h: Heading) -> Double {
        measurer.measure(h.title, style: headingStyle(h.level), wrapWidth: frame.width).height
    }

    /// A heading stays with the start of what follows: if both do not fit, it moves to the next page.
    mutating func placeHeading(_ h: Heading, next: Block?) {
        let gapBefore = atTop ? 0 : style.headingGapBefore
        let height = headingHeight(h)
        ensureRoom(gapBefore + height + style.headingGapAfter + leadingHeight(of: next))
        if !atTop { y += gapBefore }
        let s = headingStyle(h.level)
        let mark = Mark.text(
            TextMark(
                text: h.title, style: s, frame: Rect(x: frame.minX, y: y, width: frame.width, height: height),
                wrapWidth: frame.width, role: .heading, datum: h.anchor))
        emit(.group(GroupMark(marks: [mark], role: .heading, tag: .heading(level: h.level), anchor: h.anchor)))
        outline.append(OutlineEntry(title: h.title, level: h.level, page: pageIndex, anchor: h.anchor))
        y += height + style.headingGapAfter
    }

    /// Sets a paragraph line by line, splitting it between pages: at least two lines stay on
    /// each side of a split (no widow, no orphan); a paragraph of three lines or fewer is not split.
    mutating func placeParagraph(_ p: Paragraph) {
        let s = paragraphStyle(p.kind)
        let lines = measurer.lines(p.text, style: s, width: frame.width)
        guard !lines.isEmpty else { return }
        var start = 0
        while start < lines.count {
            let fitting = lines[start...].prefix { $0.bottom - lines[start].top <= remaining + 0.001 }.count
            let left = lines.count - start
            var take = fitting
            if fitting < left {
                if left <= 3 { take = 0 } else { take = min(fitting, left - 2) }
                if take < 2 { take = 0 }
            }
            if take == 0 {
                if atTop { take = max(1, fitting) } else { newPage(); continue }
            }
            emitLines(p.text, style: s, lines: lines, range: start..<(start + take))
            start += take
            if start < lines.count { newPage() }
        }
        y += style.paragraphGap
    }

    private mutating func emitLines(_ text: String, style s: TextStyle, lines: [TextLine], range: Range<Int>) {
        let height = lines[range.upperBound - 1].bottom - lines[range.lowerBound].top
        let whole = range.count == lines.count
        let mark = Mark.text(
            TextMark(
                text: text, style: s, frame: Rect(x: frame.minX, y: y, width: frame.width, height: height),
                wrapWidth: frame.width, lines: whole ? nil : range, role: .body))
        emit(.group(GroupMark(marks: [mark], role: .body, tag: .paragraph)))
        y += height
    }
}
