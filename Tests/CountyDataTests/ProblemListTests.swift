import Foundation
import Testing

@testable import CountyData

/// A check lists the first `Limits.problemsListed` problems of its kind in full and counts the rest: a file
/// whose every row conflicts (3.5 million conflicts in 90 MB) held a message per row, 1.7 GB.
@Suite struct ProblemListTests {
    /// `count` rows of one region, indicator and period, each value another: every row after the first conflicts.
    private func conflicting(_ count: Int) -> Dataset {
        Dataset(
            observations: (0..<count).map { n in
                Observation(
                    region: Region(code: "430522", name: "新邵县"), indicator: "地区生产总值", period: .year(2023),
                    value: Decimal(n + 1), unit: Unit("亿元"),
                    provenance: Provenance(location: SourceLocation(file: "a.csv", line: n + 2)))
            })
    }

    @Test func aCheckListsTheFirstProblemsOfItsKindAndCountsTheRest() {
        let limit = Limits.standard.problemsListed
        var many = conflicting(limit + 501)
        many.check()
        #expect(many.problems.count == limit)
        #expect(many.errorCount == limit + 500 && many.warningCount == 0)
        #expect(many.problems.map(\.location.line) == (0..<limit).map { $0 + 3 })   // rows 3…, each against row 2
        let last = many.problems.last!
        #expect(last.unlisted == 500 && last.count == 501)
        #expect(last.description.hasSuffix("(and 500 more like it, not listed: Limits.problemsListed)"))
        #expect(last.json.rendered(pretty: false).contains("\"unlisted\":500"))
        // Up to the limit every problem is listed, none stands for others.
        var few = conflicting(limit + 1)
        few.check()
        #expect(few.problems.count == limit && few.errorCount == limit && few.problems.allSatisfy { $0.unlisted == 0 })
    }

    @Test func theListKeepsTheFirstAndMakesNoMessageForTheRest() {
        var list = ProblemList(limit: 2)
        var made = 0
        func problem(_ n: Int) -> DataError {
            made += 1
            return DataError(SourceLocation(file: "a.csv", line: n), "problem \(n)")
        }
        for n in 1...5 { list.append(problem(n)) }
        #expect(made == 2)
        #expect(list.problems.map(\.message) == ["problem 1", "problem 2"] && list.problems.map(\.unlisted) == [0, 3])
    }
}
