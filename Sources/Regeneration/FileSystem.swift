#if canImport(Glibc)
    import Glibc
#endif

/// What `stat` says about a file that tells whether it may have changed: size, modification and
/// status-change times (nanoseconds) and inode. Any write changes mtime and ctime; a rename over the
/// file changes the inode; `touch -d` can set mtime back but not ctime. In a manifest it is one
/// string, `"SIZE MTIME_NS CTIME_NS INODE"` (a quarter of the JSON that an object would take to read).
public struct FileStamp: Codable, Sendable, Hashable {
    public var size: Int64
    public var mtimeNs: Int64
    public var ctimeNs: Int64
    public var inode: UInt64

    public init(size: Int64, mtimeNs: Int64, ctimeNs: Int64, inode: UInt64) {
        self.size = size
        self.mtimeNs = mtimeNs
        self.ctimeNs = ctimeNs
        self.inode = inode
    }

    /// The stamp of the file at `path` (following links), or nil when there is no such file.
    public static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(st)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: " ")
        guard parts.count == 4, let size = Int64(parts[0]), let m = Int64(parts[1]), let c = Int64(parts[2]),
            let i = UInt64(parts[3])
        else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "not a stamp (SIZE MTIME_NS CTIME_NS INODE): \(text)"))
        }
        self.init(size: size, mtimeNs: m, ctimeNs: c, inode: i)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode("\(size) \(mtimeNs) \(ctimeNs) \(inode)")
    }

    init(_ st: stat) {
        size = Int64(st.st_size)
        mtimeNs = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        ctimeNs = Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec)
        inode = UInt64(st.st_ino)
    }
}

/// Path arithmetic on strings, lexical (no symlinks resolved), as Foundation's would be but
/// without it.
enum Paths {
    /// The folder part of `path` (`.` for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }   // a non-empty buffer
    }

    /// `path` made absolute against `base` (default: the current folder), with `.`, `..` and
    /// repeated slashes removed lexically.
    static func absolute(_ path: String, base: String? = nil) -> String {
        if isNormalAbsolute(path) { return path }
        let joined = path.hasPrefix("/") ? path : (base ?? currentDirectory()) + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// True for an absolute path with no `.` or `..` component, no repeated slash and no trailing
    /// slash: one that `absolute` would return unchanged.
    static func isNormalAbsolute(_ path: String) -> Bool {
        var utf8 = path.utf8.makeIterator()
        guard utf8.next() == UInt8(ascii: "/") else { return false }
        var componentLength = 0, dots = 0
        for c in path.utf8.dropFirst() {
            if c == UInt8(ascii: "/") {
                if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
                componentLength = 0
                dots = 0
            } else {
                componentLength += 1
                if c == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return path.utf8.count == 1 || componentLength > 0 && !(componentLength == dots && dots <= 2)
    }

    /// `path` relative to the folder `base` (both made absolute first), with `..` where needed.
    static func relative(_ path: String, to base: String) -> String {
        relative(path, toComponents: absolute(base).split(separator: "/"))
    }

    /// `path` relative to the absolute folder split into `b`.
    static func relative(_ path: String, toComponents b: [Substring]) -> String {
        let p = absolute(path).split(separator: "/")
        var common = 0
        while common < p.count, common < b.count, p[common] == b[common] { common += 1 }
        let up = Array(repeating: "..", count: b.count - common)
        let rest = p[common...].map(String.init)
        let all = up + rest
        return all.isEmpty ? "." : all.joined(separator: "/")
    }

    /// The canonical path (links resolved) of an existing file or folder, or nil.
    static func real(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// ISO-8601 times for logs, lock files and manifests.
enum ISOTime {
    /// Local time with milliseconds and the UTC offset: `2026-11-30T20:30:21.123+08:00`.
    static func local(_ t: timespec = now()) -> String { format(t, utc: false) }

    /// UTC with milliseconds: `2026-11-30T12:30:21.123Z` (sorts as text).
    static func utc(_ t: timespec = now()) -> String { format(t, utc: true) }

    static func now() -> timespec {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return t
    }

    private static func format(_ t: timespec, utc: Bool) -> String {
        var secs = t.tv_sec
        var tm = Glibc.tm()
        if utc { gmtime_r(&secs, &tm) } else { localtime_r(&secs, &tm) }
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        var s = "\(pad(Int(tm.tm_year) + 1900, 4))-\(pad(Int(tm.tm_mon) + 1, 2))-\(pad(Int(tm.tm_mday), 2))"
        s +=
            "T\(pad(Int(tm.tm_hour), 2)):\(pad(Int(tm.tm_min), 2)):\(pad(Int(tm.tm_sec), 2)).\(pad(Int(t.tv_nsec) / 1_000_000, 3))"
        if utc { return s + "Z" }
        let off = Int(tm.tm_gmtoff)
        let sign = off < 0 ? "-" : "+"
        return s + sign + pad(abs(off) / 3600, 2) + ":" + pad(abs(off) % 3600 / 60, 2)
    }
}

/// Processes, as far as a temporary file's owner needs to be known.
enum Processes {
    /// True when a process with this pid exists (ours or another user's).
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// When the process `pid` started, in seconds since the epoch (from /proc), or nil.
    static func startTime(_ pid: Int32) -> Double? {
        guard let stat = readSmallFile("/proc/\(pid)/stat"), let boot = bootTime() else { return nil }
        // Field 22 (starttime, clock ticks since boot) counts from after the command name's ")".
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
        guard fields.count > 19, let ticks = Double(String(decoding: fields[19], as: UTF8.self)) else { return nil }
        return boot + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    private static func bootTime() -> Double? {
        guard let text = readSmallFile("/proc/stat") else { return nil }
        for line in text.split(separator: UInt8(ascii: "\n")) where line.starts(with: Array("btime ".utf8)) {
            return Double(String(decoding: line.dropFirst(6), as: UTF8.self))
        }
        return nil
    }

    static func readSmallFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return out }
            out.append(contentsOf: buffer[0..<n])
        }
    }
}
