/// A part of the work of computing every metric, small enough that the cores share the work evenly
/// by taking parts in turn, large enough that taking one costs nothing next to doing it.
enum WorkPart: Sendable, Equatable {
    /// The metrics over time of these series.
    case series(Range<Int>)
    /// The metrics within a region and period of these series (shares of a whole, per-capita values).
    case crossSection(Range<Int>)
    /// The metrics across regions of these groups of siblings (ranks, shares of the parent, totals).
    case groups(Range<Int>)

    static let seriesPerPart = 512
    static let groupsPerPart = 64

    /// Every part, in the order their metrics are listed: series, then within regions, then across.
    static func plan(series: Int, groups: Int) -> [WorkPart] {
        func runs(_ count: Int, _ size: Int) -> [Range<Int>] {
            stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
        }
        return runs(series, seriesPerPart).map(WorkPart.series)
            + runs(series, seriesPerPart).map(WorkPart.crossSection)
            + runs(groups, groupsPerPart).map(WorkPart.groups)
    }
}
