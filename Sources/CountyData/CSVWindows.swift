import Foundation

/// A CSV file read a window at a time (16 MiB) from its text (`TextStream`, which checks it as it is
/// read): memory holds one window and the record its end cuts, never the whole file.
///
/// A window's unread tail (a record, a character or a CRLF cut by the window's end) moves to the
/// front of the next one; the tail's line and column are kept (`LineOrigin`), so values, lines and
/// columns are those of a whole read whatever the window size.
struct CSVWindows {
    /// How much is read at a time.
    static let standardSize = 16 << 20

    /// Reads up to `count` bytes of text at offset `offset` into `into`: how many, 0 at the end, or -1
    /// (errno); or throws (a problem in the text, located).
    typealias Read = (_ into: UnsafeMutableRawPointer, _ count: Int, _ offset: Int) throws -> Int

    let file: String
    /// The file's size, for estimates (the rows to make room for).
    let size: Int
    let windowSize: Int
    private let read: Read
    /// The unread tail of the last window, then the bytes read since.
    private var buffer: [UInt8] = []
    private var readOffset = 0
    private var atEnd = false
    /// Where `buffer` starts: the characters before it on its line, and the line ends before it.
    private var origin = LineOrigin.fileStart
    /// Comma or tab, guessed once the first line is in (`CSVParser.sniffDelimiter`).
    private var delimiter: UInt8?

    init(file: String, size: Int, windowSize: Int = standardSize, read: @escaping Read) {
        self.file = file; self.size = size; self.windowSize = max(1, windowSize); self.read = read
    }

    /// Windows over the text of `stream`; `size` is an estimate of its length.
    init(_ stream: TextStream, size: Int, windowSize: Int = standardSize) {
        self.init(file: stream.file, size: size, windowSize: windowSize) { into, count, _ in
            try stream.read(into: into, count: count)
        }
    }

    /// Calls `body` with each window: a parser over the buffer, the bytes not yet read into records, and
    /// whether they are the file's last. `body` returns how far it read (the start of a record, or the
    /// range's end); the rest comes back at the front of the next window.
    /// Throws a `DataError` for a read that fails, and what `read` throws.
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
            start = try body(
                CSVParser(bytes: buffer, delimiter: delimiter ?? UInt8(ascii: ","), origin: origin), 0..<buffer.count, atEnd)
            if atEnd { return }
        }
    }

    /// Forgets `buffer[..<n]`, keeping the line and column where the rest starts.
    private mutating func drop(_ n: Int) throws {
        guard n > 0 else { return }
        buffer.withUnsafeBufferPointer { b in
            origin = LineOrigin(charactersBefore: characterColumn(b, n, origin) - 1, isFileStart: false)
        }
        buffer.removeSubrange(0..<n)
    }

    /// Reads the next window (at least as much as is held, so a record longer than a window is read
    /// in linear time). A window is no longer than the rest of the file and a byte to see
    /// its end (64 KiB at least, for a file that grew): a small file costs no 16 MiB of zeroed pages.
    private mutating func fill() throws {
        guard !atEnd else { return }
        let rest = max(0, size - readOffset) + 1
        let want = max(min(windowSize, max(rest, 1 << 16)), buffer.count)
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: want))
        var got = 0, failure: Int32 = 0
        defer { buffer.removeLast(want - got) }
        try buffer.withUnsafeMutableBytes { raw in
            while got < want {
                let n = try read(raw.baseAddress! + old + got, want - got, readOffset)   // want ≥ 1: the buffer holds bytes
                if n < 0 { failure = errno; return }
                if n == 0 { atEnd = true; return }
                got += n; readOffset += n
            }
        }
        if failure != 0 {
            throw DataError(SourceLocation(file: file), "cannot read the file: \(String(cString: strerror(failure)))")
        }
    }
}
