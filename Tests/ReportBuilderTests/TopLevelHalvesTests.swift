import CountyData
import Foundation
import Testing
import Yams

@testable import Specs

/// A long definition is composed as two halves on two cores (`TopLevelHalves`): the same tree, every node
/// on its own line, the same errors; and a document that could read differently in halves is not cut.
@Suite struct TopLevelHalvesTests {
    /// About 90 KB: a header, 600 figures, then 500 blocks.
    private func definition(blockKey: String = "type") -> String {
        var text = "title: \"长报告\"\nregion: 新邵县\nyear: 2023\ndata:\n  - file: data.csv\nfigures:\n"
        for n in 0..<600 { text += "  f\(n): {indicator: \"地区生产总值\", period: 2023}  # 第\(n)个\n" }
        text += "blocks:\n  - {id: toc, type: toc}\n"
        for n in 0..<500 {
            text += "  - id: p\(n)\n    \(n == 350 ? blockKey : "type"): paragraph\n    text: \"全年地区生产总值{{f\(n).value}}。\"\n"
        }
        return text
    }

    @Test func aLongDocumentComposedInHalvesIsTheWholeTree() throws {
        let text = definition()
        #expect(text.utf8.count >= TopLevelHalves.minimumBytes)
        let halves = try #require(TopLevelHalves.compose(text))
        let whole = try #require(try Yams.compose(yaml: text, .basic))
        #expect(halves == whole)
        // Every block keeps its line: the last one's `text` stands on the document's last line.
        let blocks = try #require(halves.mapping?["blocks"]?.sequence)
        #expect(blocks.count == 501)
        let last = try #require(blocks.last?.mapping?["text"])
        #expect(last.mark?.line == text.split(separator: "\n").count)
        let wholeMark = whole.mapping?["blocks"]?.sequence?.last?.mapping?["text"]?.mark
        #expect(last.mark?.line == wholeMark?.line && last.mark?.column == wholeMark?.column)
    }

    @Test func anErrorInTheSecondHalfNamesItsLine() throws {
        let text = definition(blockKey: "tpye")
        #expect(TopLevelHalves.compose(text) != nil)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("tpye:") }! + 1
        #expect(throws: DataError.self) { try ReportDefinition.read(SpecNode.parse(text, file: "r.yaml"), folder: "/tmp") }
        do {
            _ = try ReportDefinition.read(SpecNode.parse(text, file: "r.yaml"), folder: "/tmp")
        } catch {
            #expect("\(error)".contains("r.yaml:\(line):"), "\(error)")
            #expect("\(error)".contains("tpye"))
        }
    }

    @Test func documentsThatCouldReadDifferentlyAreComposedWhole() throws {
        let text = definition()
        #expect(TopLevelHalves.compose("defaults: &d {unit: 亿元}\n" + text) == nil)   // an anchor
        #expect(TopLevelHalves.compose("%YAML 1.1\n---\n" + text) == nil)   // a directive
        #expect(TopLevelHalves.compose(String(text.prefix(30_000))) == nil)   // short
        // The second half alone is not valid YAML (a quote left open): composed whole, which fails as a whole.
        let broken = text.replacingOccurrences(of: "text: \"全年地区生产总值{{f390.value}}。\"", with: "text: \"open")
        #expect(broken != text)
        #expect(TopLevelHalves.compose(broken) == nil)
        #expect(throws: DataError.self) { try SpecNode.parse(broken, file: "b.yaml") }
    }
}
