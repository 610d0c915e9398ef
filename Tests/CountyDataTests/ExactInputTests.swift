import Foundation
import Testing

@testable import CountyData

/// Issue 16: values never change without a word — a number with more digits than are kept exactly is
/// refused, not cut; a JSON record that gives one key twice is refused at the second, not last-one-wins.
@Suite struct ExactInputTests {
    @Test func moreThan38SignificantDigitsAreRefused() throws {
        #expect(throws: NumberReadError.self) { try NumberReader.read("1111111111111111111111111111111111111119") }
        #expect(PlainNumber.read("1111111111111111111111111111111111111119") == .invalid)
        #expect(PlainNumber.read("0.1111111111111111111111111111111111111119") == .invalid)
        // 38 significant digits, and zeros around fewer, are kept exactly.
        let kept = "11111111111111111111111111111111111119"
        #expect(try NumberReader.read(kept).value == Decimal(string: kept))
        #expect(PlainNumber.read("100000000000000000000000000000000000000000000") == .value(Decimal(string: "1e44")!))
        #expect(
            PlainNumber.read("0.000000000000000000000000000000000000000000012") == .value(Decimal(string: "12e-45")!))
    }

    @Test func aKeyGivenTwiceInOneObjectIsAnErrorAtItsLine() throws {
        let text = "[\n  {\"region\": \"新邵县\",\n   \"value\": \"100\",\n   \"value\": \"200\"}\n]"
        #expect(throws: JSONSyntaxError(line: 4, column: 13, message: "the key “value” is given twice in one object")) {
            try JSONDocument.parse(Array(text.utf8))
        }
        // The same key in two objects is fine.
        _ = try JSONDocument.parse(Array("[{\"value\": 1}, {\"value\": 2}]".utf8))
    }
}

/// Issue 16: children summing to more than their parent are flagged by `check` (a share over 100%).
@Suite struct ChildrenOverParentTests {
    @Test func childrenSummingAboveTheirParentAreAWarningOnTheParentsRow() {
        let csv = """
            region,parent,indicator,period,value,unit
            邵阳市,,地区生产总值,2023,100,亿元
            新邵县,邵阳市,地区生产总值,2023,150,亿元
            隆回县,邵阳市,地区生产总值,2023,1500000,万元
            邵阳市,,地区生产总值,2022,300,亿元
            新邵县,邵阳市,地区生产总值,2022,150,亿元
            隆回县,邵阳市,地区生产总值,2022,150,亿元

            """
        var data = DatasetLoader.loadCSV(Array(csv.utf8), file: "k.csv")
        data.check()
        let flagged = data.problems.filter { $0.message.contains("sum to") }
        #expect(flagged.map(\.location.line) == [2], "\(data.problems)")
        #expect(flagged.first?.severity == .warning)
        #expect(flagged.first?.message.contains("sum to 300亿元") == true, "\(flagged)")
    }

    /// The parent's row may follow its children's (its last row is the one named); a parent with no row of
    /// its own (武冈市 here) is not compared with anything.
    @Test func theParentsRowMayComeAfterItsChildren() {
        let csv = """
            region,parent,indicator,period,value,unit
            新邵县,邵阳市,地区生产总值,2023,150,亿元
            隆回县,邵阳市,地区生产总值,2023,160,亿元
            甲县,武冈市,地区生产总值,2023,150,亿元
            乙县,武冈市,地区生产总值,2023,150,亿元
            邵阳市,,地区生产总值,2023,400,亿元
            邵阳市,,地区生产总值,2023,300,亿元

            """
        var data = DatasetLoader.loadCSV(Array(csv.utf8), file: "k.csv")
        data.check()
        let flagged = data.problems.filter { $0.message.contains("sum to") }
        #expect(flagged.map(\.location.line) == [7], "\(data.problems)")
        #expect(flagged.first?.message.contains("sum to 310亿元") == true, "\(flagged)")
    }
}
