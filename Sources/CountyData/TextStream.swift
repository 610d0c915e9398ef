import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A text file read in order, a piece at a time (1 MiB), as UTF-8 checked as it is read: UTF-8 checked
/// for NUL bytes and invalid sequences, or GB18030 (GBK) converted by iconv and checked for NUL bytes.
/// A problem is thrown, named by the line and column of the original file, as soon as the piece holding
/// it is read: the rest of the file is never read, and memory holds one piece, never the file.
///
/// The column counts characters (a GB18030 character is one, as its UTF-8 form is); a UTF-8 BOM at the
/// file's start is not one. iconv keeps its state from piece to piece and resumes a character that a
/// piece's end cuts, so every piece size gives the same text and the same errors.
///
/// A stream that `servesUpToAProblem` first hands out the text before the problem, then throws it: a
/// reader that must know what came before a bad byte (extraction: was the file UTF-8?) gets all of it.
public final class TextStream {
    /// How much of the file is read at a time.
    public static let standardPiece = 1 << 20

    /// A byte that is not UTF-8 (and not NUL) in a file read as UTF-8: the file may be GB18030
    /// (`TextFile.withText` decides). `error` says where, `offset` is the byte's offset in the file.
    struct NotUTF8: Error {
        let error: DataError
        let byte: UInt8
        let offset: Int
    }

    /// A sequence that is not GB18030 (or a character the file's end cuts) in a file read as GB18030.
    struct NotGB18030: Error {
        let error: DataError
        let offset: Int
    }

    /// Reads up to `count` bytes at file offset `offset` into `into`: how many, 0 at the end, or -1 (errno).
    typealias Read = (_ into: UnsafeMutableRawPointer, _ count: Int, _ offset: Int) -> Int

    public let file: String
    public let encoding: TextEncoding
    /// How much is read at a time.
    let piece: Int
    private let servesUpToAProblem: Bool
    /// The problem found, thrown once the text before it has been handed out (`servesUpToAProblem`).
    private var pending: (any Error)?
    private let readRaw: Read
    private var rawOffset = 0
    private var rawAtEnd = false
    /// Raw bytes read but not converted yet (GB18030: a character a piece's end cut).
    private var raw: [UInt8] = []
    /// Checked UTF-8: `text[served..<checked]` is ready to be handed out, `text[checked...]` is a
    /// character a piece's end cut (UTF-8), waiting for its other bytes.
    private var text: [UInt8] = []
    private var served = 0
    private var checked = 0
    /// Where `text[checked]` stands: the line ends before it, the characters before it on its line,
    /// and how many bytes of the file came before it (UTF-8: the offset itself).
    private var lineEnds = 0
    private var charactersOnLine = 0
    private var producedBefore = 0
    private var converter: GB18030.Converter?

    /// `encoding` .utf8 or .gb18030; `piece` is how much is read at a time (tests give a tiny one).
    init(
        file: String, encoding: TextEncoding, piece: Int = standardPiece, servesUpToAProblem: Bool = false,
        read: @escaping Read
    ) throws {
        self.file = file
        self.encoding = encoding
        self.piece = max(1, piece)
        self.servesUpToAProblem = servesUpToAProblem
        self.readRaw = read
        if encoding == .gb18030 { converter = try GB18030.Converter(file: file) }
    }

