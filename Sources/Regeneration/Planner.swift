import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Why a job is rebuilt; printed by `--dry-run` and the logs.
public enum RebuildReason: Sendable, Hashable, CustomStringConvertible {
    case forced
    case notBuiltBefore
    case toolChanged(from: String, to: String)
    case parametersChanged
    case inputChanged(InputRole, String)
    case inputAdded(InputRole, String)
    case inputRemoved(InputRole, String)
    case outputMissing(String)
    /// An output's contents differ from what was written (edited by hand, or another program).
    case outputChanged(String)
    /// The job now writes an output it did not write before, or no longer writes one.
    case outputsDiffer

    public var description: String {
        switch self {
        case .forced: "forced"
        case .notBuiltBefore: "not built before"
        case .toolChanged(let a, let b): "tool version changed (\(a) → \(b))"
        case .parametersChanged: "parameters changed"
        case .inputChanged(let role, let p): "\(role.rawValue) \(p) changed"
        case .inputAdded(let role, let p): "new \(role.rawValue) \(p)"
        case .inputRemoved(let role, let p): "\(role.rawValue) \(p) no longer used"
        case .outputMissing(let p): "output \(p) missing"
        case .outputChanged(let p): "output \(p) changed since it was written"
        case .outputsDiffer: "the set of outputs changed"
        }
    }
}

/// What to do with one job.
public enum Decision: Sendable, Hashable, CustomStringConvertible {
    /// Inputs as recorded and outputs intact: nothing to write.
    case unchanged
    /// Build it, for these reasons (all that apply, in a stable order).
    case rebuild([RebuildReason])
    /// An input cannot be read, so the job cannot be built (exit 66 for it).
    case failed(RegenerationError)

    public var description: String {
        switch self {
        case .unchanged: "unchanged"
        case .rebuild(let reasons): "rebuild: " + reasons.map(\.description).joined(separator: "; ")
        case .failed(let e): "cannot build: \(e)"
        }
    }

    public var needsBuild: Bool { if case .rebuild = self { true } else { false } }
}

/// Decides per job whether to skip it, and records what was built into the manifest.
///
/// Fast when nothing changed: each distinct input file is hashed once per `Planner` however many jobs
/// read it (1,000 reports from one data file and the fonts hash those files once). Outputs are not
/// hashed when their `FileStamp` (size, mtime, ctime, inode) equals the recorded one — any write
/// through the file system changes mtime and ctime, a rename changes the inode — and are hashed (and
/// compared by SHA-256) only when the stamp differs; a file whose stamp changed but whose contents did
/// not (a `touch`) counts as intact and its new stamp is recorded.
///
/// Inputs are hashed every run. With `reuseInputHashes`, an input whose stamp equals the recorded one
/// reuses the recorded hash (as git's index does); a stamp is recorded only when the input's last
/// change (ctime) was over a second before it was hashed, so an edit that lands in the same
/// timestamp tick as the hashing can never be mistaken for no change.
///
/// Safe to use from several threads (jobs recorded as they finish on every core).
public final class Planner: Sendable {
    /// The folder holding the manifest; recorded paths are relative to it.
    public let folder: String
    /// Whether an input whose stamp is as recorded reuses its recorded hash instead of being read.
    public let reuseInputHashes: Bool
    /// How long before hashing an input's last change must be for its stamp to be recorded (tests set 0).
    private let trustDelayNs: Int64
    /// The folder, absolute, split at slashes (paths are made relative to it for every job).
    private let folderComponents: [Substring]
    private let state: Mutex<State>

    private struct State {
        var manifest: Manifest
        var changed = false
        /// Input hashes by absolute path, each computed once.
        var inputs: [String: Result<HashedInput, RegenerationError>] = [:]
        /// Recorded input hashes by absolute path and stamp (for `reuseInputHashes`).
        var recordedInputs: [String: Manifest.Input] = [:]
    }

    private struct HashedInput {
        var sha256: String
        var size: Int64
        var stamp: FileStamp?
    }

