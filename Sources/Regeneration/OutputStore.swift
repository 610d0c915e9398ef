import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes output files whole or not at all.
///
/// Each file goes to a temporary file in the target's own folder, named
/// `.NAME.countyreport-PID-RANDOM.tmp` (NAME shortened with a hash when long, so that a 255-byte
/// target name still fits), is `fsync`ed, renamed over the old file, and the folder is `fsync`ed. A
/// reader sees the old file or the new one, never part of one; a run killed at any moment leaves the
/// old file intact, and `cleanStale(in:)` removes what it left. The new file keeps the old one's
/// permission bits, and its owner and group when the process may set them. A target that is a
/// symbolic link is written where the link points (the link stays).
///
/// The store refuses to write over any of the run's inputs (compared by canonical path and by
/// device and inode, so a hard link to an input is refused too).
public struct OutputStore: Sendable {
    /// Whether files and folders are synced to the disk before and after the rename.
    public enum Durability: Sendable {
        /// `fsync` each temporary file before its rename and each folder after: the new file survives a
        /// crash of the machine once the commit returns (about 7 ms a file on this project's machines).
        case synced
        /// Rename only: still whole-or-nothing for readers and for a killed process, but a crash of the
        /// machine just after the commit may lose the new file (for one-off interactive commands).
        case renameOnly
    }

    private let protectedPaths: Set<String>
    private let protectedFiles: Set<FileID>
    /// How far a commit goes to make its files survive a crash.
    public let durability: Durability

    /// A store that will not write over any of `inputs`.
    public init(protecting inputs: some Sequence<String> = [String](), durability: Durability = .synced) {
        self.durability = durability
        var paths = Set<String>(), files = Set<FileID>()
        for input in inputs {
            paths.insert(Paths.real(input) ?? Paths.absolute(input))
            if let id = FileID(path: input) { files.insert(id) }
        }
        protectedPaths = paths
        protectedFiles = files
    }

    /// Writes one file atomically; returns its hash and stamp after the rename.
    @discardableResult
    public func write(_ bytes: some ContiguousBytes, to path: String) throws(RegenerationError) -> CommittedOutput {
        let batch = OutputBatch(store: self)
        try batch.stage(bytes, as: path)
        return try batch.commit()[0]
    }

    /// Writes a set of files together: every temporary file is written and synced first, then each is
    /// renamed over its target, then the folders are synced. If writing any of them fails, none is
    /// replaced and every temporary file is removed.
    @discardableResult
    public func commit<Bytes: ContiguousBytes>(_ outputs: [(path: String, bytes: Bytes)]) throws(RegenerationError)
        -> [CommittedOutput]
    {
        let batch = OutputBatch(store: self)
        for o in outputs { try batch.stage(o.bytes, as: o.path) }
        return try batch.commit()
    }

    /// A new, empty set of outputs to stage one by one and commit together.
    public func batch() -> OutputBatch { OutputBatch(store: self) }

    // MARK: Targets

    /// Where a write to `path` lands, after the checks every write makes.
    func resolve(_ path: String) throws(RegenerationError) -> (target: String, existing: stat?) {
        let folder = Paths.folder(of: path)
        var st = stat()
        if stat(folder, &st) != 0 {
            if errno == ENOENT || errno == ENOTDIR {
                throw .cannotWrite(path: path, reason: "the folder \(folder) does not exist")
            }
            throw .cannotWrite(path: path, reason: POSIXText.errno())
        }
        if st.st_mode & S_IFMT != S_IFDIR { throw .cannotWrite(path: path, reason: "\(folder) is not a folder") }
        var target = path
        var lst = stat()
        if lstat(path, &lst) == 0, lst.st_mode & S_IFMT == S_IFLNK, let real = Paths.real(path) { target = real }
        var existing: stat? = nil
        if stat(target, &st) == 0 {
            if st.st_mode & S_IFMT == S_IFDIR { throw .cannotWrite(path: path, reason: "it is a folder") }
            existing = st
            if protectedFiles.contains(FileID(st)) { throw .outputIsInput(path: path) }
        }
        if !protectedPaths.isEmpty {
            let canonical =
                (Paths.real(Paths.folder(of: target)) ?? Paths.absolute(Paths.folder(of: target))) + "/"
                + Paths.name(of: target)
            if protectedPaths.contains(canonical) { throw .outputIsInput(path: path) }
        }
        return (target, existing)
    }

    // MARK: Temporary files

    /// The marker between a target's name and the process id in a temporary file's name.
    static let marker = ".countyreport-"

