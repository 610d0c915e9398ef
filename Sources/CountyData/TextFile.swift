import Foundation

/// Text encodings that county data arrives in.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030 = "gb18030"

    /// Reads a user's spelling of an encoding name (utf8, UTF-8, gbk, gb2312, gb18030, cp936).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "utf8", "utf8bom", "utf8sig": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "euccn": self = .gb18030
        default: return nil
        }
    }
}

/// Reading input files into UTF-8 bytes, whatever encoding they were saved in.
public enum TextFile {
    /// The file's bytes converted to UTF-8 (a UTF-8 BOM is kept for the parser to skip), read as
    /// `withText` reads them. `limit` and `what` as for `openChecked`.
    public static func readUTF8(path: String, encoding: TextEncoding? = nil, limit: Int? = nil, what: String = "input")
        throws -> [UInt8]
    {
        Trace.mark("start reading")
        let (fd, size) = try openChecked(path: path, limit: limit, what: what, asText: true, reading: .whole)
        defer { close(fd) }
        let text = try withText(path: path, encoding: encoding, what: what, source: fd) { try $0.readAll(capacity: size) }
        Trace.mark("read \(text.count) bytes")
        return text
    }

    /// Runs `read` over the text of the file at `path` read in pieces (`TextStream`), as every data file is
    /// read: opened as `openChecked` opens a text input, checked as it is read, and read again as GB18030
    /// when it turns out not to be UTF-8 (see `withText`); `read` is given the file's size in bytes.
    /// `keepsUTF8` is asked then: true when what `read` saw shows the file is UTF-8 with a bad byte (the
    /// error is then UTF-8's), false to read it again. The stream hands out the text before a problem
    /// before it throws it, so that `read` can tell.
    public static func withTextStream<T>(
        path: String, encoding: TextEncoding?, piece: Int = TextStream.standardPiece, keepsUTF8: () -> Bool,
        _ read: (TextStream, _ size: Int) throws -> T
    ) throws -> T {
        let (fd, size) = try openChecked(path: path, asText: true, reading: .blocks)
        defer { close(fd) }
        return try withText(
            path: path, encoding: encoding, piece: piece, servesUpToAProblem: true, keepsUTF8: keepsUTF8,
            source: { pread(fd, $0, $1, off_t($2)) }
        ) { try read($0, size) }
    }

    /// Runs `read` over the text of the file open as `fd` (`TextStream`), checked as it is read. Without `encoding`,
    /// the file is read as UTF-8 and, at its first byte that is not UTF-8, read again from the start as
    /// GB18030 (`read` runs again: what it made of the first reading is dropped). When it is neither,
    /// the error is the one of the encoding that read further, named by line and column. `what` is
    /// "input" for a data file (the error suggests `--encoding`), else the kind of file.
    static func withText<T>(
        path: String, encoding: TextEncoding?, what: String = "input", piece: Int = TextStream.standardPiece,
        source fd: Int32, _ read: (TextStream) throws -> T
    ) throws -> T {
        try withText(path: path, encoding: encoding, what: what, piece: piece, source: { pread(fd, $0, $1, off_t($2)) }, read)
    }

    /// `withText` over the bytes `source` reads (tests count them); `servesUpToAProblem` and `keepsUTF8` as
    /// for `withTextStream`.
    static func withText<T>(
        path: String, encoding: TextEncoding?, what: String = "input", piece: Int = TextStream.standardPiece,
        servesUpToAProblem: Bool = false, keepsUTF8: () -> Bool = { false },
        source: @escaping TextStream.Read, _ read: (TextStream) throws -> T
    ) throws -> T {
        func stream(_ encoding: TextEncoding) throws -> TextStream {
            try TextStream(
                file: path, encoding: encoding, piece: piece, servesUpToAProblem: servesUpToAProblem, read: source)
        }
        do {
            return try read(stream(encoding ?? .utf8))
        } catch let notUTF8 as TextStream.NotUTF8 {
            if encoding == nil && !keepsUTF8() {
                do { return try read(stream(.gb18030)) } catch let notGB as TextStream.NotGB18030 {
                    if notGB.offset >= notUTF8.offset { throw notGB.error }
                    throw DataError(
                        notUTF8.error.location,
                        "the file is neither UTF-8 nor GB18030 (byte 0x\(String(notUTF8.byte, radix: 16, uppercase: true)) at offset \(notUTF8.offset) is not UTF-8)"
                    )
                }
            }
            // Forced UTF-8: a file that reads as GB18030 was most likely saved in it (GBK, "ANSI" on a Chinese Windows).
            let gb = (try? stream(.gb18030).readAll(capacity: 0, keeping: false)) != nil
            let hint = what == "input" ? "; try --encoding gb18030" : gb ? "; save it as UTF-8 (iconv -f GB18030 -t UTF-8)" : ""
            throw DataError(notUTF8.error.location, notUTF8.error.message + (gb ? "; it looks like GB18030 (GBK)" : "") + hint)
        } catch let notGB as TextStream.NotGB18030 {
            throw notGB.error
        }
    }

    /// How much of a text file is looked at for NUL bytes before the whole file is read: a binary file
    /// (an image, an executable, a file of zeros) is refused at once, whatever its size.
    static let sniffBytes = 64 << 10

