import ChartCompiler
import ChartScene
import Foundation
import Testing

/// Issue 16: a chart with more categories than can be drawn legibly is refused before layout,
/// saying how many fit; the value labels left out are named in one note, not one note each.
@Suite struct ManyCategoriesTests {
    let measurer = FixedAdvanceMeasurer()

    func bars(_ n: Int) -> Chart {
        BarChartSpec(
            title: "T", bars: (0..<n).map { .init(category: "县\($0)", value: Decimal($0 + 1)) }, unit: "亿元", decimals: 2
        ).chart
    }

    @Test func tooManyCategoriesAreRefusedSayingHowManyFit() throws {
        // 1200 pt wide, print theme: 16.5 pt labels, half of that per column, less the margins.
        let fit = Int((1200 - 2 * Theme.print.margin) / (Theme.print.labelSize * 0.5))
        #expect(throws: ChartError.tooManyCategories(count: 40_000, fit: fit)) {
            try bars(40_000).compile(size: Size(1200, 675), measurer: measurer)
        }
        var hbar = bars(100)
        hbar.kind = .horizontalBar
        let rows = Int((675 - 2 * Theme.print.margin) / (Theme.print.labelSize * 1.2))
        #expect(throws: ChartError.tooManyCategories(count: 100, fit: rows)) {
            try hbar.compile(size: Size(1200, 675), measurer: measurer)
        }
        _ = try bars(fit).compile(size: Size(1200, 675), measurer: measurer)
    }

    @Test func hiddenValueLabelsAreOneNote() throws {
        let scene = try bars(130).compile(size: Size(1200, 675), measurer: measurer)
        let hidden = scene.notes.filter { $0.contains("hidden") }
        #expect(hidden.count == 1, "\(hidden)")
        let labels = scene.texts(.valueLabel).count
        #expect(hidden.first?.hasPrefix("\(130 - labels) value labels hidden, no room: ") == true, "\(hidden)")
    }
}