    public convenience init(folder: String, manifest: Manifest, reuseInputHashes: Bool = false) {
        self.init(folder: folder, manifest: manifest, reuseInputHashes: reuseInputHashes, trustDelay: 1)
    }

    init(folder: String, manifest: Manifest, reuseInputHashes: Bool, trustDelay: Double) {
        self.folder = folder
        self.reuseInputHashes = reuseInputHashes
        trustDelayNs = Int64(trustDelay * 1e9)
        folderComponents = Paths.absolute(folder).split(separator: "/")
        var s = State(manifest: manifest)
        if reuseInputHashes {
            let base = Paths.absolute(folder)
            for e in manifest.entries.values {
                for i in e.inputs where i.stamp != nil { s.recordedInputs[Paths.absolute(i.path, base: base)] = i }
            }
        }
        state = Mutex(s)
    }

    /// The manifest as it stands, with what was recorded so far.
    public var manifest: Manifest { state.withLock { $0.manifest } }

    /// True when something was recorded (or an output's stamp refreshed) since the manifest was loaded.
    public var manifestChanged: Bool { state.withLock { $0.changed } }

    /// The decision for each job, in order.
    public func plan(_ jobs: [Job], force: Bool = false) -> [Decision] {
        jobs.map { plan($0, force: force) }
    }

    /// The decision for one job: `.failed` when an input cannot be read (even when forced).
    public func plan(_ job: Job, force: Bool = false) -> Decision {
        var hashes: [HashedInput] = []
        for input in job.inputs {
            switch hash(input.path) {
            case .success(let h): hashes.append(h)
            case .failure(let e): return .failed(e)
            }
        }
        var reasons: [RebuildReason] = force ? [.forced] : []
        guard let entry = state.withLock({ $0.manifest.entries[job.id] }) else {
            return .rebuild(reasons + [.notBuiltBefore])
        }
        if entry.tool != job.toolVersion { reasons.append(.toolChanged(from: entry.tool, to: job.toolVersion)) }
        if entry.parameters != job.parameters { reasons.append(.parametersChanged) }

        // Inputs, by role and path relative to the manifest's folder.
        var recorded: [String: Manifest.Input] = [:]
        for i in entry.inputs { recorded[i.role.rawValue + "\u{0}" + i.path] = i }
        var seen = Set<String>()
        for (input, h) in zip(job.inputs, hashes) {
            let rel = relative(input.path)
            let key = input.role.rawValue + "\u{0}" + rel
            seen.insert(key)
            guard let r = recorded[key] else { reasons.append(.inputAdded(input.role, input.path)); continue }
            if r.sha256 != h.sha256 { reasons.append(.inputChanged(input.role, input.path)) }
        }
        for i in entry.inputs where !seen.contains(i.role.rawValue + "\u{0}" + i.path) {
            reasons.append(.inputRemoved(i.role, i.path))
        }

        // Outputs: the stamp first, the contents only when the stamp differs.
        var byPath: [String: Manifest.Output] = [:]
        for o in entry.outputs { byPath[o.path] = o }
        if Set(job.outputs.map(relative)) != Set(byPath.keys) { reasons.append(.outputsDiffer) }
        for path in job.outputs {
            let rel = relative(path)
            guard let r = byPath[rel] else { continue }
            guard let stamp = FileStamp.of(path) else { reasons.append(.outputMissing(path)); continue }
            if stamp == r.stamp { continue }
            if stamp.size == r.stamp.size, let digest = try? SHA256.hash(fileAt: path), digest.hex == r.sha256 {
                refreshStamp(job.id, rel, stamp)
            } else {
                reasons.append(.outputChanged(path))
            }
        }
        return reasons.isEmpty ? .unchanged : .rebuild(reasons)
    }

