/// A byte-level RFC 4180 parser: quoted fields with delimiters, quotes and newlines inside,
/// CRLF or LF line ends, a missing final newline, and a UTF-8 byte-order mark.
///
/// It hands each record to a closure as a `CSVRecord` view over the input, without copying
/// unquoted fields, so a million-row file parses in a fraction of a second.
public struct CSVParser {
    public let bytes: [UInt8]
    public let delimiter: UInt8

    public init(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    /// Guesses comma or tab from the first line: whichever appears more often outside quotes.
    public static func sniffDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var commas = 0, tabs = 0, inQuotes = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if b == UInt8(ascii: "\n") { break }
            if b == UInt8(ascii: ",") { commas += 1 } else if b == 9 { tabs += 1 }
        }
        return tabs > commas ? 9 : UInt8(ascii: ",")
    }

    /// Calls `body` for every record in order. Blank lines are skipped.
    /// Throws `CSVSyntaxError` for a quote that is never closed or text after a closing quote.
    public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buf in
            var i = 0
            let n = buf.count
            if n >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { i = 3 }
            var line = 1
            var record = CSVRecord(buffer: buf)
            let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            let delim = delimiter
            while i < n {
                record.reset(line: line)
                // Skip a blank line.
                if buf[i] == lf { line += 1; i += 1; continue }
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
                                throw CSVSyntaxError(line: openLine, column: characterColumn(buf, start - 1), message: "a quoted field is never closed")
                            }
                            let b = buf[i]
                            if b == quote {
                                if i + 1 < n, buf[i + 1] == quote { hasEscapes = true; i += 2; continue }
                                break
                            }
                            if b == lf { line += 1 }
                            i += 1
                        }
                        record.append(start: start, end: i, quoted: true, escaped: hasEscapes)
                        i += 1  // closing quote
                        if i < n, buf[i] != delim, buf[i] != lf, !(buf[i] == cr && i + 1 < n && buf[i + 1] == lf), buf[i] != cr {
                            throw CSVSyntaxError(
                                line: line, column: characterColumn(buf, i),
                                message: "unexpected text after a closing quote")
                        }
                    } else {
                        let start = i
                        while i < n, buf[i] != delim, buf[i] != lf, buf[i] != cr { i += 1 }
                        record.append(start: start, end: i, quoted: false, escaped: false)
                    }
                    // After a field: delimiter, line end or end of input.
                    if i >= n {
                        recordDone = true
                    } else if buf[i] == delim {
                        i += 1
                        if i >= n { record.append(start: i, end: i, quoted: false, escaped: false); recordDone = true }
                    } else if buf[i] == cr {
                        i += (i + 1 < n && buf[i + 1] == lf) ? 2 : 1
                        recordDone = true
                    } else {
                        i += 1
                        recordDone = true
                    }
                }
                try body(record)
                line += 1
            }
        }
    }

}

/// One record of a CSV file: the fields as views into the parser's input.
public struct CSVRecord: ~Copyable {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var flags: [UInt8] = []  // bit 0: quoted, bit 1: has "" escapes
    /// The line the record starts on (1-based).
    public private(set) var line: Int = 1

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        starts.reserveCapacity(16); ends.reserveCapacity(16); flags.reserveCapacity(16);
    }

    mutating func reset(line: Int) {
        self.line = line
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
    }

    mutating func append(start: Int, end: Int, quoted: Bool, escaped: Bool) {
        starts.append(start); ends.append(end)
        flags.append((quoted ? 1 : 0) | (escaped ? 2 : 0))
    }

    public var count: Int { starts.count }

    /// The 1-based column, in characters, where field `i` begins (its opening quote, if quoted).
    public func column(_ i: Int) -> Int { characterColumn(buffer, isQuoted(i) ? starts[i] - 1 : starts[i]) }

    /// The raw bytes of field `i` (quotes removed, `""` not yet unescaped when `needsUnescape`).
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[starts[i]..<ends[i]])
    }

    public func isQuoted(_ i: Int) -> Bool { flags[i] & 1 != 0 }

    /// Field `i` as a string, `""` unescaped and invalid UTF-8 repaired with U+FFFD.
    public func string(_ i: Int) -> String {
        let raw = bytes(i)
        if flags[i] & 2 == 0 { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var j = 0
        while j < raw.count {
            out.append(raw[j])
            if raw[j] == UInt8(ascii: "\""), j + 1 < raw.count, raw[j + 1] == UInt8(ascii: "\"") { j += 2 } else { j += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every field as a string.
    public var strings: [String] { (0..<count).map { string($0) } }
}

/// A CSV file that is not well formed, at a 1-based line and byte column.
public struct CSVSyntaxError: Error, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
}

/// The 1-based character column of byte offset `offset` on its line.
func characterColumn(_ buf: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
    var j = min(offset, buf.count)
    var column = 1
    while j > 0, buf[j - 1] != UInt8(ascii: "\n") {
        j -= 1
        if buf[j] & 0xC0 != 0x80, !(j < 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) { column += 1 }
    }
    return column
}
