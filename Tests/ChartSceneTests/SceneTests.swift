import ChartScene
import Testing

@Suite struct SceneTests {
    let style = TextStyle(size: 10)

    func sampleScene() -> Scene {
        Scene(
            size: Size(200, 100), background: .white,
            marks: [
                .shape(
                    ShapeMark(
                        path: Path(rect: Rect(x: 10, y: 20, width: 30, height: 40)), fill: .black, role: .bar,
                        datum: "甲")),
                .group(
                    GroupMark(
                        clip: Rect(x: 0, y: 0, width: 100, height: 100),
                        marks: [
                            .text(
                                TextMark(
                                    text: "邵阳", style: style, frame: Rect(x: 5, y: 5, width: 20, height: 14),
                                    role: .title)),
                            .shape(
                                ShapeMark(
                                    path: Path(polyline: [Point(0, 50), Point(100, 50)]),
                                    stroke: StrokeStyle(color: .black, width: 2, dash: [4, 2]), role: .gridline)),
                        ], role: "plot")),
            ])
    }

    @Test func recordingCanvasSeesEveryCallInOrder() {
        let canvas = RecordingCanvas()
        canvas.draw(sampleScene())
        let ops = canvas.operations
        #expect(ops.count == 7)
        guard case .fill(let bg, .white) = ops[0] else { Issue.record("background first: \(ops[0])"); return }
        #expect(bg.bounds == Rect(x: 0, y: 0, width: 200, height: 100))
        guard case .fill(let bar, .black) = ops[1] else { Issue.record("bar second"); return }
        #expect(bar.bounds == Rect(x: 10, y: 20, width: 30, height: 40))
        #expect(ops[2] == .save)
        #expect(ops[3] == .clip(Rect(x: 0, y: 0, width: 100, height: 100)))
        #expect(ops[4] == .text("邵阳", style, Point(5, 5), wrapWidth: nil, rotation: 0, lines: nil))
        guard case .stroke(_, let s) = ops[5] else { Issue.record("stroke sixth"); return }
        #expect(s.dash == [4, 2] && s.width == 2)
        #expect(ops[6] == .restore)
        #expect(canvas.texts == ["邵阳"])
    }

    @Test func transparentSceneDrawsNoBackground() {
        var scene = sampleScene()
        scene.background = nil
        let canvas = RecordingCanvas()
        canvas.draw(scene)
        guard case .fill(let first, _) = canvas.operations[0] else { Issue.record("expected a fill"); return }
        #expect(first.bounds == Rect(x: 10, y: 20, width: 30, height: 40))
    }

    @Test func flattenedFindsMarksInsideGroups() {
        let scene = sampleScene()
        #expect(scene.flattened.count == 3)
        #expect(scene.texts(.title).map(\.text) == ["邵阳"])
        #expect(scene.shapes(.bar).first?.datum == "甲")
        #expect(scene.marks(.gridline).count == 1)
    }

    @Test func rectIntersectionIgnoresTouchingEdges() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(!a.intersects(Rect(x: 10, y: 0, width: 5, height: 5)))
        #expect(a.intersects(Rect(x: 9.5, y: 9.5, width: 5, height: 5)))
        #expect(a.contains(Rect(x: 1, y: 1, width: 8, height: 8)))
        #expect(!a.contains(Rect(x: 1, y: 1, width: 10, height: 8)))
    }

    @Test func fixedAdvanceMeasurerWrapsAtWidth() {
        let m = FixedAdvanceMeasurer()
        let one = m.measure("新邵县", style: TextStyle(size: 10), wrapWidth: nil)
        #expect(one.width == 30 && one.lineCount == 1)
        let wrapped = m.measure("新邵县新邵县", style: TextStyle(size: 10), wrapWidth: 35)
        #expect(wrapped.lineCount == 2 && wrapped.width == 30)
        #expect(m.measure("2020", style: TextStyle(size: 10), wrapWidth: nil).width == 22)
    }

    @Test func circlePathBoundsAreTheCircle() {
        let b = Path(circleAt: Point(10, 10), radius: 5).bounds
        #expect(b == Rect(x: 5, y: 5, width: 10, height: 10))
    }
}
