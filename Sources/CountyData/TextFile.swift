import Foundation
import Synchronization

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
    /// The file's bytes converted to UTF-8 (a UTF-8 BOM is kept for the parser to skip).
    /// Without `encoding`, valid UTF-8 is taken as UTF-8 and anything else as GB18030.
    public static func readUTF8(path: String, encoding: TextEncoding? = nil) throws -> [UInt8] {
        let bytes = try readBytes(path: path)
        Trace.mark("read \(bytes.count) bytes")
        let invalid = encoding == .gb18030 ? nil : firstInvalidUTF8Parallel(bytes)
        Trace.mark("UTF-8 check")
        if invalid != nil || encoding == .gb18030, bytes.contains(0) {  // valid UTF-8 here has no NUL
            throw DataError(SourceLocation(file: path, line: lineOf(offset: bytes.firstIndex(of: 0) ?? 0, in: bytes)),
                            "the file holds a NUL byte: it is binary or UTF-16, not a text table")
        }
        switch encoding ?? (invalid == nil ? .utf8 : .gb18030) {
        case .utf8:
            if let bad = invalid {
                throw DataError(SourceLocation(file: path, line: lineOf(offset: bad, in: bytes)),
                                "the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad)); try --encoding gb18030")
            }
            return bytes
        case .gb18030:
            return try GB18030.decode(bytes, file: path)
        }
    }

    /// The whole file, read straight into one array (no intermediate copy).
    public static func readBytes(path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DataError(SourceLocation(file: path), errno == ENOENT ? "no such file" : "cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw DataError(SourceLocation(file: path), "not a regular file")
        }
        let size = Int(st.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            var done = 0
            while done < size {
                let n = read(fd, buf.baseAddress! + done, size - done)
                if n <= 0 { failed = n < 0; break }
                done += n
            }
            count = done
        }
        if failed { throw DataError(SourceLocation(file: path), "cannot read the file: \(String(cString: strerror(errno)))") }
        return bytes
    }

    /// Offset of the first invalid UTF-8 byte, checking halves of a large buffer on two cores.
    static func firstInvalidUTF8Parallel(_ bytes: [UInt8]) -> Int? {
        guard bytes.count > 1 << 22 else { return firstInvalidUTF8(bytes) }
        var mid = bytes.count / 2
        while mid < bytes.count, bytes[mid] & 0xC0 == 0x80 { mid += 1 }  // not inside a character
        let found = Mutex<[Int?]>([nil, nil])
        let cut = mid
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            let r = k == 0 ? firstInvalidUTF8(bytes, in: 0..<cut) : firstInvalidUTF8(bytes, in: cut..<bytes.count)
            found.withLock { $0[k] = r }
        }
        return found.withLock { $0[0] ?? $0[1] }
    }

    /// UTF-8 if the bytes are valid UTF-8, otherwise GB18030.
    public static func detect(_ bytes: [UInt8]) -> TextEncoding {
        firstInvalidUTF8(bytes) == nil ? .utf8 : .gb18030
    }

    /// Offset of the first byte that makes `bytes` invalid UTF-8, or nil.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? { firstInvalidUTF8(bytes, in: 0..<bytes.count) }

    static func firstInvalidUTF8(_ bytes: [UInt8], in range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let n = range.upperBound
        while i < n {
            // ASCII runs, eight bytes at a time.
            if i + 8 <= n {
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i, as: UInt64.self) }
                // No high bit and no zero byte: plain ASCII text.
                if word & 0x8080_8080_8080_8080 == 0, (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0 {
                    i += 8; continue
                }
            }
            let b = bytes[i]
            if b == 0 { return i }
            if b < 0x80 { i += 1; continue }
            let len: Int
            let minScalar: UInt32
            if b & 0xE0 == 0xC0 { len = 2; minScalar = 0x80 }
            else if b & 0xF0 == 0xE0 { len = 3; minScalar = 0x800 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { len = 4; minScalar = 0x10000 }
            else { return i }
            guard i + len <= n else { return i }
            var scalar = UInt32(b) & (0xFF >> UInt32(len + 1))
            for k in 1..<len {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += len
        }
        return nil
    }

    static func lineOf(offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }
}
