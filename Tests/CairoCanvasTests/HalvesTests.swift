import ChartScene
import CountyImageTestSupport
import CountyTestSupport
import Foundation
import Testing

@testable import CairoCanvas

/// A long PDF drawn in two halves on two threads (`Renderer.pdf(_:metadata:bookmarks:helper:)`) reads
/// as the same document drawn whole: text, structure tree in reading order, figures' alternative
/// texts, artifacts, outline and contents links, page by page.
@Suite(.serialized) struct HalvesTests {
    let renderer: Renderer, helper: Renderer

    init() throws {
        let fonts = try FontLibrary.bundled()
        renderer = Renderer(fonts: fonts)
        helper = Renderer(fonts: fonts)
    }

    private func text(_ s: String, y: Double, size: Double = 12) -> Mark {
        .text(TextMark(text: s, style: TextStyle(size: size), frame: Rect(x: 40, y: y, width: 300, height: 20), role: .text))
    }

    /// Page 0 lists links to the headings of pages 3, 12 and 19; every page has a heading (anchored),
    /// two paragraphs, every third page a figure, and a running footer (an artifact).
    private func document(pages count: Int) -> [PDFPage] {
        let linked = [3, 12, 19].filter { $0 < count }
        return (0..<count).map { p in
            var marks: [Mark] = []
            if p == 0 {
                marks.append(
                    .group(
                        GroupMark(
                            marks: linked.enumerated().map { i, target in
                                .group(
                                    GroupMark(
                                        marks: [text("第\(target)页的标题 …… \(target + 1)", y: 60 + 24 * Double(i))],
                                        role: "entry", tag: .tocItem, link: "h\(target)"))
                            }, role: "contents", tag: .toc)))
            }
            marks.append(
                .group(GroupMark(marks: [text("第\(p)页的标题", y: 200, size: 16)], role: "heading", tag: .heading(level: 1), anchor: "h\(p)")))
            for k in 0..<2 {
                marks.append(.group(GroupMark(marks: [text("第\(p)页第\(k)段正文", y: 240 + 30 * Double(k))], role: "body", tag: .paragraph)))
            }
            if p % 3 == 0 {
                marks.append(
                    .group(GroupMark(marks: probeScene(text: "图\(p)").marks, role: "figure", tag: .figure(alternative: "图\(p) 的数据"))))
            }
            marks.append(.group(GroupMark(marks: [text("第 \(p + 1) 页", y: 560, size: 9)], role: "footer", tag: .artifact)))
            return PDFPage(scene: Scene(size: Size(420, 595), background: .white, marks: marks))
        }
    }

