import CountyReportKit
import CountyTestSupport
import Foundation
import Testing

/// A long report made with a helper renderer (built on the helper's thread while the main thread lays
/// it out, then drawn in two halves) reads as the one one renderer makes: pages, text, every printed
/// number's origin.
@Suite struct ReportMakerTests {
    /// The benchmark's 10-page report with its sections three times over: 149 blocks, about 35 pages.
    private func longDefinition(extra: String = "", figure: String = "") throws -> String {
        let dir = Repository.temporaryDirectory("long-report")
        let source = Repository.path("Reports/bench/report/ten")
        try FileManager.default.copyItem(
            atPath: source + "/data.csv", toPath: dir.appendingPathComponent("data.csv").path)
        let text = try String(contentsOfFile: source + "/report.yaml", encoding: .utf8)
            .replacingOccurrences(of: "\nfigures:\n", with: "\nfigures:\n" + figure)
        let head = try #require(text.range(of: "\nblocks:\n"))
        let lines = text[head.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        let body = lines.filter { !$0.contains("type: cover") && !$0.contains("type: toc") }.joined(separator: "\n")
        var blocks = "  - {id: cover, type: cover}\n  - {id: toc, type: toc, title: 目录, depth: 1}\n"
        for copy in 1...3 {
            blocks += body.replacingOccurrences(
                of: #"id: ([A-Za-z0-9_-]+)"#, with: "id: $1-\(copy)", options: .regularExpression) + "\n"
        }
        let path = dir.appendingPathComponent("report.yaml").path
        try (String(text[..<head.upperBound]) + blocks + extra).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aLongReportMadeWithAHelperReadsAsOneMadeAlone() throws {
        let prepared = try PreparedReport.load(definitionPath: try longDefinition())
        #expect(prepared.definition.blocks.count >= ReportMaker.blocksWorthAHelper)
        let settings = Settings(creationDate: "2024-01-01T00:00:00Z")
        let pool = RendererPool(settings: settings, capacity: 2)
        let alone = try pool.withRenderer { r in
            try ReportMaker(data: prepared.data, settings: settings).make(prepared.definition, renderer: r, slides: false)
        }
        let helped = try pool.withRenderer { r in
            try ReportMaker(data: prepared.data, settings: settings, helpers: pool)
                .make(prepared.definition, renderer: r, slides: false)
        }
        #expect(alone.pages >= 30 && helped.pages == alone.pages)
        #expect(helped.explanations == alone.explanations && helped.warnings == alone.warnings)
        #expect(helped.pdf != alone.pdf)   // drawn in two halves: the second brings its own font subsets
        let dir = Repository.temporaryDirectory("long-report-pdfs")
        func text(_ pdf: Data, _ name: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try pdf.write(to: URL(fileURLWithPath: path))
            #expect(try runProcess("/usr/bin/qpdf", ["--check", path]).status == 0)
            return try runProcess("/usr/bin/pdftotext", [path, "-"]).stdout
        }
        let whole = try text(alone.pdf, "alone.pdf")
        #expect(whole.contains("280.40亿元") && whole.contains("三、"))
        #expect(try text(helped.pdf, "helped.pdf") == whole)
    }

    /// The errors of making the report at `path` alone and with a helper, in that order (an issue if one succeeds).
    private func failures(of path: String) throws -> [String] {
        let prepared = try PreparedReport.load(definitionPath: path)
        let settings = Settings(creationDate: "2024-01-01T00:00:00Z")
        let pool = RendererPool(settings: settings, capacity: 2)
        var messages: [String] = []
        for helpers in [nil, pool] {
            do {
                _ = try pool.withRenderer { r in
                    try ReportMaker(data: prepared.data, settings: settings, helpers: helpers)
                        .make(prepared.definition, renderer: r, slides: false)
                }
                Issue.record("no error")
            } catch { messages.append("\(error)") }
        }
        return messages
    }

    /// A template naming a figure the definition lacks, late in a long report, fails the report the same
    /// way with a helper (the builder's error comes back from its thread; the layout stops with the blocks).
    @Test func aMissingFigureFailsALongReportWithAHelperToo() throws {
        let path = try longDefinition(extra: "  - {id: late, type: paragraph, text: \"全年{{nosuch.value}}。\"}\n")
        for message in try failures(of: path) {
            #expect(message.contains("late") && message.contains("nosuch"), "\(message)")
        }
    }

    /// A figure that cannot be computed fails the report with its own error, before any block's — as
    /// when every figure is computed first — though a report built for a helper computes figures as
    /// blocks need them.
    @Test func aFailingFigureIsTheFirstErrorWithAHelperToo() throws {
        let path = try longDefinition(
            extra: "  - {id: late, type: paragraph, text: \"全年{{nosuch.value}}。\"}\n",
            figure: "  wrongunit: {indicator: \"地区生产总值\", unit: \"万吨\"}\n")
        let messages = try failures(of: path)
        #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
        #expect(messages.first?.contains("万吨") == true && messages.first?.contains("nosuch") == false, "\(messages)")
    }
}
