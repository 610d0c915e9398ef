import ChartCompiler
import ChartScene
import CountyReportKit
import Testing

/// `--size` in pixels → a scene in points, the theme scaled as the picture, SVG lengths in pixels.
@Suite struct ChartSizingTests {
    @Test func pixelsBecomePointsAt96PerInch() throws {
        let size = try #require(PixelSize(argument: "1600x900"))
        #expect(size.points == Size(1200, 675) && size.themeScale == 1)
        #expect(try #require(PixelSize(argument: "1920x1080")).themeScale == 1.2)
        #expect(try #require(PixelSize(argument: "400x300")).themeScale == 0.4)   // never below 0.4
        #expect(PixelSize.pixelsPerPoint * 0.75 == 1)
    }

    @Test func aScaledSceneHasEveryLengthScaled() {
        let text = TextMark(
            text: "甲", style: TextStyle(size: 16.5), frame: Rect(x: 3, y: 6, width: 9, height: 12), wrapWidth: 30,
            role: .title)
        let bar = ShapeMark(
            path: Path(rect: Rect(x: 0, y: 0, width: 3, height: 6)),
            stroke: StrokeStyle(color: .black, width: 0.75, dash: [3]), role: .bar)
        let scene = Scene(
            size: Size(1200, 675),
            marks: [
                .text(text),
                .group(GroupMark(clip: Rect(x: 0, y: 0, width: 3, height: 3), marks: [.shape(bar)], role: "g")),
            ])
        let s = scene.scaled(by: 2)
        #expect(s.size == Size(2400, 1350))
        #expect(
            s.texts()[0].style.size == 33 && s.texts()[0].frame == Rect(x: 6, y: 12, width: 18, height: 24)
                && s.texts()[0].wrapWidth == 60)
        let shape = s.shapes(.bar)[0]
        #expect(
            shape.path.bounds == Rect(x: 0, y: 0, width: 6, height: 12) && shape.stroke?.width == 1.5
                && shape.stroke?.dash == [6])
        if case .group(let g) = s.marks[1] {
            #expect(g.clip == Rect(x: 0, y: 0, width: 6, height: 6))
        } else {
            Issue.record("group lost")
        }
    }

    @Test func textIsMeasuredAtTheDeviceSizeAndReportedInPoints() {
        final class Sizes: TextMeasurer {
            var asked: [(size: Double, wrap: Double?)] = []
            func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics {
                asked.append((style.size, wrapWidth))
                return FixedAdvanceMeasurer().measure(text, style: style, wrapWidth: wrapWidth)
            }
            func lines(_ text: String, style: TextStyle, width: Double) -> [TextLine] {
                FixedAdvanceMeasurer().lines(text, style: style, width: width)
            }
        }
        let base = Sizes()
        let m = DeviceMeasurer(base, scale: 4.0 / 3.0).measure("地区生产总值", style: TextStyle(size: 16.5), wrapWidth: 300)
        #expect(base.asked.count == 1 && base.asked[0].size == 22 && base.asked[0].wrap == 400)
        let direct = FixedAdvanceMeasurer().measure("地区生产总值", style: TextStyle(size: 16.5), wrapWidth: 300)
        #expect(
            abs(m.width - direct.width) < 1e-9 && abs(m.height - direct.height) < 1e-9
                && m.lineCount == direct.lineCount)
    }
}
