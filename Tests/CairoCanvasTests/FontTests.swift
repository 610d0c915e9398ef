@testable import CairoCanvas
import CCairoPango
import ChartScene
import Foundation
import Testing

/// The bundled families: the sans for charts and headings, the serif for report body text.
@Suite struct FontTests {
    let fonts: FontLibrary
    let renderer: Renderer
    let sans = FontLibrary.sansFamily, serif = FontLibrary.serifFamily

    init() throws {
        fonts = try FontLibrary.bundled()
        renderer = Renderer(fonts: fonts)
    }

    func width(_ text: String, family: String, weight: FontWeight = .regular) -> Double {
        renderer.measurer.measure(text, style: TextStyle(family: family, size: 20, weight: weight), wrapWidth: nil).width
    }

    @Test func serifIsRegisteredBesideTheSans() {
        #expect(fonts.files.map { ($0 as NSString).lastPathComponent } == FontLibrary.fontFileNames)
        #expect(FontLibrary.fontFileNames.contains("NotoSerifSC-GB2312-Regular.otf"))
        for family in [sans, serif] {
            #expect(renderer.unknownGlyphCount("统计摘要", style: TextStyle(family: family, size: 12)) == 0, "\(family)")
            #expect(fonts.missingCharacters(in: "2023年统计摘要（一）。，", family: family).isEmpty, "\(family)")
        }
        #expect(fonts.missingCharacters(in: "统计", family: "SimSun") == ["统", "计"])
    }

    @Test func serifIsAnotherFace() {
        let latin = "Gross Domestic Product 2023"
        #expect(width(latin, family: serif) != width(latin, family: sans))
        // Hanzi are one em wide in both.
        #expect(width("统计摘要", family: serif) == 80)
        #expect(width("统计摘要", family: sans) == 80)
    }

    /// Only the serif's own name selects it; every other name, generic ones included, gets the sans.
    @Test func otherFamiliesResolveToTheSans() {
        let latin = "Gross Domestic Product 2023"
        let sansWidth = width(latin, family: sans), sansBold = width(latin, family: sans, weight: .bold)
        #expect(sansWidth != sansBold)
        for family in ["Sans", "sans-serif", "Serif", "serif", "SimSun", "Microsoft YaHei", "Noto Serif CJK TC", ""] {
            #expect(width(latin, family: family) == sansWidth, "\(family)")
            #expect(width(latin, family: family, weight: .bold) == sansBold, "\(family) bold")
        }
        // The serif has no Bold: asking for one gives its Regular, not the sans.
        #expect(width(latin, family: serif, weight: .bold) == width(latin, family: serif))
    }

    @Test func serifHasEveryHanziTheSansHas() {
        let hanzi = (0x4E00...0x9FFF).map { Character(Unicode.Scalar($0)!) }
        let sansMissing = Set(fonts.missingCharacters(in: String(hanzi), family: sans))
        let sansHanzi = hanzi.filter { !sansMissing.contains($0) }
        #expect(sansHanzi.count == 6763)  // all of GB2312's
        #expect(fonts.missingCharacters(in: String(sansHanzi), family: serif).isEmpty)
        #expect(renderer.unknownGlyphCount(String(sansHanzi), style: TextStyle(family: serif, size: 12)) == 0)
    }
}

/// chws is in every bundled face, and Pango applies it only when a layout asks for it.
@Suite struct FontFeatureTests {
    @Test(arguments: [FontLibrary.sansFamily, FontLibrary.serifFamily], [FontWeight.regular, .bold])
    func chwsNarrowsMeetingPunctuation(family: String, weight: FontWeight) throws {
        let engine = TextEngine(fonts: try FontLibrary.bundled())
        let style = TextStyle(family: family, size: 20, weight: weight)
        func width(_ text: String, _ feature: FontFeature?) -> Double {
            let layout = engine.makeLayout(text, style: style, wrapWidth: nil)
            defer { ccp_unref(UnsafeMutableRawPointer(layout)) }
            feature?.apply(to: layout)
            return engine.metrics(of: layout).width
        }
        // Five full-width marks, one em each; with chws ）。 and 。， each lose half an em.
        #expect(width("（一）。，", nil) == 100)
        #expect(width("（一）。，", .chws) == 80)
        #expect(width("，「", .chws) == 30)
        // Only where two marks meet: lone marks and hanzi keep their width.
        #expect(width("统计，摘要。", .chws) == width("统计，摘要。", nil))
        // The measurer (no feature asked for) is unchanged.
        #expect(engine.measure("（一）。，", style: style, wrapWidth: nil).width == 100)
    }
}
