import CountyTestSupport
import Foundation
import Testing

@Suite struct ExtractCommandTests {
    let article = "Tests/ExtractionTests/Fixtures/xinshao-2023-article.txt"

    @Test func jsonHasTheDocumentedFields() throws {
        let r = try CLI.run(["extract", article])
        #expect(r.status == 0, "\(r.stderr)")
        let items = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(items.count >= 29)
        for key in [
            "value", "unit", "unit_as_written", "hedge", "low", "high", "indicator", "period", "region", "sentence",
            "start", "end",
        ] {
            #expect(items[0].keys.contains(key), "\(key)")
        }
        let funds = try #require(items.first { ($0["value"] as? NSNumber)?.int64Value == 1_865_000_000 })
        #expect(
            funds["indicator"] as? String == "到位资金" && funds["unit"] as? String == "元"
                && funds["period"] as? String == "2023")
    }

    @Test func mappingGivesLongDataThatLoadsBack() throws {
        let r = try CLI.run(["extract", "--mapping", "Reports/examples/xinshao-article-mapping.yaml", article])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("新邵县,湘商回归项目到位资金,2023,18.65,亿元"))
        #expect(r.stdout.contains("新邵县,循环经济就业人数,2023,3000余,人"))
        let path = Repository.temporaryDirectory().appendingPathComponent("figures.csv").path
        try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", path])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("6 observations"))
    }

    /// A fraction is written as it stands, never as a rounded quotient: 1/3 in the CSV's value column,
    /// a null value and [1, 3] as `fraction` in JSON.
    @Test func fractionsAreWrittenExactly() throws {
        let path = Repository.temporaryDirectory().appendingPathComponent("fraction.txt").path
        try "2023年，光伏发电量约占全县用电量的1/3。".write(toFile: path, atomically: true, encoding: .utf8)
        let csv = try CLI.run(["extract", "--format", "csv", path])
        #expect(csv.status == 0 && csv.stdout.contains(",1/3,,约,"), "\(csv.stdout)")
        let json = try CLI.run(["extract", path])
        let items = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(items.count == 1 && items[0]["value"] is NSNull)
        #expect((items[0]["fraction"] as? [NSNumber])?.map(\.intValue) == [1, 3])
    }

    @Test func binaryAndWronglyEncodedFilesAreClearErrors() throws {
        let dir = Repository.temporaryDirectory()
        let binary = dir.appendingPathComponent("a.pdf").path
        try Data([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0xFF]).write(to: URL(fileURLWithPath: binary))
        let r = try CLI.run(["extract", binary])
        #expect(r.status == 65 && r.stderr.contains("NUL byte"))
        let gbk = dir.appendingPathComponent("gbk.txt").path
        try Data([0xD0, 0xC2, 0xC9, 0xDB, 0xCF, 0xD8, 0x31, 0x32, 0xB8, 0xF6]).write(to: URL(fileURLWithPath: gbk))   // 新邵县12个
        let forced = try CLI.run(["extract", "--encoding", "utf-8", gbk])
        #expect(forced.status == 65 && forced.stderr.contains("not valid UTF-8"))
        let detected = try CLI.run(["extract", "--format", "csv", gbk])
        #expect(detected.status == 0 && detected.stdout.contains("12,个"))
        let missing = try CLI.run(["extract", dir.appendingPathComponent("none.txt").path])
        #expect(missing.status == 66)
    }

    /// A field with a carriage return is quoted like one with a line feed, and a quote followed by a
    /// combining mark (one `Character` with it) is still a quote: quoted and doubled. Here the
    /// fields are the files' names; each figure stays one CSV record.
    @Test func csvQuotesCarriageReturnsAndQuotesBeforeCombiningMarks() throws {
        let dir = Repository.temporaryDirectory()
        for (name, field) in [("公报\r2023.txt", "公报\r2023.txt"), ("公报\"\u{301}.txt", "公报\"\"\u{301}.txt")] {
            let path = dir.appendingPathComponent(name).path
            try "2023年，新邵县地区生产总值186.5亿元。".write(toFile: path, atomically: true, encoding: .utf8)
            let r = try CLI.run(["extract", "--format", "csv", path])
            #expect(r.status == 0, "\(r.stderr)")
            let out = Array(r.stdout.utf8), quoted = Array(",\"\(dir.path)/\(field)\",".utf8)   // compared byte for byte
            #expect(out.indices.contains { out[$0...].starts(with: quoted) }, "\(r.stdout)")
        }
    }
}
