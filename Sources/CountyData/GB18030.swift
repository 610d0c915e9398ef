import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// GB18030 (and so GBK and GB2312) to UTF-8, through glibc's iconv.
enum GB18030 {
    static func decode(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else {
            throw DataError(SourceLocation(file: file), "this system's iconv cannot convert GB18030")
        }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let produced: Int = try input.withUnsafeMutableBufferPointer { inBuf in
            try output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if inLeft > 0, iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
                    let offset = inBuf.count - inLeft
                    throw DataError(
                        SourceLocation(file: file, line: TextFile.lineOf(offset: offset, in: bytes)),
                        "the file is neither UTF-8 nor GB18030 (bad byte sequence at offset \(offset))")
                }
                return outBuf.count - outLeft
            }
        }
        return Array(output[..<produced])
    }
}