    /// The longest target name (in UTF-8 bytes) kept whole in a temporary file's name. Longer names are
    /// cut at a character boundary and end in `~` and 16 hex digits of their FNV-1a hash, so the
    /// temporary name stays under 255 bytes: 1 + 200 + 14 + 10 (pid) + 1 + 16 + 4 = 246.
    static let longestKeptName = 200

    /// The temporary file name for the target `name`, written by process `pid`.
    public static func temporaryName(
        for name: String, pid: Int32 = getpid(), random: UInt64 = .random(in: .min ... .max)
    ) -> String {
        "." + shortName(name) + marker + String(pid) + "-" + hex16(random) + ".tmp"
    }

    static func shortName(_ name: String) -> String {
        let utf8 = Array(name.utf8)
        guard utf8.count > longestKeptName else { return name }
        var cut = longestKeptName - 17
        while cut > 0, utf8[cut] & 0xC0 == 0x80 { cut -= 1 }   // not inside a character
        return String(decoding: utf8[0..<cut], as: UTF8.self) + "~" + hex16(Shard.stableHash(name))
    }

    static func hex16(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The (shortened) target name and pid of one of our temporary file names, or nil for any other name.
    static func parseTemporaryName(_ file: String) -> (name: String, pid: Int32)? {
        guard file.hasPrefix("."), file.hasSuffix(".tmp"),
            let m = file.range(of: marker, options: .backwards)
        else { return nil }
        let name = file[file.index(after: file.startIndex)..<m.lowerBound]
        let rest = file[m.upperBound..<file.index(file.endIndex, offsetBy: -4)]
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard !name.isEmpty, parts.count == 2, parts[1].count == 16, UInt64(parts[1], radix: 16) != nil,
            !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let pid = Int32(parts[0])
        else { return nil }
        return (String(name), pid)
    }

    /// Temporary files this process is writing right now (never stale, whatever their pid says).
    static let live = Mutex<Set<String>>([])

    /// Removes the temporary files that runs killed mid-write left in `folder`; returns their paths.
    ///
    /// Only names of our pattern are considered, and of those only the ones whose writer is gone: no
    /// process has its pid; or the process with that pid started after the file was last written (the
    /// pid was reused — in a container every run may be pid 1); or it is this process and the file is
    /// not one it is writing. `names`, when given, limits the sweep to temporaries of those target
    /// names: in a folder shared by machines (shards), where a pid is another machine's, pass the
    /// names this run owns. Files that cannot be removed are left and not returned.
    @discardableResult
    public static func cleanStale(in folder: String, names: [String]? = nil) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        var candidates: [String] = []
        while let entry = readdir(dir) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if file.hasSuffix(".tmp"), file.contains(marker) { candidates.append(file) }
        }
        closedir(dir)
        let wanted = names.map { Set($0.map(shortName)) }
        let me = getpid()
        var removed: [String] = []
        for file in candidates {
            guard let (name, pid) = parseTemporaryName(file) else { continue }
            if let wanted, !wanted.contains(name) { continue }
            let path = folder == "/" ? "/" + file : folder + "/" + file
            let stale: Bool
            if pid == me {
                stale = !live.withLock { $0.contains(path) }
            } else if Processes.isAlive(pid) {
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                let written = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
                // /proc's start time is in clock ticks after a boot time in whole seconds: allow 1 s.
                stale = Processes.startTime(pid).map { $0 > written + 1 } ?? false
            } else {
                stale = true
            }
            if stale, unlink(path) == 0 { removed.append(path) }
        }
        return removed
    }
}

/// A file that a commit wrote: its path as given, the SHA-256 of the bytes written, and its stamp
/// after the rename (what a manifest records).
public struct CommittedOutput: Sendable, Hashable {
    public var path: String
    public var sha256: SHA256.Digest
    public var stamp: FileStamp
}

/// A set of outputs staged one by one (each written and synced to its temporary file) and then
/// committed together. Any failure — in `stage` or in `commit` — removes every temporary file of the
/// set; a batch dropped without `commit` removes them too. Not for use from several threads at once.
public final class OutputBatch {
    private struct Staged {
        var path: String
        var target: String
        var temporary: String
        var sha256: SHA256.Digest
    }

    private let store: OutputStore
    private var staged: [Staged] = []
    private var finished = false

    init(store: OutputStore) { self.store = store }

    deinit { discard() }

    /// The paths staged so far, as given.
    public var paths: [String] { staged.map(\.path) }