    /// A stream over bytes in memory.
    convenience init(bytes: [UInt8], file: String, encoding: TextEncoding, piece: Int = standardPiece) throws {
        try self.init(file: file, encoding: encoding, piece: piece) { into, count, offset in
            let n = max(0, min(count, bytes.count - offset))
            bytes.withUnsafeBytes { if n > 0 { into.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
            return n
        }
    }

    /// Copies up to `count` checked bytes into `into`: how many, 0 at the end of the file. Throws a
    /// located `DataError` (a NUL byte, a GB18030 sequence iconv refuses, a read that fails) or `NotUTF8`.
    func read(into: UnsafeMutableRawPointer, count: Int) throws -> Int {
        guard try ready() else { return 0 }
        let n = min(count, checked - served)
        text.withUnsafeBytes { into.copyMemory(from: $0.baseAddress! + served, byteCount: n) }
        served += n
        return n
    }

    /// Appends up to `count` checked bytes (UTF-8) to `buffer`: how many, 0 at the end of the file. Throws
    /// as `read(into:count:)` does (a located `DataError`, or what `TextFile.withText` reads again).
    public func read(appendingTo buffer: inout [UInt8], count: Int) throws -> Int {
        guard try ready() else { return 0 }
        let n = min(count, checked - served)
        buffer.append(contentsOf: text[served..<(served + n)])
        served += n
        return n
    }

    /// Whether checked text waits to be handed out, reading the next piece if none does; false at the end.
    private func ready() throws -> Bool {
        while served == checked {
            if let pending { throw pending }
            if rawAtEnd && raw.isEmpty && checked == text.count { return false }
            try refill()
        }
        return true
    }

    /// The rest of the text in one array (`capacity` reserved: the size expected); only checked when
    /// not `keeping`.
    func readAll(capacity: Int, keeping: Bool = true) throws -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(capacity)
        while true {
            if served == checked {
                if let pending { throw pending }
                if rawAtEnd && raw.isEmpty && checked == text.count { return all }
                try refill()
                continue
            }
            if keeping { all.append(contentsOf: text[served..<checked]) }
            served = checked
        }
    }

    /// Reads the next piece, converts it when the file is GB18030, and checks it.
    private func refill() throws {
        text.removeSubrange(0..<checked)
        served = 0; checked = 0
        if let converter {
            try readPiece(into: &raw)
            let at = text.count
            let done = converter.convert(&raw, into: &text, final: rawAtEnd)
            if let bad = done.badInput {
                // The text before the bad sequence is checked first: a NUL byte before it comes first.
                try check(upTo: at + done.produced)
                guard pending == nil else { return }
                try found(
                    NotGB18030(
                        error: DataError(
                            location(at + done.produced),
                            "the file is neither UTF-8 nor GB18030 (bad byte sequence at offset \(bad))"),
                        offset: bad), at: at + done.produced)
                return
            }
        } else {
            try readPiece(into: &text)   // UTF-8 is read straight into the text: no second copy
        }
        try check()
    }

    /// Appends up to a piece of the file to `buffer`.
    private func readPiece(into buffer: inout [UInt8]) throws {
        guard !rawAtEnd else { return }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: piece))
        var got = 0, failure: Int32 = 0
        buffer.withUnsafeMutableBytes { buffer in
            while got < piece {
                let n = readRaw(buffer.baseAddress! + old + got, piece - got, rawOffset)
                if n < 0 { failure = errno; return }
                if n == 0 { rawAtEnd = true; return }
                got += n; rawOffset += n
            }
        }
        buffer.removeLast(piece - got)
        if failure != 0 {
            throw DataError(SourceLocation(file: file), "cannot read the file: \(String(cString: strerror(failure)))")
        }
    }

    /// Checks `text[checked...]` for NUL bytes and invalid UTF-8, all but a character the piece's end may cut.
    private func check(upTo limit: Int? = nil) throws {
        var end = limit ?? text.count
        if limit == nil && !(rawAtEnd && raw.isEmpty) {
            // The last character's lead byte (up to three continuation bytes back): held back when its
            // other bytes are still to come.
            var lead = end
            while lead > checked, end - lead < 3, text[lead - 1] & 0xC0 == 0x80 { lead -= 1 }
            if lead > checked, text[lead - 1] >= 0xC0 {
                let b = text[lead - 1], length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                if end - (lead - 1) < length { end = lead - 1 }
            }
        }
        let bad = text.withUnsafeBufferPointer { TextFile.firstInvalidUTF8($0, in: checked..<end) }
        guard let bad else { advance(to: end); return }
        if text[bad] == 0 { return try found(DataError(location(bad), TextFile.nulMessage), at: bad) }
        let offset = producedBefore + bad - checked   // only UTF-8 can be invalid here (iconv writes valid UTF-8)
        try found(
            NotUTF8(
                error: DataError(
                    location(bad),
                    "the file is not valid UTF-8 (byte 0x\(String(text[bad], radix: 16, uppercase: true)) at offset \(offset))"),
                byte: text[bad], offset: offset), at: bad)
    }

    /// A problem at `text[at]`: thrown now, or once the text before it is handed out (`servesUpToAProblem`).
    private func found(_ problem: any Error, at: Int) throws {
        guard servesUpToAProblem else { throw problem }
        advance(to: at)
        pending = problem
    }

    /// Moves the checked mark to `end`, counting the line ends and characters passed.
    private func advance(to end: Int) {
        let (lines, characters) = position(at: end)
        lineEnds = lines; charactersOnLine = characters
        producedBefore += end - checked
        checked = end
    }

    /// The line ends before `text[at]` and the characters before it on its line (`at` ≥ `checked`).
    private func position(at: Int) -> (lineEnds: Int, characters: Int) {
        text.withUnsafeBytes { b in
            let newLines = CSVParser.occurrences(of: 0x0A, in: b, checked..<at)
            var from = checked
            if newLines > 0 { from = at; while b[from - 1] != 0x0A { from -= 1 } }
            var characters = newLines > 0 ? 0 : charactersOnLine
            for k in from..<at where b[k] & 0xC0 != 0x80 {
                // A byte-order mark at the file's start is not a character.
                let bom = producedBefore == 0 && k == 0 && b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
                if !bom { characters += 1 }
            }
            return (lineEnds + newLines, characters)
        }
    }

    /// `file:line:column` of `text[at]`.
    private func location(_ at: Int) -> SourceLocation {
        let (lines, characters) = position(at: at)
        return SourceLocation(file: file, line: 1 + lines, column: characters + 1)
    }
}
