import ChartScene
import CountyData
import Foundation
import PageLayout
import ReportBuilder
import Specs
import Testing

@Suite struct ReportBuilderTests {
    func report(figures: String, blocks: String) throws -> ReportFixture {
        try ReportFixture(definition: ReportFixture.header() + "\nfigures:\n" + figures + "\nblocks:\n" + blocks)
    }

    @Test func aParagraphIsWrittenFromTheMetricsWithEveryNumberTraced() throws {
        let f = try report(
            figures: "  gdp: {indicator: 地区生产总值}",
            blocks: """
                  - {id: p1, type: paragraph, text: "全年地区生产总值{{gdp.value}}，{{gdp.yoy.phrase}}。总量{{gdp.rank.phrase}}，{{gdp.share.phrase}}。"}
                """)
        let r = try f.build()
        #expect(ReportFixture.paragraphs(r) == ["全年地区生产总值280.40亿元，比上年增长6.9%。总量居全市第2位，占全市的13.4%。"])
        let stated = r.explanations.first { $0.text == "比上年增长6.9%" }
        #expect(stated?.origin.what == "yoy of 地区生产总值 (stated)")
        #expect(stated?.origin.inputs == ["\(f.dataPath):6"])
        #expect(r.explanations.first { $0.text == "280.40亿元" }?.origin.inputs == ["\(f.dataPath):5"])
    }

    @Test func aValueColumnIsHeadedByTheRowsPeriodOrNumbersWhenTheyDiffer() throws {
        let f = try report(
            figures: """
                  gdp22: {indicator: 地区生产总值, period: 2022}
                  retail21: {indicator: 社会消费品零售总额, period: 2021}
                """,
            blocks: """
                  - {id: t1, type: table, caption: 一年, columns: [value, unit], rows: [{figure: gdp22, label: 地区生产总值}]}
                  - {id: t2, type: table, caption: 两年, columns: [period, value, unit], rows: [{figure: gdp22, label: 地区生产总值}, {figure: retail21, label: 社会消费品零售总额}]}
                """)
        let tables = try f.build().blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(tables.map(\.header) == [["指标", "2022年", "单位"], ["指标", "时期", "数值", "单位"]])
    }

