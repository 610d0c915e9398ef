import CountyData
import CountyTestSupport
import Foundation
import Testing

@testable import Extraction

/// A long file is read in pieces and blocks, never whole: what it gives must not depend on where the
/// reads end, and a bad byte anywhere is an error with its line, before any figure is handed out.
@Suite struct TextFileBlocksTests {
    let article = try! String(contentsOfFile: fixtures + "/xinshao-2023-article.txt", encoding: .utf8)

    /// The article `copies` times, each closed by a blank line.
    func copies(_ n: Int) -> String {
        String(repeating: article.hasSuffix("\n") ? article + "\n" : article + "\n\n", count: n)
    }

    func temporaryFile(_ bytes: [UInt8]) -> String {
        let path = NSTemporaryDirectory() + "long-text-\(UUID().uuidString).txt"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    func fromMemory(_ text: String, blockSize: Int) -> [ExtractedFigure] {
        var out: [ExtractedFigure] = []
        var text = text
        text.withUTF8 { Extractor.forEachFigure(utf8: $0, options: ExtractionOptions(), blockSize: blockSize) { out.append($0) } }
        return out
    }

    func fromFile(_ path: String, blockSize: Int, piece: Int, encoding: TextEncoding? = nil) throws -> [ExtractedFigure] {
        var out: [ExtractedFigure] = []
        try Extractor.forEachFigure(
            file: path, encoding: encoding, options: ExtractionOptions(), blockSize: blockSize, piece: piece
        ) { out.append($0) }
        return out
    }

    /// Every field the output writes.
    func row(_ f: ExtractedFigure) -> String {
        "\(f.value as Any)|\(f.low as Any)|\(f.high as Any)|\(f.parts as Any)|\(f.fraction as Any)|\(f.unit ?? "")|"
            + "\(f.unitAsWritten ?? "")|\(f.baseValue as Any)|\(f.baseUnit ?? "")|\(f.kind)|\(f.scope ?? "")|"
            + "\(f.hedge ?? "")|\(f.text)|\(f.indicator)|\(f.period?.code ?? "")|\(f.region ?? "")|\(f.excerpt)|"
            + "\(f.start)-\(f.end)|\(f.figureStart)-\(f.figureEnd)"
    }

    /// Reads of 7 bytes and of 4096, blocks of a few hundred bytes (so that a cut often needs more than
    /// the window holds): the figures of the text in memory, field for field, and the whole's.
    @Test func piecesOfAnySizeGiveWhatTheTextInMemoryGives() throws {
        let text = copies(4)
        let path = temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        let whole = fromMemory(text, blockSize: 1 << 30).map(row)
        #expect(whole.count >= 4 * 29)
        for blockSize in [300, 2000, article.utf8.count / 2] {
            let memory = fromMemory(text, blockSize: blockSize).map(row)
            for piece in [7, 4096] {
                let file = try fromFile(path, blockSize: blockSize, piece: piece).map(row)
                #expect(file == memory, "block \(blockSize), piece \(piece)")
            }
            #expect(memory.count == whole.count)
        }
        // The copies' figures and places are the whole's (offsets aside, which blocks keep too).
        #expect(try fromFile(path, blockSize: 300, piece: 7).map(row) == whole)
    }

    /// The blocks the file is cut into are those the text in memory is cut into.
    @Test func theFileIsCutWhereTheTextIsCut() throws {
        let text = copies(3)
        let path = temporaryFile(Array(text.utf8))
        defer { unlink(path) }
        for (blockSize, piece) in [(100, 7), (500, 1), (2000, 13)] {
            let first = try TextFileBlocks(path: path, blockSize: blockSize, piece: piece).firstPass(
                encoding: nil, options: ExtractionOptions())
            let cut = first.blocks
            #expect(first.encoding == .utf8)
            var bytes = Array(text.utf8)
            let expected = bytes.withUnsafeMutableBufferPointer { Blocks.split(UnsafeBufferPointer($0), size: blockSize) }
            #expect(cut == expected)
            #expect(cut.count > 1)
        }
    }

    /// A NUL or a byte that is not UTF-8 far into a long file is an error naming its line, and no figure
    /// of the blocks before it reaches the writer.
    @Test func aBadByteLateInTheFileIsAnErrorWithItsLine() throws {
        let text = copies(3)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        for bad: [UInt8] in [[0x00], [0xFF], [0xE4, 0xB8]] {
            let path = temporaryFile(Array(text.utf8) + Array("全县人口9.8万人".utf8) + bad + Array("。\n".utf8))
            defer { unlink(path) }
            var handed = 0
            do {
                try Extractor.forEachFigure(
                    file: path, encoding: nil, options: ExtractionOptions(), blockSize: 300, piece: 7
                ) { _ in handed += 1 }
                Issue.record("no error for \(bad)")
            } catch let e as DataError {
                #expect(e.location.line == lines, "\(e)")
                #expect(e.message.contains(bad == [0] ? "NUL" : "not valid UTF-8"), "\(e)")
            }
            #expect(handed == 0)
        }
    }

    /// A long file in GB18030 is read as the whole-file path reads it.
    @Test func aLongGB18030FileIsStillRead() throws {
        let path = Repository.path("Tests/Fixtures/shaoyang-counties.gb18030.csv")
        let bytes = try TextFile.readUTF8(path: path)
        let memory = bytes.withUnsafeBufferPointer { buffer in
            var out: [ExtractedFigure] = []
            Extractor.forEachFigure(utf8: buffer, options: ExtractionOptions(), blockSize: 64) { out.append($0) }
            return out.map(row)
        }
        #expect(memory.count >= 10)
        #expect(try fromFile(path, blockSize: 64, piece: 7).map(row) == memory)
        #expect(try fromFile(path, blockSize: 64, piece: 7, encoding: .gb18030).map(row) == memory)
    }

    /// A long GB18030 text is read as the data files are, in pieces through the stream, never whole: both
    /// passes hold a few blocks of it at a time, and give the figures of its UTF-8 text in memory.
    @Test func aLongGB18030TextIsReadAFewBlocksAtATime() throws {
        let text = copies(6)
        let gb = try #require(text.data(using: .init(rawValue: 0x8000_0632)))   // kCFStringEncodingGB_18030_2000
        let path = temporaryFile(Array(gb))
        defer { unlink(path) }
        let blockSize = 1000, piece = 64
        #expect(text.utf8.count > 40 * blockSize)
        let memory = fromMemory(text, blockSize: blockSize).map(row)
        for encoding: TextEncoding? in [nil, .gb18030] {
            let file = TextFileBlocks(path: path, blockSize: blockSize, piece: piece)
            let first = try file.firstPass(encoding: encoding, options: ExtractionOptions())
            #expect(first.encoding == .gb18030)
            #expect(first.wholeText == nil)
            #expect(first.mostHeld <= 6 * blockSize + piece, "first pass held \(first.mostHeld) bytes")
            var blocks = 0
            let held = try file.forEachBlock(first) { _ in blocks += 1 }
            #expect(blocks == first.blocks.count && blocks > 10)
            #expect(held <= 6 * blockSize + piece, "second pass held \(held) bytes")
            #expect(try fromFile(path, blockSize: blockSize, piece: piece, encoding: encoding).map(row) == memory)
        }
    }

    /// A GB18030 text with a bad sequence late in it is an error at the line and column of the file, as when
    /// it was read whole, and no figure before it reaches the writer.
    @Test func aBadSequenceLateInAGB18030TextIsNamedByItsLineAndColumn() throws {
        let text = copies(3)
        let gb = try #require((text + "全县人口9.8万人").data(using: .init(rawValue: 0x8000_0632)))
        let path = temporaryFile(Array(gb) + [0x81, 0x20] + Array("。\n".utf8))
        defer { unlink(path) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        var whole: DataError?
        do { _ = try TextFile.readUTF8(path: path, encoding: .gb18030) } catch let e as DataError { whole = e }
        var handed = 0
        do {
            try Extractor.forEachFigure(
                file: path, encoding: .gb18030, options: ExtractionOptions(), blockSize: 300, piece: 7
            ) { _ in handed += 1 }
            Issue.record("no error")
        } catch let e as DataError {
            #expect(e.location.line == lines && e.location.column == 10, "\(e)")
            #expect(e.message.contains("neither UTF-8 nor GB18030"), "\(e)")
            #expect(e.description == whole?.description)
        }
        #expect(handed == 0)
    }
}
