import CairoCanvas
import ChartCompiler
import ChartScene
import CountyImageTestSupport
import CountyTestSupport
import Foundation
import Testing

/// A small scene with a known bar colour and a Chinese label.
func probeScene(text: String = "邵阳市统计局") -> Scene {
    Scene(
        size: Size(400, 300), background: .white,
        marks: [
            .shape(
                ShapeMark(
                    path: Path(rect: Rect(x: 100, y: 100, width: 50, height: 100)),
                    fill: Color(red: 0.2, green: 0.45, blue: 0.75), role: .bar)),
            .text(
                TextMark(
                    text: text, style: TextStyle(size: 24, weight: .bold),
                    frame: Rect(x: 20, y: 20, width: 200, height: 40),
                    role: .title)),
        ])
}

let barPixel: UInt32 = 0xFF33_73BF

@Suite(.serialized) struct RendererTests {
    let renderer: Renderer

    init() throws { renderer = Renderer(fonts: try FontLibrary.bundled()) }

    @Test func pngHasTheSceneSizeAndColours() throws {
        let bitmap = try Bitmap(png: renderer.png(probeScene()))
        #expect(bitmap.width == 400 && bitmap.height == 300)
        #expect(bitmap[0, 0] == 0xFFFF_FFFF)
        #expect(bitmap[125, 150] == barPixel)
        #expect(count(barPixel, in: bitmap) == 50 * 100)
        // Text was drawn: dark pixels inside the title box.
        let dark = bitmap.pixels.enumerated().filter { i, p in
            let (x, y) = (i % 400, i / 400)
            return y < 70 && x < 240 && channels(p).r < 80
        }.count
        #expect(dark > 200)
    }

