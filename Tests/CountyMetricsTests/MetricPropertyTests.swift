import CountyData
import Formatting
import Foundation
import PropertyBased
import Testing

@testable import CountyMetrics

/// An observation of region `r` for `year`, value in 万元.
func level(_ region: String, _ indicator: String, _ year: Int, _ value: Int, parent: String = "甲市") -> Observation {
    Observation(
        region: Region(name: region, parent: parent), indicator: indicator, period: .year(year), value: Decimal(value),
        unit: Unit("万元"), provenance: Provenance(location: SourceLocation(file: "gen.csv", line: year)))
}

@Suite struct MetricPropertyTests {
    @Test func aConstantSeriesGrowsZero() async {
        await propertyCheck(input: Gen.int(in: 1...10_000_000), Gen.int(in: 2...12)) { value, years in
            let data = (0..<years).map { level("甲县", "地区生产总值", 2010 + $0, value) }
            let ms = MetricsEngine(observations: data).all()
            for m in ms where m.kind == .yoy || m.kind == .cagr { #expect(m.value == 0) }
            for m in ms where m.kind == .index { #expect(m.value == 100) }
            #expect(ms.filter { $0.kind == .yoy }.count == years - 1)
        }
    }

    @Test func sharesOfCompletePartsSumTo100WithinRounding() async {
        await propertyCheck(input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...1_000_000), Gen.int(in: 1...1_000_000)) {
            a, b, c in
            let data = [
                level("甲县", "第一产业增加值", 2023, a), level("甲县", "第二产业增加值", 2023, b),
                level("甲县", "第三产业增加值", 2023, c), level("甲县", "地区生产总值", 2023, a + b + c),
            ]
            let shares = MetricsEngine(observations: data).all().filter { $0.kind == .share }
            #expect(shares.count == 3)
            let exact = shares.compactMap(\.value).reduce(0, +)
            #expect(abs(exact - 100) < Decimal(string: "1e-30")!)
            // Each rounded to one decimal, the sum is off by at most 0.15.
            let rounded = shares.compactMap(\.value).map { Rounding.halfAwayFromZero($0, decimals: 1) }.reduce(0, +)
            #expect(abs(rounded - 100) <= Decimal(string: "0.15")!)
        }
    }

    @Test func aRankingIsAPermutationWithTheTieRule() async {
        await propertyCheck(input: Gen.int(in: 0...20).array(of: 1...30)) { values in
            let entries = values.enumerated().map { (key: $0.offset, value: Decimal($0.element)) }
            let competition = Ranking.ranks(entries, rule: .competition)
            #expect(Set(competition.map(\.key)) == Set(entries.indices))
            for (k, r) in competition {
                // Rank = 1 + how many values are strictly larger.
                #expect(r == 1 + values.filter { $0 > values[k] }.count)
            }
            let dense = Ranking.ranks(entries, rule: .dense)
            for (k, r) in dense { #expect(r == 1 + Set(values.filter { $0 > values[k] }).count) }
            // Equal values, equal ranks; larger values, better ranks.
            for (a, ra) in competition { for (b, rb) in competition where values[a] > values[b] { #expect(ra < rb) } }
        }
    }

    @Test func aRollUpOfOneRegionEqualsThatRegion() async throws {
        await propertyCheck(input: Gen.int(in: 0...100_000_000)) { value in
            let data = [level("甲县", "地区生产总值", 2023, value, parent: "甲市")]
            let engine = MetricsEngine(observations: data)
            let total = try? engine.sum("地区生产总值", over: ["甲县"], period: .year(2023), as: "甲市")
            #expect(total?.value == Decimal(value) && total?.unit == "万元")
            let auto = engine.all().first { $0.kind == .total && $0.region == "甲市" }
            #expect(auto?.value == Decimal(value))
        }
    }
}

/// The engine's work is cut into parts the cores take in turn; the metrics must not depend on how.
@Suite struct WorkPartTests {
    @Test func thePlanCoversEverySeriesAndGroupOnceInOrder() {
        let plan = WorkPart.plan(series: 1_100, groups: 130)
        #expect(
            plan == [
                .series(0..<512), .series(512..<1_024), .series(1_024..<1_100),
                .crossSection(0..<512), .crossSection(512..<1_024), .crossSection(1_024..<1_100),
                .groups(0..<64), .groups(64..<128), .groups(128..<130),
            ])
        #expect(WorkPart.plan(series: 0, groups: 0).isEmpty)
    }

    @Test func oneCoreAndSeveralGiveTheSameMetricsInTheSameOrder() {
        // 300 regions × 4 indicators: more series than one part holds, 140 groups of siblings, and the
        // cities' own figures (shares of the parent), the sectors of GDP (shares of a whole).
        var data: [Observation] = []
        for year in 2020...2022 {
            for c in 0..<35 { data.append(level("市\(c)", "地区生产总值", year, 90_000 + c, parent: "省")) }
            for r in 0..<300 {
                let city = "市\(r % 35)", one = 100 + (r * 13) % 50, two = 300 + r % 70 + year % 3, three = 500 + r
                data.append(level("县\(r)", "地区生产总值", year, one + two + three, parent: city))
                data.append(level("县\(r)", "第一产业增加值", year, one, parent: city))
                data.append(level("县\(r)", "第二产业增加值", year, two, parent: city))
                data.append(level("县\(r)", "第三产业增加值", year, three, parent: city))
            }
        }
        let engine = MetricsEngine(observations: data)
        func rows(_ ms: [Metric]) -> [String] {
            ms.map {
                "\($0.region) \($0.indicator) \($0.period) \($0.kind) \($0.value.map { "\($0)" } ?? "-") \($0.unit) "
                    + "\($0.reason ?? "") \($0.inputs.map { $0.provenance.location.line ?? 0 })"
            }
        }
        let one = rows(engine.all(workers: 1))
        #expect(one.count > 10_000)
        #expect(rows(engine.all(workers: 3)) == one)
        #expect(Set(one.map { $0.split(separator: " ")[3] }).isSuperset(of: ["yoy", "rank", "total", "share", "structure", "contribution", "index"]))
    }
}
