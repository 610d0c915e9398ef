import CountyData
import CountyTestSupport
import Foundation
import Testing
import Yams

@testable import Specs

/// Specs are composed from libyaml's events into flat arrays (`YAMLDocument`), not through Yams' tree:
/// the same nodes, texts, styles, lines and columns as Yams composes, and the same refusals.
@Suite struct YAMLDocumentTests {
    /// Every node of `doc` under `i` against Yams' node `y`: kind, text, plain or not, line and column.
    private func same(_ doc: YAMLDocument, _ i: Int32, _ y: Yams.Node, at path: String = "") -> [String] {
        let n = doc.nodes[Int(i)]
        var diffs: [String] = []
        if let mark = y.mark, mark.line != Int(n.line) || mark.column != Int(n.column) {
            diffs.append("\(path): at \(n.line):\(n.column), Yams \(mark.line):\(mark.column)")
        }
        let kids = Array(doc.childIndices(i))
        switch y {
        case .scalar(let s):
            if n.kind != .scalar || doc.scalar(i) != s.string || n.isPlain != (s.style == .plain) {
                diffs.append("\(path): scalar “\(doc.scalar(i) ?? "-")” plain \(n.isPlain), Yams “\(s.string)”")
            }
        case .mapping(let m):
            let pairs = Array(m)
            guard n.kind == .mapping, kids.count == 2 * pairs.count else { return diffs + ["\(path): mapping"] }
            for (k, p) in pairs.enumerated() {
                diffs += same(doc, kids[2 * k], p.key, at: path + ".key\(k)")
                diffs += same(doc, kids[2 * k + 1], p.value, at: path + "." + (p.key.string ?? "?"))
            }
        case .sequence(let q):
            guard n.kind == .sequence, kids.count == q.count else { return diffs + ["\(path): sequence"] }
            for (k, item) in q.enumerated() { diffs += same(doc, kids[k], item, at: path + "[\(k)]") }
        case .alias: diffs.append("\(path): alias")
        }
        return diffs
    }

    private func compose(_ text: String, budget: Int = 200_000) throws -> YAMLDocument {
        try #require(try YAMLDocument.compose(Array(text.utf8), file: "s.yaml", budget: budget))
    }

    private func problem(_ text: String, budget: Int = 200_000) -> String {
        do { _ = try YAMLDocument.compose(Array(text.utf8), file: "s.yaml", budget: budget) } catch {
            return error.description
        }
        return ""
    }

