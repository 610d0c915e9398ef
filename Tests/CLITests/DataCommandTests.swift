import CountyTestSupport
import Foundation
import Testing

@Suite struct DataCommandTests {
    @Test func checkSummarisesTheSampleAndNamesItsInconsistency() throws {
        let r = try CLI.run(["check", "Reports/data/shaoyang-counties.csv"])
        #expect(r.status == 65)
        #expect(r.stdout.contains("10 regions, 27 indicators, 8 periods (2016—2023年), 148 observations"))
        #expect(r.stdout.contains("shaoyang-counties.csv:123: 地区生产总值 of 新邵县 for 2020年 is 176.3亿元 here but 1668595万元"))
        #expect(r.stdout.contains("1 errors, 0 warnings"))
    }

    @Test func checkJSONIsMachineReadable() throws {
        let r = try CLI.run(["check", "--format", "json", "Tests/Fixtures/malformed/05-bad-number.csv"])
        #expect(r.status == 65)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let problems = json["problems"] as! [[String: Any]]
        #expect(problems.count == 1)
        #expect(problems[0]["line"] as? Int == 3 && problems[0]["column"] as? Int == 30)
        #expect((problems[0]["message"] as! String).contains("地区生产总值增速 of 新邵县"))
        #expect(json["observations"] as? Int == 1)
    }

    @Test func cleanFileExitsZeroAndMissingFileSays66() throws {
        let dir = Repository.temporaryDirectory()
        let path = dir.appendingPathComponent("ok.csv").path
        try "地区,年份,地区生产总值（亿元）\n新邵县,2020,166.86\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", path])
        #expect(r.status == 0 && r.stdout.contains("0 errors"))
        let missing = try CLI.run(["check", dir.appendingPathComponent("none.csv").path])
        #expect(missing.status == 66 && missing.stderr.contains("no such file"))
    }

    @Test func gbkFileWithForcedEncoding() throws {
        let r = try CLI.run(["check", "--encoding", "gbk", "Tests/Fixtures/shaoyang-counties.gb18030.csv"])
        #expect(r.stdout.contains("148 observations"))
        let bad = try CLI.run(["check", "--encoding", "latin9", "Tests/Fixtures/shaoyang-counties.gb18030.csv"])
        #expect(bad.status == 64 && bad.stderr.contains("unknown encoding"))
    }

    @Test func numberPrintsHowTextsRead() throws {
        let r = try CLI.run(["number", "--format", "json", "18.65亿元", "3000余人", "18%至25%", "2023年"])
        #expect(r.status == 65)   // one text is not a figure
        let items = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(items.count == 4)
        #expect((items[0]["value"] as? NSNumber)?.int64Value == 1_865_000_000 && items[0]["unit"] as? String == "元")
        #expect(items[0]["unit_as_written"] as? String == "亿元")
        #expect(items[1]["hedge"] as? String == "余")
        #expect((items[2]["low"] as? NSNumber)?.intValue == 18 && (items[2]["high"] as? NSNumber)?.intValue == 25)
        #expect(items[2]["value"] is NSNull)
        #expect((items[3]["error"] as? String)?.contains("year") == true)
        let text = try CLI.run(["number", "十五", "5～10万"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("十五\tvalue 15") && text.stdout.contains("range 50000…100000"))
    }

    @Test func numberReadsNegativeTextsAndStillTakesItsOptions() throws {
        let r = try CLI.run(["number", "-3.5万", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let items = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(items.count == 1 && (items[0]["value"] as? NSNumber)?.intValue == -35000)
        let dashes = try CLI.run(["number", "--", "-3.5万", "两三千元"])
        #expect(
            dashes.status == 0 && dashes.stdout.contains("-3.5万\tvalue -35000")
                && dashes.stdout.contains("range 2000…3000"), "\(dashes.stdout)")
        #expect(try CLI.run(["number", "--bogus", "5"]).status == 64)
    }
}
