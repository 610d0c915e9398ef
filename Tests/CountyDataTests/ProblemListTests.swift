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
        #expect(last.description.hasSuffix("(and 500 more errors after it, not listed: Limits.problemsListed)"))
        #expect(last.json.rendered(pretty: false).contains("\"unlisted\":500"))
        // Up to the limit every problem is listed, none stands for others.
        var few = conflicting(limit + 1)
        few.check()
        #expect(few.problems.count == limit && few.errorCount == limit && few.problems.allSatisfy { $0.unlisted == 0 })
    }

    /// Loading lists a file's first 1,000 row problems and counts the rest, read in windows and pieces on
    /// every core; a CSV syntax error that stops the reading is still listed, after them.
    @Test func loadingListsTheFirstRowProblemsAndCountsTheRest() throws {
        let limit = Limits.standard.problemsListed
        let path = NSTemporaryDirectory() + "problem-list-\(getpid()).csv"
        defer { unlink(path) }
        for (rows, tail) in [(2_500, ""), (2_500, "新邵县,人口,2023,\"9\n")] {
            let text = "地区,指标,年份,数值\n" + (0..<rows).map { "新邵县,指标\($0),2023,x\($0)\n" }.joined() + tail
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            for window in [1 << 12, 1 << 24] {
                let d = DatasetLoader.load(path, options: LoadOptions(), windowSize: window)
                let syntax = tail.isEmpty ? 0 : 1
                #expect(d.problems.count == limit + syntax && d.errorCount == rows + syntax, "\(window)")
                #expect(d.problems[limit - 1].unlisted == rows - limit && d.problems[0].location.line == 2)
                if !tail.isEmpty { #expect(d.problems.last!.location.line == rows + 2 && d.problems.last!.unlisted == 0) }
            }
        }
    }

    @Test func aJSONFilesRecordsProblemsAreListedToTheLimitToo() throws {
        let limit = Limits.standard.problemsListed
        let path = NSTemporaryDirectory() + "problem-list-\(getpid()).json"
        defer { unlink(path) }
        let records = (0..<(limit + 300)).map { #"{"region": "新邵县", "indicator": "指标\#($0)", "period": "2023", "value": "x"}"# }
        try Data(("[" + records.joined(separator: ",\n") + "]").utf8).write(to: URL(fileURLWithPath: path))
        let d = DatasetLoader.load(path)
        #expect(d.problems.count == limit && d.errorCount == limit + 300 && d.problems.last!.unlisted == 300)
    }

    /// Errors and warnings are listed and counted apart: an error after 1,000 warnings is listed, never
    /// counted as a warning (1,200 rows repeated with the same value, then one conflicting figure).
    @Test func anErrorAfterTheWarningsLimitIsListedAndCountedAsAnError() {
        let limit = Limits.standard.problemsListed
        func row(_ n: Int, _ indicator: String, _ value: Int) -> Observation {
            Observation(
                region: Region(code: "430522", name: "新邵县"), indicator: indicator, period: .year(2023),
                value: Decimal(value), unit: Unit("亿元"),
                provenance: Provenance(location: SourceLocation(file: "a.csv", line: n)))
        }
        var rows: [Observation] = []
        for k in 0..<(limit + 200) { rows += [row(2 * k + 2, "指标\(k)", 1), row(2 * k + 3, "指标\(k)", 1)] }
        rows += [row(3_000, "地区生产总值", 100), row(3_001, "地区生产总值", 120)]
        var d = Dataset(observations: rows)
        d.check()
        #expect(d.errorCount == 1 && d.warningCount == limit + 200)
        #expect(d.errors.count == 1 && d.errors[0].location.line == 3_001 && d.errors[0].unlisted == 0)
        #expect(d.warnings.count == limit && d.warnings.map(\.unlisted).reduce(0, +) == 200)
        // Folded as a file's rows are, piece by piece: the same.
        var folded: [DataError] = []
        let made = d.warnings + d.errors
        ProblemList.fold(&folded, adding: Array(made.prefix(600)))
        ProblemList.fold(&folded, adding: Array(made.dropFirst(600)))
        #expect(folded.filter { $0.severity == .error }.count == 1)
        #expect(folded.reduce(0) { $0 + $1.count } == limit + 201)
    }

    @Test func theListKeepsTheFirstAndMakesNoMessageForTheRest() {
        var list = ProblemList(limit: 2)
        var made = 0
        func problem(_ n: Int) -> DataError {
            made += 1
            return DataError(SourceLocation(file: "a.csv", line: n), "problem \(n)")
        }
        for n in 1...5 { list.append(.error, problem(n)) }
        #expect(made == 2)
        #expect(list.problems.map(\.message) == ["problem 1", "problem 2"] && list.problems.map(\.unlisted) == [0, 3])
    }
}
