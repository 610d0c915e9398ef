import Testing

@testable import Extraction

/// The byte-level conversions and the bitmap set give what the standard library's do.
@Suite struct ScalarTextTests {
    let samples = ["", "GDP1865.3亿元", "é ü ß", "𠀀𪚥 (CJK Extension B) 😀", "a\u{0}b", "全县常住人口9.8万人。\n"]

    @Test func scalarsAndStringsRoundTrip() {
        for text in samples {
            let scalars = ScalarText.scalars(text)
            #expect(scalars == Array(text.unicodeScalars), "\(text)")
            #expect(ScalarText.string(scalars[...]) == text)
            if scalars.count > 2 {
                var expected = String.UnicodeScalarView()
                expected.append(contentsOf: scalars[1..<(scalars.count - 1)])
                #expect(ScalarText.string(scalars[1..<(scalars.count - 1)]) == String(expected))
            }
        }
    }

    @Test func scalarSetMembership() {
        let set: ScalarSet = ["，", "a", "😀"]
        let union = set.union(["县", "𠀀"])
        for c in "，a😀".unicodeScalars { #expect(set.contains(c) && union.contains(c)) }
        for c in "县𠀀".unicodeScalars { #expect(!set.contains(c) && union.contains(c)) }
        for c in "b。\u{0}\u{FFFF}𠀁".unicodeScalars { #expect(!union.contains(c)) }
    }
}
