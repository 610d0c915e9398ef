import CountyData
import Foundation

/// What a metric measures.
public enum MetricKind: String, Sendable, CaseIterable, Codable {
    /// Year-on-year growth in %.
    case yoy
    /// Change of a rate or share in percentage points (百分点), never a % of a %.
    case ppChange = "pp_change"
    /// Compound annual growth over several years, in %.
    case cagr
    /// 两年平均增长: the geometric mean of two years' stated growth, in %.
    case twoYearAverage = "two_year_average"
    /// A part as a % of its whole (a sector of GDP, a county of its city).
    case share
    /// A structure x∶y∶z in % (三次产业结构).
    case structure
    /// 贡献率: a component's share of the whole's growth, in %.
    case contribution
    /// 拉动: the percentage points of the whole's growth a component accounts for.
    case pull
    /// Rank among sibling regions (1 = largest).
    case rank
    /// Sum over the regions below a region (a city as the sum of its counties).
    case total
    /// Weighted average of a rate over regions.
    case weightedAverage = "weighted_average"
    /// Value per resident.
    case perCapita = "per_capita"
    /// Index with the first year of the series = 100.
    case index
    /// A single period's value from year-to-date totals (1—6月 less 1—3月).
    case singlePeriod = "single_period"
}

/// A derived figure with the observations it came from, or the reason it is absent.
///
/// Values keep full precision; rounding happens only at display (`Display`: 四舍五入, half away from zero).
/// Names, the unit, the reason and the inputs live in a `MetricTable` shared by all the metrics of
/// one computation; a metric holds their ids (millions of metrics, one reference each).
public struct Metric: Sendable {
    let table: MetricTable
    let regionID: Int32
    let indicatorID: Int32
    let unitID: Int32
    /// -1: no reason.
    let reasonID: Int32
    let inputStart: Int32
    let inputCount: Int32
    public var period: Period
    public var kind: MetricKind
    /// True when the figure was taken from the input as stated (a bulletin's real growth),
    /// false when computed here.
    public var stated: Bool
    /// The value, or nil when the metric is absent (see `reason`); never 0 for “unknown”.
    public var value: Decimal?
    /// The parts of a structure, each in %.
    public var parts: [Decimal]?
    /// For ranks: how many regions were ranked. For CAGR: the number of years.
    public var count: Int?
    /// The earlier period a change or rate is measured from (CAGR's first year, an index's base).
    public var basePeriod: Period?

    public var region: String { table.texts[Int(regionID)] }
    public var indicator: String { table.texts[Int(indicatorID)] }
    public var unit: String { table.texts[Int(unitID)] }
    /// Why the metric is absent, or a qualification of how it was computed.
    public var reason: String? { reasonID < 0 ? nil : table.texts[Int(reasonID)] }
    /// The observations the metric was computed from, in order.
    public var inputs: Inputs { Inputs(table: table, range: InputRange(start: inputStart, count: inputCount)) }

    /// A metric built by hand (the engine makes its own in a shared table).
    public init(
        region: String, indicator: String, period: Period, kind: MetricKind, value: Decimal?, parts: [Decimal]? = nil,
        unit: String, stated: Bool = false, inputs: Inputs, reason: String? = nil, count: Int? = nil,
        basePeriod: Period? = nil
    ) {
        let observations = Array(inputs)
        let table = MetricTable(ObservationStore(observations))
        self.init(
            table: table, region: table.text(region), indicator: table.text(indicator), period: period, kind: kind,
            value: value,
            parts: parts, unit: table.text(unit), stated: stated, inputs: table.inputs(Array(observations.indices)),
            reason: reason.map { table.text($0) } ?? -1, count: count, basePeriod: basePeriod)
    }

    init(
        table: MetricTable, region: Int32, indicator: Int32, period: Period, kind: MetricKind, value: Decimal?,
        parts: [Decimal]? = nil,
        unit: Int32, stated: Bool = false, inputs: InputRange, reason: Int32 = -1, count: Int? = nil,
        basePeriod: Period? = nil
    ) {
        self.table = table; self.regionID = region; self.indicatorID = indicator; self.unitID = unit;
        self.reasonID = reason
        self.inputStart = inputs.start; self.inputCount = inputs.count
        self.period = period; self.kind = kind; self.stated = stated; self.value = value; self.parts = parts
        self.count = count; self.basePeriod = basePeriod
    }

