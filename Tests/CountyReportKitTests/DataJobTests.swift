import CountyData
import CountyMetrics
import CountyReportKit
import CountyTestSupport
import Foundation
import Testing

private func write(_ text: String, _ name: String) throws -> String {
    let path = Repository.temporaryDirectory("kit-data").appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// `metrics` as a job: the values computed and the three writers' text.
@Suite struct MetricsJobTests {
    let path: String
    let metrics: [Metric]

    init() throws {
        path = try write("地区,年份,地区生产总值（亿元）\n甲县,2022,100\n甲县,2023,110.5\n", "t.csv")
        metrics = try MetricsJob(files: [path]).run()
    }

    var yoy: Metric? { metrics.first { $0.kind == .yoy && $0.period.code == "2023" } }

    @Test func computesGrowthFromTheLevelsWithItsInputs() throws {
        let m = try #require(yoy)
        #expect(
            m.region == "甲县" && m.indicator == "地区生产总值" && m.value == Decimal(string: "10.5") && m.unit == "%"
                && !m.stated)
        #expect(m.inputs.locations.map(\.line) == [2, 3])
        // A year missing in between: its growth is absent, with the reason, unless absent ones are hidden.
        let gap = try write("地区,年份,地区生产总值（亿元）\n甲县,2020,90\n甲县,2021,100\n甲县,2023,110.5\n", "gap.csv")
        let all = try MetricsJob(files: [gap]).run()
        let absent = try #require(all.first { $0.kind == .yoy && $0.period.code == "2023" })
        #expect(absent.isAbsent && absent.value == nil && absent.reason == "no figure for 2022年 and no stated growth")
        let hidden = try MetricsJob(files: [gap], hideAbsent: true).run()
        #expect(hidden.count == all.count - all.filter(\.isAbsent).count && hidden.allSatisfy { !$0.isAbsent })
        #expect(hidden.contains { $0.kind == .yoy && $0.period.code == "2021" })
    }

    @Test func writesTableCSVAndJSON() throws {
        let m = try #require(yoy)
        #expect(MetricsWriter.tableRow(m) == "甲县\t地区生产总值\t2023年\tyoy\t10.5%\tcomputed\tcomputed from levels, 按现价计算")
        #expect(
            MetricsWriter.csvRow(m)
                == "甲县,地区生产总值,2023,yoy,10.5,10.5,%,false,\"computed from levels, 按现价计算\",\(path):2:9;\(path):3:9")
        let csv = MetricsWriter(format: .csv).text([m, m])
        #expect(csv == MetricsWriter.csvHeader + "\n" + MetricsWriter.csvRow(m) + "\n" + MetricsWriter.csvRow(m) + "\n")
        let json = MetricsWriter(format: .json).text([m])
        #expect(json.hasPrefix("[\n  {\"region\":\"甲县\"") && json.hasSuffix("}\n]\n"))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(items.count == 1 && items[0]["display"] as? String == "10.5" && items[0]["stated"] as? Bool == false)
        #expect((items[0]["inputs"] as? [[String: Any]])?.map { $0["line"] as? Int } == [2, 3])
        #expect(MetricsWriter(format: .json).text([]) == "[]\n")
        #expect(MetricsWriter(format: .table).text([]) == "")
    }

    @Test func writesInChunksThatAddUpToTheText() throws {
        let many = Array(repeating: try #require(yoy), count: 8_000)
        var chunks: [Data] = []
        MetricsWriter(format: .json).write(many) { chunks.append($0) }
        #expect(chunks.count > 1 && chunks.dropLast().allSatisfy { $0.count > 1 << 20 })
        #expect(String(decoding: chunks.reduce(Data(), +), as: UTF8.self) == MetricsWriter(format: .json).text(many))
    }

    @Test func refusesConflictingDataListingEveryErrorAndAMissingFile() throws {
        let bad = try write("地区,年份,地区生产总值（亿元）\n甲县,2023,100\n甲县,2023,101\n乙县,2023,5\n乙县,2023,6\n", "bad.csv")
        #expect {
            try MetricsJob(files: [bad]).run()
        } throws: { e in
            guard let e = e as? JobError else { return false }
            let lines = e.description.split(separator: "\n")
            return e.exitCode == 65 && lines.count == 2 && lines[0].hasPrefix("\(bad):3")
                && lines[1].hasPrefix("\(bad):5")
        }
        #expect {
            try MetricsJob(files: [path, "no/such.csv"]).run()
        } throws: { e in (e as? JobError)?.exitCode == 66 && "\(e)" == "no/such.csv: no such file" }
    }
}

/// `check` as a job: the report's counts, period wording, problems, text and JSON.
@Suite struct CheckJobTests {
    @Test func reportsCountsPeriodsAndEveryProblem() throws {
        let fixture = Repository.path("Tests/Fixtures/malformed/13-duplicate-different.csv")
        let report = try CheckJob(files: [fixture]).run()
        #expect(report.hasErrors && report.dataset.errors.count == 1 && report.dataset.observations.count == 2)
        let lines = report.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0] == "1 file: 1 regions, 1 indicators, 1 periods (2018年), 2 observations")
        #expect(lines[1].hasPrefix("\(fixture):3: 地区生产总值 of 新邵县 for 2018年 is 1452700万元 here but 145.26亿元"))
        #expect(lines[2] == "1 errors, 0 warnings")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(
            json["errors"] as? Int == 1 && json["periods"] as? [String] == ["2018"]
                && json["files"] as? [String] == [fixture])
        #expect((json["problems"] as? [[String: Any]])?.first?["line"] as? Int == 3)
        // Without the checks the conflict is not looked for.
        #expect(try !CheckJob(files: [fixture], runChecks: false).run().hasErrors)
    }

    @Test func wordsASpanOfPeriodsAndCountsFiles() throws {
        let a = try write("地区,年份,地区生产总值（亿元）\n甲县,2019,1\n甲县,2023,2\n", "a.csv")
        let b = try write("地区,年份,常住人口（万人）\n甲县,2021,3\n乙县,2021,4\n", "b.csv")
        let report = try CheckJob(files: [a, b]).run()
        #expect(!report.hasErrors)
        #expect(
            report.text.hasPrefix(
                "2 files: 2 regions, 2 indicators, 3 periods (2019—2023年), 4 observations\n0 errors, 0 warnings\n"))
        #expect {
            try CheckJob(files: ["absent.csv"]).run()
        } throws: { e in (e as? JobError)?.exitCode == 66 }
    }
}
