import Foundation

/// A byte-level RFC 4180 parser: quoted fields with delimiters, quotes and newlines inside,
/// CRLF or LF line ends, a missing final newline, and a UTF-8 byte-order mark.
///
/// It hands each record to a closure as a `CSVRecord` view over the input, without copying
/// unquoted fields, so a million-row file parses in a fraction of a second.
public struct CSVParser: Sendable {
    public let bytes: [UInt8]
    public let delimiter: UInt8
    /// Where `bytes` starts in its file, for columns: a window of a file read in pieces starts mid-file.
    let origin: LineOrigin

    public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        self.init(bytes: bytes, delimiter: delimiter, origin: .fileStart)
    }

    init(bytes: [UInt8], delimiter: UInt8, origin: LineOrigin) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.origin = origin
    }

    /// Guesses comma or tab from the first line: whichever appears more often outside quotes.
    public static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 { sniff(bytes[...]).delimiter }

    /// The guess, and whether the first line ended within `bytes` (if not, more bytes may change it).
    static func sniff(_ bytes: ArraySlice<UInt8>) -> (delimiter: UInt8, lineEnded: Bool) {
        var commas = 0, tabs = 0, inQuotes = false, ended = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if b == UInt8(ascii: "\n") { ended = true; break }
            if b == UInt8(ascii: ",") { commas += 1 } else if b == 9 { tabs += 1 }
        }
        return (tabs > commas ? 9 : UInt8(ascii: ","), ended)
    }

    /// Calls `body` for every record in order. Blank lines are skipped.
    /// Throws `CSVSyntaxError` for a quote that is never closed or text after a closing quote.
    public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        _ = try records(in: start..<bytes.count, firstLine: 1) {
            try body($0); return true
        }
    }

    /// Parses the records that start in `range`, the first on line `firstLine`, until `body`
    /// returns false. Returns the offset after the last record read.
    public func records(in range: Range<Int>, firstLine: Int, _ body: (borrowing CSVRecord) throws -> Bool) throws
        -> Int
    {
        try records(in: range, firstLine: firstLine, final: true, body).end
    }

    /// As `records(in:firstLine:_:)`; when `final` is false, more input follows `range` (a window of a
    /// file read in pieces), and a record that may go on past it is not read: reading stops at its
    /// start. Returns where reading stopped and the line there.
    func records(
        in range: Range<Int>, firstLine: Int, final: Bool, _ body: (borrowing CSVRecord) throws -> Bool
    ) throws -> (end: Int, line: Int) {
        try bytes.withUnsafeBufferPointer { buf in
            var i = range.lowerBound
            let n = range.upperBound
            var line = firstLine
            var record = CSVRecord(buffer: buf, origin: origin)
            let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            let delim = delimiter
            let origin = origin
            while i < n {
                record.reset(line: line)
                let recordStart = (i, line)
                // Not final: wherever the input's end would decide (a field, a quote, a CR that may be half of a
                // CRLF), the record may go on past `n`: stop at its start.
                // Skip a blank line.
                if buf[i] == lf { line += 1; i += 1; continue }
                if !final, buf[i] == cr, i + 1 == n { return recordStart }
                if buf[i] == cr, i + 1 < n, buf[i + 1] == lf { line += 1; i += 2; continue }
                var recordDone = false
                while !recordDone {
                    if i < n, buf[i] == quote {
                        // Quoted field.
                        let openLine = line
                        i += 1
                        let start = i
                        var hasEscapes = false
                        while true {
                            guard i < n else {
                                if !final { return recordStart }
                                throw CSVSyntaxError(
                                    line: openLine, column: characterColumn(buf, start - 1, origin),
                                    message: "a quoted field is never closed")
                            }
                            let b = buf[i]
                            if b == quote {
                                if !final, i + 1 == n { return recordStart }
                                if i + 1 < n, buf[i + 1] == quote { hasEscapes = true; i += 2; continue }
                                break
                            }
                            if b == lf { line += 1 }
                            i += 1
                        }
                        record.append(start: start, end: i, quoted: true, escaped: hasEscapes)
                        i += 1   // closing quote
                        if !final, i == n { return recordStart }
                        if i < n, buf[i] != delim, buf[i] != lf, !(buf[i] == cr && i + 1 < n && buf[i + 1] == lf),
                            buf[i] != cr
                        {
                            throw CSVSyntaxError(
                                line: line, column: characterColumn(buf, i, origin),
                                message: "unexpected text after a closing quote")
                        }
                    } else {
                        let start = i
                        while i < n, buf[i] != delim, buf[i] != lf, buf[i] != cr { i += 1 }
                        record.append(start: start, end: i, quoted: false, escaped: false)
                    }
                    // After a field: delimiter, line end or end of input.
                    if i >= n {
                        if !final { return recordStart }
                        recordDone = true
                    } else if buf[i] == delim {
                        i += 1
                        if i >= n {
                            if !final { return recordStart }
                            record.append(start: i, end: i, quoted: false, escaped: false); recordDone = true
                        }
                    } else if buf[i] == cr {
                        if !final, i + 1 == n { return recordStart }
                        i += (i + 1 < n && buf[i + 1] == lf) ? 2 : 1
                        recordDone = true
                    } else {
                        i += 1
                        recordDone = true
                    }
                }
                let more = try body(record)
                line += 1
                if !more { return (i, line) }
            }
            return (i, line)
        }
    }

    /// Splits `range` into about `parts` pieces that each start at a record boundary (just after
    /// a line end outside quotes), with the line number each piece starts on, and a bound on the
    /// number of line ends in it (exact for all but the last piece).
    public func split(_ range: Range<Int>, firstLine: Int, parts: Int) -> [(
        range: Range<Int>, firstLine: Int, lineEnds: Int
    )] {
        bytes.withUnsafeBytes { raw in
            var pieces: [(range: Range<Int>, firstLine: Int, lineEnds: Int)] = []
            var start = range.lowerBound, startLine = firstLine
            var quotes = 0, lines = firstLine
            let target = max(1 << 20, range.count / max(1, parts))
            var i = range.lowerBound
            while i < range.upperBound, pieces.count < parts - 1 {
                // Count line ends and quotes until near the next cut, with glibc's vectorised memchr.
                let cut = min(range.upperBound, start + target)
                if i < cut {
                    lines += Self.occurrences(of: 0x0A, in: raw, i..<cut)
                    quotes += Self.occurrences(of: 0x22, in: raw, i..<cut)
                    i = cut
                }
                // Then byte by byte to the first line end outside quotes.
                var cutAt: Int?
                while i < range.upperBound {
                    let b = raw[i]
                    i += 1
                    if b == 0x22 {
                        quotes += 1
                    } else if b == 0x0A {
                        lines += 1
                        if i >= cut, quotes % 2 == 0, pieces.count < parts - 1 { cutAt = i; break }
                    }
                }
                if let c = cutAt {
                    pieces.append((start..<c, startLine, lines - startLine))
                    start = c; startLine = lines
                }
            }
            // The last piece is not scanned: a record takes at least two bytes, which bounds its count.
            pieces.append((start..<range.upperBound, startLine, (range.upperBound - start) / 2 + 1))
            return pieces
        }
    }

    /// How many bytes in `range` equal `byte`.
    static func occurrences(of byte: UInt8, in raw: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        guard let base = raw.baseAddress else { return 0 }
        var count = 0
        var p = base + range.lowerBound
        let end = base + range.upperBound
        while p < end, let found = memchr(p, Int32(byte), end - p) {
            count += 1
            p = UnsafeRawPointer(found) + 1
        }
        return count
    }
}

