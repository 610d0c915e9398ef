import CairoCanvas
import CountyTestSupport
import Foundation
import Testing
import Workbooks

/// The sample reports written end to end, checked as a reader's tools see the PDF.
@Suite(.serialized) struct ReportCommandTests {
    static let samples = ["xinshao-2023", "shaoyang-2023"]

    struct Written {
        var dir: URL
        var pdf: String { dir.appendingPathComponent("report.pdf").path }
        var slides: URL { dir.appendingPathComponent("slides") }
        var explain: String
    }

    func write(_ name: String) throws -> Written {
        let dir = Repository.temporaryDirectory("report-\(name)")
        let r = try CLI.run([
            "report", "Reports/\(name)/report.yaml", "-o", dir.path, "--slides",
            dir.appendingPathComponent("slides").path,
            "--explain",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("lack"), "every character has a glyph: \(r.stderr)")
        return Written(dir: dir, explain: r.stdout)
    }

    func tool(_ name: String, _ args: [String]) throws -> ProcessResult {
        try runProcess(try #require(which(name), "\(name) is installed by scripts/deps.sh --test"), args)
    }

    @Test(arguments: samples) func theReportIsATaggedPDFWithEmbeddedSubsetFonts(_ name: String) throws {
        let w = try write(name)
        let info = try tool("pdfinfo", [w.pdf]).stdout
        #expect(info.contains("Tagged:          yes"))
        #expect(info.contains("Title:           ") && info.contains("统计"))
        #expect(!info.contains("Author:          \n"))
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
        #expect((6...16).contains(pages), "\(name): \(pages) pages")
        #expect(try tool("qpdf", ["--check", w.pdf]).status == 0)
        let fonts = try tool("pdffonts", [w.pdf]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for f in fonts { #expect(f.contains("yes yes yes"), "not an embedded subset: \(f)") }
    }

    @Test(arguments: samples) func everyNumberPrintedIsInTheTextAndTraced(_ name: String) throws {
        let w = try write(name)
        let text = try tool("pdftotext", [w.pdf, "-"]).stdout.filter { !$0.isWhitespace }
        var checked = 0
        for line in w.explain.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 4)
            guard fields.count == 4, fields[2] != "chart value" else { continue }
            #expect(
                text.contains(fields[1].filter { !$0.isWhitespace }),
                "“\(fields[1])” of block \(fields[0]) is not in the PDF's text")
            #expect(!fields[3].isEmpty, "“\(fields[1])” has no origin")
            checked += 1
        }
        #expect(checked >= 10)
        #expect(!text.contains("NaN") && !text.contains("nil"))
    }

    @Test(arguments: samples) func noLineStartsOrEndsWithForbiddenPunctuation(_ name: String) throws {
        let w = try write(name)
        let layout = try tool("pdftotext", ["-layout", w.pdf, "-"]).stdout
        for raw in layout.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard let first = line.first, let last = line.last else { continue }
            #expect(!"，。、；：？！）」』”》".contains(first), "a line starts with \(first): \(line)")
            #expect(!"（「『“《".contains(last), "a line ends with \(last): \(line)")
        }
    }

