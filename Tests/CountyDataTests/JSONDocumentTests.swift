import Testing

@testable import CountyData

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
        guard case .array(let rows) = oneLine.value, case .object(let second) = rows[1].value else {
            Issue.record("shape"); return
        }
        #expect(rows[1].line == 1 && rows[1].column == 23)
        #expect(second[1].value.column == 39)
        let lines = try JSONDocument.parse(Array("[\n  {\"值\": 1},\n  {\"值\":\n    \"一\"}\n]".utf8))
        guard case .array(let items) = lines.value, case .object(let last) = items[1].value else {
            Issue.record("shape"); return
        }
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

    /// Records are handed over one at a time, from the root array or the first member named; a
    /// document without them says what its root was; a syntax error after records is still an error.
    @Test func recordsAreHandedOverAsTheyAreRead() throws {
        var seen: [(JSONDocument.RecordsPlace, Int, JSONValue)] = []
        let keys: Set<String> = ["observations", "data"]
        let root = try JSONDocument.forEachRecord(Array(#"[{"a":1}, [2], "三"]"#.utf8), memberKeys: keys) {
            seen.append(($0, $1, $2.value))
        }
        #expect(root.place == .root && seen.map(\.1) == [0, 1, 2])
        #expect(seen[2].2 == .string("三") && seen[1].2 == .array([JSONNode(value: .number("2"), line: 1, column: 12)]))
        seen = []
        let member = try JSONDocument.forEachRecord(
            Array(#"{"meta": {"observations": [9]}, "data": [{"值": 1}], "observations": [5]}"#.utf8), memberKeys: keys
        ) { seen.append(($0, $1, $2.value)) }
        #expect(member.place == .member("data") && seen.count == 1 && seen[0].0 == .member("data"))
        let none = try JSONDocument.forEachRecord(Array(#" {"observations": 5, "data": [1]}"#.utf8), memberKeys: keys) {
            _, _, _ in
        }
        #expect(none.place == nil && none.rootIsObject && none.line == 1 && none.column == 2)
        let scalar = try JSONDocument.forEachRecord(Array("\n 7".utf8), memberKeys: keys) { _, _, _ in }
        #expect(scalar.place == nil && !scalar.rootIsObject && scalar.line == 2 && scalar.column == 2)
        var handed = 0
        #expect(throws: JSONSyntaxError(line: 1, column: 13, message: "unexpected text after the JSON value")) {
            try JSONDocument.forEachRecord(Array(#"[{"a":1},2] 3"#.utf8), memberKeys: keys) { _, _, _ in handed += 1 }
        }
        #expect(handed == 2)
    }
}
