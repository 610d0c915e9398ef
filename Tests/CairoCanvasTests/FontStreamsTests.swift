import CFontStreams
import ChartScene
import CountyTestSupport
import Foundation
import Testing

@testable import CairoCanvas

/// The bundled fonts are opened on the program's own FreeType streams (font_streams.c): the glyphs a
/// PDF draws are read from the files and kept, the rest in blocks as needed, and nothing is mapped
/// (FreeType's own mapping of a file ended with all 12.6 MB of the three fonts resident).
@Suite(.serialized) struct FontStreamsTests {
    let files: [String]

    init() throws { files = try FontLibrary.bundledFiles() }

    /// 1,200 different characters in the serif and the sans drawn into a PDF: every glyph program comes
    /// through the streams (FreeType's own stream would leave the counts at 0), the text reads back, and
    /// the streams hold under a fifth of the files in memory. (HarfBuzz maps the files itself for its
    /// tables; how much of that mapping is resident depends on the kernel's page cache, not on us.)
    @Test func aPDFKeepsOnlyWhatItReadsOfTheFonts() throws {
        let fonts = try FontLibrary.bundled()
        let renderer = Renderer(fonts: fonts)
        let characters = (0x4E00..<0x9FA5).compactMap(Unicode.Scalar.init).map(Character.init)
            .filter { fonts.missingCharacters(in: String($0)).isEmpty }
        let text = String(characters.prefix(1200))
        let before = FontLibrary.reading
        let marks = [FontLibrary.serifFamily, FontLibrary.sansFamily].enumerated().map { i, family in
            Mark.text(
                TextMark(
                    text: text, style: TextStyle(family: family, size: 9),
                    frame: Rect(x: 20, y: 20 + Double(i) * 400, width: 555, height: 400), wrapWidth: 555,
                    role: .text))
        }
        let page = PDFPage(scene: Scene(size: Size(595, 842), background: .white, marks: marks))
        let pdf = try renderer.pdf([page], metadata: PDFMetadata())
        // Read while the renderer, and with it the faces and what their streams hold, is alive.
        let after = withExtendedLifetime(renderer) { FontLibrary.reading }
        #expect((after.glyphReads + after.glyphRepeats) - (before.glyphReads + before.glyphRepeats) >= 1200)
        #expect(after.facesOpen >= 2)

        let path = Repository.temporaryDirectory().appendingPathComponent("streams.pdf").path
        try pdf.write(to: URL(fileURLWithPath: path))
        let extracted = try runProcess("/usr/bin/pdftotext", [path, "-"]).stdout.filter { !$0.isWhitespace }
        #expect(extracted == text + text)

        let fileBytes = try files.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: $1)[.size] as! Int) }
        #expect(after.bytesHeld > 0 && after.bytesHeld < fileBytes / 5, "held \(after.bytesHeld) of \(fileBytes)")
    }

    /// The glyph programs of each bundled font: the data of its CFF CharStrings INDEX, inside the file
    /// and most of it (CJK outlines are most of a CJK font).
    @Test func glyphProgramsOfTheBundledFonts() throws {
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            let (found, start, end) = glyphPrograms(bytes)
            #expect(found && start > 0 && end <= bytes.count && end - start > bytes.count * 3 / 4, "\(file)")
        }
        #expect(glyphPrograms(Array("OTTO not a font".utf8)).found == false)
        #expect(glyphPrograms([]).found == false)
    }

    /// Damaged fonts (bytes changed in the table directory and the CFF header and dictionaries, or cut
    /// short anywhere) never make the reader look outside the file: it finds a range within the bytes or
    /// none.
    @Test func damagedFontsAreReadWithinTheirBytes() throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: files[0])))
        let head = Array(original.prefix(96 * 1024))
        var rng = SplitMix(seed: 16)
        for round in 0..<4000 {
            var bytes = round % 4 == 3 ? Array(head.prefix(Int.random(in: 0..<head.count, using: &rng))) : head
            for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                // The first 1,200 bytes hold the table directory, the CFF header, Name and Top DICT INDEXes.
                let at = Int.random(in: 0..<min(bytes.count, 1200), using: &rng)
                bytes[at] = UInt8.random(in: 0...255, using: &rng)
            }
            let (found, start, end) = glyphPrograms(bytes)
            #expect(!found || (start < end && end <= bytes.count), "round \(round)")
        }
    }

    private func glyphPrograms(_ bytes: [UInt8]) -> (found: Bool, start: Int, end: Int) {
        var start: UInt = 0, end: UInt = 0
        let found = bytes.withUnsafeBufferPointer {
            ccr_font_glyph_programs($0.baseAddress, UInt($0.count), &start, &end) != 0
        }
        return (found, Int(start), Int(end))
    }
}