    private func write(_ pdf: Data, _ name: String) throws -> String {
        let path = Repository.temporaryDirectory().appendingPathComponent(name).path
        try pdf.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aLongDocumentDrawnInHalvesReadsAsTheWholeOne() throws {
        let pages = document(pages: 20)
        let meta = PDFMetadata(title: "分两半", author: "测试", creationDate: "2024-01-01T00:00:00Z")
        let bookmarks = [
            Bookmark(title: "第三页", page: 3, destination: "h3"), Bookmark(title: "第十二页", page: 12, level: 1, destination: "h12"),
            Bookmark(title: "第十八页", page: 18, y: 200),
        ]
        let whole = try write(try renderer.pdf(pages, metadata: meta, bookmarks: bookmarks), "whole.pdf")
        let halves = try write(try renderer.pdf(pages, metadata: meta, bookmarks: bookmarks, helper: helper), "halves.pdf")
        // Drawn in two files: the second brings its own font subsets.
        let fonts = { (p: String) in try runProcess("/usr/bin/pdffonts", [p]).stdout.split(separator: "\n").count }
        #expect(try fonts(halves) > fonts(whole))
        #expect(try runProcess("/usr/bin/qpdf", ["--check", halves]).status == 0)
        let info = try runProcess("/usr/bin/pdfinfo", [halves]).stdout
        #expect(info.contains("Tagged:          yes") && info.contains("Pages:           20") && info.contains("Title:           分两半"))
        #expect(try runProcess("/usr/bin/pdftotext", [halves, "-"]).stdout == runProcess("/usr/bin/pdftotext", [whole, "-"]).stdout)
        let a = try Reading(whole), b = try Reading(halves)
        #expect(b.structure.count == 20 * 3 + 7 + 3 + 1 + 3)   // headings, paragraphs, figures, TOC, its entries and links
        #expect(b.structure == a.structure)
        #expect(b.links == a.links && b.links == [3, 12, 19])
        #expect(b.outline == a.outline && b.outline == ["第三页 3", "第十二页 12", "第十八页 18"])
        #expect(b.artifacts == 20 && a.artifacts == 20)
        #expect(b.structure.filter { $0.hasPrefix("/Figure") }.count == 7)
        // Pixels: every page the same.
        let dir = Repository.temporaryDirectory()
        for (file, prefix) in [(whole, "w"), (halves, "h")] {
            _ = try runProcess("/usr/bin/pdftoppm", ["-png", "-r", "30", file, dir.appendingPathComponent(prefix).path])
        }
        for p in 1...20 {
            let n = String(format: "%02d", p)
            let w = try Bitmap(png: try Data(contentsOf: dir.appendingPathComponent("w-\(n).png")))
            let h = try Bitmap(png: try Data(contentsOf: dir.appendingPathComponent("h-\(n).png")))
            #expect(try #require(rmsDifference(w, h)) < 0.5, "page \(p)")
        }
    }

    /// Cairo's page streams are stored, not compressed, while pages are drawn (the program's own
    /// deflateInit_, CStoredStreams: this fails if the test binary does not export it), and the file
    /// written has every stream compressed, once.
    @Test func pageStreamsAreStoredWhileDrawnAndCompressedOnceInTheFile() throws {
        let pages = document(pages: 3)
        let meta = PDFMetadata(title: "压缩", creationDate: "2024-01-01T00:00:00Z")
        let raw = try renderer.cairoPDF(pageCount: pages.count, metadata: meta, bookmarks: []) { pages[$0] }.bytes
        let file = PDFFile(bytes: [UInt8](raw))
        let bodies = try #require(ObjectStreams.objects(of: file, size: file.offsets.count + 1)).bodies.map(\.0)
        let contents = bodies.compactMap { body -> Int? in
            let text = String(decoding: body.prefix(400), as: UTF8.self)
            return text.hasPrefix("<< /Type /Page ") ? file.number(after: "/Contents ", in: text) : nil
        }
        #expect(contents.count == 3)
        #expect(contents.allSatisfy { StoredStream.isStored(bodies[$0]) })
        // Fonts (TrueType font programs: /FontFile2 streams, with /Length1) are written after the pages,
        // compressed as Cairo compresses them.
        let fontPrograms = bodies.filter { String(decoding: $0.prefix(200), as: UTF8.self).contains("/Length1 ") }
        #expect(!fontPrograms.isEmpty)
        #expect(!fontPrograms.contains(where: StoredStream.isStored))
        // The file written: no stream left stored, and smaller than Cairo's own.
        let pdf = [UInt8](try renderer.pdf(pages, metadata: meta))
        var at = 0, streams = 0
        let keyword = Array("stream\n".utf8)
        while let i = pdf[at...].firstRange(of: keyword)?.lowerBound {
            at = i + keyword.count
            guard i == 0 || pdf[i - 1] != UInt8(ascii: "d") else { continue }   // not `endstream`
            streams += 1
            #expect(!(pdf[at] == 0x78 && pdf[at + 1] == 0x01 && pdf[at + 2] & 0x06 == 0), "a stored stream at \(at)")
        }
        #expect(streams >= 4)
        #expect(pdf.count < raw.count)
    }

    /// A short document, or one whose links reach its last pages, is drawn whole (one set of fonts).
    @Test func shortDocumentsAndLinksToTheEndAreDrawnWhole() throws {
        let meta = PDFMetadata(title: "整", creationDate: "2024-01-01T00:00:00Z")
        let short = document(pages: Renderer.pagesWorthHalving - 1)
        #expect(try renderer.pdf(short, metadata: meta, helper: helper) == renderer.pdf(short, metadata: meta))
        var linkedToEnd = document(pages: 20)
        linkedToEnd[19].scene.marks.append(
            .group(GroupMark(marks: [text("见第一页", y: 500)], role: "ref", link: "h0")))
        #expect(
            try renderer.pdf(linkedToEnd, metadata: meta, helper: helper) == renderer.pdf(linkedToEnd, metadata: meta))
    }
}

