import Testing

@testable import CountyData

/// Byte search agrees with the standard library's on Chinese, ASCII and mixed text.
struct TextSearchTests {
    @Test func findsWhatTheStandardLibraryFinds() {
        let texts = ["全年地区生产总值{{gdp.value}}，{{gdp.yoy.phrase}}", "人均可支配收入", "年末常住人口", "", "{", "}}{{", "abc{{"]
        let parts = ["{{", "}}", "人均", "人口", "常住人", "收入", "x", "{{gdp", "", "abc{{"]
        for text in texts {
            for part in parts {
                let expected = part.isEmpty ? 0 : text.firstRange(of: part).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
                #expect(TextSearch.firstOffset(of: part, in: text) == expected, "\(text) / \(part)")
                #expect(TextSearch.contains(text, part) == (expected != nil))
                let sub = text.dropFirst()
                let subExpected = part.isEmpty ? 0 : sub.firstRange(of: part).map { sub.utf8.distance(from: sub.startIndex, to: $0.lowerBound) }
                #expect(TextSearch.firstOffset(of: part, in: sub) == subExpected, "\(sub) / \(part)")
            }
        }
    }
}
