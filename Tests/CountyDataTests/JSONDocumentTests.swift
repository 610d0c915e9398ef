@testable import CountyData
import Testing

/// The JSON reader: escapes, and the line and character column of every value, on one line and on many.
@Suite struct JSONDocumentTests {
    @Test func escapesAreRead() throws {
        let root = try JSONDocument.parse(Array(#"["新\u90b5县", "a\"b\\c\/d\n", "\ud83d\ude00", "plain"]"#.utf8))
        guard case .array(let items) = root.value else { Issue.record("not an array"); return }
        #expect(items.map(\.value) == [.string("新邵县"), .string("a\"b\\c/d\n"), .string("😀"), .string("plain")])
    }

    @Test func valuesKnowTheirLineAndCharacterColumn() throws {
        // One line, as programs write JSON: columns count characters, not bytes.
        let oneLine = try JSONDocument.parse(Array(#"[{"地区":"新邵县","值":1.5},{"地区":"隆回县","值":2}]"#.utf8))
        guard case .array(let rows) = oneLine.value, case .object(let second) = rows[1].value else { Issue.record("shape"); return }
        #expect(rows[1].line == 1 && rows[1].column == 23)
        #expect(second[1].value.column == 39)
        let lines = try JSONDocument.parse(Array("[\n  {\"值\": 1},\n  {\"值\":\n    \"一\"}\n]".utf8))
        guard case .array(let items) = lines.value, case .object(let last) = items[1].value else { Issue.record("shape"); return }
        #expect(items[1].line == 3 && items[1].column == 3)
        #expect(last[0].value.line == 4 && last[0].value.column == 5)
    }

    @Test func errorsSayWhere() {
        #expect(throws: JSONSyntaxError(line: 1, column: 11, message: "expected “,” or “]” in an array")) {
            try JSONDocument.parse(Array(#"["新邵县", 1 2]"#.utf8))
        }
        #expect(throws: JSONSyntaxError(line: 2, column: 3, message: "a control character inside a string")) {
            try JSONDocument.parse(Array("[\n\"县\u{1}\"]".utf8))
        }
    }
}
