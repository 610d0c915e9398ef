import ChartCompiler
import ChartScene
import Foundation
import PageLayout
import ReportBuilder
import Specs

/// A report definition and its data written to a fresh temporary folder (`<tmp>/data/`, `<tmp>/r/`).
struct ReportFixture {
    let root: URL

    static let csv = """
        region_code,region,parent,indicator,period,value,unit,note,source_url
        430500,甲市,湖南省,地区生产总值,2022,2000,亿元,,http://example.org/a
        430500,甲市,湖南省,地区生产总值,2023,2100,亿元,,http://example.org/a
        430501,乙县,甲市,地区生产总值,2022,262.30,亿元,,http://example.org/b
        430501,乙县,甲市,地区生产总值,2023,280.40,亿元,,http://example.org/b
        430501,乙县,甲市,地区生产总值增速,2023,6.9,%,,http://example.org/b
        430502,丙县,甲市,地区生产总值,2023,300,亿元,,http://example.org/c
        430503,丁县,甲市,地区生产总值,2023,250,亿元,,http://example.org/d
        430501,乙县,甲市,财政总收入,2023,11.3,亿元,预计数,http://example.org/gov
        430501,乙县,甲市,财政总收入,2023,10.8,亿元,最终核实,http://example.org/b
        430501,乙县,甲市,社会消费品零售总额,2021,90,亿元,,http://example.org/b
        430501,乙县,甲市,社会消费品零售总额,2023,100,亿元,,http://example.org/b
        430502,丙县,甲市,社会消费品零售总额,2023,120,亿元,,http://example.org/c

        """

    init(definition: String, csv: String = ReportFixture.csv) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("r"), withIntermediateDirectories: true)
        try csv.write(to: root.appendingPathComponent("data/d.csv"), atomically: true, encoding: .utf8)
        try definition.write(to: root.appendingPathComponent("r/report.yaml"), atomically: true, encoding: .utf8)
    }

    var definitionPath: String { root.appendingPathComponent("r/report.yaml").path }
    var dataPath: String { root.appendingPathComponent("data/d.csv").path }

    func build() throws -> BuiltReport {
        let def = try ReportDefinition.load(path: definitionPath)
        let data = try ReportData.load(def)
        let measurer = FixedAdvanceMeasurer()
        return try ReportBuilder(definition: def, data: data) { chart, size in
            try chart.compile(size: size, measurer: measurer)
        }.build(style: PageStyle.a4())
    }

    /// The text of every paragraph block, in order.
    static func paragraphs(_ r: BuiltReport) -> [String] {
        r.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
    }

    static func header(_ extra: String = "") -> String {
        """
        title: 乙县2023年统计摘要
        region: 乙县
        year: 2023
        author: 测试
        data:
          - file: ../data/d.csv
        conflicts:
          - {prefer_note: 最终核实, over_note: 预计数}
        \(extra)
        """
    }
}
