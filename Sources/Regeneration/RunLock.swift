import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Who holds a run lock: what the holder wrote into the lock file.
public struct LockHolder: Sendable, Hashable, CustomStringConvertible {
    public var pid: Int32
    /// When the holder took the lock, ISO-8601 local time with offset.
    public var started: String
    public var host: String

    public init(pid: Int32, started: String, host: String) {
        self.pid = pid
        self.started = started
        self.host = host
    }

    public var description: String { "pid \(pid)\(host.isEmpty ? "" : " on \(host)"), started \(started)" }

    /// The lock file's one line: `pid=1234 started=2026-11-30T20:30:21.123+08:00 host=build-1`.
    var line: String { "pid=\(pid) started=\(started) host=\(host)\n" }

    init?(line: String) {
        var pid: Int32?, started: String?, host = ""
        for field in line.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if field.hasPrefix("pid=") {
                pid = Int32(field.dropFirst(4))
            } else if field.hasPrefix("started=") {
                started = String(field.dropFirst(8))
            } else if field.hasPrefix("host=") {
                host = String(field.dropFirst(5))
            }
        }
        guard let pid, let started else { return nil }
        self.init(pid: pid, started: started, host: host)
    }
}

/// One run at a time per output folder: an advisory `flock` on a lock file, held until `release()`
/// (or until the lock is dropped, or the process ends — the kernel lets go of a dead process's lock,
/// so a killed run never leaves the folder locked).
///
/// The holder writes its pid, start time and host into the file; a run that finds the lock taken
/// polls every 50 ms for up to `wait` seconds, then fails with `RegenerationError.locked` naming the
/// holder. The file itself stays (removing it would race with a run opening it); its text is emptied
/// on release. `flock` locks are per open file, so two `RunLock`s in one process exclude each other
/// too. On NFS, `flock` is only as good as the server's lock support.
public final class RunLock: Sendable {
    /// The lock file's name in an output folder for a whole run (see `Shard.lockFileName` for shards).
    public static let defaultName = ".countyreport.lock"

    /// The lock file.
    public let path: String
    /// What this run wrote into it.
    public let holder: LockHolder
    private let descriptor: Mutex<Int32>

    private init(path: String, fd: Int32, holder: LockHolder) {
        self.path = path
        self.holder = holder
        descriptor = Mutex(fd)
    }

    deinit { release() }

    /// Takes the lock `name` in `folder` (which must exist), waiting up to `wait` seconds for another
    /// run to let go of it.
    public static func acquire(in folder: String, name: String = defaultName, wait: Double = 0)
        throws(RegenerationError) -> RunLock
    {
        try acquire(path: (folder.hasSuffix("/") ? folder : folder + "/") + name, wait: wait)
    }

    /// Takes the lock on the file `path`, creating it when missing, waiting up to `wait` seconds.
    public static func acquire(path: String, wait: Double = 0) throws(RegenerationError) -> RunLock {
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        if fd < 0, errno == EACCES { fd = open(path, O_RDONLY | O_CLOEXEC) }   // someone else's file: lock it all the same
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "the folder \(Paths.folder(of: path)) does not exist" : POSIXText.errno()
            throw .lockFailed(path: path, reason: reason)
        }
        let start = monotonic()
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { break }
            if errno == EINTR { continue }
            guard errno == EWOULDBLOCK else {
                let reason = POSIXText.errno()
                close(fd)
                throw .lockFailed(path: path, reason: reason)
            }
            let waited = monotonic() - start
            if waited >= wait {
                let holder = readHolder(fd)
                close(fd)
                throw .locked(lockFile: path, holder: holder, waited: wait)
            }
            usleep(useconds_t(min(0.05, wait - waited) * 1_000_000) + 1)
        }
        let me = LockHolder(pid: getpid(), started: ISOTime.local(), host: hostName())
        let text = Array(me.line.utf8)
        if ftruncate(fd, 0) == 0 { _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
        return RunLock(path: path, fd: fd, holder: me)
    }

    /// Lets go of the lock (once; later calls do nothing).
    public func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = ftruncate(fd, 0)
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    /// Who holds the lock at `path` now, or nil when nobody does (or the file says nothing readable).
    public static func currentHolder(of path: String) -> LockHolder? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 { flock(fd, LOCK_UN); return nil }
        return readHolder(fd)
    }

    /// The holder's line; a run that has just taken the lock may not have written it yet, so an empty
    /// file is read again for up to 0.2 s.
    private static func readHolder(_ fd: Int32) -> LockHolder? {
        for _ in 0..<10 {
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            if n > 0, let h = LockHolder(line: String(decoding: buffer[0..<n], as: UTF8.self)) { return h }
            usleep(20_000)
        }
        return nil
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }   // a non-empty buffer.filter { $0 != " " && $0 != "\n" }
    }

    private static func monotonic() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
