import ChartCompiler
import ChartScene
import Foundation
import Testing

@Suite struct BarChartTests {
    let measurer = FixedAdvanceMeasurer()
    let size = Size(1600, 900)

    func spec(_ values: [(String, String?)], unit: String? = "亿元") -> BarChartSpec {
        BarChartSpec(
            title: "2020年邵阳市部分县市区地区生产总值",
            bars: values.map { .init(category: $0.0, value: $0.1.flatMap { Decimal(string: $0) }) },
            unit: unit, decimals: 2, source: "各县市区统计公报")
    }

    let sample: [(String, String?)] = [("邵东市", "616.74"), ("隆回县", "233.0109"), ("双清区", "168.12"), ("新邵县", "166.8595")]

    @Test func oneBarPerValueWithHeightsInProportion() throws {
        let scene = try spec(sample).compile(size: size, measurer: measurer)
        let bars = scene.shapes(.bar)
        #expect(bars.map(\.datum) == ["邵东市", "隆回县", "双清区", "新邵县"])
        let heights = bars.map(\.path.bounds.height)
        #expect(abs(heights[0] / heights[1] - 616.74 / 233.0109) < 1e-9)
        #expect(abs(heights[2] / heights[3] - 168.12 / 166.8595) < 1e-9)
        // All bars stand on the same baseline: the zero axis.
        let zero = scene.shapes(.axis)
        #expect(zero.count == 1)
        #expect(bars.allSatisfy { abs($0.path.bounds.maxY - zero[0].path.bounds.minY) < 1e-9 })
    }

    @Test func labelsAreChineseAndRoundedHalfAwayFromZero() throws {
        let scene = try spec(sample).compile(size: size, measurer: measurer)
        #expect(scene.texts(.title).map(\.text) == ["2020年邵阳市部分县市区地区生产总值"])
        #expect(scene.texts(.unitLabel).map(\.text) == ["单位：亿元"])
        #expect(scene.texts(.sourceNote).map(\.text) == ["资料来源：各县市区统计公报"])
        #expect(scene.texts(.categoryLabel).map(\.text) == ["邵东市", "隆回县", "双清区", "新邵县"])
        #expect(scene.texts(.valueLabel).map(\.text) == ["616.74", "233.01", "168.12", "166.86"])
    }

    @Test func ticksAreNiceAndStartAtZero() throws {
        let scene = try spec(sample).compile(size: size, measurer: measurer)
        let ticks = scene.texts(.tickLabel).map(\.text)
        #expect(ticks.first == "0")
        let values = ticks.map { Double($0)! }
        #expect(values.last! >= 616.74)
        let steps = Set(zip(values.dropFirst(), values).map { $0 - $1 })
        #expect(steps.count == 1)
    }

    @Test func nothingOverlapsAndEverythingIsInside() throws {
        let scene = try spec(sample).compile(size: size, measurer: measurer)
        let page = Rect(x: 0, y: 0, width: size.width, height: size.height)
        for m in scene.flattened { #expect(page.contains(m.bounds), "\(m.role) outside the chart") }
        let texts = scene.texts()
        for i in texts.indices {
            for j in texts.indices where j > i {
                #expect(!texts[i].frame.intersects(texts[j].frame), "“\(texts[i].text)” overlaps “\(texts[j].text)”")
            }
        }
        // Value labels sit on their own bar and no other.
        let bars = scene.shapes(.bar)
        for label in scene.texts(.valueLabel) {
            for bar in bars where bar.datum != label.datum {
                #expect(!label.frame.intersects(bar.path.bounds))
            }
        }
    }

    @Test func missingValueDrawsNoBarAndSaysSo() throws {
        let scene = try spec([("甲县", "10"), ("乙县", nil), ("丙县", "5")]).compile(size: size, measurer: measurer)
        #expect(scene.shapes(.bar).map(\.datum) == ["甲县", "丙县"])
        #expect(scene.texts(.categoryLabel).count == 3)
        #expect(scene.notes.contains { $0.contains("乙县") })
    }

    @Test func negativeBarsHangBelowZero() throws {
        let scene = try spec([("甲县", "-25.7"), ("乙县", "9.3")], unit: "%").compile(size: size, measurer: measurer)
        let zeroY = scene.shapes(.axis)[0].path.bounds.minY
        let bars = scene.shapes(.bar)
        #expect(abs(bars[0].path.bounds.minY - zeroY) < 1e-9)
        #expect(abs(bars[1].path.bounds.maxY - zeroY) < 1e-9)
        let labels = scene.texts(.valueLabel)
        #expect(labels.map(\.text) == ["\u{2212}25.70", "9.30"])
        #expect(labels[0].frame.minY >= bars[0].path.bounds.maxY)
    }

    @Test func longCategoryLabelsWrapInsideTheirBand() throws {
        let scene = try spec([("城步苗族自治县城步苗族自治县城步苗族自治县", "39.71"), ("新邵县", "166.86"), ("武冈市", "1")])
            .compile(size: Size(300, 225), theme: .print.scaled(by: 0.4), measurer: measurer)   // a 400×300 px picture
        let labels = scene.texts(.categoryLabel)
        #expect(labels[0].wrapWidth != nil)
        #expect(!labels[0].frame.intersects(labels[1].frame))
        #expect(labels[0].frame.height > labels[1].frame.height)
        #expect(labels[0].frame.width <= labels[0].wrapWidth!)
    }

    @Test func tooSmallIsAnError() {
        #expect(throws: ChartError.self) { try spec(sample).compile(size: Size(60, 40), measurer: measurer) }
        #expect(throws: ChartError.noData) { try spec([]).compile(size: size, measurer: measurer) }
    }
}