/// One record of a CSV file: the fields as views into the parser's input.
public struct CSVRecord: ~Copyable {
    private let buffer: UnsafeBufferPointer<UInt8>
    private let origin: LineOrigin
    /// Per field: start offset, end offset, and flags (bit 0: quoted, bit 1: has "" escapes).
    private struct Field { var start: Int; var end: Int; var flags: UInt8; var cellColumn: Int32 = 0 }
    private var fields: [Field] = []
    /// The line the record starts on (1-based).
    public private(set) var line: Int = 1

    init(buffer: UnsafeBufferPointer<UInt8>, origin: LineOrigin = .fileStart) {
        self.buffer = buffer
        self.origin = origin
        fields.reserveCapacity(16)
    }

    mutating func reset(line: Int) {
        self.line = line
        fields.removeAll(keepingCapacity: true)
    }

    mutating func append(start: Int, end: Int, quoted: Bool, escaped: Bool) {
        fields.append(
            Field(
                start: start, end: end,
                flags: (quoted ? 1 : 0) | (escaped ? 2 : 0)))
    }

    public var count: Int { fields.count }

    /// The 1-based column, in characters, where field `i` begins (its opening quote, if quoted).
    /// A worksheet row's field gives its cell column instead.
    public func column(_ i: Int) -> Int {
        if fields[i].cellColumn > 0 { return Int(fields[i].cellColumn) }
        return characterColumn(buffer, Int(fields[i].start) - (isQuoted(i) ? 1 : 0), origin)
    }

