import Foundation

/// An administrative unit: a county, district, city or province.
///
/// Immutable and shared: the thousands of observations of one region hold one instance.
public final class Region: Hashable, Sendable, CustomStringConvertible {
    /// The 6-digit administrative division code (430522), or empty when the input gives none.
    public let code: String
    public let name: String
    /// The name of the region it belongs to (邵阳市 for 新邵县), or empty.
    public let parent: String

    public init(code: String = "", name: String, parent: String = "") {
        self.code = code; self.name = name; self.parent = parent
    }

    public var description: String { name }

    public static func == (a: Region, b: Region) -> Bool {
        a === b || (a.code == b.code && a.name == b.name && a.parent == b.parent)
    }
    public func hash(into h: inout Hasher) { h.combine(code); h.combine(name) }
}

/// What an indicator measures, which decides how it may be combined.
public enum IndicatorKind: String, Sendable, Codable {
    /// A stock at a point in time (年末常住人口).
    case level
    /// A flow over the period (地区生产总值, 财政总收入).
    case flow
    /// A rate, growth or per-capita figure (增速, 人均…): never summed.
    case rate
    /// A share or structure of a whole (比重, 三次产业结构).
    case share
    /// A count of things (企业个数).
    case count
}

/// A statistical indicator as the data names it, with its unit's dimension.
public struct Indicator: Hashable, Sendable {
    public var name: String
    /// The dimension of its values; nil when its values carry no unit.
    public var dimension: Dimension?
    public var kind: IndicatorKind
    /// Whether values of different regions may be added up.
    public var additive: Bool

    public init(name: String, dimension: Dimension?, kind: IndicatorKind, additive: Bool) {
        self.name = name; self.dimension = dimension; self.kind = kind; self.additive = additive
    }

    /// True for a growth rate (…增速, …增长): a percentage change, stated or computed.
    public var isGrowth: Bool { Self.isGrowthName(name) }

    public static func isGrowthName(_ name: String) -> Bool {
        ["增速", "增长", "增幅", "增长率", "增长速度"].contains { name.hasSuffix($0) }
    }

    /// What an indicator's name alone says of its kind, in the order the rule tests it: a rate
    /// (增速, 人均…, …率, 指数) before a share (结构, 比重, 占比) before a level (年末…, 人口, 面积, 余额).
    public enum NameHint: Sendable {
        case rate, share, level, none

        public init(name: String) {
            // Searched by bytes (TextSearch): this runs for every indicator of every file read.
            func has(_ part: String) -> Bool { TextSearch.contains(name, part) }
            if Indicator.isGrowthName(name) || has("人均") || name.hasSuffix("率") || has("指数") {
                self = .rate
            } else if has("结构") || has("比重") || has("占比") {
                self = .share
            } else if name.hasPrefix("年末") || has("人口") || has("面积") || has("余额") {
                self = .level
            } else {
                self = .none
            }
        }
    }

    /// The kind and additivity an indicator's name and dimension imply.
    public static func infer(name: String, dimension: Dimension?, isRatio: Bool) -> Indicator {
        infer(name: name, hint: NameHint(name: name), dimension: dimension, isRatio: isRatio)
    }

    /// `infer` with the name's hint already read (callers that try one name with many dimensions
    /// read it once: the name tests are string searches).
    public static func infer(name: String, hint: NameHint, dimension: Dimension?, isRatio: Bool) -> Indicator {
        let kind: IndicatorKind
        if hint == .rate {
            kind = .rate
        } else if isRatio || hint == .share {
            kind = .share
        } else if dimension == .ratio || dimension == .percentagePoint || dimension == .multiple {
            kind = .rate
        } else if hint == .level {
            kind = .level
        } else if let d = dimension, d.name.hasPrefix("count:") {
            kind = .count
        } else {
            kind = .flow
        }
        return Indicator(
            name: name, dimension: dimension, kind: kind, additive: kind == .flow || kind == .level || kind == .count)
    }
}

/// Where a figure came from: a file and line (or JSON path), and the source the data names.
public struct Provenance: Hashable, Sendable {
    public var file: String
    private var storedLine: Int32
    private var storedColumn: Int32
    /// A JSON path, when the figure came from JSON.
    public var key: String?
    /// The data's own source column (a bulletin's address), or empty.
    public var source: String

