import ChartScene
import Foundation
import PageLayout
import ReportBuilder
import Testing

@Suite struct LongReportTests {
    /// A generated report of 100 sections, each a heading, paragraphs and a table: it runs to over
    /// 100 pages with every page numbered and the contents pointing at the right pages.
    @Test func aHundredPageReportIsPaginatedConsistently() throws {
        var blocks = """
              - {id: cover, type: cover}
              - {id: toc, type: toc, depth: 1}

            """
        for n in 1...100 {
            blocks += """
                  - {id: h\(n), type: heading, text: 第\(n)部分}
                  - {id: p\(n)a, type: paragraph, text: "\(String(repeating: "全年地区生产总值{{gdp.value}}，{{gdp.yoy.phrase}}，经济运行总体平稳。", count: 12))"}
                  - {id: p\(n)b, type: paragraph, text: "\(String(repeating: "社会消费品零售总额{{retail.value}}。", count: 20))"}
                  - id: t\(n)
                    type: table
                    caption: 主要指标\(n)
                    rows: [\((1...12).map { _ in "{figure: gdp, label: 地区生产总值}" }.joined(separator: ", "))]

                """
        }
        let f = try ReportFixture(
            definition: ReportFixture.header() + """

                figures:
                  gdp: {indicator: 地区生产总值}
                  retail: {indicator: 社会消费品零售总额}
                blocks:
                \(blocks)
                """)
        let built = try f.build()
        let doc = Paginator(style: .a4(), measurer: FixedAdvanceMeasurer(), runningTitle: "乙县").layout(built.blocks)
        #expect(doc.pages.count >= 100)
        #expect(doc.outline.count == 100)
        for (i, page) in doc.pages.enumerated().dropFirst() {
            #expect(page.texts(.pageNumber).last?.text == "第 \(i + 1) 页 共 \(doc.pages.count) 页")
        }
        let contents = doc.pages[1...4].flatMap { $0.texts(.pageNumber).filter { $0.datum != nil } }
        for entry in doc.outline {
            #expect(contents.first { $0.datum == entry.anchor }?.text == "\(entry.page + 1)")
        }
    }
}