    /// A table prints a figure as the data wrote it (1286.40万件, not 1286.4), a converted figure by the
    /// unit's rule, an index base as its unit, and beside a missing level the unit the definition names.
    @Test func tableCellsArePrintedAsTheDataStatesThem() throws {
        let csv =
            ReportFixture.csv
            + "430501,乙县,甲市,服装,2023,1286.40,万件,,\n430501,乙县,甲市,居民消费价格指数,2023,100.3,上年＝100,,\n"
            + "430501,乙县,甲市,固定资产投资增速,2023,5.2,%,,\n"
        let f = try ReportFixture(
            definition: ReportFixture.header() + """

                figures:
                  clothes: {indicator: 服装}
                  clothesYuan: {indicator: 服装, unit: 件}
                  cpi: {indicator: 居民消费价格指数}
                  investment: {indicator: 固定资产投资, unit: 亿元}
                blocks:
                  - {id: t1, type: table, caption: 指标, columns: [value, unit, yoy], rows: [{figure: clothes, label: 服装}, {figure: clothesYuan, label: 服装}, {figure: cpi, label: 居民消费价格指数}, {figure: investment, label: 固定资产投资}]}
                """, csv: csv)
        let table = try #require(f.build().blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }.first)
        #expect(
            table.rows.map(\.cells) == [
                ["服装", "1286.40", "万件", "—"], ["服装", "12864000", "件", "—"], ["居民消费价格指数", "100.3", "上年＝100", "—"],
                ["固定资产投资", "—", "亿元", "5.2"],
            ])
    }

    @Test func aRankIsWordedByHowManySiblingsHaveAFigure() throws {
        let f = try report(
            figures: "  retail: {indicator: 社会消费品零售总额}",
            blocks: """
                  - {id: p1, type: paragraph, text: "社会消费品零售总额{{retail.value}}，{{retail.rank.phrase}}。"}
                """)
        // Two of the three counties have the figure: never “居全市第2位”.
        #expect(ReportFixture.paragraphs(try f.build()) == ["社会消费品零售总额100.00亿元，在有数据的2个县市区中居第2位。"])
    }

    @Test func aTemplateNamingAMissingFigureIsAnErrorNamingBlockAndKey() throws {
        let f = try report(
            figures: "  gdp: {indicator: 地区生产总值}",
            blocks: """
                  - {id: p-growth, type: paragraph, text: "全年地区生产总值{{gdp.value}}，年均{{gdp.cagr.phrase}}。"}
                """)
        #expect {
            try f.build()
        } throws: { e in
            guard case ReportError.missingFigure(let block, let key, _, let location) = e else { return false }
            return block == "p-growth" && key == "gdp.cagr.phrase" && location.line == 13
        }
    }

    @Test func anOptionalBlockLeavesTheSentenceOutNotAnEmptyValue() throws {
        let f = try report(
            figures: "  gdp: {indicator: 地区生产总值}\n  retail: {indicator: 社会消费品零售总额}",
            blocks: """
                  - {id: p1, type: paragraph, optional: true, text: "全年地区生产总值{{gdp.value}}。增速{{retail.yoy.value}}。{{gdp.yoy.phrase}}。"}
                """)
        #expect(ReportFixture.paragraphs(try f.build()) == ["全年地区生产总值280.40亿元。比上年增长6.9%。"])
    }

    @Test func aConflictIsResolvedByRuleAndReportedInDataNotes() throws {
        let f = try report(
            figures: "  fiscal: {indicator: 财政总收入}",
            blocks: """
                  - {id: p1, type: paragraph, text: "财政总收入{{fiscal.value}}。"}
                  - {id: dn, type: data-notes}
                """)
        let texts = ReportFixture.paragraphs(try f.build())
        #expect(texts[0] == "财政总收入10.80亿元。")
        #expect(
            texts.contains {
                $0.contains("2023年乙县财政总收入：两个来源不一致，采用10.80亿元（d.csv第10行），未采用11.30亿元（d.csv第9行）")
                    && $0.contains("“最终核实”数优先于“预计数”数")
            })
    }

    @Test func anUnresolvedConflictNamesBothRows() throws {
        let f = try ReportFixture(
            definition: ReportFixture.header().replacingOccurrences(
                of: "  - {prefer_note: 最终核实, over_note: 预计数}", with: "  - {prefer_file: ../data/other.csv}")
                + "\nfigures:\n  fiscal: {indicator: 财政总收入}\nblocks:\n  - {id: p1, type: paragraph, text: \"{{fiscal.value}}\"}\n"
        )
        #expect {
            try f.build()
        } throws: { e in
            "\(e)".contains("d.csv:9") && "\(e)".contains("d.csv:10") && "\(e)".contains("财政总收入")
        }
    }

    @Test func aMisspeltKeyIsNamedWithItsLineAndASuggestion() throws {
        let f = try ReportFixture(
            definition: ReportFixture.header().replacingOccurrences(of: "title:", with: "titel:") + "\nblocks: []\n")
        #expect {
            try ReportDefinition.load(path: f.definitionPath)
        } throws: { e in
            let text = "\(e)"
            return text.contains("report.yaml:1:1") && text.contains("unknown key “titel”")
                && text.contains("did you mean “title”")
        }
    }

    @Test func aPeriodAxisKeepsEveryYearAndAChartCanPlotAComputedMetric() throws {
        let f = try report(
            figures: "  gdp: {indicator: 地区生产总值}",
            blocks: """
                  - id: c1
                    type: chart
                    caption: 社会消费品零售总额及其增长
                    chart:
                      type: combo
                      title: 社会消费品零售总额
                      categories: periods
                      series:
                        - {indicator: 社会消费品零售总额, unit: 亿元}
                        - {indicator: 地区生产总值, metric: yoy, name: 地区生产总值增长, axis: right, mark: line, region: 甲市}
                """)
        let r = try f.build()
        let chart = try #require(r.charts.first?.chart)
        #expect(chart.categories == ["2021年", "2022年", "2023年"])
        #expect(chart.series[0].values == [90, nil, 100])
        // 甲市's growth is computed from its levels (2000 → 2100): 5%.
        #expect(chart.series[1].values == [nil, nil, 5])
        #expect(r.gaps.contains { $0.contains("2022年") })
    }

    /// A landscape section's chart is compiled as wide as the turned type area; a misspelt
    /// orientation is an error naming its line.
    @Test func aLandscapeSectionsChartFillsTheTurnedTypeArea() throws {
        let chart = """
                type: chart
                caption: 社会消费品零售总额
                chart: {type: bar, title: 社会消费品零售总额, categories: periods, series: [{indicator: 社会消费品零售总额, unit: 亿元}]}
            """
        let f = try report(
            figures: "  gdp: {indicator: 地区生产总值}",
            blocks: """
                  - id: c1
                \(chart)
                  - {id: pb, type: page-break, orientation: landscape}
                  - id: c2
                \(chart)
                """)
        let r = try f.build()
        let widths = r.blocks.compactMap { if case .figure(let fig) = $0 { fig.scene.size.width } else { nil } }
        #expect(widths == [PageStyle.a4().frame.width, PageStyle.a4().oriented(.landscape).frame.width])
        #expect(r.blocks.contains { if case .pageBreak(.landscape?) = $0 { true } else { false } })
        let bad = try report(
            figures: "  gdp: {indicator: 地区生产总值}", blocks: "  - {id: pb, type: page-break, orientation: sideways}\n")
        #expect {
            try ReportDefinition.load(path: bad.definitionPath)
        } throws: { e in "\(e)".contains("report.yaml:") && "\(e)".contains("sideways") }
    }
}
