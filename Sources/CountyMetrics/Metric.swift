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
/// Values keep full precision; rounding happens only at display (`NumberFormat`, half up).
public struct Metric: Sendable {
    public var region: String
    public var indicator: String
    public var period: Period
    public var kind: MetricKind
    /// The value, or nil when the metric is absent (see `reason`); never 0 for “unknown”.
    public var value: Decimal?
    /// The parts of a structure, each in %.
    public var parts: [Decimal]?
    public var unit: String
    /// True when the figure was taken from the input as stated (a bulletin's real growth),
    /// false when computed here.
    public var stated: Bool
    /// The observations the metric was computed from, in order.
    public var inputs: Inputs
    /// Why the metric is absent, or a qualification of how it was computed.
    public var reason: String?
    /// For ranks: how many regions were ranked. For CAGR: the number of years.
    public var count: Int?
    /// The earlier period a change or rate is measured from (CAGR's first year, an index's base).
    public var basePeriod: Period?

    public init(region: String, indicator: String, period: Period, kind: MetricKind, value: Decimal?, parts: [Decimal]? = nil,
                unit: String, stated: Bool = false, inputs: Inputs, reason: String? = nil, count: Int? = nil,
                basePeriod: Period? = nil)
    {
        self.region = region; self.indicator = indicator; self.period = period; self.kind = kind; self.value = value
        self.parts = parts; self.unit = unit; self.stated = stated; self.inputs = inputs; self.reason = reason
        self.count = count; self.basePeriod = basePeriod
    }

    /// A metric that cannot be computed, with the reason.
    public static func absent(_ kind: MetricKind, region: String, indicator: String, period: Period, unit: String,
                              inputs: Inputs = Inputs(), reason: String) -> Metric
    {
        Metric(region: region, indicator: indicator, period: period, kind: kind, value: nil, unit: unit, inputs: inputs, reason: reason)
    }

    public var isAbsent: Bool { value == nil && parts == nil }
}

/// Errors in asking for a metric that makes no sense (summing a rate).
public struct MetricError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The observations behind a metric: positions in the engine's shared store, read as observations.
/// Millions of metrics share one store instead of copying what they came from.
public struct Inputs: RandomAccessCollection, Sendable {
    let store: ObservationStore?
    let positions: [Int32]

    public init() { store = nil; positions = [] }

    init(_ store: ObservationStore, _ positions: [Int]) {
        self.store = store
        self.positions = positions.map { Int32($0) }
    }

    /// Inputs that are not in a store (for metrics built by hand).
    public init(_ observations: [Observation]) {
        store = ObservationStore(observations)
        positions = observations.indices.map { Int32($0) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(i: Int) -> Observation { store!.observations[Int(positions[i])] }
}

/// The observations metrics refer to, shared by reference.
public final class ObservationStore: Sendable {
    public let observations: [Observation]
    public init(_ observations: [Observation]) { self.observations = observations }
}

extension Inputs: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Observation...) { self.init(elements) }
}
