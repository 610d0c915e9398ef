import CountyData
import Crypto

#if canImport(Glibc)
    import Glibc
#endif

/// SHA-256 content digests for manifests, computed by swift-crypto; this adds what manifests need
/// around it: the digest as 64 lowercase hex digits and back, and a file's digest read in pieces.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> Digest {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> Digest {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    public mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    public consuming func finalize() -> Digest { Digest(bytes: Array(hasher.finalize())) }

    /// A SHA-256 digest; printed and stored as 64 lowercase hex digits.
    public struct Digest: Sendable, Hashable, CustomStringConvertible {
        public let bytes: [UInt8]

        public init(bytes: [UInt8]) { self.bytes = bytes }

        /// Parses 64 hex digits; nil for anything else.
        public init?(hex: String) {
            let u = Array(hex.utf8)
            guard u.count == 64 else { return nil }
            var out = [UInt8](repeating: 0, count: 32)
            for i in 0..<32 {
                guard let hi = Self.nibble(u[2 * i]), let lo = Self.nibble(u[2 * i + 1]) else { return nil }
                out[i] = hi << 4 | lo
            }
            bytes = out
        }

        public var hex: String {
            let digits = Array("0123456789abcdef".utf8)
            var s = [UInt8]()
            s.reserveCapacity(64)
            for b in bytes {
                s.append(digits[Int(b >> 4)])
                s.append(digits[Int(b & 15)])
            }
            return String(decoding: s, as: UTF8.self)
        }

        public var description: String { hex }

        private static func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }
}

extension SHA256 {
    /// The digest of a file's contents, read in 1 MiB pieces. Throws `.missingInput` naming the path.
    /// Anything but a regular file (a named pipe, a device) is refused before it is opened.
    public static func hash(fileAt path: String) throws(RegenerationError) -> Digest {
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG, let problem = InputFile.problem(path) {
            throw .missingInput(path: path, reason: problem)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .missingInput(path: path, reason: POSIXText.errno()) }
        defer { close(fd) }
        var h = SHA256()
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw .missingInput(path: path, reason: POSIXText.errno())
            }
            if n == 0 { break }
            h.update(UnsafeRawBufferPointer(start: buffer, count: n))
        }
        return h.finalize()
    }
}