    public init(location: SourceLocation, source: String = "") {
        file = location.file
        storedLine = Int32(clamping: location.line ?? 0)
        storedColumn = Int32(clamping: location.column ?? 0)
        key = location.key
        self.source = source
    }

    /// The file, line, column and key, as errors print them.
    public var location: SourceLocation {
        get {
            SourceLocation(
                file: file, line: storedLine > 0 ? Int(storedLine) : nil,
                column: storedColumn > 0 ? Int(storedColumn) : nil, key: key)
        }
        set { self = Provenance(location: newValue, source: source) }
    }
}

/// One published figure: a region's indicator for a period, exactly as the source gave it.
public struct Observation: Hashable, Sendable {
    public var region: Region
    public var indicator: String
    public var period: Period
    /// The value in the unit as written, exact.
    public var value: Decimal
    /// The parts of a structure such as 19.4:36.3:44.3 (then `value` is their sum).
    public var parts: [Decimal]?
    /// The unit as written (亿元); nil when the figure has none.
    public var unit: Unit?
    public var hedge: Hedge?
    public var note: String
    public var provenance: Provenance
    /// How many decimals the input wrote the value with (1286.40: 2), which `value` cannot keep: an exact
    /// `Decimal` drops trailing zeros. nil when not known (a value computed, or not written as digits).
    public var writtenDecimals: Int?

    public init(
        region: Region, indicator: String, period: Period, value: Decimal, parts: [Decimal]? = nil,
        unit: Unit?, hedge: Hedge? = nil, note: String = "", provenance: Provenance, writtenDecimals: Int? = nil
    ) {
        self.region = region; self.indicator = indicator; self.period = period; self.value = value
        self.parts = parts; self.unit = unit; self.hedge = hedge; self.note = note; self.provenance = provenance
        self.writtenDecimals = writtenDecimals
    }

    /// The value in the dimension's base unit (元 for 亿元), exactly.
    public var baseValue: Decimal { unit?.toBase(value) ?? value }

    /// The value expressed in `target`; an error across dimensions.
    public func value(in target: Unit) throws -> Decimal {
        guard let unit else { throw UnitError.incompatible(from: "(no unit)", to: target.symbol) }
        return try unit.convert(value, to: target)
    }
}

/// Observations loaded from one or more files, with the regions and indicators they name.
public struct Dataset: Sendable {
    public var observations: ObservationTable
    /// Problems found while loading and checking: errors and warnings, in input order.
    public var problems: [DataError]

    public init(observations: ObservationTable = [], problems: [DataError] = []) {
        self.observations = observations; self.problems = problems
    }

    public init(observations: [Observation], problems: [DataError] = []) {
        self.init(observations: ObservationTable(observations), problems: problems)
    }

    public var errors: [DataError] { problems.filter { $0.severity == .error } }
    public var warnings: [DataError] { problems.filter { $0.severity == .warning } }
    /// How many errors and warnings were found, listed or not (`Limits.problemsListed`).
    public var errorCount: Int { errors.reduce(0) { $0 + $1.count } }
    public var warningCount: Int { warnings.reduce(0) { $0 + $1.count } }

    /// Regions in order of first appearance, one per name.
    public var regions: [Region] {
        var seen = Set<String>()
        return observations.regions.filter { seen.insert($0.name).inserted }
    }

    public var indicatorNames: [String] { observations.indicatorNames }
    public var periods: [Period] { observations.distinctPeriods }

    /// The indicators, each with the kind its name and first unit imply.
    public var indicators: [Indicator] {
        observations.firstRowOfIndicator.enumerated().map { id, row in
            Indicator.infer(
                name: observations.indicatorNames[id], dimension: observations.unit(at: row)?.dimension,
                isRatio: observations.parts(at: row) != nil)
        }
    }

    /// How many regions (by name), indicators and which periods the observations cover.
    public var summary: (regions: Int, indicators: Int, periods: [Period]) {
        return (
            Set(observations.regions.map(\.name)).count, observations.indicatorNames.count, observations.distinctPeriods
        )
    }

    /// Adds another dataset's observations and problems after this one's.
    public mutating func append(_ other: Dataset) {
        observations.append(contentsOf: other.observations)
        problems += other.problems
    }
}
