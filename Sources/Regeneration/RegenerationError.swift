#if canImport(Glibc)
    import Glibc
#endif

/// Why a regeneration step failed. Every case names the file (or argument) it is about and prints as
/// one readable line, `PATH: what went wrong`; `outcome` gives its exit code.
public enum RegenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An output (or its temporary file, or the manifest) cannot be written.
    case cannotWrite(path: String, reason: String)
    /// The output would overwrite a file the run reads.
    case outputIsInput(path: String)
    /// An input file cannot be read (missing, unreadable).
    case missingInput(path: String, reason: String)
    /// Another run holds the lock; `holder` is what it wrote into the lock file, when readable.
    case locked(lockFile: String, holder: LockHolder?, waited: Double)
    /// The lock file cannot be opened or locked (not because another run holds it).
    case lockFailed(path: String, reason: String)
    /// A manifest exists but cannot be read as one.
    case badManifest(path: String, reason: String)
    /// A `--shard` value that is not `K/N` with 1 ≤ K ≤ N.
    case badShard(text: String, reason: String)

    /// The file or argument the error is about.
    public var path: String {
        switch self {
        case .cannotWrite(let p, _): return p
        case .outputIsInput(let p): return p
        case .missingInput(let p, _): return p
        case .lockFailed(let p, _): return p
        case .badManifest(let p, _): return p
        case .locked(let p, _, _): return p
        case .badShard(let t, _): return t
        }
    }

    /// What went wrong, without the path: the part of `description` after `PATH: `.
    public var message: String {
        switch self {
        case .cannotWrite(_, let reason): "cannot write: \(reason)"
        case .outputIsInput: "cannot write: it is also an input of this run"
        case .missingInput(_, let reason): "cannot read: \(reason)"
        case .locked(_, let holder, let waited):
            "another run holds the lock (\(holder.map { "\($0)" } ?? "holder unknown")); waited \(Self.seconds(waited))"
        case .lockFailed(_, let reason): "cannot lock: \(reason)"
        case .badManifest(_, let reason): "not a CountyReport manifest: \(reason)"
        case .badShard(_, let reason): reason
        }
    }

    /// One line: `PATH: message` (`--shard K/N: message` for a shard).
    public var description: String {
        if case .badShard(let t, _) = self { return "--shard \(t): \(message)" }
        return "\(path): \(message)"
    }

    /// The run outcome (and so exit code) this error stands for.
    public var outcome: RunOutcome {
        switch self {
        case .cannotWrite, .lockFailed: .outputError
        case .outputIsInput, .badShard: .usage
        case .missingInput: .missingInput
        case .locked: .locked
        case .badManifest: .badData
        }
    }

    private static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\((s * 10).rounded() / 10) s"
    }
}

/// Text for the C library's error numbers.
enum POSIXText {
    static func errno(_ code: Int32 = Glibc.errno) -> String { String(cString: strerror(code)) }
}