    /// Records that `job` was built and wrote `outputs` (as returned by the commit). Its inputs' hashes
    /// are the ones taken when it was planned (so an input changed during the build is seen as changed
    /// next time). An output of the job missing from `outputs` is hashed from disk.
    public func record(_ job: Job, outputs: [CommittedOutput]) throws(RegenerationError) {
        var inputs: [Manifest.Input] = []
        for input in job.inputs {
            let h = try hash(input.path).get()
            inputs.append(
                Manifest.Input(
                    role: input.role, path: relative(input.path), sha256: h.sha256, size: h.size, stamp: h.stamp))
        }
        var written: [String: CommittedOutput] = [:]
        for o in outputs { written[relative(o.path)] = o }
        var outs: [Manifest.Output] = []
        for path in job.outputs {
            let rel = relative(path)
            if let o = written[rel] {
                outs.append(Manifest.Output(path: rel, sha256: o.sha256.hex, stamp: o.stamp))
            } else {
                guard let stamp = FileStamp.of(path) else {
                    throw .cannotWrite(path: path, reason: "the output was not written")
                }
                let digest = try SHA256.hash(fileAt: path)
                outs.append(Manifest.Output(path: rel, sha256: digest.hex, stamp: stamp))
            }
        }
        let entry = Manifest.Entry(
            tool: job.toolVersion, parameters: job.parameters, inputs: inputs, outputs: outs, built: ISOTime.utc())
        state.withLock {
            $0.manifest.entries[job.id] = entry
            $0.changed = true
        }
    }

    /// Forgets a job (its outputs were removed, say).
    public func forget(_ id: String) {
        state.withLock { if $0.manifest.entries.removeValue(forKey: id) != nil { $0.changed = true } }
    }

    /// Writes the manifest atomically as `folder/fileName` when anything changed; returns whether it
    /// wrote. An unchanged run writes nothing.
    @discardableResult
    public func writeManifest(fileName: String = Manifest.defaultFileName, store: OutputStore = OutputStore())
        throws(RegenerationError) -> Bool
    {
        let (m, changed) = state.withLock { ($0.manifest, $0.changed) }
        guard changed else { return false }
        try m.write(folder: folder, fileName: fileName, store: store)
        state.withLock { $0.changed = false }
        return true
    }

    // MARK: -

    private func relative(_ path: String) -> String { Paths.relative(path, toComponents: folderComponents) }

    private func refreshStamp(_ id: String, _ rel: String, _ stamp: FileStamp) {
        state.withLock { s in
            guard var e = s.manifest.entries[id], let i = e.outputs.firstIndex(where: { $0.path == rel }) else {
                return
            }
            e.outputs[i].stamp = stamp
            s.manifest.entries[id] = e
            s.changed = true
        }
    }

    /// The input's hash, computed once per planner (and not at all when reusable from the manifest).
    private func hash(_ path: String) -> Result<HashedInput, RegenerationError> {
        let key = Paths.absolute(path)
        if let known = state.withLock({ $0.inputs[key] }) { return known }
        let result = Result { () throws(RegenerationError) -> HashedInput in
            var st = stat()
            guard stat(path, &st) == 0 else { throw .missingInput(path: path, reason: POSIXText.errno()) }
            let before = FileStamp(st)
            if reuseInputHashes, let r = state.withLock({ $0.recordedInputs[key] }), r.stamp == before {
                return HashedInput(sha256: r.sha256, size: r.size, stamp: r.stamp)
            }
            let hashedAt = ISOTime.now()
            let digest = try SHA256.hash(fileAt: path)
            let after = FileStamp.of(path)
            let nowNs = Int64(hashedAt.tv_sec) * 1_000_000_000 + Int64(hashedAt.tv_nsec)
            // A stamp is worth recording only when the file did not change while it was read and its last
            // change is well before the hashing (a later edit in the same clock tick keeps the stamp).
            let trusted =
                after == before && before.ctimeNs <= nowNs - trustDelayNs && before.mtimeNs <= nowNs - trustDelayNs
            return HashedInput(sha256: digest.hex, size: before.size, stamp: trusted ? before : nil)
        }
        state.withLock { $0.inputs[key] = result }
        return result
    }
}
