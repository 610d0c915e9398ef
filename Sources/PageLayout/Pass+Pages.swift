import ChartScene

extension Pass {
    /// The cover: a page of its own (no running header, no page number).
    mutating func placeCover(_ c: Cover) {
        if !atTop || !pages[pageIndex].isEmpty { newPage() }
        coverPages.insert(pageIndex)
        let page = style.pageSize
        var marks: [Mark] = [
            .shape(
                ShapeMark(
                    path: Path(rect: Rect(x: 0, y: 0, width: page.width, height: 14)), fill: style.accent, role: .cover)
            )
        ]
        let width = frame.width
        var cy = page.height * 0.30
        let title = TextStyle(
            family: style.sans, size: 26, weight: .bold, color: style.text, alignment: .center, lineSpacing: 1.2)
        let sub = TextStyle(family: style.sans, size: 16, color: style.muted, alignment: .center)
        let line = TextStyle(family: style.sans, size: 14, color: style.text, alignment: .center)
        for (text, s) in [(coverTitle(c.title, style: title, width: width), title), (c.subtitle ?? "", sub)]
        where !text.isEmpty {
            let t = aligned(text, style: s, x: frame.minX, y: cy, width: width, role: .cover)
            marks.append(t.mark)
            cy += t.height + 16
        }
        marks.append(
            .shape(
                ShapeMark(
                    path: Path(rect: Rect(x: page.width / 2 - 40, y: cy + 8, width: 80, height: 1.5)),
                    fill: style.accent, role: .cover)))
        var by = page.height * 0.72
        for text in c.lines + [c.dateLine].compactMap({ $0 }) {
            let t = aligned(text, style: line, x: frame.minX, y: by, width: width, role: .cover)
            marks.append(t.mark)
            by += t.height + 10
        }
        emit(.group(GroupMark(marks: marks, role: .cover, tag: .paragraph)))
        newPage()
    }

    /// A title too wide for one line breaks where a reader would: before its year
    /// (湘西土家族苗族自治州 / 2023年经济社会发展统计摘要), when both parts then fit; otherwise the
    /// text engine breaks it.
    func coverTitle(_ title: String, style s: TextStyle, width: Double) -> String {
        guard measurer.measure(title, style: s, wrapWidth: nil).width > width else { return title }
        let chars = Array(title)
        guard
            let year = chars.indices.dropFirst().first(where: { i in
                chars[i].isASCII && chars[i].isNumber && !chars[i - 1].isNumber
                    && chars[i...].prefix(while: { $0.isASCII && $0.isNumber }).count == 4
            })
        else { return title }
        let lines = [String(chars[..<year]), String(chars[year...])]
        let fits = lines.allSatisfy { measurer.measure($0, style: s, wrapWidth: nil).width <= width }
        return fits ? lines.joined(separator: "\n") : title
    }

    /// The contents: an entry per heading up to `depth`, dot leaders, the heading's page, each a link.
    mutating func placeContents(title: String, depth: Int) {
        ensureRoom(frame.height / 3)
        let titleStyle = TextStyle(family: style.sans, size: 16, weight: .bold, color: style.text, alignment: .center)
        let t = aligned(title, style: titleStyle, x: frame.minX, y: y, width: frame.width, role: .heading)
        emit(.group(GroupMark(marks: [t.mark], role: .heading, tag: .heading(level: 1))))
        y += t.height + 16
        var entries: [Mark] = []
        for (anchor, level, text) in contentsEntries where level <= depth {
            let s = TextStyle(
                family: style.sans, size: level == 1 ? 12 : 10.5, weight: level == 1 ? .bold : .regular,
                color: style.text)
            let m = measurer.measure(text, style: s, wrapWidth: nil)
            let rowHeight = m.height + (level == 1 ? 8 : 5)
            if rowHeight > remaining {
                emit(.group(GroupMark(marks: entries, role: .contentsEntry, tag: .toc)))
                contentsPages.insert(pageIndex)
                entries = []
                newPage()
            }
            entries.append(contentsEntry(text, style: s, level: level, anchor: anchor, height: m.height))
            y += rowHeight
        }
        emit(.group(GroupMark(marks: entries, role: .contentsEntry, tag: .toc)))
        contentsPages.insert(pageIndex)
        newPage()
    }