    @Test func scaleTwoDoublesThePixelsNotTheLayout() throws {
        let one = try Bitmap(png: renderer.png(probeScene(), scale: 1))
        let two = try Bitmap(png: renderer.png(probeScene(), scale: 2))
        #expect(two.width == 800 && two.height == 600)
        #expect(count(barPixel, in: two) == 4 * count(barPixel, in: one))
        #expect(two[250, 300] == barPixel && two[199, 300] == 0xFFFF_FFFF && two[200, 300] == barPixel)
        // The text occupies the same place: its ink spans the same box, doubled.
        func inkBox(_ b: Bitmap, _ k: Int) -> (Int, Int, Int, Int) {
            var x0 = Int.max, y0 = Int.max, x1 = 0, y1 = 0
            for y in 0..<(80 * k) {
                for x in 0..<(300 * k) where channels(b[x, y]).r < 128 {
                    x0 = min(x0, x); y0 = min(y0, y); x1 = max(x1, x); y1 = max(y1, y)
                }
            }
            return (x0, y0, x1, y1)
        }
        let a = inkBox(one, 1), b = inkBox(two, 2)
        #expect(
            abs(b.0 - 2 * a.0) <= 2 && abs(b.2 - 2 * a.2) <= 3 && abs(b.1 - 2 * a.1) <= 2 && abs(b.3 - 2 * a.3) <= 3)
    }

    @Test func transparentBackgroundStaysClear() throws {
        var scene = probeScene()
        scene.background = nil
        let bitmap = try Bitmap(png: renderer.png(scene))
        #expect(bitmap[0, 0] >> 24 == 0)
        #expect(bitmap[125, 150] == barPixel)
    }

    @Test func missingGlyphsAreReportedWithTheirText() throws {
        let fonts = try FontLibrary.bundled()
        #expect(fonts.missingCharacters(in: "新邵县 2023年 −5.2%∶①") == [])
        // 喆 (通用规范汉字表) and 浉 (a county's name) are in the subset; 龘 and 㐀 are not.
        #expect(fonts.missingCharacters(in: "张喆浉河龘和㐀") == ["龘", "㐀"])
        // Pango's own count agrees that these would be boxes.
        #expect(renderer.unknownGlyphCount("张喆浉河龘和㐀", style: TextStyle(size: 12)) == 2)
        #expect(renderer.unknownGlyphCount("新邵县", style: TextStyle(size: 12)) == 0)
        let r = Renderer(fonts: fonts)
        _ = try r.png(probeScene(text: "记者张龘报道"))
        #expect(r.missingGlyphs == [MissingGlyph(character: "龘", text: "记者张龘报道")])
        #expect(r.missingGlyphs[0].description.contains("U+9F98"))
    }

    @Test func measuresWithTheSameEngineThatDraws() {
        let m = renderer.measurer
        let style = TextStyle(size: 20)
        let cjk = m.measure("新邵县", style: style, wrapWidth: nil)
        #expect(abs(cjk.width - 60) < 0.5)   // CJK ideographs are 1 em wide
        #expect(cjk.lineCount == 1 && cjk.height > 20 && cjk.baseline > 15)
        let wrapped = m.measure("新邵县地区生产总值", style: style, wrapWidth: 70)
        #expect(wrapped.lineCount == 3 && wrapped.width <= 70)
        let bold = m.measure("新邵县", style: TextStyle(size: 20, weight: .bold), wrapWidth: nil)
        #expect(abs(bold.width - 60) < 0.5)
    }

    @Test func pdfBookmarksAndMetadataRoundTrip() throws {
        let pages = [PDFPage(scene: probeScene(text: "一、综述")), PDFPage(scene: probeScene(text: "二、工业"))]
        let pdf = try renderer.pdf(
            pages,
            metadata: PDFMetadata(
                title: "新邵县年度统计摘要", author: "新邵县统计局",
                subject: "测试", creationDate: "2024-03-01T00:00:00Z"),
            bookmarks: [Bookmark(title: "一、综述", page: 0), Bookmark(title: "二、工业", page: 1, y: 100)])
        let dir = Repository.temporaryDirectory()
        let path = dir.appendingPathComponent("book.pdf").path
        try pdf.write(to: URL(fileURLWithPath: path))
        let info = try runProcess("/usr/bin/pdfinfo", [path])
        #expect(info.stdout.contains("新邵县年度统计摘要"))
        #expect(info.stdout.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 2") })
        #expect(info.stdout.contains("2024"))
        let text = try runProcess("/usr/bin/pdftotext", [path, "-"])
        #expect(text.stdout.contains("一、综述") && text.stdout.contains("二、工业"))
        let outline = try runProcess("/usr/bin/qpdf", ["--json", "--json-key=outlines", path])
        #expect(outline.stdout.contains("一、综述") || outline.stdout.contains("\\u4e00"))
        #expect(outline.stdout.contains("\"destpageposfrom1\": 2"))
    }

    /// Cairo cannot give a figure alternative text; the tagged PDF's update gives each `Figure`
    /// element its own, in order, and the file stays valid.
    @Test func figuresCarryTheirAlternativeTextsInOrder() throws {
        func figurePage(_ alt: String, _ text: String) -> PDFPage {
            PDFPage(
                scene: Scene(
                    size: Size(400, 300), background: .white,
                    marks: [
                        .group(
                            GroupMark(
                                marks: probeScene(text: text).marks, role: "figure", tag: .figure(alternative: alt))),
                        .group(
                            GroupMark(
                                marks: [
                                    .text(
                                        TextMark(
                                            text: "图\(text)", style: TextStyle(size: 10),
                                            frame: Rect(x: 20, y: 260, width: 200, height: 20), role: .text))
                                ], role: "caption", tag: .caption)),
                    ]))
        }
        let alts = ["图1 地区生产总值（亿元）：2021年 252.1，2023年 280.4", "图2 “增速”(%) & <比较>\\"]
        let pdf = try renderer.pdf(
            [figurePage(alts[0], "一"), figurePage(alts[1], "二")],
            metadata: PDFMetadata(title: "图", creationDate: "2024-01-01T00:00:00Z"))
        let path = Repository.temporaryDirectory().appendingPathComponent("figures.pdf").path
        try pdf.write(to: URL(fileURLWithPath: path))
        #expect(try runProcess("/usr/bin/qpdf", ["--check", path]).status == 0)
        let json = try runProcess("/usr/bin/qpdf", ["--json=2", "--json-key=qpdf", path]).stdout
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let objects = try #require((root["qpdf"] as? [Any])?.last as? [String: Any])
        let figures = objects.compactMap { key, object -> (Int, String?)? in
            guard let value = (object as? [String: Any])?["value"] as? [String: Any],
                value["/S"] as? String == "/Figure",
                let number = Int(key.split(separator: ":")[1].split(separator: " ")[0])
            else { return nil }
            return (number, (value["/Alt"] as? String).map { String($0.dropFirst(2)) })   // "u:…"
        }.sorted { $0.0 < $1.0 }.map(\.1)
        #expect(figures == alts)
    }

    /// Page furniture (running header, page number) is an artifact: marked `/Artifact BMC` in the
    /// content stream and absent from the structure tree, while the page's paragraph stays tagged.
    @Test func pageFurnitureIsAnArtifactOutsideTheStructureTree() throws {
        func page(_ n: Int) -> PDFPage {
            PDFPage(
                scene: Scene(
                    size: Size(400, 300), background: .white,
                    marks: [
                        .group(
                            GroupMark(
                                marks: [
                                    .text(
                                        TextMark(
                                            text: "正文第\(n)页", style: TextStyle(size: 12),
                                            frame: Rect(x: 20, y: 100, width: 200, height: 20), role: .text))
                                ],
                                role: "body", tag: .paragraph)),
                        .group(
                            GroupMark(
                                marks: [
                                    .text(
                                        TextMark(
                                            text: "第 \(n) 页", style: TextStyle(size: 9),
                                            frame: Rect(x: 20, y: 270, width: 200, height: 20), role: .text))
                                ],
                                role: "running-header", tag: .artifact)),
                    ]))
        }
        let pdf = try renderer.pdf(
            [page(1), page(2)], metadata: PDFMetadata(title: "页", creationDate: "2024-01-01T00:00:00Z"))
        let dir = Repository.temporaryDirectory()
        let path = dir.appendingPathComponent("furniture.pdf").path,
            plain = dir.appendingPathComponent("plain.pdf").path
        try pdf.write(to: URL(fileURLWithPath: path))
        #expect(try runProcess("/usr/bin/qpdf", ["--check", path]).status == 0)
        #expect(try runProcess("/usr/bin/pdfinfo", [path]).stdout.contains("Tagged:          yes"))
        // Uncompressed, as a reader sees it: two artifact sequences, two tagged paragraphs.
        _ = try runProcess("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", path, plain])
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: plain)), as: UTF8.self)
        #expect(text.components(separatedBy: "/Artifact BMC").count - 1 == 2)
        #expect(text.components(separatedBy: "/P << /MCID").count - 1 == 2)
        #expect(!text.contains("/Private <<"))
        // The tree's root lists the paragraphs only.
        let json = try runProcess("/usr/bin/qpdf", ["--json=2", "--json-key=qpdf", path]).stdout
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let objects = try #require((root["qpdf"] as? [Any])?.last as? [String: Any])
        func value(_ ref: String) -> [String: Any]? {
            (objects["obj:" + ref] as? [String: Any])?["value"] as? [String: Any]
        }
        let tree = try #require(
            objects.values.compactMap { ($0 as? [String: Any])?["value"] as? [String: Any] }
                .first { $0["/Type"] as? String == "/StructTreeRoot" })
        let kids = (tree["/K"] as? [String]) ?? [tree["/K"] as? String].compactMap { $0 }
        #expect(kids.map { value($0)?["/S"] as? String } == ["/P", "/P"])
        // Both pages' text is still there to read.
        let extracted = try runProcess("/usr/bin/pdftotext", [path, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(extracted == "正文第1页第1页正文第2页第2页")
    }

    /// A tagged PDF's objects other than streams (structure elements, annotations, pages) are packed
    /// into compressed object streams with a cross-reference stream: none is left as plain text, and
    /// qpdf, pdfinfo and pdftotext read the same document as from the objects unpacked.
    @Test func objectsArePackedIntoObjectStreams() throws {
        func page(_ n: Int) -> PDFPage {
            PDFPage(
                scene: Scene(
                    size: Size(400, 300), background: .white,
                    marks: (0..<6).map { k in
                        .group(
                            GroupMark(
                                marks: [
                                    .text(
                                        TextMark(
                                            text: "第\(n)页第\(k)段", style: TextStyle(size: 12),
                                            frame: Rect(x: 20, y: 20 + 40 * Double(k), width: 200, height: 20),
                                            role: .text))
                                ],
                                role: "body", tag: .paragraph))
                    }))
        }
        let pdf = try renderer.pdf(
            (1...3).map(page), metadata: PDFMetadata(title: "包", creationDate: "2024-01-01T00:00:00Z"),
            bookmarks: [Bookmark(title: "第一节", page: 1, y: 20)])
        let dir = Repository.temporaryDirectory()
        let path = dir.appendingPathComponent("packed.pdf").path, plain = dir.appendingPathComponent("unpacked.pdf").path
        try pdf.write(to: URL(fileURLWithPath: path))
        let raw = String(decoding: pdf, as: UTF8.self)
        #expect(raw.contains("/Type /ObjStm") && raw.contains("/Type /XRef"))
        #expect(!raw.contains("/StructElem") && !raw.contains("/StructTreeRoot") && !raw.contains("\nxref\n"))
        #expect(try runProcess("/usr/bin/qpdf", ["--check", path]).status == 0)
        let info = try runProcess("/usr/bin/pdfinfo", [path]).stdout
        #expect(info.contains("Tagged:          yes") && info.contains("Pages:           3") && info.contains("Title:           包"))
        // Unpacked by qpdf (every object plain again): the same structure and text.
        #expect(try runProcess("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", path, plain]).status == 0)
        let unpacked = String(decoding: try Data(contentsOf: URL(fileURLWithPath: plain)), as: UTF8.self)
        #expect(unpacked.components(separatedBy: "/Type /StructElem").count - 1 >= 18)
        #expect(unpacked.contains("/MarkInfo") && unpacked.contains("/Lang"))
        for file in [path, plain] {
            let text = try runProcess("/usr/bin/pdftotext", [file, "-"]).stdout.filter { !$0.isWhitespace }
            #expect(text == (1...3).map { n in (0..<6).map { "第\(n)页第\($0)段" }.joined() }.joined())
        }
        let outline = try runProcess("/usr/bin/qpdf", ["--json", "--json-key=outlines", path]).stdout
        #expect(outline.contains("第一节"))
    }

    @Test func svgIsWellFormedWithPixelSize() throws {
        let svg = String(decoding: try renderer.svg(probeScene()), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("width=\"400px\"") && svg.contains("height=\"300px\""))
        #expect(svg.contains("<path") || svg.contains("<use"))
        #expect(svg.contains("rgb(20%, 45%, 75%)") || svg.contains("rgb(20%,45%,75%)"))
    }

    @Test func renderingIsDeterministic() throws {
        let a = try renderer.png(probeScene()), b = try renderer.png(probeScene())
        #expect(a == b)
        let meta = PDFMetadata(title: "同一", creationDate: "2024-01-01T00:00:00Z")
        #expect(
            try renderer.pdf([PDFPage(scene: probeScene())], metadata: meta)
                == renderer.pdf([PDFPage(scene: probeScene())], metadata: meta))
    }

    /// Pages asked for one at a time (laid out elsewhere while earlier ones are drawn) give the same
    /// document as the pages given at once; each page is asked for once, in order; a failing page
    /// is an error, not a shorter document.
    @Test func pagesAskedForOneAtATimeGiveTheSameDocument() throws {
        let meta = PDFMetadata(title: "逐页", creationDate: "2024-01-01T00:00:00Z")
        let scenes = ["新邵县", "隆回县", "邵东市"].map { probeScene(text: $0) }
        var asked: [Int] = []
        let streamed = try renderer.pdf(pageCount: scenes.count, metadata: meta) { i in
            asked.append(i)
            return PDFPage(scene: scenes[i])
        }
        #expect(asked == [0, 1, 2])
        #expect(streamed == (try renderer.pdf(scenes.map { PDFPage(scene: $0) }, metadata: meta)))
        struct Broken: Error {}
        #expect(throws: Broken.self) {
            try renderer.pdf(pageCount: 3, metadata: meta) { i in
                if i == 1 { throw Broken() }
                return PDFPage(scene: scenes[i])
            }
        }
    }

    @Test func creationDateIsFixedUnlessGiven() {
        #expect(PDFMetadata().creationDate == "2000-01-01T00:00:00Z")
        #expect(PDFMetadata(creationDate: "2023-11-14T22:13:20Z").creationDate == "2023-11-14T22:13:20Z")
    }

    @Test func chartRendersTheSameThroughCairoAsThroughTheRecorder() throws {
        // The scene compiled with Pango metrics draws the same texts through both canvases.
        let spec = BarChartSpec(
            title: "测试图", bars: [.init(category: "甲县", value: 3), .init(category: "乙县", value: 5)], unit: "亿元")
        let scene = try spec.compile(size: Size(800, 450), measurer: renderer.measurer)
        let recorder = RecordingCanvas(measurer: renderer.measurer)
        recorder.draw(scene)
        #expect(recorder.texts.contains("测试图") && recorder.texts.contains("5.00"))
        let bitmap = try Bitmap(png: renderer.png(scene))
        let barColour: UInt32 = 0xFF1F_5FA8
        let bars = scene.shapes(.bar)
        for bar in bars {
            let b = bar.path.bounds
            #expect(bitmap[Int(b.midX), Int(b.midY)] == barColour)
        }
        #expect(
            abs(
                Double(count(barColour, in: bitmap))
                    - bars.map { $0.path.bounds.width * $0.path.bounds.height }.reduce(0, +))
                < Double(bars.count) * 2 * (bars[0].path.bounds.width + bars[1].path.bounds.height))
    }
}

