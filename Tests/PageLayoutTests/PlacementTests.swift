import ChartCompiler
import ChartScene
import Foundation
import PageLayout
import Testing

/// A compiled chart is a scene in points that a group's transform places in any frame of a page.
@Suite struct PlacementTests {
    let measurer = FixedAdvanceMeasurer()

    func chart() throws -> Scene {
        let chart = Chart(
            kind: .bar, title: "地区生产总值", categories: ["新邵县", "邵阳县", "隆回县"],
            series: [Chart.Series(name: "地区生产总值", values: [200, 250, 300], unit: "亿元")])
        return try chart.compile(size: Size(480, 270), measurer: measurer)
    }

    @Test func oneChartPlacedTwiceKeepsItsMarksInProportion() throws {
        let scene = try chart()
        let style = PageStyle.a4()
        let full = style.frame.width / scene.size.width
        let frames = [
            Rect(x: style.frame.minX, y: 100, width: style.frame.width, height: scene.size.height * full),
            Rect(x: style.frame.minX, y: 500, width: style.frame.width / 2, height: scene.size.height * full / 2),
        ]
        let groups = frames.map { f in
            Mark.group(GroupMark(transform: .fit(scene.size, into: f), marks: scene.marks, role: .figure))
        }
        let page = Scene(size: style.pageSize, marks: groups)
        let placed = page.placed
        let bars = placed.compactMap { m -> Rect? in
            if case .shape(let s) = m, s.role == .bar { s.path.bounds } else { nil }
        }
        let original = scene.shapes(.bar).map(\.path.bounds)
        #expect(bars.count == 2 * original.count)
        for (i, bar) in original.enumerated() {
            let a = bars[i], b = bars[original.count + i]
            #expect(abs(a.minX - (frames[0].minX + bar.minX * full)) < 1e-9)
            #expect(abs(a.minY - (100 + bar.minY * full)) < 1e-9)
            #expect(abs(a.height - bar.height * full) < 1e-9)
            // The half-size copy: half the width and height, at its own frame.
            #expect(abs(b.width - a.width / 2) < 1e-9 && abs(b.height - a.height / 2) < 1e-9)
            #expect(abs(b.minY - (500 + bar.minY * full / 2)) < 1e-9)
        }
        let titleSizes = placed.compactMap { m -> Double? in
            if case .text(let t) = m, t.role == .title { t.style.size } else { nil }
        }
        let own = scene.texts(.title)[0].style.size
        #expect(titleSizes.count == 2)
        #expect(abs(titleSizes[0] - own * full) < 1e-9 && abs(titleSizes[1] - own * full / 2) < 1e-9)
        // Everything of each copy lies inside its frame.
        for (g, f) in zip(groups, frames) { #expect(f.contains(g.bounds, tolerance: 0.5)) }
    }

    @Test func aFigureBlockIsPlacedAtTheTypeAreaWidth() throws {
        let scene = try chart()
        let style = PageStyle.a4()
        let doc = Paginator(style: style, measurer: measurer).layout(
            [.figure(Figure(scene: scene, caption: "图1  地区生产总值", source: "统计公报", alternative: "地区生产总值"))])
        let bars = doc.pages[0].placed.compactMap { m -> Rect? in
            if case .shape(let s) = m, s.role == .bar { s.path.bounds } else { nil }
        }
        #expect(bars.count == 3)
        #expect(bars.allSatisfy { style.frame.contains($0) })
        #expect(doc.pages[0].texts(.caption).map(\.text) == ["图1  地区生产总值"])
        #expect(doc.pages[0].texts(.sourceNote).map(\.text) == ["资料来源：统计公报"])
    }
}