    /// A metric that cannot be computed, with the reason.
    public static func absent(
        _ kind: MetricKind, region: String, indicator: String, period: Period, unit: String,
        inputs: Inputs = Inputs(), reason: String
    ) -> Metric {
        Metric(
            region: region, indicator: indicator, period: period, kind: kind, value: nil, unit: unit, inputs: inputs,
            reason: reason)
    }

    public var isAbsent: Bool { value == nil && parts == nil }
}

/// Errors in asking for a metric that makes no sense (summing a rate).
public struct MetricError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The observations behind a metric: a run of positions in its table, read as observations.
public struct Inputs: RandomAccessCollection, Sendable {
    let table: MetricTable?
    let start: Int32
    let length: Int32

    public init() { table = nil; start = 0; length = 0 }

    init(table: MetricTable, range: InputRange) {
        self.table = table; start = range.start; length = range.count
    }

    /// Inputs that are not in an engine's table (for metrics built by hand).
    public init(_ observations: [Observation]) {
        let table = MetricTable(ObservationStore(observations))
        self.init(table: table, range: table.inputs(Array(observations.indices)))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(length) }
    public subscript(i: Int) -> Observation {
        precondition(i >= 0 && i < Int(length), "input index out of range")
        return table!.store.observations[Int(table!.positions[Int(start) + i])]   // i < length: only the empty range has no table
    }

    /// Where each input came from, without reading the inputs themselves.
    public var locations: [SourceLocation] {
        indices.map { table!.store.observations.location(at: Int(table!.positions[Int(start) + $0])) }   // as above
    }
}

/// The observations metrics refer to, shared by reference.
public final class ObservationStore: Sendable {
    public let observations: ObservationTable
    public init(_ observations: ObservationTable) { self.observations = observations }
    public convenience init(_ observations: [Observation]) { self.init(ObservationTable(observations)) }
}

/// A run of positions in a `MetricTable`.
struct InputRange {
    var start: Int32
    var count: Int32
    static let none = InputRange(start: 0, count: 0)
}

/// The texts (names, units, reasons) and input positions of the metrics of one computation, each
/// stored once. Appended while the computation makes its metrics and never changed after they are
/// handed out: that is what makes sharing it across threads safe.
///
/// While it is being filled, one thread alone uses a table (each core of the engine has its own), so
/// its properties skip Swift's run-time exclusivity checks: a check on every append was a twentieth
/// of the engine's time.
final class MetricTable: @unchecked Sendable {
    let store: ObservationStore
    @exclusivity(unchecked) private(set) var positions: [Int32] = []
    @exclusivity(unchecked) private(set) var texts: [String] = []
    @exclusivity(unchecked) private var textIDs: [String: Int32] = [:]

    init(_ store: ObservationStore, capacity: Int = 0) {
        self.store = store
        positions.reserveCapacity(capacity)
    }

    /// The id of `text`, stored once.
    func text(_ text: String) -> Int32 {
        if let id = textIDs[text] { return id }
        let id = Int32(texts.count)
        texts.append(text)
        textIDs[text] = id
        return id
    }

    /// Ids for texts known to be distinct from each other (names from an index), without hashing.
    func texts(_ list: [String]) -> [Int32] {
        let first = texts.count
        texts.append(contentsOf: list)
        return (0..<list.count).map { Int32(first + $0) }
    }

    func inputs(_ a: Int) -> InputRange {
        positions.append(Int32(a))
        return InputRange(start: Int32(positions.count - 1), count: 1)
    }

    func inputs(_ a: Int, _ b: Int) -> InputRange {
        positions.append(Int32(a)); positions.append(Int32(b))
        return InputRange(start: Int32(positions.count - 2), count: 2)
    }

    func inputs(_ list: [Int]) -> InputRange {
        let start = positions.count
        for p in list { positions.append(Int32(p)) }
        return InputRange(start: Int32(start), count: Int32(list.count))
    }
}

extension Inputs: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Observation...) { self.init(elements) }
}