/// The PNG encoder (bands of rows compressed in parallel, row filters, un-premultiplied alpha)
/// decodes back to exactly the pixels drawn. Each test gets its own renderer.
@Suite(.serialized) struct PNGEncoderTests {
    let renderer: Renderer
    let scene: Scene

    init() throws {
        renderer = Renderer(fonts: try FontLibrary.bundled())
        var marks = probeScene(text: "2023年地区生产总值 176.3亿元 增长6.9%").marks
        for i in 0..<30 {   // gradients of translucent strokes: no two rows alike
            marks.append(
                .shape(
                    ShapeMark(
                        path: Path(rect: Rect(x: Double(i * 13), y: Double(i * 9), width: 37, height: 150)),
                        fill: Color(red: Double(i) / 30, green: 0.5, blue: 1 - Double(i) / 30, alpha: 0.35), role: .bar)
                ))
        }
        scene = Scene(size: Size(401, 299), background: .white, marks: marks)
    }

    @Test(arguments: [0, 1, 2, 4] as [Int32], [1, 2, 3, 5] as [Int32])
    func opaqueImagesRoundTripExactly(filter: Int32, threads: Int32) throws {
        renderer.pngFilter = filter
        renderer.pngThreads = threads
        let drawn = try renderer.bitmap(scene)
        let decoded = try Bitmap(png: renderer.png(scene))
        #expect(decoded == drawn)
    }

