import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// GB18030 (and so GBK and GB2312) to UTF-8, through glibc's iconv, a piece at a time (`TextStream`).
enum GB18030 {
    /// The UTF-8 text of GB18030 bytes in memory; an error names the line and column of the first
    /// sequence that is not GB18030.
    static func decode(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        do {
            return try TextStream(bytes: bytes, file: file, encoding: .gb18030).readAll(capacity: bytes.count * 3 / 2)
        } catch let e as TextStream.NotGB18030 { throw e.error }
    }

    /// One conversion from GB18030 to UTF-8, kept from piece to piece: iconv resumes a character a
    /// piece's end cut when the next piece comes.
    final class Converter {
        private let cd: iconv_t
        /// The input bytes converted so far (the file offset of the next one).
        private var consumed = 0

        init(file: String) throws {
            cd = iconv_open("UTF-8", "GB18030")
            guard cd != iconv_t(bitPattern: -1) else {
                throw DataError(SourceLocation(file: file), "this system's iconv cannot convert GB18030")
            }
        }

        deinit { iconv_close(cd) }

        /// Converts `input` onto the end of `output` and removes what it converted from `input`; a
        /// character its end cuts stays for the next call, unless `final`. Returns the bytes added to
        /// `output` and, when a sequence is not GB18030 (or a character is cut at the file's end), its
        /// file offset: `output` then ends just before it.
        func convert(_ input: inout [UInt8], into output: inout [UInt8], final: Bool) -> (produced: Int, badInput: Int?) {
            let old = output.count
            // UTF-8 takes at most 3 bytes for GB18030's 2 and 4 for its 4: twice the input is room enough.
            let room = input.count * 2 + 16
            output.append(contentsOf: repeatElement(0, count: room))
            var inLeft = input.count, outLeft = room
            var failure: Int32 = 0
            input.withUnsafeMutableBytes { inBuffer in
                output.withUnsafeMutableBytes { outBuffer in
                    var inPtr = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outPtr = (outBuffer.baseAddress! + old).assumingMemoryBound(to: CChar.self)   // room ≥ 16: there is memory
                    var outOptional: UnsafeMutablePointer<CChar>? = outPtr
                    if inLeft > 0, iconv(cd, &inPtr, &inLeft, &outOptional, &outLeft) == -1 { failure = errno }
                    outPtr = outOptional!
                }
            }
            let used = input.count - inLeft
            output.removeLast(outLeft)
            input.removeSubrange(0..<used)
            let at = consumed + used
            consumed = at
            switch failure {
            case 0: return (room - outLeft, nil)
            case EINVAL where !final: return (room - outLeft, nil)   // a character cut by the piece's end
            default: return (room - outLeft, at)
            }
        }
    }
}
