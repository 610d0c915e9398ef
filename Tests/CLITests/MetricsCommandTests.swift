import CountyTestSupport
import Foundation
import Testing

@Suite struct MetricsCommandTests {
    @Test func jsonHasTheDocumentedFieldsAndTracesInputs() throws {
        // The sample has one known conflict (新邵县 2020 GDP twice), so metrics refuses it; use a clean copy.
        let dir = Repository.temporaryDirectory()
        let clean = dir.appendingPathComponent("clean.csv").path
        let lines = try String(contentsOfFile: Repository.path("Reports/data/shaoyang-counties.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        try lines.enumerated().filter { $0.offset != 122 }.map { String($0.element) }.joined(separator: "\n")
            .write(toFile: clean, atomically: true, encoding: .utf8)
        let r = try CLI.run(["metrics", "--format", "json", "--region", "新邵县", "--for-period", "2018", clean])
        #expect(r.status == 0, "\(r.stderr)")
        let items = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        let yoy = try #require(
            items.first { $0["metric"] as? String == "yoy" && $0["indicator"] as? String == "地区生产总值" })
        for key in ["region", "indicator", "period", "metric", "value", "unit", "stated", "inputs"] {
            #expect(yoy[key] != nil, "\(key)")
        }
        #expect(yoy["stated"] as? Bool == true && (yoy["value"] as? NSNumber)?.doubleValue == 7.1)
        let input = try #require((yoy["inputs"] as? [[String: Any]])?.first)
        #expect(input["line"] as? Int == 3 && input["indicator"] as? String == "地区生产总值增速")
        #expect(
            items.contains { $0["metric"] as? String == "structure" && $0["display"] as? String == "19.4∶36.3∶44.3" })
    }

    @Test func refusesDataWithErrorsAndOffersTableAndCSV() throws {
        let bad = try CLI.run(["metrics", "Reports/data/shaoyang-counties.csv"])
        #expect(bad.status == 65 && bad.stderr.contains("shaoyang-counties.csv:123"))
        let dir = Repository.temporaryDirectory()
        let path = dir.appendingPathComponent("t.csv").path
        try "地区,年份,地区生产总值（亿元）\n甲县,2022,100\n甲县,2023,110\n".write(toFile: path, atomically: true, encoding: .utf8)
        let table = try CLI.run(["metrics", path])
        #expect(table.status == 0)
        #expect(table.stdout.contains("甲县\t地区生产总值\t2023年\tyoy\t10.0%\tcomputed"))
        let csv = try CLI.run(["metrics", "--format", "csv", path])
        #expect(csv.stdout.hasPrefix("region,indicator,period,metric,value,display,unit,stated,reason,inputs\n"))
        #expect(csv.stdout.contains("甲县,地区生产总值,2023,yoy,10,10.0,%,false"))
        #expect(csv.stdout.contains("t.csv:2:"))
    }
}
