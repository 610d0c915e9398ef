import CairoCanvas
import ChartCompiler
import ChartScene
import CountyImageTestSupport
import CountyTestSupport
import Foundation
import Testing

/// A few charts compared with stored PNGs, with a tolerance: an RMS difference on a 0–255 scale.
/// On failure the actual image and a difference image are written beside each other in a temporary
/// folder. `RECORD_GOLDENS=1 swift test` re-records them (and fails, so the change gets reviewed).
@Suite(.serialized) struct GoldenTests {
    static let tolerance = 1.0

    static func d(_ s: String) -> Decimal? { Decimal(string: s) }

    static let charts: [String: Chart] = [
        "combo": Chart(
            kind: .combo, title: "2019—2023年新邵县地区生产总值及其增长速度", source: "新邵县统计局（示例数据）",
            categories: ["2019年", "2020年", "2021年", "2022年", "2023年"],
            series: [
                .init(name: "地区生产总值", values: ["210.5", "225.3", "246.8", "262.1", "280.4"].map(d), unit: "亿元"),
                .init(
                    name: "增长速度", values: ["7.8", "-2.1", "8.2", "5.3", "6.9"].map(d), unit: "%", mark: .line,
                    axis: .right),
            ]),
        "stacked100": Chart(
            kind: .percentStackedBar, title: "2020年三次产业结构", source: "各县统计公报",
            categories: ["新邵县", "隆回县", "邵阳市"],
            series: [
                .init(name: "第一产业", values: ["24.6", "21.5", "17.8"].map(d), decimals: 1),
                .init(name: "第二产业", values: ["22.9", "25.6", "31.0"].map(d), decimals: 1),
                .init(name: "第三产业", values: ["52.5", "52.9", "51.2"].map(d), decimals: 1),
            ]),
    ]

    @Test(arguments: ["combo", "stacked100"]) func matchesItsGolden(_ name: String) throws {
        let renderer = Renderer(fonts: try FontLibrary.bundled())
        // An 800×450 px picture, as the chart command makes it: 600×337.5 pt, type at half the print theme's.
        let scene = try Self.charts[name]!.compile(
            size: Size(600, 337.5), theme: .print.scaled(by: 0.5), measurer: renderer.measurer)
        let png = try renderer.png(scene, scale: 4.0 / 3.0)
        let goldenPath = Repository.path("Tests/Goldens/\(name)-800x450.png")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] != nil {
            try png.write(to: URL(fileURLWithPath: goldenPath))
            Issue.record("recorded \(goldenPath); review it and run again without RECORD_GOLDENS")
            return
        }
        let golden = try Bitmap(png: Data(contentsOf: URL(fileURLWithPath: goldenPath)))
        let actual = try Bitmap(png: png)
        let rms = try #require(rmsDifference(golden, actual), "sizes differ")
        if rms > Self.tolerance {
            let dir = Repository.temporaryDirectory("golden-\(name)")
            try png.write(to: dir.appendingPathComponent("actual.png"))
            try renderer.png(Scene(size: Size(800, 450), background: nil, marks: [])).write(
                to: dir.appendingPathComponent("blank.png"))
            let diff = differenceImage(golden, actual)
            try writeBitmap(diff, to: dir.appendingPathComponent("diff.png").path, renderer: renderer)
            Issue.record("\(name): RMS \(rms) > \(Self.tolerance); actual and diff in \(dir.path)")
        }
        #expect(renderer.missingGlyphs.isEmpty)
    }

    /// Writes a bitmap as PNG by drawing it as 1×1 rectangles of run-length rows (slow, only on failure).
    func writeBitmap(_ b: Bitmap, to path: String, renderer: Renderer) throws {
        var marks: [Mark] = []
        for y in 0..<b.height {
            var x = 0
            while x < b.width {
                let p = b[x, y]
                var e = x + 1
                while e < b.width, b[e, y] == p { e += 1 }
                if p != 0xFFFF_FFFF {
                    let c = channels(p)
                    marks.append(
                        .shape(
                            ShapeMark(
                                path: Path(rect: Rect(x: Double(x), y: Double(y), width: Double(e - x), height: 1)),
                                fill: Color(red: Double(c.r) / 255, green: Double(c.g) / 255, blue: Double(c.b) / 255),
                                role: "diff")))
                }
                x = e
            }
        }
        try renderer.png(Scene(size: Size(Double(b.width), Double(b.height)), marks: marks)).write(
            to: URL(fileURLWithPath: path))
    }

    @Test func pngAndPdfBytesAreIdenticalAcrossRuns() throws {
        let renderer = Renderer(fonts: try FontLibrary.bundled())
        let scene = try Self.charts["combo"]!.compile(size: Size(800, 450), measurer: renderer.measurer)
        let other = Renderer(fonts: try FontLibrary.bundled())
        let scene2 = try Self.charts["combo"]!.compile(size: Size(800, 450), measurer: other.measurer)
        #expect(try renderer.png(scene) == other.png(scene2))
        let meta = PDFMetadata(title: "combo", creationDate: "2024-01-01T00:00:00Z")
        #expect(
            try renderer.pdf([PDFPage(scene: scene)], metadata: meta)
                == other.pdf([PDFPage(scene: scene2)], metadata: meta))
    }
}
