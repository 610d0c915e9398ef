import CCairoPango
import ChartScene
import Testing

@testable import CairoCanvas

/// Justified Chinese text: lines filled to the measure, the space put beside Chinese characters and
/// never inside a figure or a Latin word.
@Suite(.serialized) struct JustificationTests {
    let engine: TextEngine
    init() throws { engine = TextEngine(fonts: try FontLibrary.bundled()) }

    let text = String(
        repeating: "2020年邵阳市一般公共预算收入：两个来源不一致，采用105.30亿元（shaoyang-panel-2019-2023.csv第12行），未采用169.30亿元。",
        count: 3)
    let width = 300.0

    func style(justify: Bool) -> TextStyle {
        TextStyle(
            family: "Noto Serif CJK SC", size: 12, lineSpacing: 1.35,
            paragraph: ParagraphSetting(
                justify: justify, firstLineIndent: 24, keepFigures: true, compressPunctuation: true))
    }

    /// The x of the character at byte `index` of the text, in points.
    func x(_ layout: OpaquePointer, _ index: Int) -> Double {
        var r = PangoRectangle()
        pango_layout_index_to_pos(layout, Int32(index), &r)
        return Double(r.x) / Double(PANGO_SCALE)
    }

    @Test func linesFillTheMeasureWithTheBreaksOfRaggedText() {
        let ragged = engine.lines(text, style: style(justify: false), width: width)
        let justified = engine.lines(text, style: style(justify: true), width: width)
        #expect(ragged.map(\.range) == justified.map(\.range))
        #expect(justified.count >= 3)
        for (n, line) in justified.enumerated().dropLast() {
            let available = n == 0 ? width - 24 : width
            #expect(abs(line.width - available) < 0.01, "line \(n): \(line.width) of \(available)")
            #expect(line.width > ragged[n].width - 0.01)
        }
        #expect(abs(justified.last!.width - ragged.last!.width) < 0.01, "the last line stays ragged")
    }

    @Test func figuresAndLatinWordsKeepTheirSpacing() {
        let bytes = Array(text.utf8)
        func byteOffset(of s: String, from: Int = 0) -> Int {
            let needle = Array(s.utf8)
            return (from...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }!
        }
        let figure = byteOffset(of: "105.30"), file = byteOffset(of: "shaoyang-panel")
        engine.withLayout(text, style: style(justify: false), wrapWidth: width) { ragged in
            engine.withLayout(text, style: style(justify: true), wrapWidth: width) { justified in
                for (start, length) in [(figure, 6), (file, 14)] {
                    let a = x(ragged, start + length - 1) - x(ragged, start)
                    let b = x(justified, start + length - 1) - x(justified, start)
                    #expect(abs(a - b) < 0.01, "run at byte \(start): \(a) set, \(b) justified")
                }
                // The space went somewhere: the Chinese text of the first line moved.
                let han = byteOffset(of: "不一致")
                #expect(x(justified, han) > x(ragged, han) + 0.05, "\(x(justified, han)) vs \(x(ragged, han))")
            }
        }
    }
}
