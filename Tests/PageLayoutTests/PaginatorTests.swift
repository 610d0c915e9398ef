import ChartCompiler
import ChartScene
import Foundation
import PageLayout
import Testing

/// Layout on scenes: font-independent measurement (every hanzi one em), so page breaks are exact.
@Suite struct PaginatorTests {
    let measurer = FixedAdvanceMeasurer()
    var style: PageStyle { PageStyle.a4() }

    func paginate(_ blocks: [Block]) -> LaidOutDocument {
        Paginator(style: style, measurer: measurer, runningTitle: "测试报告").layout(blocks)
    }

    /// A paragraph of `lines` full body lines (plus the indent).
    func paragraph(lines: Int, tag: String = "甲") -> Paragraph {
        let perLine = Int(style.frame.width / style.body.size)
        return Paragraph(String(repeating: tag, count: perLine * lines - 2))
    }

    func bodyMarks(_ page: Scene) -> [TextMark] { page.texts(.body) }

    @Test func aLongParagraphIsSplitBetweenLinesWithNoWidowOrOrphan() {
        let lineCount = measurer.lines(paragraph(lines: 1).text, style: style.body, width: style.frame.width).count
        #expect(lineCount == 1)
        let pitch = style.body.size * 1.45 * style.body.lineSpacing
        let perPage = Int(style.frame.height / pitch)
        // Fill the first page but for three lines, then a paragraph of eight lines.
        let filler = paragraph(lines: perPage - 3 - 1, tag: "乙")
        let doc = paginate([.paragraph(filler), .paragraph(paragraph(lines: 8))])
        #expect(doc.pages.count == 2)
        let first = bodyMarks(doc.pages[0]).last!, second = bodyMarks(doc.pages[1]).first!
        #expect(first.text == second.text)
        let a = first.lines!, b = second.lines!
        #expect(a.lowerBound == 0 && a.upperBound == b.lowerBound && b.upperBound == 8)
        #expect(a.count >= 2 && b.count >= 2)
        #expect(second.frame.minY == style.frame.minY)
    }

    @Test func aShortParagraphMovesWholeRatherThanLeaveOneLine() {
        let pitch = style.body.size * 1.45 * style.body.lineSpacing
        let perPage = Int(style.frame.height / pitch)
        let doc = paginate([.paragraph(paragraph(lines: perPage - 1 - 1, tag: "乙")), .paragraph(paragraph(lines: 3))])
        #expect(doc.pages.count == 2)
        #expect(bodyMarks(doc.pages[1]).first?.lines == nil, "the three-line paragraph is not split")
    }

    @Test func aFiveLineParagraphSplitAfterLineThreeDrawsBothParts() {
        let text = paragraph(lines: 5).text
        let lines = measurer.lines(text, style: style.body, width: style.frame.width)
        #expect(lines.count == 5)
        let head = TextMark(
            text: text, style: style.body, frame: Rect(x: 0, y: 700, width: style.frame.width, height: lines[2].bottom),
            wrapWidth: style.frame.width, lines: 0..<3, role: .body)
        let tail = TextMark(
            text: text, style: style.body,
            frame: Rect(x: 0, y: 70, width: style.frame.width, height: lines[4].bottom - lines[3].top),
            wrapWidth: style.frame.width, lines: 3..<5, role: .body)
        let canvas = RecordingCanvas()
        canvas.draw(Scene(size: style.pageSize, marks: [.text(head)]))
        canvas.draw(Scene(size: style.pageSize, marks: [.text(tail)]))
        let drawn = canvas.operations.compactMap { op -> (Point, Range<Int>?)? in
            if case .text(_, _, let p, _, _, let r) = op { (p, r) } else { nil }
        }
        #expect(drawn.map(\.1) == [0..<3, 3..<5])
        #expect(drawn.map(\.0) == [Point(0, 700), Point(0, 70)])
        // The parts' byte ranges cover the text exactly once.
        #expect(lines[0].range.lowerBound == 0 && lines[4].range.upperBound == text.utf8.count)
        #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
        #expect(lines[0].x == style.body.paragraph.firstLineIndent && lines[1].x == 0)
    }

