import Foundation

/// A CSV file read a window at a time (16 MiB), each window checked as it arrives: a NUL byte is
/// reported, with its line and column, without reading the rest of the file, and memory holds one
/// window and the record its end cuts, never the whole file.
///
/// A window's unread tail (a record, a character or a CRLF cut by the window's end) moves to the
/// front of the next one; the tail's line and column are kept (`LineOrigin`), so values, lines and
/// columns are those of a whole read whatever the window size.
struct CSVWindows {
    /// How much is read at a time.
    static let standardSize = 16 << 20

    /// A byte that is not UTF-8 (and not NUL): the file is read whole instead, to be decoded as GB18030
    /// or refused with a hint (see `TextFile.readUTF8`).
    struct NotUTF8: Error {}

    /// Reads up to `count` bytes at file offset `offset` into `into`: how many, 0 at the end, or -1 (errno).
    typealias Read = (_ into: UnsafeMutableRawPointer, _ count: Int, _ offset: Int) -> Int

    let file: String
    /// The file's size, for estimates (the rows to make room for).
    let size: Int
    let windowSize: Int
    /// Whether each window is checked for NUL bytes and invalid UTF-8 (bytes already converted are not).
    let checksText: Bool
    private let read: Read
    /// The unread tail of the last window, then the bytes read since.
    private var buffer: [UInt8] = []
    /// `buffer[..<checked]` passed the text check.
    private var checked = 0
    private var readOffset = 0
    private var atEnd = false
    /// Where `buffer` starts: the characters before it on its line, and the line ends before it.
    private var origin = LineOrigin.fileStart
    private var lineEndsBefore = 0
    /// Comma or tab, guessed once the first line is in (`CSVParser.sniffDelimiter`).
    private var delimiter: UInt8?

    init(file: String, size: Int, windowSize: Int = standardSize, checksText: Bool, read: @escaping Read) {
        self.file = file; self.size = size; self.windowSize = max(1, windowSize); self.checksText = checksText; self.read = read
    }

    /// Calls `body` with each window: a parser over the buffer, the checked bytes not yet read into
    /// records, and whether they are the file's last. `body` returns how far it read (the start of a
    /// record, or the range's end); the rest comes back at the front of the next window.
    /// Throws a `DataError` for a NUL byte or a read that fails, `NotUTF8` for a byte that is not UTF-8.
    mutating func forEach(_ body: (CSVParser, Range<Int>, _ final: Bool) throws -> Int) throws {
        var start = 0
        while true {
            try drop(start)
            start = 0
            try fill()
            if delimiter == nil {
                let guess = CSVParser.sniff(buffer[...])
                guard (guess.lineEnded && buffer.count >= 3) || atEnd else { continue }   // the first line and a BOM whole
                delimiter = guess.delimiter
            }
            let final = atEnd && checked == buffer.count
            start = try body(
                CSVParser(bytes: buffer, delimiter: delimiter ?? UInt8(ascii: ","), origin: origin), 0..<checked, final)
            if final { return }
        }
    }

    /// Forgets `buffer[..<n]`, keeping the line and column where the rest starts.
    private mutating func drop(_ n: Int) throws {
        guard n > 0 else { return }
        buffer.withUnsafeBufferPointer { b in
            origin = LineOrigin(charactersBefore: characterColumn(b, n, origin) - 1, isFileStart: false)
            lineEndsBefore += CSVParser.occurrences(of: 0x0A, in: UnsafeRawBufferPointer(b), 0..<n)
        }
        buffer.removeSubrange(0..<n)
        checked -= n
    }

    /// Reads the next window (at least as much as is held, so a record longer than a window is read
    /// in linear time) and checks it. A window is no longer than the rest of the file and a byte to see
    /// its end (64 KiB at least, for a file that grew): a small file costs no 16 MiB of zeroed pages.
    private mutating func fill() throws {
        guard !atEnd else { return }
        let rest = max(0, size - readOffset) + 1
        let want = max(min(windowSize, max(rest, 1 << 16)), buffer.count)
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: want))
        var got = 0, failure: Int32 = 0
        buffer.withUnsafeMutableBytes { raw in
            while got < want {
                let n = read(raw.baseAddress! + old + got, want - got, readOffset)   // want ≥ 1: the buffer holds bytes
                if n < 0 { failure = errno; return }
                if n == 0 { atEnd = true; return }
                got += n; readOffset += n
            }
        }
        buffer.removeLast(want - got)
        if failure != 0 {
            throw DataError(SourceLocation(file: file), "cannot read the file: \(String(cString: strerror(failure)))")
        }
        try check()
    }

    /// Checks the new bytes for NUL and invalid UTF-8, all but a character the window's end may cut.
    private mutating func check() throws {
        guard checksText else { checked = buffer.count; return }
        var end = buffer.count
        if !atEnd {
            while end > checked, end > buffer.count - 3, buffer[end - 1] & 0xC0 == 0x80 { end -= 1 }
            if end > checked, buffer[end - 1] >= 0xC0 { end -= 1 }
        }
        let bad = buffer.withUnsafeBufferPointer { TextFile.firstInvalidUTF8($0, in: checked..<end) }
        guard let bad else { checked = end; return }
        guard buffer[bad] == 0 else { throw NotUTF8() }
        throw buffer.withUnsafeBufferPointer { b in
            DataError(
                SourceLocation(
                    file: file,
                    line: 1 + lineEndsBefore + CSVParser.occurrences(of: 0x0A, in: UnsafeRawBufferPointer(b), 0..<bad),
                    column: characterColumn(b, bad, origin)),
                TextFile.nulMessage)
        }
    }
}
