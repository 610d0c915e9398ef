/// How a run ended, and its exit code: the one table the application layer uses for `--help`,
/// the README and `exit()`.
///
/// The codes are the BSD `sysexits.h` values (the ones the other commands already use), so cron mail,
/// systemd and scripts can tell a retry-later (75) from a fix-your-data (65):
///
/// | code | outcome | sysexits name | meaning |
/// |---|---|---|---|
/// | 0 | done, unchanged | EX_OK | everything asked for was written, or was already up to date |
/// | 64 | usage | EX_USAGE | bad command line (unknown option, `--shard 4/3`, an output that is also an input) |
/// | 65 | badData | EX_DATAERR | the data or definition is wrong (unreadable values, unresolved conflicts) |
/// | 66 | missingInput | EX_NOINPUT | an input file does not exist or cannot be read |
/// | 69 | someFailed | EX_UNAVAILABLE | some regions failed, the others were written (each failure was logged) |
/// | 70 | drawingFailed | EX_SOFTWARE | drawing or encoding failed (an internal error) |
/// | 73 | outputError | EX_CANTCREAT | an output, the manifest or the lock file cannot be written |
/// | 75 | locked | EX_TEMPFAIL | another run holds the output folder's lock: try again later |
///
/// Why 69 for a partial failure: sysexits has no "partly done" code; 69 is its catch-all for "part of
/// what was asked for is not available", it lies in the range scripts already treat as the tool's own
/// diagnosed failures (64–78), and no other outcome here uses it. A run in which every region failed
/// for one and the same reason exits with that reason's code instead (see `combined(_:)`).
public enum RunOutcome: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case done
    case unchanged
    case usage
    case badData
    case missingInput
    case someFailed
    case drawingFailed
    case outputError
    case locked

    /// The process exit status.
    public var exitCode: Int32 {
        switch self {
        case .done, .unchanged: 0
        case .usage: 64
        case .badData: 65
        case .missingInput: 66
        case .someFailed: 69
        case .drawingFailed: 70
        case .outputError: 73
        case .locked: 75
        }
    }

    /// True for the outcomes that exit 0.
    public var succeeded: Bool { exitCode == 0 }

    /// A short lower-case meaning, as printed in `--help` and the summary line.
    public var meaning: String {
        switch self {
        case .done: "done: every output asked for was written"
        case .unchanged: "unchanged: inputs and outputs as recorded, nothing written"
        case .usage: "usage error (bad option or argument)"
        case .badData: "bad data or definition"
        case .missingInput: "an input file is missing or unreadable"
        case .someFailed: "some regions failed; the others were written"
        case .drawingFailed: "drawing or encoding failed"
        case .outputError: "an output, the manifest or the lock file cannot be written"
        case .locked: "another run holds the lock (try again later)"
        }
    }

    public var description: String { "\(exitCode) \(meaning)" }

    /// The exit-code table for `--help`, one code a line (0 once, for done and unchanged).
    public static var helpTable: String {
        var lines: [String] = []
        var seen = Set<Int32>()
        for o in allCases where seen.insert(o.exitCode).inserted {
            let meaning = o == .done ? "done, or nothing to do (inputs unchanged, outputs intact)" : o.meaning
            let code = String(o.exitCode)
            lines.append(String(repeating: " ", count: 4 - code.count) + code + "  " + meaning)
        }
        return lines.joined(separator: "\n")
    }

    /// One outcome for a run made of several jobs (regions): success when all succeeded (`unchanged`
    /// only when every job was unchanged); the shared code when every job failed for one reason;
    /// otherwise `someFailed`. An empty run is `unchanged`.
    public static func combined(_ outcomes: some Sequence<RunOutcome>) -> RunOutcome {
        var failures = Set<RunOutcome>()
        var anySuccess = false, anyDone = false
        for o in outcomes {
            if o.succeeded {
                anySuccess = true
                if o == .done { anyDone = true }
            } else {
                failures.insert(o)
            }
        }
        if failures.isEmpty { return anyDone ? .done : .unchanged }
        if !anySuccess, failures.count == 1, let only = failures.first { return only }
        return .someFailed
    }
}
