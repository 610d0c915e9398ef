import CairoCanvas
import ChartScene
import CountyReportKit
import Foundation
import Synchronization
import Testing

private func probe() -> Scene {
    Scene(
        size: Size(200, 100), background: .white,
        marks: [
            .shape(
                ShapeMark(
                    path: Path(rect: Rect(x: 10, y: 10, width: 50, height: 80)),
                    fill: Color(red: 0.2, green: 0.45, blue: 0.75), role: .bar)),
            .text(
                TextMark(
                    text: "邵阳市", style: TextStyle(size: 20, weight: .bold),
                    frame: Rect(x: 70, y: 10, width: 120, height: 30), role: .title)),
        ])
}

/// One pool of renderers per process: lent to one thread at a time, reused, configured by the settings.
@Suite struct RendererPoolTests {
    @Test func aPreparedRendererIsLentAndReused() throws {
        let pool = RendererPool(settings: Settings(), capacity: 2)
        pool.prepare()
        pool.prepare()   // a second call does nothing
        let first = try pool.withRenderer { ObjectIdentifier($0) }
        let again = try pool.withRenderer { ObjectIdentifier($0) }
        #expect(first == again)   // given back, lent again
        // Held at once: two different renderers with the same fonts, drawing the same pixels.
        let (a, b, sameFonts) = try pool.withRenderer { outer in
            try pool.withRenderer { inner in
                (try outer.bitmap(probe()), try inner.bitmap(probe()), outer !== inner && outer.fonts === inner.fonts)
            }
        }
        #expect(sameFonts && a == b)
    }

    @Test func forEachRunsEveryItemOnceOnAtMostTheWorkers() throws {
        let pool = RendererPool(settings: Settings(), capacity: 4)
        let seen = Mutex<[Int: [ObjectIdentifier]]>([:])
        let bands = Mutex<Set<Int32>>([])
        try pool.forEach(40, workers: 3) { renderer, i in
            seen.withLock { $0[i, default: []].append(ObjectIdentifier(renderer)) }
            bands.withLock { _ = $0.insert(renderer.pngThreads) }
        }
        let items = seen.withLock { $0 }
        #expect(items.keys.sorted() == Array(0..<40) && items.values.allSatisfy { $0.count == 1 })
        #expect(Set(items.values.flatMap { $0 }).count <= 3)
        #expect(bands.withLock { $0 } == [1])   // several threads at once: one PNG band each
        // Given back with their own band count.
        #expect(try pool.withRenderer { $0.pngThreads } == Int32(min(4, ProcessInfo.processInfo.activeProcessorCount)))
        try pool.forEach(0) { _, _ in Issue.record("no items, no work") }
    }

    @Test func theSettingsPNGEncodingReachesEveryRenderer() throws {
        let pool = RendererPool(settings: Settings(png: .cairo), capacity: 2)
        pool.prepare()
        #expect(try pool.withRenderer { $0.pngUsesCairoWriter })
        let flags = Mutex<[Bool]>([])
        try pool.forEach(4, workers: 2) { renderer, _ in flags.withLock { $0.append(renderer.pngUsesCairoWriter) } }
        #expect(flags.withLock { $0 } == [true, true, true, true])
        // Cairo's writer and ours encode the same pixels.
        let ours = try Renderer(fonts: pool.fonts()).png(probe())
        let cairo = try pool.withRenderer { try $0.png(probe()) }
        #expect(ours != cairo)
        #expect(try Bitmap(png: ours) == Bitmap(png: cairo))
    }
}
