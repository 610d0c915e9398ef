/// The problems a check finds, or a file's rows give as they load: the first `limit` errors and the first
/// `limit` warnings listed in full, in the order found, the rest only counted on the last listed of their
/// severity (`DataError.unlisted`), so an error is never counted as a warning. A check that knows a
/// problem's severity before making it (`append(_:_:)`) never makes the message of an unlisted one.
struct ProblemList {
    /// The listed problems, the last of each severity counting the unlisted of its severity.
    private(set) var problems: [DataError] = []
    /// Per severity (errors, warnings): how many are listed, and where the last of them stands.
    private var listedCount = [0, 0]
    private var last: [Int] = [0, 0]
    let limit: Int

    init(limit: Int = Limits.standard.problemsListed) { self.limit = max(1, limit) }

    /// A list holding `problems` (a header's, made before any row's; or problems listed before).
    init(_ problems: [DataError], limit: Int = Limits.standard.problemsListed) {
        self.init(limit: limit)
        for p in problems { add(p) }
    }

    /// A problem of `severity`, made only when it is listed.
    mutating func append(_ severity: DataError.Severity, _ problem: @autoclosure () -> DataError) {
        append(severity, count: 1, problem())
    }

    /// A problem already made; one that stands for unlisted problems brings their count along.
    mutating func add(_ problem: DataError) { append(problem.severity, count: problem.count, problem) }

    private mutating func append(_ severity: DataError.Severity, count: Int, _ problem: @autoclosure () -> DataError) {
        let k = severity == .error ? 0 : 1
        if listedCount[k] < limit {
            problems.append(problem())
            listedCount[k] += 1
            last[k] = problems.count - 1
        } else {
            problems[last[k]].unlisted += count   // a problem of this severity is listed: limit ≥ 1
        }
    }

    /// `more` added to `problems` as one list with them (a file's row problems, gathered piece by piece on
    /// every core).
    static func fold(
        _ problems: inout [DataError], adding more: [DataError], limit: Int = Limits.standard.problemsListed
    ) {
        var list = ProblemList(problems, limit: limit)
        for p in more { list.add(p) }
        problems = list.problems
    }
}
