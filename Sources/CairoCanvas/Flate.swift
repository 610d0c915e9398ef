import CSystemZlib
import Foundation

/// zlib's deflate format, as PDF's `/FlateDecode` streams hold it (RFC 1950).
enum Flate {
    /// The bytes of a zlib stream, or nil if it is not one.
    static func inflate(_ input: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    status = CSystemZlib.inflate(&stream, Z_NO_FLUSH)
                }
                out += chunk[0..<(chunk.count - Int(stream.avail_out))]
            } while status == Z_OK
        }
        return status == Z_STREAM_END ? out : nil
    }

    /// Compressed at zlib's fastest level unless told otherwise: the report rewrites a stream per page,
    /// and speed matters more there than the last few per cent of size.
    static func deflate(_ input: [UInt8], level: Int32 = Z_BEST_SPEED) -> [UInt8] {
        var size = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { i in
                compress2(o.baseAddress, &size, i.baseAddress, uLong(i.count), level)
            }
        }
        precondition(status == Z_OK, "compressBound gives room enough")   // cannot fail: out is compressBound long
        return Array(out[0..<Int(size)])
    }
}