    /// Every YAML file of the repository (report definitions, chart specs, mappings, manifests).
    @Test func everyYAMLFileOfTheRepositoryComposesAsYamsComposesIt() throws {
        let root = Repository.path("")
        let files = FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".build") && !$0.contains("/.") }
        #expect(files.count >= 20)
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            guard let y = try? Yams.compose(yaml: text, .basic) else { continue }   // Yams refuses: see below
            let doc = try compose(text)
            #expect(same(doc, doc.root, y) == [], "\(file)")
        }
    }

    @Test func stylesTextsAndPlacesAsWritten() throws {
        let text = """
            a: plain text
            b: "quoted: \\u00e9"
            c: |
              line one
              line two
            d: [1, '2', ~]
            e: {k: v, 中文: 值}
            f:
              - x
              - - nested
            """
        let doc = try compose(text)
        #expect(same(doc, doc.root, try #require(try Yams.compose(yaml: text, .basic))) == [])
        let root = try SpecNode.parse(text, file: "s.yaml").mapping(known: ["a", "b", "c", "d", "e", "f"])
        #expect(try root["b"]?.string() == "quoted: é")
        #expect(try root["c"]?.string() == "line one\nline two\n")
        let d = try #require(try root["d"]?.list())
        #expect(try d[0].int() == 1 && d[2].isNull)
        #expect(throws: DataError.self) { try d[1].int() }   // quoted: text, not a number
        #expect(try root["e"]?.entries().map(\.key) == ["k", "中文"])
        #expect(root["f"]?.location.line == 9)
    }

    @Test func anAliasSharesItsNodeAndCountsWhereUsed() throws {
        let doc = try compose("base: &b {indicator: 地区生产总值, unit: 亿元}\ncopy: *b\n")
        let kids = Array(doc.childIndices(doc.root))
        #expect(kids[1] == kids[3])   // one node, two places
        #expect(doc.nodes.count == 8)   // root, 2 keys, the shared mapping and its 4 scalars
        // A billion laughs: ten aliases of ten, refused with the limit named, before anything is read.
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for k in 1...6 { bomb += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let refusal = problem(bomb)
        #expect(refusal.contains("s.yaml:6:") && refusal.contains("expands to more than 200000"), "\(refusal)")
        // Within the budget it composes: a0 is 11 values, a1 1 + 10 × 11, the root 1 + two keys + both = 125.
        let two = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\na1: [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
        #expect(problem(two, budget: 125) == "")
        #expect(problem(two, budget: 124).hasPrefix("s.yaml:1:1: the YAML expands to more than 124"))
    }

    @Test func refusalsAreLocated() throws {
        #expect(problem("a: *nowhere\n") == "s.yaml:1:4: the alias *nowhere names no anchor before it")
        #expect(problem("a: 1\n---\nb: 2\n").hasPrefix("s.yaml:2:1: a spec holds one YAML document"))
        let broken = problem("title: t\nseries: [1, 2\nnext: 3\n")
        #expect(broken.hasPrefix("s.yaml:3:") && broken.contains("not valid YAML"), "\(broken)")
        // A control character: libyaml's reader gives a byte offset, read back as a line and column.
        #expect(problem("title: 新邵县\nnote: a\u{0C}b\n").hasPrefix("s.yaml:2:8: not valid YAML: control characters"), "\(problem("title: 新邵县\nnote: a\u{0C}b\n"))")
        #expect(try YAMLDocument.compose([], file: "s.yaml", budget: 10) == nil)
        #expect(throws: DataError.self) { try SpecNode.parse("# only a comment\n", file: "s.yaml") }
    }

    @Test func aKeyGivenTwiceIsRefusedWhereTheMappingIsRead() throws {
        func read(_ text: String, _ f: (SpecNode) throws -> Void) -> String {
            do { try f(try SpecNode.parse(text, file: "s.yaml")) } catch { return "\(error)" }
            return ""
        }
        #expect(read("a: 1\nb: 2\na: 3\n") { _ = try $0.mapping(known: ["a", "b"]) }.hasPrefix("s.yaml:3:1"))
        #expect(read("a: 1\nb: 2\na: 3\n") { _ = try $0.entries() }.contains("the key “a” is given twice"))
    }

    /// A figure's name given twice is named with its line (not hidden behind "expected a mapping").
    @Test func aFigureNameGivenTwiceIsNamedWithItsLine() throws {
        let text = """
            title: 报告
            region: 新邵县
            year: 2023
            data: [{file: data.csv}]
            figures:
              gdp: {indicator: 地区生产总值}
              gdp: {indicator: 地区生产总值}
            blocks: [{id: t, type: toc}]
            """
        do {
            _ = try ReportDefinition.read(SpecNode.parse(text, file: "r.yaml"), folder: "/tmp")
            Issue.record("a figure name given twice was read")
        } catch {
            #expect("\(error)".hasPrefix("r.yaml:7:3") && "\(error)".contains("the key “gdp” is given twice"), "\(error)")
        }
    }

    @Test func aByteOrderMarkIsDropped() throws {
        let root = try SpecNode.parse("\u{FEFF}title: 新邵县\n", file: "s.yaml").mapping(known: ["title"])
        #expect(try root["title"]?.string() == "新邵县")
        #expect(root["title"]?.location.column == 8)
    }
}
