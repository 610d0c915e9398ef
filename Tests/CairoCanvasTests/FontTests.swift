import CCairoPango
import ChartScene
import CountyTestSupport
import Extraction
import Foundation
import Testing

@testable import CairoCanvas

/// The bundled families: the sans for charts and headings, the serif for report body text.
/// Serialized: two tests here shape every character of the fonts at once, and Cairo 1.16's global
/// glyph-page cache can deadlock when two threads evict from it together (seen once: both threads
/// waiting in cairo_scaled_font_glyph_extents).
@Suite(.serialized) struct FontTests {
    let fonts: FontLibrary
    let renderer: Renderer
    let sans = FontLibrary.sansFamily, serif = FontLibrary.serifFamily

    init() throws {
        fonts = try FontLibrary.bundled()
        renderer = Renderer(fonts: fonts)
    }

    func width(_ text: String, family: String, weight: FontWeight = .regular) -> Double {
        renderer.measurer.measure(text, style: TextStyle(family: family, size: 20, weight: weight), wrapWidth: nil)
            .width
    }

    @Test func serifIsRegisteredBesideTheSans() {
        #expect(fonts.files.map { ($0 as NSString).lastPathComponent } == FontLibrary.fontFileNames)
        #expect(FontLibrary.fontFileNames.contains("NotoSerifSC-Subset-Regular.ttf"))
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
        #expect(sansHanzi.count > 6763)   // more than GB2312's
        #expect(fonts.missingCharacters(in: String(sansHanzi), family: serif).isEmpty)
        #expect(renderer.unknownGlyphCount(String(sansHanzi), style: TextStyle(family: serif, size: 12)) == 0)
    }

    /// Every character of the 通用规范汉字表 (8,105, 196 of them outside the BMP), in every face.
    @Test func everyFaceHasTheGeneralStandardCharacters() throws {
        let list = try String(
            contentsOfFile: Repository.path("scripts/data/tongyong-guifan-hanzi-2013.txt"), encoding: .utf8)
        let characters = list.split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) }
        #expect(characters.count == 8105)
        let text = characters.joined()
        expectEveryFaceDraws(text)
    }

    /// No character of `text` is missing from the sans or the serif, and Pango draws none as a box
    /// in either weight.
    func expectEveryFaceDraws(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for family in [sans, serif] {
            #expect(
                fonts.missingCharacters(in: text, family: family).isEmpty, "\(family)", sourceLocation: sourceLocation)
            for weight in [FontWeight.regular, .bold] {
                #expect(
                    renderer.unknownGlyphCount(text, style: TextStyle(family: family, size: 12, weight: weight)) == 0,
                    "\(family) \(weight)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Every place name of the gazetteer draws with no missing glyph (浉河区, 硚口区, 埇桥区, 鄠邑区, 猇亭区 …).
    @Test func everyGazetteerNameDraws() {
        let names = Gazetteer.divisions.flatMap { [$0.name] + $0.shortForms }
        #expect(names.count > 3200 && names.contains("浉河区") && names.contains("猇亭区"))
        let text = names.joined(separator: "、")
        expectEveryFaceDraws(text)
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
