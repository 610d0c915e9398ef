import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// GB18030 (and so GBK and GB2312) to UTF-8, through glibc's iconv.
///
/// A large file is converted in two halves on two cores, cut at a line end: in GB18030 a byte
/// below 0x80 is always a character of its own (trail bytes are 0x30–0x39 and 0x40–0xFE), so a
/// line end never sits inside a character.
enum GB18030 {
    static func decode(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        var cut = bytes.count
        if bytes.count >= 4 << 20, let newline = bytes[(bytes.count / 2)...].firstIndex(of: 0x0A) { cut = newline + 1 }
        let pieces = cut < bytes.count ? [0..<cut, cut..<bytes.count] : [0..<bytes.count]
        // UTF-8 takes at most 3 bytes for GB18030's 2 and 4 for its 4: room for 1.5 times the input.
        let room = pieces.map { $0.count + $0.count / 2 + 16 }
        let failure = Mutex<DataError?>(nil)
        let produced = Mutex<[Int]>(Array(repeating: 0, count: pieces.count))
        var output = [UInt8](unsafeUninitializedCapacity: room.reduce(0, +)) { buffer, count in
            nonisolated(unsafe) let out = buffer.baseAddress!   // the capacity is at least 16 bytes, so there is memory
            bytes.withUnsafeBufferPointer { input in
                nonisolated(unsafe) let inBase = input.baseAddress
                DispatchQueue.concurrentPerform(iterations: pieces.count) { k in
                    let start = room[..<k].reduce(0, +)
                    do {
                        let n = try convert(
                            UnsafeBufferPointer(
                                rebasing: UnsafeBufferPointer(start: inBase, count: bytes.count)[pieces[k]]),
                            into: out + start, room: room[k], offset: pieces[k].lowerBound, bytes: bytes, file: file)
                        produced.withLock { $0[k] = n }
                    } catch {
                        let e = error as? DataError ?? DataError(SourceLocation(file: file), "\(error)")
                        failure.withLock { if $0 == nil || k == 0 { $0 = e } }
                    }
                }
            }
            // Close the gap between the halves.
            let sizes = produced.withLock { $0 }
            if sizes.count == 2 { memmove(out + sizes[0], out + room[0], sizes[1]) }
            count = sizes.reduce(0, +)
        }
        if let error = failure.withLock({ $0 }) { output.removeAll(); throw error }
        return output
    }

    /// Converts `input` (which starts at `offset` of the file) into `out`; the number of bytes written.
    private static func convert(
        _ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, room: Int,
        offset: Int, bytes: [UInt8], file: String
    ) throws(DataError) -> Int {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else {
            throw DataError(SourceLocation(file: file), "this system's iconv cannot convert GB18030")
        }
        defer { iconv_close(cd) }
        // iconv takes `char **` for its input but never writes through it.
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input.baseAddress)?
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out).assumingMemoryBound(to: CChar.self)
        var outLeft = room
        if inLeft > 0, iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 {
            let at = offset + input.count - inLeft
            throw DataError(
                SourceLocation(file: file, line: TextFile.lineOf(offset: at, in: bytes)),
                "the file is neither UTF-8 nor GB18030 (bad byte sequence at offset \(at))")
        }
        return room - outLeft
    }
}
