import CountyData
import Foundation

/// A text file (UTF-8, or GB18030 as every data file may be) read in blocks (``Blocks``) through
/// CountyData's `TextStream`, the one reading path of every input, never whole: a first pass reads it
/// in order, checks every byte, cuts the blocks and gathers the ``DocumentFacts``; a second reads it
/// again and hands out each block's text. Memory holds a window of a few blocks, so a 100 MB text takes
/// what a 10 MB one does. A text of one block is kept from the first pass, not read twice.
struct TextFileBlocks {
    let path: String
    let blockSize: Int
    /// Bytes asked of one read (tests use a few, so that reads end everywhere).
    let piece: Int

    /// What the first pass found: the blocks' byte ranges in the text (UTF-8), what only the whole
    /// document says (for a text longer than two blocks, `Blocks.isLong`), the encoding the file was read
    /// in, and the text itself when it is one block.
    struct FirstPass {
        var blocks: [Range<Int>]
        var facts: DocumentFacts?
        var encoding: TextEncoding
        var wholeText: [UInt8]?
        /// The most text the pass held at once, in bytes (what bounds its memory).
        var mostHeld: Int
    }

    /// Cuts the text into blocks, checking it and gathering the document's facts. Read without
    /// `encoding`, a file is UTF-8 unless a byte is not; then it is read again as GB18030, except when a
    /// block read whole before that byte was UTF-8 beyond ASCII (GB18030's Chinese never reads as UTF-8
    /// for a whole block): it is UTF-8 with a bad byte, and the error says where.
    func firstPass(encoding: TextEncoding?, options: ExtractionOptions) throws -> FirstPass {
        var beyondASCII = false
        return try TextFile.withTextStream(path: path, encoding: encoding, piece: piece, keepsUTF8: { beyondASCII }) {
            stream, size in
            beyondASCII = false
            var window = TextWindow(stream, piece: piece)
            var blocks: [Range<Int>] = []
            var facts: DocumentFacts?
            var start = 0
            while true {
                let end: Int
                do { end = try window.blockEnd(from: start, size: blockSize) } catch {
                    // The blocks wholly before the problem decide what it is (`keepsUTF8`).
                    beyondASCII =
                        beyondASCII || window.blocksBeyondASCII(from: start, fileSize: size, blockSize: blockSize)
                    throw error
                }
                if blocks.isEmpty { facts = Blocks.isLong(window.end, size: blockSize) ? DocumentFacts() : nil }
                if !beyondASCII { beyondASCII = window.bytes(start..<end).contains { $0 >= 0x80 } }
                facts?.add(String(decoding: window.bytes(start..<end), as: UTF8.self))
                blocks.append(start..<end)
                if window.atEnd && end == window.end {
                    facts?.finish(options)
                    let whole = blocks.count == 1 ? Array(window.bytes(0..<end)) : nil
                    return FirstPass(
                        blocks: blocks, facts: facts, encoding: stream.encoding, wholeText: whole,
                        mostHeld: window.mostHeld)
                }
                window.drop(upTo: end)
                start = end
            }
        }
    }

    /// Hands out the text of each block of the first pass, read again in the encoding it found; the
    /// most text held at once, in bytes.
    @discardableResult
    func forEachBlock(_ first: FirstPass, _ body: (String) throws -> Void) throws -> Int {
        if let whole = first.wholeText {
            try body(String(decoding: whole, as: UTF8.self))
            return whole.count
        }
        return try TextFile.withTextStream(path: path, encoding: first.encoding, piece: piece, keepsUTF8: { true }) {
            stream, _ in
            var window = TextWindow(stream, piece: piece)
            for b in first.blocks {
                try window.fill(to: b.upperBound)
                guard window.end >= b.upperBound else { throw changed() }
                try body(String(decoding: window.bytes(b), as: UTF8.self))
                window.drop(upTo: b.upperBound)
            }
            return window.mostHeld
        }
    }

    private func changed() -> DataError {
        DataError(SourceLocation(file: path), "the file changed while it was read")
    }
}

/// The text of a stream from `start` on, read as far as asked: a block, and what cutting it needs to see.
private struct TextWindow {
    let stream: TextStream
    let piece: Int
    private var window: [UInt8] = []
    /// The text's offset of `window[0]`.
    private(set) var start = 0
    private(set) var atEnd = false
    /// The most bytes the window held.
    private(set) var mostHeld = 0

    init(_ stream: TextStream, piece: Int) { self.stream = stream; self.piece = max(1, piece) }

    /// The text's offset after the last byte read.
    var end: Int { start + window.count }

    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        window[(range.lowerBound - start)..<(range.upperBound - start)]
    }

    /// Reads on until the window holds the text up to `offset`, or the text's end.
    mutating func fill(to offset: Int) throws {
        while !atEnd, end < offset {
            if try stream.read(appendingTo: &window, count: min(piece, offset - end)) == 0 { atEnd = true }
            mostHeld = max(mostHeld, window.count)
        }
    }

    /// Forgets the text before `offset`.
    mutating func drop(upTo offset: Int) {
        window.removeFirst(offset - start)
        start = offset
    }

    /// Where the block starting at `from` ends: where ``Blocks/cut(_:complete:size:)`` says, reading on as
    /// far as it needs; the text's end for a text that has at most two blocks' bytes left.
    mutating func blockEnd(from: Int, size: Int) throws -> Int {
        try fill(to: from + 2 * size + 1)
        guard end - from > 2 * size else { return end }
        var want = from + 5 * size + 1
        while true {
            try fill(to: want)
            let cut = window.withUnsafeBufferPointer {
                Blocks.cut(UnsafeBufferPointer(rebasing: $0[(from - start)...]), complete: atEnd, size: size)
            }
            switch cut {
            case .at(let n): return from + n
            case .none:   // no cut in reach: the block runs to the text's end
                try fill(to: Int.max)
                return end
            case .needMore: want += size
            }
        }
    }

    /// Whether a block cut in the text read so far (a problem stopped the reading), from `from` on, holds
    /// a byte beyond ASCII. Blocks are cut as the file's whole would cut them, where the text read can tell.
    func blocksBeyondASCII(from: Int, fileSize: Int, blockSize: Int) -> Bool {
        var at = from
        while fileSize - at > 2 * blockSize {
            let cut = window.withUnsafeBufferPointer {
                Blocks.cut(UnsafeBufferPointer(rebasing: $0[(at - start)...]), complete: false, size: blockSize)
            }
            guard case .at(let n) = cut else { return false }
            if bytes(at..<(at + n)).contains(where: { $0 >= 0x80 }) { return true }
            at += n
        }
        return false
    }
}
