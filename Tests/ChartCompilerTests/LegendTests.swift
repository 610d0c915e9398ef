import ChartCompiler
import ChartScene
import Testing

@Suite struct LegendTests {
    /// Four long series names on a narrow report figure: the legend wraps into centred rows and
    /// every entry stays inside the chart (one row would run past its right edge).
    @Test func aLegendWiderThanTheChartWrapsIntoRows() throws {
        let names = ["循环经济规模以上工业企业", "省级“小巨人”企业", "国家级“小巨人”企业", "跻身省级专精特新企业"]
        let chart = Chart(
            kind: .bar, title: "", categories: ["新邵县"],
            series: names.map { Chart.Series(name: $0, values: [10], unit: "家") })
        let size = Size(300, 220)
        let scene = try chart.compile(size: size, theme: .report, measurer: FixedAdvanceMeasurer(), guides: .plotOnly)
        let legend = scene.texts(.legend)
        #expect(legend.map(\.text) == names)
        for t in legend { #expect(t.frame.minX >= 0 && t.frame.maxX <= size.width, "\(t.text) at \(t.frame)") }
        #expect(Set(legend.map(\.frame.minY)).count >= 2, "more than one row")
        // Nothing of the plot is drawn over the legend's rows.
        let legendBottom = legend.map(\.frame.maxY).max()!
        #expect(scene.shapes(.bar).allSatisfy { $0.path.bounds.minY >= legendBottom })
    }

    @Test func aLegendThatFitsStaysOneRow() throws {
        let chart = Chart(
            kind: .bar, title: "", categories: ["甲"],
            series: ["一", "二"].map { Chart.Series(name: $0, values: [1], unit: "个") })
        let scene = try chart.compile(
            size: Size(300, 200), theme: .report, measurer: FixedAdvanceMeasurer(), guides: .plotOnly)
        #expect(Set(scene.texts(.legend).map(\.frame.minY)).count == 1)
    }
}
