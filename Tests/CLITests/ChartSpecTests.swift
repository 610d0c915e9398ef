import CairoCanvas
import ChartCompiler
import ChartResolver
import CountyData
import CountyImageTestSupport
import CountyQuery
import CountyTestSupport
import Foundation
import Specs
import Testing

@Suite(.serialized) struct ChartSpecTests {
    static let examples = ["bar", "hbar", "grouped", "stacked", "stacked100", "line", "combo"]
    let dir = Repository.temporaryDirectory("specs")

    @Test(arguments: examples) func everyExampleRendersToPNGAndPDF(_ name: String) throws {
        let spec = "Reports/examples/charts/\(name).yaml"
        let png = dir.appendingPathComponent("\(name).png").path, pdf = dir.appendingPathComponent("\(name).pdf").path
        let r = try CLI.run(["chart", spec, "-o", png, "--size", "1920x1080", "--theme", "slides", "--strict"])
        #expect(r.status == 0, "\(r.stderr)")
        let bitmap = try Bitmap(png: Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(bitmap.width == 1920 && bitmap.height == 1080)
        #expect(count(0xFF1F_5FA8, in: bitmap) > 1000)   // the first series' colour is drawn
        let r2 = try CLI.run(["chart", spec, "-o", pdf, "--strict"])
        #expect(r2.status == 0, "\(r2.stderr)")
        let text = try runProcess("/usr/bin/pdftotext", [pdf, "-"]).stdout
        let title = try ChartSpec.load(path: Repository.path(spec)).title
        #expect(
            text.replacingOccurrences(of: "\n", with: "").contains(title.replacingOccurrences(of: "—", with: ""))
                || text.contains(String(title.suffix(6))))
        let size = try FileManager.default.attributesOfItem(atPath: pdf)[.size] as! Int
        #expect(size < 16_000, "\(name).pdf is \(size) bytes")
    }

    @Test func comboFromTheSampleHasExactConvertedValues() throws {
        let query = DataQuery(dataset: DatasetLoader.load(Repository.path("Reports/data/shaoyang-counties.csv")))
        let chart = try ChartResolution.chart(
            ChartSpec.load(path: Repository.path("Reports/examples/charts/combo.yaml")), query: query)
        #expect(chart.categories == ["2018年", "2019年", "2020年", "2021年", "2022年", "2023年"])
        #expect(
            chart.series[0].values == [
                Decimal(string: "1782.7"), nil, Decimal(string: "2250.8"), Decimal(string: "2461.5"), 2650,
                Decimal(string: "2731.42"),
            ])
        #expect(chart.series[1].values[0] == nil && chart.series[1].values[3] == Decimal(string: "8.5"))
        let grouped = try ChartResolution.chart(
            ChartSpec.load(path: Repository.path("Reports/examples/charts/grouped.yaml")), query: query)
        #expect(grouped.series[0].values[0] == Decimal(string: "39.1523"))   // 391523 万元 in 亿元, exactly
    }

    @Test func specErrorsNameTheKey() throws {
        func problem(_ yaml: String) -> String {
            do { _ = try ChartSpec.read(SpecNode.parse(yaml, file: "s.yaml"), folder: ""); return "" } catch {
                return "\(error)"
            }
        }
        #expect(problem("type: pie\ntitle: t\nseries: [{values: [1]}]").contains("s.yaml:1:7 (type)"))
        #expect(problem("type: bar\nseries: [{values: [1]}]").contains("s.yaml:1:1 (title)"))
        #expect(problem("type: bar\ntitle: t\nseries: [{values: [1, x]}]").contains("series[0].values[1]"))
        #expect(problem("type: bar\ntitle: t\nseries: [{indicator: a, unit: 亿美刀}]").contains("series[0].unit"))
        // A misspelt key is named with its line and the key it was meant to be.
        let typo = problem("type: bar\ntitle: t\nsoruce: 公报\nseries: [{values: [1]}]")
        #expect(
            typo.contains("s.yaml:3:1") && typo.contains("unknown key “soruce”")
                && typo.contains("did you mean “source”"))
        #expect(problem("tpye: line\ntitle: t\nseries: [{values: [1]}]").contains("did you mean “type”"))
        let conflict = try ChartSpec.read(
            SpecNode.parse(
                """
                type: bar
                title: t
                categories: regions
                regions: [新邵县]
                period: 2020
                series: [{indicator: 地区生产总值, unit: 亿元}]
                """, file: "s.yaml"), folder: "")
        let data = DataQuery(dataset: DatasetLoader.load(Repository.path("Reports/data/shaoyang-counties.csv")))
        #expect(throws: DataError.self) { try ChartResolution.chart(conflict, query: data) }
    }

    @Test func inlineValuesNeedNoData() throws {
        let yaml =
            "type: line\ntitle: 月度\ncategories: [1月, 2月, 3月]\nseries:\n  - {name: 甲, values: [1.5, —, 2.5], unit: \"%\"}\n"
        let path = dir.appendingPathComponent("inline.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["chart", path, "-o", dir.appendingPathComponent("inline.svg").path])
        #expect(r.status == 0, "\(r.stderr)")
    }
}
