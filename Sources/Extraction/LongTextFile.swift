import CountyData
import Foundation

/// A long UTF-8 text file read in blocks (``Blocks``) without ever holding the whole file: a first
/// pass reads it forward piece by piece, cuts the blocks, checks each is UTF-8 without NUL and gathers
/// the ``DocumentFacts``; the second reads each block again to extract from it. Memory holds a window
/// of a few blocks, so a 100 MB text takes what a 10 MB one does.
///
/// A file that is one block, or holds a NUL or a byte that is not UTF-8, is not read this way
/// (``open(_:blockSize:piece:)`` gives nil, ``firstPass(_:)`` `.notUTF8`): it is read whole, as every
/// input is, which reports the problem with its line and column or reads the file as GB18030.
final class LongTextFile {
    let path: String
    private let fd: Int32
    /// The file's length; less if it turns out shorter while read.
    private var size: Int
    let blockSize: Int
    /// Bytes asked of one read (tests use a few, so that reads end everywhere).
    let piece: Int
    /// The bytes read and not yet passed: the file's bytes from `windowStart`.
    private var window: [UInt8] = []
    private var windowStart = 0

    private init(path: String, fd: Int32, size: Int, blockSize: Int, piece: Int) {
        self.path = path; self.fd = fd; self.size = size; self.blockSize = blockSize; self.piece = piece
    }

    deinit { close(fd) }

    /// The file when it is a regular file longer than one block (`2 × blockSize` bytes), else nil.
    static func open(_ path: String, blockSize: Int, piece: Int) -> LongTextFile? {
        guard InputFile.problem(path) == nil else { return nil }
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) > 2 * blockSize else {
            close(fd)
            return nil
        }
        return LongTextFile(path: path, fd: fd, size: Int(st.st_size), blockSize: blockSize, piece: max(1, piece))
    }

    /// What the first pass found.
    enum FirstPass {
        /// The blocks' byte ranges, and what only the whole document says.
        case text(blocks: [Range<Int>], facts: DocumentFacts)
        /// A block holds a NUL or is not UTF-8. `afterUTF8`: a block before it was UTF-8 with characters
        /// beyond ASCII, so the file is UTF-8 with a bad byte, not GB18030 (whose Chinese never reads as
        /// UTF-8 for a whole block).
        case notUTF8(afterUTF8: Bool)
    }

    /// Cuts the file into blocks, checking each and gathering the document's facts.
    func firstPass(_ options: ExtractionOptions) throws -> FirstPass {
        var blocks: [Range<Int>] = []
        var facts = DocumentFacts()
        var beyondASCII = false
        var start = 0
        while start < size {
            let end = try blockEnd(from: start)
            try fill(to: end)
            let text = window.withUnsafeBufferPointer {
                Self.validText(UnsafeBufferPointer(rebasing: $0[(start - windowStart)..<(end - windowStart)]))
            }
            guard let text else { return .notUTF8(afterUTF8: beyondASCII) }
            if !beyondASCII { beyondASCII = text.utf8.contains { $0 >= 0x80 } }
            facts.add(text)
            blocks.append(start..<end)
            window.removeFirst(end - windowStart)
            windowStart = end
            start = end
        }
        facts.finish(options)
        window = []
        return .text(blocks: blocks, facts: facts)
    }

    /// The text of one block of the first pass, read again.
    func block(_ range: Range<Int>) throws -> String {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let n = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + done, min(piece, range.count - done), off_t(range.lowerBound + done))
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw n < 0 ? readError(errno) : changed() }
            done += n
        }
        guard let text = bytes.withUnsafeBufferPointer(Self.validText) else { throw changed() }
        return text
    }

    /// Where the block starting at `start` ends: where ``Blocks/cut(_:complete:size:)`` says, reading
    /// on as far as it needs; the file's end for the last block.
    private func blockEnd(from start: Int) throws -> Int {
        guard size - start > 2 * blockSize else { return size }
        var want = start + 5 * blockSize + 1
        while true {
            try fill(to: want)
            let complete = windowStart + window.count >= size
            let cut = window.withUnsafeBufferPointer {
                Blocks.cut(UnsafeBufferPointer(rebasing: $0[(start - windowStart)...]), complete: complete, size: blockSize)
            }
            switch cut {
            case .at(let n): return start + n
            case .none: return size
            case .needMore: want += blockSize
            }
        }
    }

    /// Reads on until the window holds the file up to `end` (or the file's end).
    private func fill(to end: Int) throws {
        while windowStart + window.count < min(end, size) {
            let offset = windowStart + window.count
            let want = min(piece, size - offset)
            var n = 0
            window.append(contentsOf: repeatElement(0, count: want))
            window.withUnsafeMutableBytes { n = pread(fd, $0.baseAddress! + (offset - windowStart), want, off_t(offset)) }
            let err = errno
            window.removeLast(want - max(0, n))
            if n < 0, err == EINTR { continue }
            if n < 0 { throw readError(err) }
            if n == 0 { size = offset }   // shorter than it was: what was read is the text
        }
    }

    /// The bytes as a string when they are UTF-8 without NUL (text has none), else nil.
    static func validText(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = bytes.baseAddress else { return "" }
        guard memchr(base, 0, bytes.count) == nil else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    private func readError(_ code: Int32) -> DataError {
        DataError(SourceLocation(file: path), "cannot read the file: \(String(cString: strerror(code)))")
    }

    private func changed() -> DataError {
        DataError(SourceLocation(file: path), "the file changed while it was read")
    }
}