    /// Writes `bytes` to a new temporary file beside `path` and syncs it; the target is untouched until
    /// `commit`.
    public func stage(_ bytes: some ContiguousBytes, as path: String) throws(RegenerationError) {
        precondition(!finished, "OutputBatch used after commit or discard")
        do throws(RegenerationError) {
            let (target, existing) = try store.resolve(path)
            if staged.contains(where: { $0.target == target }) {
                throw RegenerationError.cannotWrite(path: path, reason: "given twice in one set of outputs")
            }
            let temporary = Paths.folder(of: target) + "/" + OutputStore.temporaryName(for: Paths.name(of: target))
            let digest = try Self.writeTemporary(
                bytes, to: temporary, like: existing, sync: store.durability == .synced, reportingAs: path)
            staged.append(Staged(path: path, target: target, temporary: temporary, sha256: digest))
        } catch {
            discard()
            throw error
        }
    }

    /// Renames every staged file over its target, then syncs their folders. Should a rename fail (after
    /// all were written, this is rare: the folder made read-only meanwhile, say), the files renamed
    /// before it stay replaced — each is whole — the rest keep their old contents, and the error names
    /// the file.
    @discardableResult
    public func commit() throws(RegenerationError) -> [CommittedOutput] {
        precondition(!finished, "OutputBatch used after commit or discard")
        var folders: [String] = []
        for (i, s) in staged.enumerated() {
            if rename(s.temporary, s.target) != 0 {
                let reason = POSIXText.errno(), count = staged.count
                for rest in staged[i...] { unlink(rest.temporary) }
                forgetAll()
                throw .cannotWrite(
                    path: s.path, reason: reason + (i > 0 ? " (\(i) of \(count) files already replaced)" : ""))
            }
            let folder = Paths.folder(of: s.target)
            if !folders.contains(folder) { folders.append(folder) }
        }
        let done = staged
        forgetAll()
        for folder in folders where store.durability == .synced {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                throw .cannotWrite(path: done[0].path, reason: "cannot sync the folder \(folder): \(POSIXText.errno())")
            }
            let failed = fsync(fd) != 0 && errno != EINVAL   // EINVAL: a file system that cannot sync folders
            let reason = POSIXText.errno()
            close(fd)
            if failed { throw .cannotWrite(path: done[0].path, reason: "cannot sync the folder \(folder): \(reason)") }
        }
        var out: [CommittedOutput] = []
        for s in done {
            guard let stamp = FileStamp.of(s.target) else {
                throw .cannotWrite(path: s.path, reason: "the file vanished right after it was written")
            }
            out.append(CommittedOutput(path: s.path, sha256: s.sha256, stamp: stamp))
        }
        return out
    }

    /// Removes every staged temporary file; the targets are untouched.
    public func discard() {
        guard !finished else { return }
        for s in staged { unlink(s.temporary) }
        forgetAll()
    }

    private func forgetAll() {
        let temps = staged.map(\.temporary)
        OutputStore.live.withLock { for t in temps { $0.remove(t) } }
        staged = []
        finished = true
    }

    /// Creates `temporary` holding `bytes`, with `existing`'s mode (and owner when permitted), synced
    /// when `sync`.
    /// Removes it on any failure. Returns the bytes' SHA-256.
    private static func writeTemporary(
        _ bytes: some ContiguousBytes, to temporary: String, like existing: stat?, sync: Bool,
        reportingAs path: String
    ) throws(RegenerationError) -> SHA256.Digest {
        OutputStore.live.withLock { _ = $0.insert(temporary) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            let reason = POSIXText.errno()
            OutputStore.live.withLock { _ = $0.remove(temporary) }
            throw .cannotWrite(
                path: path, reason: "\(reason) (creating a temporary file in \(Paths.folder(of: temporary)))")
        }
        var failure: String? = nil
        if let st = existing {
            if st.st_uid != geteuid() || st.st_gid != getegid() { _ = fchown(fd, st.st_uid, st.st_gid) }   // when permitted
            if fchmod(fd, st.st_mode & 0o7777) != 0 { failure = "cannot keep the old mode: \(POSIXText.errno())" }
        }
        let digest = bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> SHA256.Digest in
            if failure == nil, let base = buffer.baseAddress {
                var offset = 0
                while offset < buffer.count {
                    let n = Glibc.write(fd, base + offset, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = POSIXText.errno()
                        break
                    }
                    offset += n
                }
            }
            return SHA256.hash(buffer)
        }
        if failure == nil, sync, fsync(fd) != 0 { failure = POSIXText.errno() }
        if close(fd) != 0, failure == nil { failure = POSIXText.errno() }
        if let failure {
            unlink(temporary)
            OutputStore.live.withLock { _ = $0.remove(temporary) }
            throw .cannotWrite(path: path, reason: failure)
        }
        return digest
    }
}

/// A file's identity: device and inode.
struct FileID: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }
}