/// What a reader reads of a tagged PDF, from qpdf's JSON: the structure tree in order (type and alternative
/// text), the pages the contents links land on, the outline, and how many artifact sequences there are.
private struct Reading {
    var structure: [String] = []
    var links: [Int] = []
    /// Each entry's title and the page it opens (from 0).
    var outline: [String] = []
    var artifacts = 0

    init(_ path: String) throws {
        let json = try runProcess("/usr/bin/qpdf", ["--json=2", "--json-key=qpdf", path]).stdout
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let objects = try #require((root["qpdf"] as? [Any])?.last as? [String: Any])
        func value(_ ref: String) -> [String: Any]? {
            (objects["obj:" + ref] as? [String: Any])?["value"] as? [String: Any]
        }
        func refs(_ k: Any?) -> [String] { (k as? [Any])?.compactMap { $0 as? String } ?? [k as? String].compactMap { $0 } }
        let trailer = try #require((objects["trailer"] as? [String: Any])?["value"] as? [String: Any])
        let rootRef = try #require(trailer["/Root"] as? String)
        let catalog = try #require(value(rootRef))
        let pagesRef = try #require(catalog["/Pages"] as? String)
        let pages = refs(value(pagesRef)?["/Kids"])
        // Named destinations: name → page index.
        var dests: [String: Int] = [:]
        if let names = value(catalog["/Names"] as? String ?? ""), let tree = value(names["/Dests"] as? String ?? "") {
            let list = tree["/Names"] as? [Any] ?? []
            for i in stride(from: 0, to: list.count - 1, by: 2) {
                if let name = list[i] as? String, let target = (list[i + 1] as? [Any])?.first as? String,
                    let page = pages.firstIndex(of: target)
                {
                    dests[String(name.dropFirst(2))] = page
                }
            }
        }
        func walk(_ ref: String) {
            guard let element = value(ref), let s = element["/S"] as? String else { return }
            structure.append(s + ((element["/Alt"] as? String).map { " " + $0 } ?? ""))
            for kid in refs(element["/K"]) where value(kid)?["/Type"] as? String == "/StructElem" { walk(kid) }
        }
        let treeRef = try #require(catalog["/StructTreeRoot"] as? String)
        let tree = try #require(value(treeRef))
        refs(tree["/K"]).forEach(walk)
        for page in pages {
            for annot in refs(value(page)?["/Annots"]) {
                if let dest = value(annot)?["/Dest"] as? String, let target = dests[String(dest.dropFirst(2))] {
                    links.append(target)
                }
            }
        }
        let first = value(catalog["/Outlines"] as? String ?? "")?["/First"] as? String
        func visit(_ ref: String?) {
            var at = ref
            while let r = at, let entry = value(r) {
                let title = String((entry["/Title"] as? String ?? "").dropFirst(2))
                let dest = (entry["/Dest"] as? String).flatMap { dests[String($0.dropFirst(2))] } ?? -1
                outline.append("\(title) \(dest)")
                visit(entry["/First"] as? String)
                at = entry["/Next"] as? String
            }
        }
        visit(first)
        let plain = Repository.temporaryDirectory().appendingPathComponent("plain.pdf").path
        _ = try runProcess("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", path, plain])
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: plain)), as: UTF8.self)
        artifacts = text.components(separatedBy: "/Artifact BMC").count - 1
    }
}
