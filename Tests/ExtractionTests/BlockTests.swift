import CountyData
import Foundation
import Testing

@testable import Extraction

/// A long text is read in blocks cut at paragraph breaks; what it gives must not depend on the cuts.
@Suite struct BlockTests {
    let article = try! String(contentsOfFile: fixtures + "/xinshao-2023-article.txt", encoding: .utf8)

    func figures(_ text: String, blockSize: Int) -> [ExtractedFigure] {
        var out: [ExtractedFigure] = []
        var text = text
        text.withUTF8 { bytes in
            Extractor.forEachFigure(utf8: bytes, options: ExtractionOptions(), blockSize: blockSize) { out.append($0) }
        }
        return out
    }

    @Test func blocksAreCutAtParagraphBreaks() {
        let lines = String(repeating: "甲县人口5万人。\n", count: 10)
        var text = lines + "\n" + lines
        text.withUTF8 { bytes in
            let blocks = Blocks.split(bytes, size: 64)
            // After the blank line; then, with none in reach, after a line that ends a sentence.
            #expect(blocks.count >= 3 && blocks[0] == 0..<(lines.utf8.count + 1))
            #expect(
                blocks.dropLast().allSatisfy {
                    bytes[$0.upperBound - 1] == 0x0A && bytes[$0.upperBound - 2] != 0x0A || $0 == blocks[0]
                })
            #expect(blocks.last?.upperBound == bytes.count)
            #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
        var small = "甲县人口5万人。"
        small.withUTF8 { #expect(Blocks.split($0, size: 64) == [0..<$0.count]) }
    }

    /// A text with no paragraph break and no line ending in 。 (an endless sentence) is cut too once it runs
    /// past five blocks: after a clause, else a line break, else between two characters not of a number, so
    /// a block never holds more than five blocks' bytes (it was one block, 8× the file in memory: 30 MB took
    /// 243 MiB). Cut after a clause or a line, it gives the figures of the text read whole. A text that ends
    /// within reach stays one block.
    @Test func aTextWithoutParagraphsIsCutWithinFiveBlocks() {
        let size = 100
        for (unit, cutAfter) in [("甲县人口5万人，", "，"), ("甲县人口5万人\n", "\n"), ("甲县人口15万人", "")] {
            var text = String(repeating: unit, count: 200)
            text.withUTF8 { bytes in
                let blocks = Blocks.split(bytes, size: size)
                #expect(blocks.count > 10, "\(unit)")
                #expect(blocks.allSatisfy { $0.count <= 5 * size }, "\(unit): \(blocks.map(\.count).max() ?? 0)")
                #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                for b in blocks.dropLast() {
                    let before = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<b.upperBound]), as: UTF8.self)
                    #expect(before.hasSuffix(cutAfter) && !before.hasSuffix("1"), "\(unit)")
                }
            }
            if !cutAfter.isEmpty {
                let blocked = figures(text, blockSize: size), whole = figures(text, blockSize: 1 << 20)
                #expect(blocked.count == 200 && blocked.map(\.text) == whole.map(\.text), "\(unit)")
                #expect(blocked.map(\.figureStart) == whole.map(\.figureStart), "\(unit)")
            }
        }
        var short = String(repeating: "甲县人口5万人，", count: 15)   // 330 bytes: over two blocks, within reach
        short.withUTF8 { #expect($0.count > 2 * size && Blocks.split($0, size: size) == [0..<$0.count]) }
    }

    /// A text of digits alone (a file of digits, 12 MB of them took 273 MB in one block) is cut inside a run
    /// too long to be a number, at most five blocks apart: the figures between the runs are the whole's.
    /// Runs a cut could turn into numbers (zeros, points every few digits) are not cut.
    @Test func aTextOfDigitsIsCutInsideRunsTooLongToBeNumbers() {
        let size = 100
        var run = "", state: UInt64 = 7
        for _ in 0..<2_000 {   // digits 1–9, from a fixed sequence
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            run += String(1 + (state >> 33) % 9)
        }
        var text = run + "万元，耕地12万亩。" + run + "\n全县人口9.8万人。" + run
        text.withUTF8 { bytes in
            let blocks = Blocks.split(bytes, size: size)
            #expect(blocks.count > 10 && blocks.allSatisfy { $0.count <= 5 * size }, "\(blocks.map(\.count))")
            var insideRuns = 0
            for b in blocks.dropLast() {   // after a clause or a line, or inside a run: 40 digits each side, not 0 first
                let n = Blocks.digitsAroundCut
                let before = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<b.upperBound]), as: UTF8.self)
                if let last = before.last, "，。\n".contains(last) { continue }
                let around = Array(bytes[(b.upperBound - n)..<(b.upperBound + n)])
                #expect(around.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && around[0] != 0x30 && around[n] != 0x30, "\(String(decoding: around, as: UTF8.self)) at \(b.upperBound)")
                insideRuns += 1
            }
            #expect(insideRuns > 10)
        }
        let blocked = figures(text, blockSize: size), whole = figures(text, blockSize: 1 << 20)
        #expect(blocked.map(\.text) == ["12万亩", "9.8万人"] && blocked.map(\.text) == whole.map(\.text))
        #expect(blocked.map(\.figureStart) == whole.map(\.figureStart) && blocked.map(\.value) == whole.map(\.value))
        for text in [String(repeating: "0", count: 2_000), String(repeating: "1.5", count: 700)] {
            var uncuttable = text
            uncuttable.withUTF8 { #expect(Blocks.split($0, size: size) == [0..<$0.count]) }
        }
    }

    /// The article five times, read whole and in blocks of half a copy (cut at its paragraphs): the
    /// same figures with the same places, periods and offsets; and each copy gives the article's figures.
    @Test func aTextInBlocksGivesWhatTheWholeGives() {
        let one = figures(article, blockSize: 1 << 20)
        let copy = article.hasSuffix("\n") ? article + "\n" : article + "\n\n"
        let five = String(repeating: copy, count: 5)
        let whole = figures(five, blockSize: 1 << 30)
        let blocked = figures(five, blockSize: copy.utf8.count / 2)
        #expect(one.count >= 29 && whole.count == 5 * one.count && blocked.count == whole.count)
        for (f, g) in zip(blocked, whole) {
            #expect(
                f.value == g.value && f.unit == g.unit && f.region == g.region && f.period == g.period
                    && f.indicator == g.indicator && f.start == g.start && f.end == g.end
                    && f.figureStart == g.figureStart && f.text == g.text,
                "\(f.text) \(f.region ?? "-") \(f.start) vs \(g.text) \(g.region ?? "-") \(g.start)")
        }
        let length = copy.unicodeScalars.count
        #expect(
            zip(whole.suffix(one.count), one).allSatisfy {
                $0.text == $1.text && $0.figureStart == $1.figureStart + 4 * length
            })
    }

    /// A section's place carries into the next block; the document's place is the whole's.
    @Test func sectionsAndTheDocumentsPlaceCrossBlocks() {
        let filler = String(repeating: "全年新建道路。\n\n", count: 20)
        let text = "青石县概况\n\n全县常住人口9.8万人。\n\n" + filler + "全县耕地12万亩。\n\n白河县概况\n\n全县常住人口6.1万人。\n"
        let f = figures(text, blockSize: 64)
        #expect(f.map(\.region) == ["青石县", "青石县", "白河县"])
        #expect(f.map(\.value) == [98000, 120000, 61000])
    }
}
