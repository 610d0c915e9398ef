/// The problems of one kind a check finds: the first `limit` listed in full, the rest only counted (the
/// message of an unlisted one is never made). The last listed stands for the unlisted (`DataError.unlisted`).
struct ProblemList {
    private var listed: [DataError] = []
    private var more = 0
    let limit: Int

    init(limit: Int = Limits.standard.problemsListed) { self.limit = max(1, limit) }

    mutating func append(_ problem: @autoclosure () -> DataError) {
        if listed.count < limit { listed.append(problem()) } else { more += 1 }
    }

    /// The listed problems, the last one counting the unlisted.
    var problems: [DataError] {
        guard more > 0, var last = listed.last else { return listed }
        last.unlisted += more
        return listed.dropLast() + [last]
    }
}