    @Test(arguments: [1, 2] as [Int32]) func transparentImagesRoundTripWithinRounding(threads: Int32) throws {
        var clear = scene
        clear.background = nil
        renderer.pngThreads = threads
        let drawn = try renderer.bitmap(clear), decoded = try Bitmap(png: renderer.png(clear))
        #expect(decoded.width == drawn.width && decoded.height == drawn.height)
        #expect(decoded[400, 0] == 0)
        func channelDifference(_ a: UInt32, _ b: UInt32) -> Int {
            var worst = 0
            for shift: UInt32 in [0, 8, 16, 24] {
                let x = Int((a >> shift) & 0xFF), y = Int((b >> shift) & 0xFF)
                worst = max(worst, abs(x - y))
            }
            return worst
        }
        let worst = zip(drawn.pixels, decoded.pixels).map(channelDifference).max() ?? 0
        #expect(worst <= 1)
        #expect(drawn.pixels.contains { $0 >> 24 != 0 && $0 >> 24 != 0xFF })
    }

    @Test func levelsAndBandsChangeSizeNotPixels() throws {
        renderer.pngThreads = 1
        let one = try renderer.png(scene)
        renderer.pngThreads = 4
        renderer.pngLevel = 9
        let nine = try renderer.png(scene)
        #expect(nine.count < one.count)
        #expect(try Bitmap(png: one) == Bitmap(png: nine))
    }
}
