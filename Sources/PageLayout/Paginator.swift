import ChartScene

/// Places blocks on pages: paragraphs split between lines (never leaving one line alone at a
/// page's foot or head), headings kept with what follows, tables split between rows with the
/// header repeated under 续表N, figures and tiles never split. Then adds the running header,
/// the page numbers (第 X 页 共 Y 页) and the contents' page numbers.
///
/// The contents' page numbers are written after the pass, when every heading's page is known:
/// an entry's size does not depend on its number, so nothing moves.
public struct Paginator {
    public var style: PageStyle
    public var measurer: TextMeasurer
    /// The running header's text (the report title); nil for none.
    public var runningTitle: String?
    /// The headings a contents block lists, in order: taken from the blocks.
    var contents: [(anchor: String, level: Int, title: String)] = []

    public init(style: PageStyle, measurer: TextMeasurer, runningTitle: String? = nil) {
        self.style = style; self.measurer = measurer; self.runningTitle = runningTitle
    }

    public func layout(_ blocks: [Block]) -> LaidOutDocument {
        layout(blocks, headings: blocks.compactMap { if case .heading(let h) = $0 { h } else { nil } })
    }

    /// Lays out `blocks` as they come (a sequence another thread may still be filling), given the
    /// headings the contents list, known before the blocks are.
    public func layout<S: Sequence<Block>>(_ blocks: S, headings: [Heading]) -> LaidOutDocument {
        var paginator = self
        paginator.contents = headings.map { ($0.anchor, $0.level, $0.title) }
        return paginator.layoutWithContents(blocks)
    }

    private func layoutWithContents<S: Sequence<Block>>(_ blocks: S) -> LaidOutDocument {
        var pass = Pass(paginator: self).running(blocks)
        pass.fillContents()
        pass.finishPages(runningTitle: runningTitle)
        return LaidOutDocument(pages: pass.scenes, outline: pass.outline, notes: pass.notes)
    }
}

/// One layout pass: a cursor moving down the current page.
struct Pass {
    let paginator: Paginator
    /// The style of the page being filled: the paginator's, turned to the current orientation.
    var style: PageStyle
    var pages: [[Mark]] = [[]]
    /// Each page's size (a landscape section's pages are turned).
    var pageSizes: [Size]
    var coverPages: Set<Int> = []
    /// The pages the contents stand on, whose page numbers `fillContents` writes.
    var contentsPages: Set<Int> = []
    var y: Double
    var outline: [OutlineEntry] = []
    var notes: [String] = []

    init(paginator: Paginator) {
        self.paginator = paginator
        style = paginator.style
        pageSizes = [paginator.style.pageSize]
        y = paginator.style.frame.minY
    }

    var measurer: TextMeasurer { paginator.measurer }
    var frame: Rect { style.frame }
    var remaining: Double { frame.maxY - y }
    var pageIndex: Int { pages.count - 1 }
    var atTop: Bool { y <= frame.minY + 0.001 }
    var headingPagesFound: [String: Int] {
        Dictionary(outline.map { ($0.anchor, $0.page) }, uniquingKeysWith: { a, _ in a })
    }
    var scenes: [Scene] { zip(pages, pageSizes).map { Scene(size: $1, background: .white, marks: $0) } }

    /// The type area of page `index`, whatever its orientation.
    func frame(ofPage index: Int) -> Rect {
        var s = paginator.style
        s.pageSize = pageSizes[index]
        return s.frame
    }

    func running<S: Sequence<Block>>(_ blocks: S) -> Pass {
        var pass = self
        var iterator = blocks.makeIterator()
        var current = iterator.next()
        while let block = current {
            let next = iterator.next()
            pass.place(block, next: next)
            current = next
        }
        return pass
    }

    mutating func newPage() {
        pages.append([])
        pageSizes.append(style.pageSize)
        y = frame.minY
    }

    /// Turns the pages from here on; the current page too if nothing is on it yet.
    mutating func turn(to orientation: PageStyle.Orientation) {
        style = paginator.style.oriented(orientation)
        if pages[pageIndex].isEmpty {
            pageSizes[pageIndex] = style.pageSize
            y = frame.minY
        } else {
            newPage()
        }
    }

    mutating func emit(_ mark: Mark) { pages[pageIndex].append(mark) }

    mutating func place(_ block: Block, next: Block?) {
        switch block {
        case .cover(let c): placeCover(c)
        case .contents(let title, let depth): placeContents(title: title, depth: depth)
        case .heading(let h): placeHeading(h, next: next)
        case .paragraph(let p): placeParagraph(p)
        case .tiles(let t): placeTiles(t)
        case .figure(let f): placeFigure(f, next: next)
        case .table(let t): placeTable(t, next: next)
        case .pageBreak(let orientation?): turn(to: orientation)
        case .pageBreak(nil): if !atTop { newPage() }
        }
    }

    /// Starts a new page unless `height` fits below the cursor (or the page is still empty).
    mutating func ensureRoom(_ height: Double) {
        if height > remaining + 0.001, !atTop { newPage() }
    }

    /// The least height `block` needs at the foot of a page for a heading before it to stay with it.
    func leadingHeight(of block: Block?) -> Double {
        switch block {
        case .paragraph(let p)?:
            let lines = measurer.lines(p.text, style: paragraphStyle(p.kind), width: frame.width)
            let keep = lines.count <= 3 ? lines.count : 2
            return keep > 0 ? lines[keep - 1].bottom - lines[0].top : 0
        case .figure(let f)?: return figureHeight(f)
        case .tiles?: return tileHeight + style.blockGap
        case .table(let t)?: return tableLeadHeight(t)
        case .heading(let h)?: return headingHeight(h) + style.body.size * 3
        default: return 0
        }
    }

    func paragraphStyle(_ kind: Paragraph.Kind) -> TextStyle { kind == .note ? style.note : style.body }

    /// The least height a note following a table or figure needs beside it (0 when `next` is no note):
    /// a note explains what it follows, so the two share a page.
    func noteLeadHeight(of next: Block?) -> Double {
        guard case .paragraph(let p)? = next, p.kind == .note else { return 0 }
        return leadingHeight(of: next)
    }
}

extension Pass {
    /// A text mark set in a column `width` wide at (`x`, `y`), its box placed where its alignment
    /// puts it (the canvas sets a text's box at the frame's origin), and its height.
    func aligned(
        _ text: String, style s: TextStyle, x: Double, y: Double, width: Double, role: Role, datum: String? = nil
    ) -> (mark: Mark, height: Double) {
        let m = measurer.measure(text, style: s, wrapWidth: width)
        let dx: Double
        switch s.alignment {
        case .left: dx = 0
        case .center: dx = (width - m.width) / 2
        case .right: dx = width - m.width
        }
        let mark = Mark.text(
            TextMark(
                text: text, style: s, frame: Rect(x: x + dx, y: y, width: m.width, height: m.height),
                wrapWidth: width, role: role, datum: datum))
        return (mark, m.height)
    }
}
