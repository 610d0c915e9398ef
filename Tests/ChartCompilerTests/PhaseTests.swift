import ChartScene
import Foundation
import Testing

@testable import ChartCompiler

/// The compiler's phases seen from outside: guides as measured blocks, a chart without its
/// title and source, a chart laid out in any frame.
@Suite struct PhaseTests {
    let measurer = FixedAdvanceMeasurer()
    func d(_ s: String?) -> Decimal? { s.flatMap { Decimal(string: $0) } }

    var combo: Chart {
        Chart(
            kind: .combo, title: "2019—2023年新邵县地区生产总值及其增长速度", subtitle: "按现价计算", source: "新邵县统计局",
            categories: ["2019年", "2020年", "2021年", "2022年", "2023年"],
            series: [
                .init(
                    name: "地区生产总值", values: ["210.5", "225.3", "246.8", "262.1", "280.4"].map(d), unit: "亿元", mark: .bar
                ),
                .init(
                    name: "增长速度", values: ["7.8", "-2.1", "8.2", "5.3", "6.9"].map(d), unit: "%", mark: .line,
                    axis: .right),
            ])
    }
    let theme = Theme.print

    func union(_ marks: [Mark]) -> Rect {
        let b = marks.map(\.bounds)
        let x0 = b.map(\.minX).min()!, y0 = b.map(\.minY).min()!
        return Rect(x: x0, y: y0, width: b.map(\.maxX).max()! - x0, height: b.map(\.maxY).max()! - y0)
    }

    @Test func blocksAreMeasuredThenPlacedAtAnyOrigin() throws {
        let title = TextBlock.title("2023年邵阳市地区生产总值", theme: theme, width: 800, measurer: measurer)
        let marks = title.marks(at: Point(100, 50))
        #expect(marks.count == 1 && marks[0].role == .title)
        #expect(marks[0].bounds == Rect(x: 100, y: 50, width: title.size.width, height: title.size.height))
        let source = TextBlock.source("邵阳市统计局", theme: theme, width: 800, measurer: measurer)
        #expect(source.text == "资料来源：邵阳市统计局" && source.size.height > 0)
        let legend = LegendBlock(chart: combo, theme: theme, maxWidth: 1000, measurer: measurer)
        let legendMarks = legend.marks(at: Point(300, 20))
        #expect(legendMarks.filter { $0.role == .legend }.count == legendMarks.count)
        let box = union(legendMarks)
        #expect(abs(box.minX - 300) < 1e-9 && box.minY >= 20 && box.maxY <= 20 + legend.size.height + 1e-9)
        #expect(box.width <= legend.size.width && box.width >= legend.size.width - theme.gap)   // half a gap after the last name
        let units = try #require(UnitRow(left: "亿元", right: "%", theme: theme, width: 600, measurer: measurer))
        let unitMarks = units.marks(at: Point(10, 10))
        #expect(unitMarks.map(\.bounds.minX).first == 10 && abs(unitMarks.map(\.bounds.maxX).last! - 610) < 1e-9)
        #expect(UnitRow(left: nil, right: "", theme: theme, width: 600, measurer: measurer) == nil)
    }