    /// The error for a NUL byte at `offset`: text has none, so the file is binary (or UTF-16).
    static func nulError(_ path: String, _ bytes: some RandomAccessCollection<UInt8>, at offset: Int) -> DataError {
        DataError(location(path, bytes, at: offset), nulMessage)
    }

    static let nulMessage = "the file holds a NUL byte: it is binary or UTF-16, not text"

    /// `path:line:column` of byte `offset` (the column in characters, as far as the line is UTF-8).
    static func location(_ path: String, _ bytes: some RandomAccessCollection<UInt8>, at offset: Int) -> SourceLocation
    {
        let array = Array(bytes.prefix(offset + 1))
        return array.withUnsafeBufferPointer { buf in
            SourceLocation(file: path, line: lineOf(offset: offset, in: array), column: characterColumn(buf, offset))
        }
    }

    /// The file open for reading, and its size; the caller closes it. `limit`, when given, is the
    /// largest size the file may have (`what` names the kind of file in the message). Anything but a
    /// regular file (a folder, a device, a named pipe) is refused before it is opened, so a FIFO never
    /// blocks the run; a file that, read as `reading` reads it, needs more than the memory the process may
    /// use is refused before it is read (`Limits.memoryPerInputByte`). `asText`: the file must be text; a
    /// NUL byte in its first `sniffBytes` is refused at once.
    static func openChecked(
        path: String, limit: Int? = nil, what: String = "input", asText: Bool = false, reading: Limits.InputReading
    ) throws -> (fd: Int32, size: Int) {
        if let problem = InputFile.problem(path) { throw DataError(SourceLocation(file: path), problem) }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else {
            throw DataError(
                SourceLocation(file: path),
                errno == ENOENT ? "no such file" : "cannot read the file: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw DataError(SourceLocation(file: path), "not a regular file")
        }
        do {
            try checkSize(
                fd, size: Int(st.st_size), path: path, limit: limit, what: what, asText: asText, reading: reading)
        } catch {
            close(fd)
            throw error
        }
        return (fd, Int(st.st_size))
    }

    /// A NUL byte near the start, then the size against `limit` and the memory the process may use.
    private static func checkSize(
        _ fd: Int32, size: Int, path: String, limit: Int?, what: String, asText: Bool, reading: Limits.InputReading
    ) throws {
        if asText, size > 0 {
            var head = [UInt8](repeating: 0, count: min(size, sniffBytes))
            let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            if n > 0, let nul = head[..<n].firstIndex(of: 0) { throw nulError(path, head[..<n], at: nul) }
        }
        if let limit, size > limit {
            throw DataError(
                SourceLocation(file: path), "the file is \(size) bytes; a \(what) may have at most \(limit) (Limits)")
        }
        let usable = Limits.usableMemory()
        if Double(size) * Limits.standard.memoryPerInputByte[reading, default: 1.5] > Double(usable) {
            throw DataError(
                SourceLocation(file: path),
                "the file is \(Limits.bytesText(size)), too large to load in the \(Limits.bytesText(usable)) of memory this process may use"
            )
        }
    }

    /// UTF-8 if the bytes are valid UTF-8, otherwise GB18030.
    public static func detect(_ bytes: [UInt8]) -> TextEncoding {
        firstInvalidUTF8(bytes) == nil ? .utf8 : .gb18030
    }

    /// Offset of the first byte that makes `bytes` invalid UTF-8, or nil.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? { firstInvalidUTF8(bytes, in: 0..<bytes.count) }

    static func firstInvalidUTF8(_ bytes: [UInt8], in range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0, in: range) }
    }

    /// The check itself: ASCII 32 bytes at a time, then each multi-byte character by its lead byte
    /// (RFC 3629 table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF). A NUL byte
    /// counts as invalid: text tables have none.
    static func firstInvalidUTF8(_ buf: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        guard let p = buf.baseAddress else { return nil }
        let raw = UnsafeRawPointer(p)
        var i = range.lowerBound
        let n = range.upperBound
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func zeroByte(_ w: UInt64) -> UInt64 { (w &- ones) & ~w & high }
        while i < n {
            while i + 32 <= n {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self),
                    b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let c = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self),
                    d = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if (a | b | c | d) & high != 0 || (zeroByte(a) | zeroByte(b) | zeroByte(c) | zeroByte(d)) != 0 { break }
                i += 32
            }
            // Byte by byte until the next stretch of ASCII.
            var stop = min(n, i + 32)
            while i < stop {
                let b0 = p[i]
                if b0 < 0x80 {
                    if b0 == 0 { return i }
                    i += 1
                    continue
                }
                if b0 < 0xC2 || b0 > 0xF4 { return i }
                if b0 < 0xE0 {
                    guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return i }
                    i += 2
                } else if b0 < 0xF0 {
                    guard i + 2 < n else { return i }
                    let b1 = p[i + 1], b2 = p[i + 2]
                    let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, top: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                    guard b1 >= low, b1 <= top, b2 & 0xC0 == 0x80 else { return i }
                    i += 3
                } else {
                    guard i + 3 < n else { return i }
                    let b1 = p[i + 1]
                    let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, top: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                    guard b1 >= low, b1 <= top, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return i }
                    i += 4
                }
                if i >= stop { stop = min(n, i + 32) }   // a character may end past the stretch
            }
        }
        return nil
    }

    static func lineOf(offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
