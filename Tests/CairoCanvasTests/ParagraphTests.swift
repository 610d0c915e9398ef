import CairoCanvas
import ChartScene
import CountyImageTestSupport
import CountyTestSupport
import Foundation
import Testing

/// Paragraphs measured line by line with Pango and drawn in parts: what a page break does.
@Suite(.serialized) struct ParagraphTests {
    let renderer: Renderer
    init() throws { renderer = Renderer(fonts: try FontLibrary.bundled()) }

    let style = TextStyle(family: "Noto Serif CJK SC", size: 12, lineSpacing: 1.35, paragraph: .body(indent: 24))
    let text = String(repeating: "全年地区生产总值280.40亿元，比上年增长6.9%。三次产业结构为16.7∶32.9∶50.4。", count: 5)
    let width = 300.0

    func darkRows(_ b: Bitmap) -> [Int] {
        (0..<b.height).filter { y in (0..<b.width).contains { x in channels(b[x, y]).r < 128 } }
    }

    @Test func aFiveLineParagraphSplitAfterLineThreeDrawsTheSameLinesAsTheWhole() throws {
        let lines = renderer.measurer.lines(text, style: style, width: width)
        #expect(lines.count >= 5)
        let n = lines.count
        let whole = Scene(
            size: Size(340, 400),
            marks: [
                .text(
                    TextMark(
                        text: text, style: style, frame: Rect(x: 20, y: 20, width: width, height: lines[n - 1].bottom),
                        wrapWidth: width, role: .text))
            ])
        // The two parts drawn where the whole would put them: the same pixels.
        let parts = Scene(
            size: Size(340, 400),
            marks: [
                .text(
                    TextMark(
                        text: text, style: style, frame: Rect(x: 20, y: 20, width: width, height: lines[2].bottom),
                        wrapWidth: width, lines: 0..<3, role: .text)),
                .text(
                    TextMark(
                        text: text, style: style,
                        frame: Rect(
                            x: 20, y: 20 + lines[3].top, width: width, height: lines[n - 1].bottom - lines[3].top),
                        wrapWidth: width, lines: 3..<n, role: .text)),
            ])
        let a = try renderer.bitmap(whole), b = try renderer.bitmap(parts)
        let differing = zip(a.pixels, b.pixels).filter { p, q in
            let x = channels(p), y = channels(q)
            return abs(Int(x.r) - Int(y.r)) > 40 || abs(Int(x.g) - Int(y.g)) > 40
        }.count
        #expect(differing < 20, "\(differing) pixels differ")
        // The first part alone stops after line 3.
        let head = Scene(size: Size(340, 400), marks: [parts.marks[0]])
        let rows = darkRows(try renderer.bitmap(head))
        #expect(rows.max()! < 20 + Int(lines[3].top) + 2)
        #expect(rows.min()! >= 20)
    }

    @Test func linesAreJustifiedIndentedAndKeepFiguresWhole() throws {
        let lines = renderer.measurer.lines(text, style: style, width: width)
        #expect(abs(lines[0].x - 24) < 0.01 && lines[1].x == 0)
        // Every full line reaches the right edge (justified); only the last may be short.
        for line in lines.dropLast() { #expect(abs(line.x + line.width - width) < 0.5, "\(line)") }
        // No line breaks inside a figure with its unit.
        let bytes = Array(text.utf8)
        for run in TextRules.unbreakableRuns(in: text) {
            #expect(
                !lines.contains { $0.range.lowerBound > run.lowerBound && $0.range.lowerBound < run.upperBound },
                "a line starts inside \(String(decoding: bytes[run], as: UTF8.self))")
        }
        // Unicode breaking keeps closing punctuation off a line's start.
        for line in lines {
            let first = String(decoding: bytes[line.range], as: UTF8.self).first!
            #expect(!"，。、；：？！）”".contains(first))
        }
    }

    @Test func twoFullWidthMarksAreSetCloserWithCompression() throws {
        var plain = style
        plain.paragraph = .plain
        let tight = renderer.measurer.measure("（一）。，「数据」", style: style, wrapWidth: nil).width
        let loose = renderer.measurer.measure("（一）。，「数据」", style: plain, wrapWidth: nil).width
        #expect(loose - tight >= 12 * 1.5, "\(loose) vs \(tight)")
    }
}

extension ParagraphTests {
    /// A paragraph of one line keeps its two-character indent when drawn whole.
    @Test func aOneLineParagraphKeepsItsIndent() throws {
        let short = "全年地区生产总值280.40亿元。"
        let scene = Scene(
            size: Size(340, 60),
            marks: [
                .text(
                    TextMark(
                        text: short, style: style, frame: Rect(x: 20, y: 10, width: width, height: 30),
                        wrapWidth: width, role: .text))
            ])
        let b = try renderer.bitmap(scene)
        let inkColumns = (0..<b.width).filter { x in (0..<b.height).contains { y in channels(b[x, y]).r < 128 } }
        #expect(inkColumns.min()! >= 20 + 24 - 1, "the first ink at x \(inkColumns.min()!)")
    }
}
