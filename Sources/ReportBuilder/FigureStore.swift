import CountyQuery
import Parallelism
import Specs

/// The values of a definition's figures, each computed when first asked for, or all at once on every
/// core (`computeAll`). Either way a failing figure fails the report as computing them all in order
/// would: the error of the first failing figure in the definition's order.
///
/// Lazily, a report built on one core while another lays it out (`build(style:emit:)`) can hand over
/// its first blocks at once, rather than after every figure of a thousand.
final class FigureStore {
    private let definition: ReportDefinition
    private let query: DataQuery
    private let order: [String: Int]
    private var computed: [Int: FigureValues] = [:]

    init(definition: ReportDefinition, query: DataQuery) {
        self.definition = definition
        self.query = query
        var order: [String: Int] = [:]
        for (i, f) in definition.figures.enumerated() where order[f.name] == nil { order[f.name] = i }
        self.order = order
    }

    /// Every figure's values, computed on every core.
    func computeAll() throws {
        let (definition, query) = (definition, query)
        let values = try Parallel.map(definition.figures) { try FigureValues($0, def: definition, query: query) }
        for (i, v) in values.enumerated() { computed[i] = v }
    }

    /// The values of figure `name` (nil: no such figure).
    func values(named name: String) throws -> FigureValues? {
        guard let i = order[name] else { return nil }
        return try values(at: i)
    }

    /// Every figure's values in the definition's order.
    func all() throws -> [FigureValues] { try definition.figures.indices.map(values(at:)) }

    private func values(at i: Int) throws -> FigureValues {
        if let v = computed[i] { return v }
        do {
            let v = try FigureValues(definition.figures[i], def: definition, query: query)
            computed[i] = v
            return v
        } catch {
            try firstFailure(before: i)
            throw error
        }
    }

    /// Throws the error of the first figure before `end` that fails, as computing them in order would.
    func firstFailure(before end: Int? = nil) throws {
        for i in 0..<(end ?? definition.figures.count) where computed[i] == nil {
            computed[i] = try FigureValues(definition.figures[i], def: definition, query: query)
        }
    }
}