    /// Headings the contents list: set by the report before layout (`Paginator.contents`).
    var contentsEntries: [(anchor: String, level: Int, title: String)] { paginator.contents }

    private func contentsEntry(_ text: String, style s: TextStyle, level: Int, anchor: String, height: Double) -> Mark {
        let indent = Double(level - 1) * 2 * s.size
        let number = "0"   // written by `fillContents` once the heading is placed
        var ns = s
        ns.alignment = .right
        let tw = measurer.measure(text, style: s, wrapWidth: nil).width
        let nw = measurer.measure(number, style: ns, wrapWidth: nil).width
        let leaderStart = frame.minX + indent + tw + 4, leaderEnd = frame.maxX - max(nw, s.size * 1.5) - 4
        var marks: [Mark] = [
            .text(
                TextMark(
                    text: text, style: s, frame: Rect(x: frame.minX + indent, y: y, width: tw, height: height),
                    role: .contentsEntry, datum: anchor)),
            .text(
                TextMark(
                    text: number, style: ns, frame: Rect(x: frame.maxX - nw, y: y, width: nw, height: height),
                    role: .pageNumber, datum: anchor)),
        ]
        if leaderEnd > leaderStart {
            // Dot leaders as text (as in print, and so text extraction reads “一、综合 …… 3”).
            let dotStyle = TextStyle(family: style.sans, size: s.size * 0.8, color: style.muted)
            let dot = max(0.1, measurer.measure(".", style: dotStyle, wrapWidth: nil).width)
            let count = Int((leaderEnd - leaderStart) / dot)
            let dots = String(repeating: ".", count: max(0, count))
            let dm = measurer.measure(dots, style: dotStyle, wrapWidth: nil)
            var spaced = dotStyle
            spaced.lineSpacing = 1
            marks.append(
                .text(
                    TextMark(
                        text: dots, style: spaced,
                        frame: Rect(
                            x: leaderEnd - dm.width, y: y + height - dm.height, width: dm.width, height: dm.height),
                        role: .contentsEntry)))
        }
        return .group(GroupMark(marks: marks, role: .contentsEntry, tag: .tocItem, link: anchor))
    }

    /// Writes each contents entry's page number, right-aligned where the placeholder stood.
    mutating func fillContents() {
        let pageOf = headingPagesFound
        func fill(_ mark: Mark) -> Mark {
            switch mark {
            case .group(var g):
                g.marks = g.marks.map(fill)
                return .group(g)
            case .text(var t) where t.role == .pageNumber && t.datum != nil:
                guard let page = t.datum.flatMap({ pageOf[$0] }) else { return mark }
                t.text = "\(page + 1)"
                let w = measurer.measure(t.text, style: t.style, wrapWidth: nil).width
                t.frame = Rect(x: t.frame.maxX - w, y: t.frame.minY, width: w, height: t.frame.height)
                return .text(t)
            default:
                return mark
            }
        }
        for index in contentsPages.sorted() { pages[index] = pages[index].map(fill) }
    }

    /// Running header (the title over a thin rule) and 第 X 页 共 Y 页 on every page but the cover.
    mutating func finishPages(runningTitle: String?) {
        if pages.count > 1, pages[pageIndex].isEmpty { pages.removeLast(); pageSizes.removeLast() }
        let total = pages.count
        for index in pages.indices where !coverPages.contains(index) {
            let frame = frame(ofPage: index)
            var furniture: [Mark] = []
            if let title = runningTitle {
                var s = style.running
                s.alignment = .center
                let height = measurer.measure(title, style: s, wrapWidth: frame.width).height
                let top = frame.minY - 14 - height
                furniture.append(
                    aligned(title, style: s, x: frame.minX, y: top, width: frame.width, role: .runningHeader).mark)
                furniture.append(
                    .shape(
                        ShapeMark(
                            path: Path(rect: Rect(x: frame.minX, y: top + height + 3, width: frame.width, height: 0.5)),
                            fill: style.muted, role: .runningHeader)))
            }
            var s = style.running
            s.alignment = .center
            let text = "第 \(index + 1) 页 共 \(total) 页"
            furniture.append(
                aligned(text, style: s, x: frame.minX, y: frame.maxY + 16, width: frame.width, role: .pageNumber).mark)
            pages[index].append(.group(GroupMark(marks: furniture, role: .runningHeader, tag: .artifact)))
        }
    }
}
