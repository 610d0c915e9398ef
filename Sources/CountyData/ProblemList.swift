/// The problems a check finds, or a file's rows give as they load: the first `limit` errors and the first
/// `limit` warnings listed in full, in the order found, the rest only counted. The last error listed stands
/// for the unlisted errors, the last warning for the unlisted warnings (`DataError.unlisted`), so an error
/// is never counted as a warning. A check that knows a problem's severity before making it
/// (`append(_:_:)`) never makes the message of an unlisted one.
struct ProblemList {
    private var listed: [DataError] = []
    /// Per severity (errors, warnings): how many are listed, and how many more were found.
    private var listedCount = [0, 0], more = [0, 0]
    let limit: Int

    init(limit: Int = Limits.standard.problemsListed) { self.limit = max(1, limit) }

    /// A list holding `problems` (a header's, made before any row's).
    init(_ problems: [DataError], limit: Int = Limits.standard.problemsListed) {
        self.init(limit: limit)
        for p in problems { add(p) }
    }

    private static func slot(_ severity: DataError.Severity) -> Int { severity == .error ? 0 : 1 }

    /// A problem of `severity`, made only when it is listed.
    mutating func append(_ severity: DataError.Severity, _ problem: @autoclosure () -> DataError) {
        let k = Self.slot(severity)
        if listedCount[k] < limit {
            listed.append(problem())
            listedCount[k] += 1
        } else {
            more[k] += 1
        }
    }

    /// A problem already made.
    mutating func add(_ problem: DataError) { append(problem.severity, problem) }

    /// The listed problems, the last of each severity counting the unlisted of its severity.
    var problems: [DataError] {
        var out = listed
        for severity in [DataError.Severity.error, .warning] where more[Self.slot(severity)] > 0 {
            if let i = out.lastIndex(where: { $0.severity == severity }) { out[i].unlisted += more[Self.slot(severity)] }
        }
        return out
    }

    /// `more` added to `problems` as one list with them (a file's row problems, gathered piece by piece on
    /// every core): listed while fewer than `limit` of its severity are, else counted on the last listed
    /// of its severity.
    static func fold(
        _ problems: inout [DataError], adding more: [DataError], limit: Int = Limits.standard.problemsListed
    ) {
        var count = [0, 0], last: [Int?] = [nil, nil]
        for (i, p) in problems.enumerated() {
            count[slot(p.severity)] += 1
            last[slot(p.severity)] = i
        }
        for p in more {
            let k = slot(p.severity)
            if count[k] < max(1, limit) || last[k] == nil {
                problems.append(p)
                count[k] += 1
                last[k] = problems.count - 1
            } else {
                problems[last[k]!].unlisted += p.count   // set: this severity has a listed problem
            }
        }
    }
}
