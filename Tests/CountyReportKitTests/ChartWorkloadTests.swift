import CairoCanvas
import ChartCompiler
import CountyReportKit
import CountyTestSupport
import Foundation
import Testing

/// The chart benchmark's workloads: read from TSV, drawn through the pool as the chart command draws.
@Suite struct ChartWorkloadTests {
    static let tsv = """
        w1\t地区生产总值\t资料来源：统计公报\t2021|2022|2023\t地区生产总值\t100|—|120.5\t增速\t5.1|4.2|6.9
        w3\t月度\t来源\t1—3月|1—6月\t甲\t1|2\t乙\t3|4

        """

    @Test func readsComboAndLineRows() throws {
        let w = try ChartWorkload(tsv: Self.tsv, file: "w.tsv")
        #expect(w.charts.count == 2)
        let combo = w.charts[0], line = w.charts[1]
        #expect(combo.kind == .combo && combo.title == "地区生产总值" && combo.source == "资料来源：统计公报")
        #expect(combo.categories == ["2021年", "2022年", "2023年"])
        #expect(combo.series.map(\.name) == ["地区生产总值", "增速"] && combo.series.map(\.unit) == ["亿元", "%"])
        #expect(combo.series[0].values == [100, nil, Decimal(string: "120.5")])   // an unreadable value is a gap
        #expect(combo.series[1].axis == .right && combo.series[1].mark == .line)
        #expect(line.kind == .line && line.categories == ["1—3月", "1—6月"] && line.series.map(\.name) == ["甲", "乙"])
        #expect(line.series[1].values == [3, 4] && line.series.allSatisfy { $0.decimals == 1 } && !line.valueLabels)
    }

    @Test func aShortRowNamesItsLine() {
        #expect {
            try ChartWorkload(tsv: "w3\tt\ts\t2023\ta\t1\nw1\tt\ts\t2023\tbar\t1\n", file: "w.tsv")
        } throws: { e in
            (e as? JobError)?.exitCode == 65 && "\(e)".hasPrefix("w.tsv:2: a workload row has 6 tab-separated fields")
        }
        #expect(throws: JobError.self) { try ChartWorkload.load(path: "no/such.tsv") }
    }

    @Test func drawsPNGsOnEveryWorkerAndOnePDF() throws {
        let w = try ChartWorkload(tsv: Self.tsv, file: "w.tsv")
        let pool = RendererPool(settings: Settings(creationDate: "2023-11-14T22:13:20Z"), capacity: 2)
        let folder = Repository.temporaryDirectory("kit-bench").appendingPathComponent("pngs").path
        try w.writePNGs(to: folder, renderers: pool, workers: 2)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["chart000.png", "chart001.png"])
        for i in 0..<2 {
            let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/chart00\(i).png"))
            let alone = try pool.withRenderer { try w.png(i, renderer: $0) }
            let bitmap = try Bitmap(png: written)
            #expect(bitmap.width == 1600 && bitmap.height == 900)
            #expect(bitmap == (try Bitmap(png: alone)))   // the same picture whichever worker drew it
        }
        let pdf = try w.pdf(renderers: pool, workers: 2)
        let path = folder + "/w.pdf"
        try pdf.write(to: URL(fileURLWithPath: path))
        let info = try runProcess("/usr/bin/pdfinfo", [path]).stdout
        #expect(info.contains("Pages:           2") && info.contains("Title:           bench") && info.contains("2023"))
        #expect(info.contains("1200 x 675 pts"))
    }
}
