import ChartScene
import Foundation
import Testing

@testable import ChartCompiler

@Suite struct DualAxisTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var left: ClosedRange<Double>, right: ClosedRange<Double>
        var testDescription: String { "\(left) | \(right)" }
    }

    static let cases: [Case] = [
        Case(left: 0...2731.42, right: 0...8.5),
        Case(left: 0...280.4, right: -2.5...8.2),   // growth turns negative
        Case(left: 0...100, right: -25.7...9.3),
        Case(left: -50...300, right: -1...6),
        Case(left: 0...1, right: 0...0),
        Case(left: 0...145.26, right: 3.6...9.3),
    ]

    @Test(arguments: cases) func zeroOnTheSameGridlineAndSameCount(_ c: Case) {
        let r = DualAxis.align(left: c.left, right: c.right)
        #expect(r.left.count == r.right.count && r.left.count >= 3)
        let zl = r.left.firstIndex(of: 0), zr = r.right.firstIndex(of: 0)
        #expect(zl != nil && zl == zr)
        #expect(r.left.first! <= min(0, c.left.lowerBound) && r.left.last! >= c.left.upperBound)
        #expect(r.right.first! <= min(0, c.right.lowerBound) && r.right.last! >= c.right.upperBound)
        for t in [r.left, r.right] {
            let steps = Set(zip(t.dropFirst(), t).map { ($0 - $1).rounded(toPlaces: 9) })
            #expect(steps.count == 1)
        }
    }

    @Test func aKnownLayout() {
        let r = DualAxis.align(left: 0...280.4, right: -2.5...8.2, maxIntervals: 6)
        #expect(r.left.first! < 0 && r.right.first! < 0)
        #expect(r.right.contains(0) && r.left.contains(0))
    }
}

extension Double {
    func rounded(toPlaces p: Int) -> Double { (self * pow(10, Double(p))).rounded() / pow(10, Double(p)) }
}

@Suite struct ChartLayoutTests {
    let measurer = FixedAdvanceMeasurer()
    let size = Size(1600, 900)
    func d(_ s: String?) -> Decimal? { s.flatMap { Decimal(string: $0) } }

    func combo(growth: [String?]) -> Chart {
        Chart(
            kind: .combo, title: "2019—2023年新邵县地区生产总值及其增长速度", source: "新邵县统计局",
            categories: ["2019年", "2020年", "2021年", "2022年", "2023年"],
            series: [
                .init(
                    name: "地区生产总值", values: ["210.5", "225.3", "246.8", "262.1", "280.4"].map(d), unit: "亿元", mark: .bar
                ),
                .init(name: "增长速度", values: growth.map(d), unit: "%", mark: .line, axis: .right),
            ])
    }