    @Test func withoutTitleAndSourceThePlotTakesTheirRoom() throws {
        let size = Size(1600, 900)
        let full = try combo.compile(size: size, theme: theme, measurer: measurer)
        let bare = try combo.compile(size: size, theme: theme, measurer: measurer, guides: .plotOnly)
        #expect(full.texts(.title).count == 1 && full.texts(.subtitle).count == 1 && full.texts(.sourceNote).count == 1)
        #expect(bare.texts(.title).isEmpty && bare.texts(.subtitle).isEmpty && bare.texts(.sourceNote).isEmpty)
        #expect(bare.texts(.legend).map(\.text) == ["地区生产总值", "增长速度"])
        #expect(bare.texts(.unitLabel).map(\.text) == ["单位：亿元", "单位：%"])
        func plotHeight(_ s: Scene) -> Double {
            let ys = (s.shapes(.gridline) + s.shapes(.axis)).map(\.path.bounds.minY)
            return ys.max()! - ys.min()!
        }
        #expect(plotHeight(bare) > plotHeight(full))
        #expect(bare.marks.allSatisfy { $0.bounds.minY >= theme.margin - 1e-9 })
        let onlyTitle = try combo.compile(size: size, theme: theme, measurer: measurer, guides: .title)
        #expect(
            onlyTitle.texts(.title).count == 1 && onlyTitle.texts(.sourceNote).isEmpty
                && onlyTitle.texts(.subtitle).isEmpty)
    }

    @Test func aFrameAnywhereGivesTheSameChartMoved() throws {
        let at0 = try combo.compile(in: Rect(x: 0, y: 0, width: 800, height: 450), theme: theme, measurer: measurer)
        let moved = try combo.compile(
            in: Rect(x: 56, y: 300, width: 800, height: 450), theme: theme, measurer: measurer)
        #expect(at0.marks.count == moved.marks.count && at0.notes == moved.notes)
        for (a, b) in zip(at0.marks, moved.marks) {
            #expect(a.role == b.role)
            #expect(abs(b.bounds.minX - a.bounds.minX - 56) < 1e-6 && abs(b.bounds.minY - a.bounds.minY - 300) < 1e-6)
            #expect(abs(b.bounds.width - a.bounds.width) < 1e-6 && abs(b.bounds.height - a.bounds.height) < 1e-6)
        }
        let frame = Rect(x: 56, y: 300, width: 800, height: 450)
        #expect(moved.marks.allSatisfy { frame.contains($0.bounds) })
    }

    @Test func aMissingFigureEndsTheLineAndDrawsNothing() throws {
        var chart = combo
        chart.series[1].values[2] = nil
        let scene = try chart.compile(size: Size(1600, 900), theme: theme, measurer: measurer)
        #expect(scene.shapes(.line).count == 2)   // 2019–2020, then 2022–2023
        #expect(scene.shapes(.point).count == 4)
        #expect(!scene.texts(.valueLabel).contains { $0.datum == "2021年/增长速度" })
        #expect(scene.notes.first == "增长速度: 2021年 无数据")
    }

    @Test func oneNoteNamesEveryCategoryWithoutAFigureInEachSeries() throws {
        let years = ["2018年", "2019年", "2020年", "2021年", "2022年", "2023年"]
        let chart = Chart(
            kind: .line, title: "增速", categories: years,
            series: [
                .init(name: "邵阳市", values: ["7.8", "7.6", "3.9", "8.5", "5.5", "4.8"].map(d), unit: "%", mark: .line),
                .init(name: "新邵县", values: ["7.1", nil, "4.0", nil, nil, "5.2"].map(d), unit: "%", mark: .line),
            ])
        let scene = try chart.compile(size: Size(1200, 675), measurer: measurer)
        #expect(scene.notes.filter { $0.contains("无数据") } == ["新邵县: 2019年、2021年、2022年 无数据"])
        #expect(scene.shapes(.line).filter { $0.datum == "新邵县" }.count == 0)   // 2018, 2020 and 2023 stand alone
        #expect(scene.shapes(.point).filter { $0.datum!.hasPrefix("2019年") || $0.datum!.hasPrefix("2021年") }.count == 2)   // 邵阳市's only
        let bars = Chart(
            kind: .bar, title: "t", categories: ["甲", "乙"], series: [.init(name: "GDP", values: [nil, 2], unit: "亿元")])
        let barScene = try bars.compile(size: Size(1200, 675), measurer: measurer)
        #expect(barScene.shapes(.bar).map(\.datum) == ["乙"] && barScene.notes == ["GDP: 甲 无数据"])
        let ranked = Chart(
            kind: .horizontalBar, title: "t", categories: ["甲", "乙"],
            series: [.init(name: "GDP", values: [1, nil], unit: "亿元")])
        let hbar = try ranked.compile(size: Size(1200, 675), measurer: measurer)
        #expect(hbar.shapes(.bar).count == 1 && hbar.notes == ["GDP: 乙 无数据"])
    }

    @Test func aReportChartKeepsItsTypeSizesInAnyFrame() throws {
        // An A4 page's text block (2.5 cm margins): the chart full width, then at half width.
        let full = Rect(x: 70.87, y: 120, width: 453.54, height: 255)
        let half = Rect(x: 70.87, y: 400, width: 226.77, height: 170)
        for frame in [full, half] {
            let content = try combo.compile(in: frame, theme: .report, measurer: measurer, guides: .plotOnly)
            #expect(content.marks.allSatisfy { frame.contains($0.bounds) })
            let texts = content.marks.compactMap { if case .text(let t) = $0 { t } else { nil } }
            #expect(!texts.contains { $0.role == .title || $0.role == .sourceNote })
            for t in texts {
                let expected = t.role == .valueLabel ? 9 : 10.5   // 小五 and 五号, whatever the frame
                #expect(t.style.size == expected, "\(t.role) \(t.text)")
            }
            let minX = content.marks.map(\.bounds.minX).min()!
            #expect(abs(minX - (frame.minX + Theme.report.margin)) < 1e-6)
        }
    }
}