    @Test func aHeadingIsNeverLastOnAPage() {
        let pitch = style.body.size * 1.45 * style.body.lineSpacing
        let perPage = Int(style.frame.height / pitch)
        let heading = Heading(level: 1, number: "一、", text: "综合", anchor: "h1")
        let doc = paginate([
            .paragraph(paragraph(lines: perPage - 3, tag: "乙")), .heading(heading), .paragraph(paragraph(lines: 6)),
        ])
        #expect(doc.pages.count == 2)
        #expect(doc.pages[0].texts(.heading).isEmpty)
        #expect(doc.pages[1].texts(.heading).first?.text == "一、综合")
        #expect(doc.outline == [OutlineEntry(title: "一、综合", level: 1, page: 1, anchor: "h1")])
    }

    @Test func aLongTableRepeatsItsHeaderUnderContinuedCaption() {
        let rows = (1...80).map { TableBlock.Row(["指标\($0)", "\($0).0", "亿元"]) }
        let table = TableBlock(
            number: "表1", title: "主要指标", header: ["指标", "数值", "单位"], alignments: [.leading, .trailing, .center],
            widths: [2, 1, 1], rows: rows)
        let doc = paginate([.table(table)])
        #expect(doc.pages.count >= 2)
        let captions = doc.pages.map { $0.texts(.caption).map(\.text) }
        #expect(captions[0] == ["表1  主要指标"])
        #expect(captions[1] == ["续表1  主要指标"])
        for page in doc.pages {
            #expect(page.texts(.tableHeader).map(\.text) == ["指标", "数值", "单位"])
        }
        // Every row exactly once, in order.
        let names = doc.pages.flatMap { $0.texts(.tableCell).map(\.text).filter { $0.hasPrefix("指标") } }
        #expect(names == rows.map { $0.cells[0] })
        // Three rules a page: top, under the header, bottom.
        #expect(doc.pages.allSatisfy { $0.shapes(.tableRule).count == 3 })
    }

    /// The page each text starting with `prefix` is on (first match).
    func page(of prefix: String, in doc: LaidOutDocument) -> Int? {
        doc.pages.firstIndex { $0.texts().contains { $0.text.hasPrefix(prefix) } }
    }

    /// Wherever a table falls, a note after it starts on the page of its last row, and its last two
    /// rows share a page: the filler moves the table down line by line across a page break.
    @Test func aNoteStaysWithTheTableAndTheLastTwoRowsTogether() {
        let rows = (1...8).map { TableBlock.Row(["指标\($0)", "\($0).0", "亿元"]) }
        let table = TableBlock(
            number: "表1", title: "主要指标", header: ["指标", "数值", "单位"], alignments: [.leading, .trailing, .center],
            widths: [2, 1, 1], rows: rows)
        let note = Paragraph("注：本表数据为初步统计数。", kind: .note)
        let pitch = style.body.size * 1.45 * style.body.lineSpacing
        let perPage = Int(style.frame.height / pitch)
        var split = 0, moved = 0
        for fill in (perPage - 14)...(perPage - 3) {
            let doc = paginate([.paragraph(paragraph(lines: fill, tag: "乙")), .table(table), .paragraph(note)])
            let last = page(of: "指标8", in: doc), beforeLast = page(of: "指标7", in: doc)
            #expect(last != nil && last == beforeLast, "filler \(fill): the last two rows are apart")
            #expect(page(of: "注：", in: doc) == last, "filler \(fill): the note left its table")
            if page(of: "指标1", in: doc) != last { split += 1 }
            if page(of: "表1", in: doc) == 1 { moved += 1 }
        }
        #expect(split > 0 && moved > 0)   // the table was split, and moved whole, at some fillers
    }

