/// The problems of one kind a check finds: the first `limit` listed in full, the rest only counted (the
/// message of an unlisted one is never made). The last listed stands for the unlisted (`DataError.unlisted`).
struct ProblemList {
    private var listed: [DataError] = []
    private var more = 0
    let limit: Int

    init(limit: Int = Limits.standard.problemsListed) { self.limit = max(1, limit) }

    /// A list holding `problems` (a header's, made before any row's).
    init(_ problems: [DataError], limit: Int = Limits.standard.problemsListed) {
        self.init(limit: limit)
        for p in problems { add(p) }
    }

    mutating func append(_ problem: @autoclosure () -> DataError) {
        if listed.count < limit { listed.append(problem()) } else { more += 1 }
    }

    /// A problem already made (where making it lazily would read the caller while this list is changed).
    mutating func add(_ problem: DataError) { append(problem) }

    /// The listed problems, the last one counting the unlisted.
    var problems: [DataError] {
        guard more > 0, var last = listed.last else { return listed }
        last.unlisted += more
        return listed.dropLast() + [last]
    }

    /// `more` added to `problems` as one kind with them: listed while fewer than `limit` are, the rest
    /// counted on the last listed (a file's row problems, gathered piece by piece on every core).
    static func fold(_ problems: inout [DataError], adding more: [DataError], limit: Int = Limits.standard.problemsListed) {
        for p in more {
            if problems.count < max(1, limit) { problems.append(p) } else { problems[problems.count - 1].unlisted += p.count }
        }
    }
}