    func checkNoOverlapsAndInside(_ scene: Scene) {
        let page = Rect(x: 0, y: 0, width: scene.size.width, height: scene.size.height)
        for m in scene.flattened { #expect(page.contains(m.bounds), "\(m.role) outside") }
        let labels = scene.texts(.valueLabel)
        for i in labels.indices {
            for j in labels.indices where j > i { #expect(!labels[i].frame.intersects(labels[j].frame)) }
        }
        // A label covers another series' bar only on its plate.
        let plated = Set(scene.shapes(.labelPlate).compactMap(\.datum))
        for label in labels where !plated.contains(label.datum ?? "") {
            for bar in scene.shapes(.bar) where bar.datum != label.datum {
                #expect(!label.frame.intersects(bar.path.bounds))
            }
        }
        let plotTicks = scene.texts(.tickLabel)
        for label in labels { for t in plotTicks { #expect(!label.frame.intersects(t.frame)) } }
    }

    @Test func comboZeroIsAlignedWithNegativeGrowth() throws {
        let scene = try combo(growth: ["7.8", "-2.1", "8.2", "5.3", "6.9"]).compile(size: size, measurer: measurer)
        #expect(scene.shapes(.bar).count == 5)
        #expect(scene.shapes(.point).count == 5 && scene.shapes(.line).count == 1)
        let left = scene.texts(.tickLabel).filter { $0.datum == "left" },
            right = scene.texts(.tickLabel).filter { $0.datum == "right" }
        #expect(left.count == right.count)
        let zeroLeft = try #require(left.first { $0.text == "0" }),
            zeroRight = try #require(right.first { $0.text.hasPrefix("0") && !$0.text.contains("−") })
        #expect(abs(zeroLeft.frame.midY - zeroRight.frame.midY) < 1e-9)
        // The negative growth point lies below the zero axis; every bar stands on it.
        let axisY = scene.shapes(.axis)[0].path.bounds.minY
        let points = scene.shapes(.point).map(\.path.bounds.midY)
        #expect(points[1] > axisY && points[0] < axisY)
        #expect(scene.shapes(.bar).allSatisfy { abs($0.path.bounds.maxY - axisY) < 1e-9 })
        #expect(scene.texts(.unitLabel).map(\.text) == ["单位：亿元", "单位：%"])
        #expect(scene.texts(.legend).map(\.text) == ["地区生产总值", "增长速度"])
        #expect(right.contains { $0.text.hasPrefix("\u{2212}") })
        checkNoOverlapsAndInside(scene)
    }

    @Test func valueLabelsAreRoundedAndPlaced() throws {
        let scene = try combo(growth: ["7.8", "4.1", "8.2", "5.3", "6.9"]).compile(size: size, measurer: measurer)
        let texts = Set(scene.texts(.valueLabel).map(\.text))
        #expect(texts.isSuperset(of: ["210.50", "280.40", "7.8", "6.9"]))
        #expect(scene.notes.filter { $0.contains("hidden") }.count + scene.texts(.valueLabel).count == 10)
        checkNoOverlapsAndInside(scene)
    }

    @Test func aGrowthPointInsideItsBarKeepsItsLabelBesideItOnAPlate() throws {
        let chart = Chart(
            kind: .combo, title: "地区生产总值及其增长速度", categories: ["2021年", "2022年", "2023年"],
            series: [
                .init(name: "地区生产总值", values: ["100", "100", "100"].map(d), unit: "亿元", mark: .bar),
                .init(name: "增长速度", values: ["1.0", "9.0", "1.0"].map(d), unit: "%", mark: .line, axis: .right),
            ])
        let scene = try chart.compile(size: size, measurer: measurer)
        let points = scene.shapes(.point), bars = scene.shapes(.bar)
        #expect(bars[0].path.bounds.contains(points[0].path.bounds), "the 2021 point is inside its bar")
        for k in [0, 2] {
            let point = points[k].path.bounds
            let label = try #require(scene.texts(.valueLabel).first { $0.datum == points[k].datum })
            #expect(label.text == "1.0")
            // Beside its point (within a label's height), not lifted above the bar.
            let distance = max(label.frame.minY - point.maxY, point.minY - label.frame.maxY, 0)
            #expect(distance < label.frame.height, "label \(distance) pt from its point")
            let plate = try #require(scene.shapes(.labelPlate).first { $0.datum == points[k].datum })
            #expect(plate.path.bounds.contains(label.frame))
            #expect(plate.fill == .white)
            // The plate is drawn before its label, after the bar.
            let order = scene.flattened.map { $0.role }
            #expect(order.firstIndex(of: .labelPlate)! > order.firstIndex(of: .bar)!)
        }
        checkNoOverlapsAndInside(scene)
    }

    @Test func aBreakSplitsTheLineAndIsMarked() throws {
        var chart = combo(growth: ["7.8", "4.1", "8.2", "5.3", "6.9"])
        chart.breaks = ["2020年"]
        let scene = try chart.compile(size: size, measurer: measurer)
        #expect(scene.shapes(.line).count == 1)   // 2019 alone, then 2020–2023
        #expect(scene.shapes("break").count == 1)
        #expect(scene.notes.contains { $0.contains("series break") })
    }

    @Test func percentStackedBarsFillTheAxis() throws {
        let chart = Chart(
            kind: .percentStackedBar, title: "三次产业结构", categories: ["新邵县", "隆回县"],
            series: [
                .init(name: "第一产业", values: [d("24.6"), d("21.5")], decimals: 1),
                .init(name: "第二产业", values: [d("22.9"), d("25.6")], decimals: 1),
                .init(name: "第三产业", values: [d("52.5"), d("52.9")], decimals: 1),
            ])
        let scene = try chart.compile(size: size, measurer: measurer)
        let bars = scene.shapes(.bar)
        #expect(bars.count == 6)
        let axisY = scene.shapes(.axis)[0].path.bounds.minY
        let top = scene.shapes(.gridline).map(\.path.bounds.minY).min()!
        for c in ["新邵县", "隆回县"] {
            let stack = bars.filter { $0.datum!.hasPrefix(c) }.map(\.path.bounds)
            #expect(abs(stack.map(\.height).reduce(0, +) - (axisY - top)) < 1e-6)
        }
        #expect(scene.texts(.tickLabel).map(\.text) == ["0", "20", "40", "60", "80", "100"])
    }

    @Test func horizontalBarsRankDown() throws {
        let chart = Chart(
            kind: .horizontalBar, title: "排序", categories: ["邵东市", "隆回县", "双清区"],
            series: [.init(name: "GDP", values: [d("616.74"), d("233.0109"), d("168.12")], unit: "亿元")])
        let scene = try chart.compile(size: size, measurer: measurer)
        let bars = scene.shapes(.bar).map(\.path.bounds)
        #expect(bars.count == 3 && bars[0].width > bars[1].width && bars[0].minY < bars[1].minY)
        #expect(scene.texts(.valueLabel).map(\.text) == ["616.74", "233.01", "168.12"])
        checkNoOverlapsAndInside(scene)
    }

    @Test func groupedBarsSitSideBySide() throws {
        let chart = Chart(
            kind: .bar, title: "分组", categories: ["甲", "乙"],
            series: [.init(name: "2022年", values: [d("10"), d("12")]), .init(name: "2023年", values: [d("11"), nil])])
        let scene = try chart.compile(size: size, measurer: measurer)
        let bars = scene.shapes(.bar)
        #expect(bars.map(\.datum) == ["甲/2022年", "甲/2023年", "乙/2022年"])
        #expect(bars[0].path.bounds.maxX <= bars[1].path.bounds.minX + 1e-9)
        #expect(scene.notes.contains { $0.contains("乙") && $0.contains("2023年") })
    }

    @Test func mismatchedSeriesIsAnError() {
        let chart = Chart(kind: .bar, title: "x", categories: ["a", "b"], series: [.init(name: "s", values: [1])])
        #expect(throws: ChartError.mismatched(series: "s", values: 1, categories: 2)) {
            try chart.compile(size: size, measurer: measurer)
        }
    }
}

@Suite struct ReadableUnitTests {
    @Test func largeFiguresAreRestatedExactly() throws {
        let chart = Chart(
            kind: .bar, title: "t", categories: ["新邵县", "隆回县"],
            series: [.init(name: "GDP", values: [1_668_595, 2_330_109], unit: "万元")])
        let r = chart.withReadableUnits()
        #expect(
            r.series[0].unit == "亿元"
                && r.series[0].values == [Decimal(string: "166.8595"), Decimal(string: "233.0109")])
        let scene = try chart.compile(size: Size(1600, 900), measurer: FixedAdvanceMeasurer())
        #expect(scene.texts(.unitLabel).map(\.text) == ["单位：亿元"])
        #expect(scene.texts(.valueLabel).map(\.text) == ["166.86", "233.01"])
        let people = Chart(
            kind: .bar, title: "t", categories: ["甲"], series: [.init(name: "人口", values: [765_000], unit: "人")])
        #expect(
            people.withReadableUnits().series[0].unit == "万人"
                && people.withReadableUnits().series[0].values == [Decimal(string: "76.5")])
        let small = Chart(
            kind: .bar, title: "t", categories: ["甲"], series: [.init(name: "x", values: [2.5], unit: "亿元")])
        #expect(small.withReadableUnits().series[0].unit == "亿元")
    }
}

@Suite struct CategoryLabelTests {
    @Test func longLabelsWrapThenRotate() throws {
        let names = [
            "湘西土家族苗族自治州", "张家界市", "长沙市", "岳阳市", "常德市", "衡阳市", "株洲市", "郴州市", "湘潭市", "邵阳市", "永州市", "益阳市", "娄底市", "怀化市",
        ]
        let chart = Chart(
            kind: .bar, title: "t", categories: names, series: [.init(name: "s", values: names.map { _ in 1 })])
        // As an 800×450 px picture: 600×337.5 pt, type at half the print theme's.
        let scene = try chart.compile(
            size: Size(600, 337.5), theme: .print.scaled(by: 0.5), measurer: FixedAdvanceMeasurer())
        let labels = scene.texts(.categoryLabel)
        #expect(labels.count == 14 && labels.allSatisfy { $0.rotation == -45 })
        let few = Chart(
            kind: .bar, title: "t", categories: ["湘西土家族苗族自治州", "张家界市"], series: [.init(name: "s", values: [1, 2])])
        let wrapped = try few.compile(
            size: Size(300, 225), theme: .print.scaled(by: 0.4), measurer: FixedAdvanceMeasurer()
        ).texts(.categoryLabel)
        #expect(wrapped.allSatisfy { $0.rotation == 0 } && wrapped[0].wrapWidth != nil)
    }
}