    @Test(arguments: samples) func contentsEntriesPointAtTheirHeadingsPagesAndLink(_ name: String) throws {
        let w = try write(name)
        let contents = try tool("pdftotext", ["-layout", "-f", "2", "-l", "2", w.pdf, "-"]).stdout
        var entries = 0
        for line in contents.split(separator: "\n") {
            // “一、综合 ........ 3”
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let page = Int(parts.last!), let title = parts.first, title.contains("、") else {
                continue
            }
            let pageText = try tool("pdftotext", ["-f", "\(page)", "-l", "\(page)", w.pdf, "-"]).stdout.filter {
                !$0.isWhitespace
            }
            #expect(pageText.contains(title.filter { $0 != "." && $0 != "…" }), "“\(title)” is not on page \(page)")
            entries += 1
        }
        #expect(entries >= 3)
        let json = try tool("qpdf", ["--json", "--json-key=outlines", w.pdf]).stdout
        #expect(json.components(separatedBy: "\"title\"").count - 1 >= entries, "a bookmark per heading")
        let links = try tool(
            "qpdf", ["--qdf", "--object-streams=disable", w.pdf, w.dir.appendingPathComponent("q.pdf").path])
        #expect(links.status == 0)
        let raw = try String(decoding: Data(contentsOf: w.dir.appendingPathComponent("q.pdf")), as: UTF8.self)
        #expect(
            raw.components(separatedBy: "/Subtype /Link").count - 1 >= entries,
            "every contents entry links to its heading")
    }

    @Test(arguments: samples) func everyChartIsASlide(_ name: String) throws {
        let w = try write(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: w.slides.path)
        let pngs = files.filter { $0.hasSuffix(".png") }
        #expect(!pngs.isEmpty && files.contains("slides.pdf"))
        for png in pngs {
            let bitmap = try Bitmap(png: Data(contentsOf: w.slides.appendingPathComponent(png)))
            #expect(bitmap.width == 1920 && bitmap.height == 1080)
        }
        let info = try tool("pdfinfo", [w.slides.appendingPathComponent("slides.pdf").path]).stdout
        #expect(info.contains("Pages:           \(pngs.count)"))
    }

    /// `--tables xlsx`: the workbook read back with our reader holds, row by row, the figures the PDF's
    /// tables print (pdftotext -layout), as numbers: each cell's value is the printed figure.
    @Test(arguments: samples) func theTablesWorkbookHoldsThePDFsTableFigures(_ name: String) throws {
        let dir = Repository.temporaryDirectory("report-tables-\(name)")
        let r = try CLI.run(["report", "Reports/\(name)/report.yaml", "-o", dir.path, "--tables", "xlsx"])
        #expect(r.status == 0, "\(r.stderr)")
        let xlsx = dir.appendingPathComponent("tables.xlsx").path
        let lines = try tool("pdftotext", ["-layout", dir.appendingPathComponent("report.pdf").path, "-"]).stdout
            .split(separator: "\n").map(String.init)
        func cells(_ line: String) -> [String] {
            line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        /// A figure as printed (−1,234.5), as a decimal; nil for other text.
        func figure(_ text: String) -> Decimal? {
            let plain = text.replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: ",", with: "")
            guard plain.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
            return Decimal(string: plain)
        }
        let captions = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            $0.range(of: #"^表[0-9]+ "#, options: .regularExpression) != nil
        }
        let book = try XLSXBook(path: xlsx)
        #expect(book.sheetNames == captions.map { String($0.prefix(31)) })
        var figures = 0
        for (k, sheet) in book.sheetNames.enumerated() {
            var rows: [[String]] = []
            try book.readRows(ofSheet: k, sheetFile: xlsx + "#" + sheet) { row in
                rows.append((0..<row.count).map { row.text($0) })
            }
            var at = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == captions[k] })
            let body = rows.dropFirst().prefix { !$0[0].hasPrefix("注：") && !$0[0].hasPrefix("资料来源：") }
            #expect(body.count >= 3)
            #expect(rows.last?.first?.hasPrefix("资料来源：") == true)
            for row in body {
                let label = row[0].trimmingCharacters(in: CharacterSet(charactersIn: " \u{3000}"))
                // The row's line: its first cell the label, or the label's start with the rest on the next line (wrapped).
                func isRow(_ i: Int) -> Bool {
                    guard let first = cells(lines[i]).first, label.hasPrefix(first) else { return false }
                    return first == label
                        || lines[(i + 1)...].first { !$0.allSatisfy(\.isWhitespace) }?.trimmingCharacters(
                            in: .whitespaces)
                            == String(label.dropFirst(first.count))
                }
                guard let i = (at + 1..<lines.count).first(where: isRow) else {
                    Issue.record("\(sheet): no row “\(label)” in the PDF after line \(at)")
                    continue
                }
                at = i
                let printed = cells(lines[i])
                #expect(printed.count == row.count, "\(sheet): \(printed) against \(row)")
                for (p, stored) in zip(printed.dropFirst(), row.dropFirst()) {
                    if let value = figure(p) {
                        #expect(Decimal(string: stored) == value, "\(sheet) “\(label)”: \(stored), printed \(p)")
                        figures += 1
                    } else {
                        #expect(stored == p, "\(sheet) “\(label)”")
                    }
                }
            }
        }
        #expect(figures >= 20)
    }

    @Test func aMissingFigureStopsTheReportAndWritesNothing() throws {
        let dir = Repository.temporaryDirectory("report-missing")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("r"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "region,indicator,period,value,unit\n乙县,地区生产总值,2023,280.4,亿元\n"
            .write(to: dir.appendingPathComponent("data/d.csv"), atomically: true, encoding: .utf8)
        try """
        title: 乙县统计摘要
        region: 乙县
        year: 2023
        data: [{file: ../data/d.csv}]
        figures: {gdp: {indicator: 地区生产总值}}
        blocks:
          - {id: p1, type: paragraph, text: "全年地区生产总值{{gdp.value}}，{{gdp.yoy.phrase}}。"}
        """.write(to: dir.appendingPathComponent("r/report.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CLI.run(["report", dir.appendingPathComponent("r/report.yaml").path, "-o", out.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("report.yaml:7") && r.stderr.contains("“p1”") && r.stderr.contains("gdp.yoy.phrase"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