    /// Adds a worksheet cell (its text at `start..<end` of the buffer, unquoted) at 1-based `column`.
    mutating func appendCell(start: Int, end: Int, column: Int) {
        fields.append(Field(start: start, end: end, flags: 0, cellColumn: Int32(column)))
    }

    /// `column(_:)` of every field, in one pass along the record: each field's column counted on from
    /// the one before (calling `column` for each scans back to the line's start each time, n² on a
    /// row of 100,000 columns).
    public var columns: [Int] {
        var out: [Int] = []
        out.reserveCapacity(count)
        var at = -1, col = 0
        for i in 0..<count {
            let t = min(Int(fields[i].start) - (isQuoted(i) ? 1 : 0), buffer.count)
            if at < 0 || t < at {
                col = characterColumn(buffer, t, origin)
            } else {
                var j = at, c = col
                while j < t, buffer[j] != UInt8(ascii: "\n") {
                    if buffer[j] & 0xC0 != 0x80 { c += 1 }
                    j += 1
                }
                col = j < t ? characterColumn(buffer, t, origin) : c   // a newline inside a quoted field: count from it
            }
            at = t
            out.append(col)
        }
        return out
    }

    /// The raw bytes of field `i` (quotes removed, `""` not yet unescaped). A view into the
    /// parser's input, valid only while the record is: kept inside the module.
    func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[Int(fields[i].start)..<Int(fields[i].end)])
    }

    public func isQuoted(_ i: Int) -> Bool { fields[i].flags & 1 != 0 }

    /// Field `i` as a string, `""` unescaped and invalid UTF-8 repaired with U+FFFD.
    public func string(_ i: Int) -> String {
        let raw = bytes(i)
        if fields[i].flags & 2 == 0 { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var j = 0
        while j < raw.count {
            out.append(raw[j])
            if raw[j] == UInt8(ascii: "\""), j + 1 < raw.count, raw[j + 1] == UInt8(ascii: "\"") {
                j += 2
            } else {
                j += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every field as a string.
    public var strings: [String] { (0..<count).map { string($0) } }

    /// Field `i`'s bytes without leading and trailing spaces (`Spaces`, the rule `trimmingSpaces`
    /// follows), when the field needs no unescaping; nil when it has `""` escapes. A view into the
    /// parser's input, like `bytes(_:)`: kept inside the module.
    func trimmedBytes(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        let f = fields[i]
        guard f.flags & 2 == 0 else { return nil }
        return UnsafeBufferPointer(rebasing: buffer[Spaces.trimmed(buffer, f.start..<f.end)])
    }

    /// Field `i` as a string without leading and trailing spaces.
    public func trimmedString(_ i: Int) -> String {
        if let b = trimmedBytes(i) { return String(decoding: b, as: UTF8.self) }
        return string(i).trimmingSpaces
    }
}

/// A CSV file that is not well formed, at a 1-based line and byte column.
public struct CSVSyntaxError: Error, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
}

/// Where a buffer starts in its file, as far as columns are concerned: the characters before its first
/// byte on that byte's line, and whether it is the file's start (where a byte-order mark is not a character;
/// a U+FEFF anywhere else is).
struct LineOrigin: Sendable, Equatable {
    var charactersBefore: Int
    var isFileStart: Bool

    static let fileStart = LineOrigin(charactersBefore: 0, isFileStart: true)
}

/// The 1-based character column of byte offset `offset` on its line (lines end at LF), for a buffer that
/// starts at `origin` of its file.
func characterColumn(_ buf: UnsafeBufferPointer<UInt8>, _ offset: Int, _ origin: LineOrigin = .fileStart) -> Int {
    var j = min(offset, buf.count)
    var column = 1
    let bom = origin.isFileStart && buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF
    while j > 0, buf[j - 1] != UInt8(ascii: "\n") {
        j -= 1
        if buf[j] & 0xC0 != 0x80, !(j < 3 && bom) { column += 1 }
    }
    return j == 0 ? column + origin.charactersBefore : column
}
