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
    /// The file's bytes converted to UTF-8 (a UTF-8 BOM is kept for the parser to skip).
    /// Without `encoding`, valid UTF-8 is taken as UTF-8 and anything else as GB18030.
    public static func readUTF8(path: String, encoding: TextEncoding? = nil) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DataError(SourceLocation(file: path), exists ? "cannot read the file" : "no such file")
        }
        let bytes = [UInt8](data)
        if bytes.contains(0) {
            throw DataError(SourceLocation(file: path, line: lineOf(offset: bytes.firstIndex(of: 0)!, in: bytes)),
                            "the file holds a NUL byte: it is binary or UTF-16, not a text table")
        }
        switch encoding ?? detect(bytes) {
        case .utf8:
            if let bad = firstInvalidUTF8(bytes) {
                throw DataError(SourceLocation(file: path, line: lineOf(offset: bad, in: bytes)),
                                "the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad)); try --encoding gb18030")
            }
            return bytes
        case .gb18030:
            return try GB18030.decode(bytes, file: path)
        }
    }

    /// UTF-8 if the bytes are valid UTF-8, otherwise GB18030.
    public static func detect(_ bytes: [UInt8]) -> TextEncoding {
        firstInvalidUTF8(bytes) == nil ? .utf8 : .gb18030
    }

    /// Offset of the first byte that makes `bytes` invalid UTF-8, or nil.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
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