    /// A note after a figure starts on the figure's page: both move when the note does not fit.
    @Test func aNoteStaysWithTheFigure() {
        let figure = Figure(
            scene: Scene(size: Size(400, 250), background: .white, marks: []), caption: "图1 测试图",
            alternative: "测试图")
        let note = Paragraph("注：图中数据为初步统计数。", kind: .note)
        let pitch = style.body.size * 1.45 * style.body.lineSpacing
        let perPage = Int(style.frame.height / pitch)
        var moved = 0
        for fill in (perPage - 16)...(perPage - 1) {
            let doc = paginate([.paragraph(paragraph(lines: fill, tag: "乙")), .figure(figure), .paragraph(note)])
            let at = page(of: "图1", in: doc)
            #expect(at != nil && page(of: "注：", in: doc) == at, "filler \(fill)")
            if at == 1 { moved += 1 }
        }
        #expect(moved > 0)
    }

    @Test func pageNumbersAndContentsAgree() {
        var blocks: [Block] = [.cover(Cover(title: "报告")), .contents(title: "目录", depth: 2)]
        for n in 1...4 {
            blocks.append(.heading(Heading(level: 1, number: "\(n).", text: "第\(n)节", anchor: "s\(n)")))
            blocks.append(.paragraph(paragraph(lines: 30)))
        }
        let doc = paginate(blocks)
        let total = doc.pages.count
        #expect(doc.pages[0].texts(.pageNumber).isEmpty, "no number on the cover")
        for (i, page) in doc.pages.enumerated().dropFirst() {
            #expect(page.texts(.pageNumber).last?.text == "第 \(i + 1) 页 共 \(total) 页")
            #expect(page.texts(.runningHeader).first?.text == "测试报告")
        }
        let contents = doc.pages[1].texts(.pageNumber).filter { $0.datum != nil }
        #expect(contents.count == 4)
        for entry in doc.outline {
            let number = contents.first { $0.datum == entry.anchor }?.text
            #expect(number == "\(entry.page + 1)")
            #expect(doc.pages[entry.page].texts(.heading).contains { $0.datum == entry.anchor })
        }
    }

    /// A landscape section: its pages are turned, its table spans the wider type area, the page
    /// numbers stay centred on each page, and a later break turns the pages back.
    @Test func aLandscapeSectionTurnsItsPagesAndWidensItsTable() {
        let table = TableBlock(
            number: "表1", title: "分县指标", header: ["地区", "2021", "2022", "2023"],
            alignments: [.leading, .trailing, .trailing, .trailing], widths: [2, 1, 1, 1],
            rows: (1...5).map { TableBlock.Row(["县\($0)", "1.0", "2.0", "3.0"]) })
        let doc = paginate([
            .paragraph(paragraph(lines: 3)), .pageBreak(.landscape), .table(table),
            .pageBreak(.portrait), .paragraph(paragraph(lines: 3)),
        ])
        let portrait = style.pageSize, landscape = style.oriented(.landscape).pageSize
        #expect(landscape.width > landscape.height && landscape.width == portrait.height)
        #expect(doc.pages.map(\.size) == [portrait, landscape, portrait])
        let rules = doc.pages[1].shapes(.tableRule).map { $0.path.bounds }
        #expect(!rules.isEmpty)
        let wide = style.oriented(.landscape).frame
        for r in rules {
            #expect(abs(r.minX - wide.minX) < 0.01 && abs(r.maxX - wide.maxX) < 0.01, "\(r) spans \(wide)")
        }
        for page in doc.pages {
            let number = page.texts(.pageNumber).last!
            #expect(abs(number.frame.midX - page.size.width / 2) < 1, "page number centred on a \(page.size) page")
        }
        // A break at the top of an empty page turns that page rather than leaving it blank.
        let turned = paginate([.pageBreak(.landscape), .paragraph(paragraph(lines: 3))])
        #expect(turned.pages.map(\.size) == [landscape])
    }

    /// A cover title too long for a line breaks before its year, not inside the region's name.
    @Test func aLongCoverTitleBreaksBeforeItsYear() {
        let long = "湘西土家族苗族自治州2023年经济社会发展统计摘要"
        let titles = { (doc: LaidOutDocument) in doc.pages[0].texts(.cover).map(\.text) }
        #expect(titles(paginate([.cover(Cover(title: long))])).first == "湘西土家族苗族自治州\n2023年经济社会发展统计摘要")
        #expect(titles(paginate([.cover(Cover(title: "新邵县2023年统计摘要"))])).first == "新邵县2023年统计摘要")
    }
}
