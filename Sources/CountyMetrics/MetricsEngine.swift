import CountyData
import Foundation
import Synchronization

/// Choices that shape which metrics are computed and how.
public struct MetricOptions: Sendable {
    public var breaks: [SeriesBreak]
    public var tieRule: TieRule
    /// Population indicators for per-capita values, in order of preference.
    public var populationIndicators: [String]
    /// Wholes and their components, for shares, structures, contributions and pulls.
    public var components: [String: [String]]
    /// Only metrics of these regions (all when empty).
    public var regions: Set<String>
    /// Only metrics of this period (all when nil).
    public var period: Period?
    /// How far sector values may sum from their total, as a fraction of the total, before the
    /// structure computed from them is withheld (last-digit rounding in bulletins stays inside).
    public var componentTolerance: Decimal

    public init(
        breaks: [SeriesBreak] = [], tieRule: TieRule = .competition,
        populationIndicators: [String] = ["年末常住人口", "常住人口", "年末户籍人口", "户籍人口"],
        components: [String: [String]] = ["地区生产总值": ["第一产业增加值", "第二产业增加值", "第三产业增加值"]],
        regions: Set<String> = [], period: Period? = nil,
        componentTolerance: Decimal = Decimal(sign: .plus, exponent: -3, significand: 1)
    ) {
        self.breaks = breaks; self.tieRule = tieRule; self.populationIndicators = populationIndicators
        self.components = components; self.regions = regions; self.period = period
        self.componentTolerance = componentTolerance
    }
}

/// Computes the metrics of an annual summary from observations.
///
/// Growth stated in the input (a bulletin's real growth, 按可比价格) is used as stated and never
/// replaced by one recomputed from current-price levels; growth across a series break is never
/// computed; a metric whose inputs are missing is absent with the reason.
///
/// The index is built once: regions, indicators and dimensions become small ids, each series (a
/// region's indicator) a run of observation positions sorted by period in one flat array, and
/// every value is brought to its base unit once. Metrics then cost a binary search and a few
/// integer operations each (see `Exact`), not hash lookups and Foundation arithmetic.
public final class MetricsEngine: Sendable {
    public var observations: ObservationTable { store.observations }
    public let options: MetricOptions
    let store: ObservationStore

    // Names and ids.
    /// Region ids are ids of names (two regions of one name are one region here), with each
    /// name's parent and children.
    private let regions: RegionNameIndex
    private let indicatorNames: [String]
    private let indicatorIDs: [String: Int32]
    /// The id of the indicator stating each indicator's growth (地区生产总值 → 地区生产总值增速), or -1.
    private let statedGrowthOf: [Int32]
    /// Whether each indicator is itself a growth rate (…增速).
    private let isGrowthIndicator: [Bool]

    // Series: a region's indicator, its observations sorted by period.
    private let seriesRegion: [Int32]
    private let seriesIndicator: [Int32]
    /// Series s holds `points[seriesStart[s] ..< seriesStart[s + 1]]`.
    private let seriesStart: [Int32]
    private let points: [Int32]
    private let pointPeriods: [Period]
    private let seriesIDs: [Int64: Int32]
    /// Series of sibling regions (one parent) for one indicator, in order of first appearance.
    private let siblingSeries: [[Int32]]
    private let siblingKeys: [(parent: Int32, indicator: Int32)]

    // Per observation.
    private let baseValues: [Decimal]
    /// Dimension ids (-1: no unit); `dimensions[id]` is the dimension.
    private let dimensionOf: [Int16]
    private let dimensions: [CountyData.Dimension]
    private let hasParts: [Bool]
    /// Observations whose note marks a series break.
    private let breakNotes: Set<Int32>
    /// Whether an indicator's figures in a dimension may be summed over regions or sectors
    /// (`summable[indicator][dimension + 1]`; index 0: no unit), decided once for the whole index.
    private let summable: [[Bool]]

    public convenience init(observations: [Observation], options: MetricOptions = MetricOptions()) {
        self.init(table: ObservationTable(observations), options: options)
    }

    public convenience init(dataset: Dataset, options: MetricOptions = MetricOptions()) {
        self.init(table: dataset.observations, options: options)
    }

    public init(table: ObservationTable, options: MetricOptions = MetricOptions()) {
        // A wide table's grid is read here as columns: the engine looks rows up one at a time.
        var columns = table
        columns.materialize()
        let observations = columns
        store = ObservationStore(observations)
        self.options = options
        // Built in locals, then stored once: the index never changes after.
        let regions = RegionNameIndex(observations)
        var indicatorNames: [String] = []
        var indicatorIDs: [String: Int32] = [:]
        var statedGrowthOf: [Int32] = []
        var seriesRegion: [Int32] = []
        var seriesIndicator: [Int32] = []
        var seriesStart: [Int32] = []
        var points: [Int32] = []
        var pointPeriods: [Period] = []
        var seriesIDs: [Int64: Int32] = [:]
        var dimensionOf: [Int16] = []
        var dimensions: [CountyData.Dimension] = []
        var hasParts: [Bool] = []
        var breakNotes: Set<Int32> = []
        let n = observations.count
        dimensionOf.reserveCapacity(n)
        var seriesOfObservation = [Int32](repeating: 0, count: n)
        var seriesCount: [Int32] = []
        // Per table id, the engine's id (-1: not seen yet).
        var indicatorOfTableIndicator = [Int32](repeating: -1, count: observations.indicatorNames.count)
        var dimensionOfTableUnit = [Int16?](repeating: nil, count: observations.units.count)
        var dimensionIDs: [CountyData.Dimension: Int16] = [:]
        var lastTableRegion: Int32 = -1, lastRegionID: Int32 = -1
        var lastKey: Int64 = -1, lastSeries: Int32 = -1
        // Values in base units are made on another core while this one builds the index.
        final class Values: @unchecked Sendable { var base: [Decimal] = [] }   // read after `wait`
        let values = Values()
        let converted = DispatchGroup()
        DispatchQueue.global().async(group: converted) { values.base = Self.baseValues(observations) }
        for i in 0..<n {
            let tableRegion = observations.regionID(at: i)
            if tableRegion != lastTableRegion {
                lastTableRegion = tableRegion
                lastRegionID = regions.ofTableRegion[Int(tableRegion)]
            }
            let tableIndicator = Int(observations.indicatorID(at: i))
            if indicatorOfTableIndicator[tableIndicator] < 0 {
                let name = observations.indicatorNames[tableIndicator]
                if let known = indicatorIDs[name] {
                    indicatorOfTableIndicator[tableIndicator] = known
                } else {
                    indicatorOfTableIndicator[tableIndicator] = Int32(indicatorNames.count)
                    indicatorIDs[name] = Int32(indicatorNames.count)
                    indicatorNames.append(name)
                }
            }
            let indicatorID = indicatorOfTableIndicator[tableIndicator]
            let unitID = observations.unitID(at: i)
            if dimensionOfTableUnit[unitID] == nil {
                if let d = observations.units[unitID]?.dimension {
                    if let known = dimensionIDs[d] {
                        dimensionOfTableUnit[unitID] = known
                    } else {
                        dimensionOfTableUnit[unitID] = Int16(dimensions.count)
                        dimensionIDs[d] = Int16(dimensions.count)
                        dimensions.append(d)
                    }
                } else {
                    dimensionOfTableUnit[unitID] = -1
                }
            }
            let key = Int64(lastRegionID) << 32 | Int64(indicatorID)
            if key != lastKey {   // rows of a series usually come together
                lastKey = key
                if let known = seriesIDs[key] {
                    lastSeries = known
                } else {
                    lastSeries = Int32(seriesRegion.count)
                    seriesIDs[key] = lastSeries
                    seriesRegion.append(lastRegionID)
                    seriesIndicator.append(indicatorID)
                    seriesCount.append(0)
                }
            }
            seriesOfObservation[i] = lastSeries
            seriesCount[Int(lastSeries)] += 1
            dimensionOf.append(dimensionOfTableUnit[unitID]!)   // filled for every unit id on first sight above
            if observations.hasNote(at: i), Self.marksBreak(observations.note(at: i)) { breakNotes.insert(Int32(i)) }
        }
        hasParts = Array(repeating: false, count: n)
        for i in observations.rowsWithParts { hasParts[i] = true }
        // Lay the series out one after another, then sort each by period; a duplicate period
        // keeps its first observation (`check` reports the conflict).
        seriesStart = [0]
        seriesStart.reserveCapacity(seriesCount.count + 1)
        for (k, c) in seriesCount.enumerated() { seriesStart.append(seriesStart[k] + c) }
        var fill = Array(seriesStart.dropLast())
        points = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let s = Int(seriesOfObservation[i])
            points[Int(fill[s])] = Int32(i)
            fill[s] += 1
        }
        pointPeriods = points.map { observations.period(at: Int($0)) }
        var kept = 0
        var newStart: [Int32] = [0]
        newStart.reserveCapacity(seriesStart.count)
        for s in 0..<(seriesStart.count - 1) {
            let range = Int(seriesStart[s])..<Int(seriesStart[s + 1])
            var sorted = true
            for k in range.dropFirst() where !(pointPeriods[k - 1] < pointPeriods[k]) { sorted = false; break }
            if sorted {   // the usual case: already in order, no duplicates
                for k in range {
                    pointPeriods[kept] = pointPeriods[k]
                    points[kept] = points[k]
                    kept += 1
                }
            } else {
                var run = range.map { (pointPeriods[$0], points[$0]) }
                run.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
                for (k, entry) in run.enumerated() where k == 0 || run[k - 1].0 != entry.0 {
                    pointPeriods[kept] = entry.0
                    points[kept] = entry.1
                    kept += 1
                }
            }
            newStart.append(Int32(kept))
        }
        points.removeLast(n - kept)
        pointPeriods.removeLast(n - kept)
        seriesStart = newStart
        statedGrowthOf = indicatorNames.map { name in
            for suffix in ["增速", "增长", "增长速度", "增幅", "增长率"] { if let g = indicatorIDs[name + suffix] { return g } }
            return -1
        }
        var groups: [Int64: Int] = [:]
        var siblingSeries: [[Int32]] = [], siblingKeys: [(parent: Int32, indicator: Int32)] = []
        for s in 0..<Int32(seriesRegion.count) {
            let parent = regions.parentOf[Int(seriesRegion[Int(s)])]
            guard parent >= 0 else { continue }
            let g = Int64(parent) << 32 | Int64(seriesIndicator[Int(s)])
            if let known = groups[g] {
                siblingSeries[known].append(s)
            } else {
                groups[g] = siblingSeries.count
                siblingSeries.append([s])
                siblingKeys.append((parent, seriesIndicator[Int(s)]))
            }
        }
        self.siblingSeries = siblingSeries
        self.siblingKeys = siblingKeys
        self.regions = regions
        self.indicatorNames = indicatorNames
        self.indicatorIDs = indicatorIDs
        self.statedGrowthOf = statedGrowthOf
        isGrowthIndicator = indicatorNames.map(Indicator.isGrowthName)
        summable = indicatorNames.map { name in
            let hint = Indicator.NameHint(name: name)
            return ([nil] + dimensions).map { Indicator.infer(name: name, hint: hint, dimension: $0, isRatio: false).additive }
        }
        self.seriesRegion = seriesRegion
        self.seriesIndicator = seriesIndicator
        self.seriesStart = seriesStart
        self.points = points
        self.pointPeriods = pointPeriods
        self.seriesIDs = seriesIDs
        converted.wait()
        self.baseValues = values.base
        self.dimensionOf = dimensionOf
        self.dimensions = dimensions
        self.hasParts = hasParts
        self.breakNotes = breakNotes
    }

    /// Every observation's value in its unit's base unit (亿元 → 元), or as given when it has no unit.
    private static func baseValues(_ observations: ObservationTable) -> [Decimal] {
        var values: [Decimal] = []
        values.reserveCapacity(observations.count)
        for i in 0..<observations.count {
            let value = observations.value(at: i)
            values.append(observations.units[observations.unitID(at: i)].map { $0.toBase(value) } ?? value)
        }
        return values
    }

    // MARK: Lookups

    private func series(_ region: Int32, _ indicator: Int32) -> Int32? {
        seriesIDs[Int64(region) << 32 | Int64(indicator)]
    }

    private func series(_ region: String, _ indicator: String) -> Int32? {
        guard let r = regions.id(region), let i = indicatorIDs[indicator] else { return nil }
        return series(r, i)
    }

    private func range(_ s: Int32) -> Range<Int> { Int(seriesStart[Int(s)])..<Int(seriesStart[Int(s) + 1]) }

    /// The position of series `s`'s observation in `period`, by binary search over its points.
    private func find(_ s: Int32, _ period: Period) -> Int? {
        var lo = Int(seriesStart[Int(s)]), hi = Int(seriesStart[Int(s) + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if pointPeriods[mid] < period { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(seriesStart[Int(s) + 1]) && pointPeriods[lo] == period ? Int(points[lo]) : nil
    }

    /// The observation of a region's indicator in a period, if the input has it.
    public func observation(_ region: String, _ indicator: String, _ period: Period) -> Observation? {
        position(region, indicator, period).map { observations[$0] }
    }

    func position(_ region: String, _ indicator: String, _ period: Period) -> Int? {
        series(region, indicator).flatMap { find($0, period) }
    }

    /// The name under which the input states an indicator's growth (地区生产总值 → 地区生产总值增速).
    public func statedGrowthName(for indicator: String, region: String) -> String? {
        guard let r = regions.id(region), let i = indicatorIDs[indicator] else { return nil }
        let g = statedGrowthOf[Int(i)]
        return g >= 0 && series(r, g) != nil ? indicatorNames[Int(g)] : nil
    }

    private func sameDimension(_ a: Int, _ b: Int) -> Bool { dimensionOf[a] == dimensionOf[b] }

    /// Whether the indicator's figure at `position` may be summed, in the dimension it is in.
    private func isSummable(_ indicator: Int32, at position: Int) -> Bool {
        summable[Int(indicator)][Int(dimensionOf[position]) + 1]
    }

    private func dimension(_ position: Int) -> CountyData.Dimension? {
        let d = dimensionOf[position]
        return d < 0 ? nil : dimensions[Int(d)]
    }

    private func wanted(_ region: Int32, _ period: Period) -> Bool {
        (options.period == nil || options.period == period)
            && (options.regions.isEmpty || options.regions.contains(regions.names[Int(region)]))
    }

    private func breakBetween(_ a: Period, _ b: Period, series s: Int32) -> SeriesBreak? {
        if options.breaks.isEmpty && breakNotes.isEmpty { return nil }
        let region = regions.names[Int(seriesRegion[Int(s)])], indicator = indicatorNames[Int(seriesIndicator[Int(s)])]
        if !options.breaks.isEmpty,
            let b0 = options.breaks.first(where: { $0.separates(a, b, region: region, indicator: indicator) })
        {
            return b0
        }
        // A note on the later observation can mark the break itself.
        if !breakNotes.isEmpty, let i = find(s, b), breakNotes.contains(Int32(i)) {
            return SeriesBreak(
                region: region, indicator: indicator, period: b, reason: "the note of \(b) marks a series break")
        }
        return nil
    }

    static let breakWords = ["口径调整", "口径变化", "普查修订", "数据修订", "series break"]

    private static let breakWordBytes = breakWords.map { Array($0.utf8) }

    /// Whether a note says the series breaks here (a byte search, no copies: a tenth of the rows
    /// of a bulletin have notes).
    static func marksBreak(_ note: String) -> Bool {
        var note = note
        return note.withUTF8 { text in
            breakWordBytes.contains { word in
                guard text.count >= word.count else { return false }
                return (0...(text.count - word.count)).contains { i in
                    text[i] == word[0] && (1..<word.count).allSatisfy { text[i + $0] == word[$0] }
                }
            }
        }
    }

    /// A decimal's digits as its description writes them, without Foundation's digit-by-digit
    /// division (a tenth of the engine's time went to the 60,000 of one benchmark).
    static func digits(_ d: Decimal) -> String { Exact.plainString(d) ?? d.description }

    // MARK: All metrics

    /// The table the metrics of one core share, and the ids of the texts they use most. One thread
    /// alone uses a sink, so its caches skip the run-time exclusivity checks (as `MetricTable`'s do).
    private final class Sink {
        let table: MetricTable
        /// Texts made per series or per cell, kept by what they are made from.
        @exclusivity(unchecked) var indexUnits: [Int: Int32] = [:]
        @exclusivity(unchecked) var perPopulation: [Int32: Int32] = [:]
        @exclusivity(unchecked) var rankReasons: [Int64: Int32] = [:]
        @exclusivity(unchecked) var sums: [Int: Int32] = [:]
        @exclusivity(unchecked) var units: [ObjectIdentifier: Int32] = [:]
        @exclusivity(unchecked) var lastNote = ""
        @exclusivity(unchecked) var lastNoteID: Int32 = -1
        let regions: [Int32]
        let indicators: [Int32]
        let percent: Int32, points: Int32, rankUnit: Int32, perPerson: Int32
        let levelsMoney: Int32, levels: Int32, currentPrices: Int32, fromComponents: Int32, previousZero: Int32

        init(_ engine: MetricsEngine) {
            table = MetricTable(engine.store, capacity: engine.observations.count * 8)
            regions = table.texts(engine.regions.names)
            indicators = table.texts(engine.indicatorNames)
            percent = table.text("%"); points = table.text("百分点"); rankUnit = table.text("位");
            perPerson = table.text("元/人")
            levelsMoney = table.text("computed from levels, 按现价计算"); levels = table.text("computed from levels")
            currentPrices = table.text("按现价计算"); fromComponents = table.text("computed from the components")
            previousZero = table.text("the previous value is zero or in another unit")
        }

        func text(_ s: String) -> Int32 { table.text(s) }

        /// The id of the text kept under `key` in `cache`: made, stored and kept on first use only.
        func text<Key: Hashable>(in cache: inout [Key: Int32], _ key: Key, _ make: () -> String) -> Int32 {
            if let id = cache[key] { return id }
            let id = table.text(make())
            cache[key] = id
            return id
        }

        func note(_ s: String) -> Int32 {
            if s.isEmpty { return -1 }
            if s != lastNote { lastNote = s; lastNoteID = table.text(s) }
            return lastNoteID
        }

        func unit(_ u: CountyData.Unit) -> Int32 {
            if let id = units[ObjectIdentifier(u)] { return id }
            let id = table.text(u.symbol)
            units[ObjectIdentifier(u)] = id
            return id
        }
    }

    /// Every metric the observations support: each series' metrics in series order, then those
    /// within a region and period, then those across regions.
    ///
    /// The work is cut into parts (runs of series, runs of groups of siblings) that the cores take as
    /// they finish one, each core with its own table; the engine itself is read-only. One core takes
    /// parts from the front and writes straight into the result; the others take them from the back
    /// into buffers of their own, which are appended in order where the two meet: about half of the
    /// metrics are copied once, whatever the cores' speeds.
    public func all() -> [Metric] { all(workers: ProcessInfo.processInfo.activeProcessorCount) }

    /// Every metric, on up to `workers` cores (the same metrics in the same order for any number).
    func all(workers: Int) -> [Metric] {
        Trace.mark("engine indexed")
        let parts = WorkPart.plan(series: seriesRegion.count, groups: siblingSeries.count)
        let workers = max(1, min(workers, parts.count))
        let lookups = CrossSectionLookups(self)
        let unclaimed = Mutex<Range<Int>>(0..<parts.count)
        /// The result, filled from the front by worker 0; read after the workers are done.
        final class Front: @unchecked Sendable { var metrics: [Metric] = [] }
        let front = Front()
        front.metrics.reserveCapacity(observations.count * 4)
        let prefault = Prefault(capacityOf: &front.metrics)
        defer { prefault.wait() }
        /// Each part taken from the back: where its metrics lie in which worker's buffer.
        let fromBack = Mutex<[(part: Int, worker: Int, range: Range<Int>)]>([])
        let buffers = Mutex<[Int: [Metric]]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let sink = Sink(self)
            func compute(_ k: Int, into out: inout [Metric]) {
                switch parts[k] {
                case .series(let range):
                    for s in range { seriesMetrics(Int32(s), into: &out, sink) }
                case .crossSection(let range):
                    crossSectionMetrics(series: range, lookups, into: &out, sink)
                case .groups(let range):
                    regionalMetrics(groups: range, into: &out, sink)
                }
            }
            if worker == 0 {
                while let k = unclaimed.withLock({ $0.popFirst() }) { compute(k, into: &front.metrics) }
                return
            }
            var mine: [Metric] = []
            mine.reserveCapacity(observations.count * 4 / workers)
            let prefault = Prefault(capacityOf: &mine)
            defer { prefault.wait() }
            while let k = unclaimed.withLock({ $0.popLast() }) {
                let start = mine.count
                compute(k, into: &mine)
                fromBack.withLock { $0.append((k, worker, start..<mine.count)) }
            }
            buffers.withLock { [mine] in $0[worker] = mine }
        }
        Trace.mark("series, within and across regions: \(parts.count) parts on \(workers) cores")
        var out = front.metrics
        front.metrics = []
        buffers.withLock { buffers in
            for part in fromBack.withLock({ $0 }).sorted(by: { $0.part < $1.part }) {
                out.append(contentsOf: buffers[part.worker]![part.range])   // every worker stored its buffer before concurrentPerform returned
            }
            buffers = [:]
        }
        Trace.mark("joined: \(out.count) metrics")
        return out
    }

    /// Metrics of one region's one indicator over time: yoy, pp change, CAGR, two-year average,
    /// index, structure, single-period values.
    private func seriesMetrics(_ s: Int32, into out: inout [Metric], _ sink: Sink) {
        let span = range(s)
        guard !span.isEmpty else { return }
        let table = sink.table
        let regionID = seriesRegion[Int(s)], indicatorID = seriesIndicator[Int(s)]
        let regionText = sink.regions[Int(regionID)], indicatorText = sink.indicators[Int(indicatorID)]
        let firstIndex = Int(points[span.lowerBound])
        let dimension = self.dimension(firstIndex)
        let isGrowth = isGrowthIndicator[Int(indicatorID)]
        let isPercent = dimension == .ratio || dimension == .percentagePoint
        let isStructure = hasParts[firstIndex]
        let annual = span.filter { pointPeriods[$0].kind == .year }
        let levelsNote = dimension == .money ? sink.levelsMoney : sink.levels
        // The series that states this one's growth, looked up once.
        let statedSeries: Int32? =
            isPercent || isGrowth || isStructure || statedGrowthOf[Int(indicatorID)] < 0
            ? nil
            : series(regionID, statedGrowthOf[Int(indicatorID)])
        var indexUnit: Int32?
        func metric(
            _ period: Period, _ kind: MetricKind, _ value: Decimal?, parts: [Decimal]? = nil, unit: Int32,
            stated: Bool = false,
            _ inputs: InputRange, reason: Int32 = -1, count: Int? = nil, base: Period? = nil
        ) -> Metric {
            Metric(
                table: table, region: regionText, indicator: indicatorText, period: period, kind: kind, value: value,
                parts: parts,
                unit: unit, stated: stated, inputs: inputs, reason: reason, count: count, basePeriod: base)
        }

        for k in span {
            let period = pointPeriods[k], index = Int(points[k])
            guard wanted(regionID, period) else { continue }
            let previousPeriod = period.previousYear
            let previousIndex =
                k > span.lowerBound && pointPeriods[k - 1] == previousPeriod
                ? Int(points[k - 1]) : find(s, previousPeriod)
            if isStructure {
                if let parts = observations.parts(at: index) {
                    out.append(
                        metric(
                            period, .structure, nil, parts: parts, unit: sink.percent, stated: true, table.inputs(index)
                        ))
                    if let p = previousIndex, let old = observations.parts(at: p), old.count == parts.count {
                        out.append(
                            metric(
                                period, .ppChange, nil, parts: zip(parts, old).map { Exact.difference($0, $1) },
                                unit: sink.points,
                                table.inputs(p, index), base: previousPeriod))
                    }
                }
                continue
            }
            if isPercent || isGrowth {
                // Rates and growth change in percentage points.
                if let p = previousIndex {
                    let value = observations.value(at: index), previous = observations.value(at: p)
                    if let b = breakBetween(previousPeriod, period, series: s) {
                        out.append(
                            metric(
                                period, .ppChange, nil, unit: sink.points, table.inputs(p, index),
                                reason: sink.text(b.reason)))
                    } else {
                        out.append(
                            metric(
                                period, .ppChange, Growth.pointChange(from: previous, to: value), unit: sink.points,
                                table.inputs(p, index), base: previousPeriod))
                    }
                    if isGrowth, period.kind == .year, let avg = Growth.twoYearAverage(previous, value) {
                        out.append(
                            metric(
                                period, .twoYearAverage, avg, unit: sink.percent, table.inputs(p, index),
                                base: previousPeriod))
                    }
                }
                continue
            }
            // Levels: year-on-year growth, stated where the input states it.
            if let stated = statedSeries.flatMap({ find($0, period) }) {
                let note = observations.note(at: stated)
                out.append(
                    metric(
                        period, .yoy, observations.value(at: stated), unit: sink.percent, stated: true,
                        table.inputs(stated),
                        reason: sink.note(note)))
            } else if let p = previousIndex {
                if let b = breakBetween(previousPeriod, period, series: s) {
                    out.append(
                        metric(
                            period, .yoy, nil, unit: sink.percent, table.inputs(p, index),
                            reason: sink.text(
                                "\(b.reason): growth across it is taken only as stated, and none is stated")))
                } else if sameDimension(p, index),
                    let why = Growth.undefinedGrowth(from: baseValues[p], to: baseValues[index])
                {
                    out.append(
                        metric(period, .yoy, nil, unit: sink.percent, table.inputs(p, index), reason: sink.text(why)))
                } else if sameDimension(p, index),
                    let g = Growth.percentChange(from: baseValues[p], to: baseValues[index])
                {
                    out.append(
                        metric(
                            period, .yoy, g, unit: sink.percent, table.inputs(p, index), reason: levelsNote,
                            base: previousPeriod))
                } else {
                    out.append(
                        metric(period, .yoy, nil, unit: sink.percent, table.inputs(p, index), reason: sink.previousZero)
                    )
                }
            } else if k > span.lowerBound, period.kind == .year {
                out.append(
                    metric(
                        period, .yoy, nil, unit: sink.percent, .none,
                        reason: sink.text("no figure for \(previousPeriod) and no stated growth")))
            }
            // Index, first year of the series = 100.
            if period.kind == .year, let first = annual.first, pointPeriods[first] != period {
                let baseIndex = Int(points[first]), basePeriod = pointPeriods[first]
                let unit = indexUnit ?? sink.text(in: &sink.indexUnits, basePeriod.year) { "\(basePeriod.year)=100" }
                indexUnit = unit
                if let br = breakBetween(basePeriod, period, series: s) {
                    out.append(
                        metric(
                            period, .index, nil, unit: unit, table.inputs(baseIndex, index),
                            reason: sink.text(br.reason)))
                } else if !sameDimension(baseIndex, index) {
                    out.append(
                        metric(
                            period, .index, nil, unit: unit, table.inputs(baseIndex, index),
                            reason: sink.text("the base is in another unit")))
                } else if Exact.signum(baseValues[baseIndex]) <= 0 {
                    out.append(
                        metric(
                            period, .index, nil, unit: unit, table.inputs(baseIndex, index),
                            reason: sink.text("the base year's value \(basePeriod) is zero or negative: no index")))
                } else if let i = Exact.percent(baseValues[index], of: baseValues[baseIndex]) {
                    out.append(metric(period, .index, i, unit: unit, table.inputs(baseIndex, index), base: basePeriod))
                }
            }
            // Single-period values from year-to-date totals.
            if case .yearToDate(let m) = period.kind,
                let earlier = span[..<k].last(where: { j in
                    if case .yearToDate(let m2) = pointPeriods[j].kind {
                        return pointPeriods[j].year == period.year && m2 < m
                    }
                    return false
                })
            {
                let earlierIndex = Int(points[earlier]), earlierPeriod = pointPeriods[earlier]
                let m2 = earlierPeriod.endMonth
                let single: Period? =
                    m - m2 == 1
                    ? Period(year: period.year, kind: .month(m))
                    : (m - m2 == 3 && m % 3 == 0) ? Period(year: period.year, kind: .quarter(m / 3)) : nil
                if let single, sameDimension(earlierIndex, index), let unit = observations.unit(at: index),
                    let value = Exact.quotient(
                        Exact.difference(baseValues[index], baseValues[earlierIndex]), unit.factor)
                {
                    out.append(
                        metric(
                            single, .singlePeriod, value, unit: sink.unit(unit), table.inputs(earlierIndex, index),
                            reason: sink.text("\(period) less \(earlierPeriod)")))
                }
            }
        }
        // CAGR over the whole annual series.
        if !isPercent, !isGrowth, !isStructure, annual.count >= 2, let f = annual.first, let l = annual.last {
            let firstPeriod = pointPeriods[f], lastPeriod = pointPeriods[l]
            let years = lastPeriod.year - firstPeriod.year
            guard years >= 2, wanted(regionID, lastPeriod) else { return }
            let a = Int(points[f]), b = Int(points[l])
            if let br = breakBetween(firstPeriod, lastPeriod, series: s) {
                out.append(
                    metric(lastPeriod, .cagr, nil, unit: sink.percent, table.inputs(a, b), reason: sink.text(br.reason))
                )
            } else if sameDimension(a, b), let g = Growth.cagr(first: baseValues[a], last: baseValues[b], years: years)
            {
                out.append(
                    metric(
                        lastPeriod, .cagr, g, unit: sink.percent, table.inputs(a, b),
                        reason: self.dimension(b) == .money ? sink.levelsMoney : sink.levels, count: years,
                        base: firstPeriod))
            } else {
                let why =
                    !sameDimension(a, b)
                    ? "the first and last values are in different units"
                    : Exact.signum(baseValues[a]) <= 0
                        ? "the first value (\(firstPeriod)) is zero or negative: no compound growth"
                        : "the last value (\(lastPeriod)) is negative: no compound growth"
                out.append(
                    metric(lastPeriod, .cagr, nil, unit: sink.percent, table.inputs(a, b), reason: sink.text(why)))
            }
        }
    }

    /// What the metrics within regions look up per indicator, once for every part: each whole's
    /// components (indicator ids, -1 when absent from the data) and the population indicators present.
    private struct CrossSectionLookups {
        let components: [[Int32]?]
        let populationIDs: [Int32]

        init(_ engine: MetricsEngine) {
            var components: [[Int32]?] = Array(repeating: nil, count: engine.indicatorNames.count)
            for (whole, parts) in engine.options.components {
                if let w = engine.indicatorIDs[whole] {
                    components[Int(w)] = parts.map { engine.indicatorIDs[$0] ?? -1 }
                }
            }
            self.components = components
            populationIDs = engine.options.populationIndicators.compactMap { engine.indicatorIDs[$0] }
        }
    }

    /// Metrics within one region and period: shares of a whole, a structure from components,
    /// contributions and pulls, per-capita values.
    private func crossSectionMetrics(
        series run: Range<Int>, _ lookups: CrossSectionLookups, into out: inout [Metric], _ sink: Sink
    ) {
        let table = sink.table
        let components = lookups.components, populationIDs = lookups.populationIDs
        var populationSeries: [Int32: [Int32]] = [:]
        for s in Int32(run.lowerBound)..<Int32(run.upperBound) {
            let span = range(s)
            guard !span.isEmpty else { continue }
            let regionID = seriesRegion[Int(s)], indicatorID = seriesIndicator[Int(s)]
            let region = sink.regions[Int(regionID)], indicator = indicatorNames[Int(indicatorID)]
            // Components of a whole.
            if let parts = components[Int(indicatorID)] {
                let partNames = options.components[indicator]!.map { sink.text($0) }   // indicator is a key of components (the loop runs over them)
                let partSeries = parts.map { $0 < 0 ? nil : series(regionID, $0) }
                let reason = sink.text("of \(indicator)"), structure = sink.text(indicator + "结构")
                for k in span where wanted(regionID, pointPeriods[k]) {
                    let period = pointPeriods[k], index = Int(points[k])
                    let cs = partSeries.map { $0.flatMap { find($0, period) } }
                    let whole = baseValues[index]
                    guard cs.allSatisfy({ $0 != nil }), whole != 0 else { continue }
                    let c = cs.map { $0! }   // all present: checked by the guard above
                    let shares = c.map { Exact.percent(baseValues[$0], of: whole)! }   // nil only for a zero whole, excluded above
                    for (name, (position, share)) in zip(partNames, zip(c, shares)) {
                        out.append(
                            Metric(
                                table: table, region: region, indicator: name, period: period, kind: .share,
                                value: share,
                                unit: sink.percent, inputs: table.inputs(position, index), reason: reason))
                    }
                    let sum = Exact.total(c.lazy.map { self.baseValues[$0] })
                    let gap = Exact.difference(sum, whole)
                    let fits = !Exact.less(Exact.product(options.componentTolerance, abs(whole)), abs(gap))
                    out.append(
                        Metric(
                            table: table, region: region, indicator: structure, period: period, kind: .structure,
                            value: nil, parts: fits ? shares : nil, unit: sink.percent,
                            inputs: table.inputs(c + [index]),
                            reason: fits
                                ? sink.fromComponents
                                : sink.text(
                                    "the components sum to \(Self.digits(sum)) but the total is \(Self.digits(whole)) (base units)"
                                )))
                    // Contribution and pull, from the previous year's levels.
                    let previous = period.previousYear
                    guard let t0 = find(s, previous) else { continue }
                    let c0 = partSeries.map { $0.flatMap { find($0, previous) } }
                    guard c0.allSatisfy({ $0 != nil }) else { continue }
                    if let b = breakBetween(previous, period, series: s) {
                        for name in partNames {
                            out.append(
                                Metric(
                                    table: table, region: region, indicator: name, period: period, kind: .contribution,
                                    value: nil,
                                    unit: sink.percent, inputs: .none, reason: sink.text(b.reason)))
                        }
                        continue
                    }
                    let delta = Exact.difference(whole, baseValues[t0])
                    guard delta != 0, baseValues[t0] != 0 else { continue }
                    for (j, name) in partNames.enumerated() {
                        let change = Exact.difference(baseValues[c[j]], baseValues[c0[j]!])   // c0 complete: checked by the guard above
                        let used = table.inputs([c0[j]!, c[j], t0, index])   // c0 complete: checked by the guard above
                        // 贡献率 = Δpart ÷ Δwhole × 100; 拉动 = 贡献率 × growth ÷ 100 = Δpart ÷ whole₀ × 100.
                        out.append(
                            Metric(
                                table: table, region: region, indicator: name, period: period, kind: .contribution,
                                value: Exact.percent(change, of: delta)!, unit: sink.percent, inputs: used,   // delta ≠ 0: guarded above
                                reason: sink.currentPrices, basePeriod: previous))
                        out.append(
                            Metric(
                                table: table, region: region, indicator: name, period: period, kind: .pull,
                                value: Exact.percent(change, of: baseValues[t0])!, unit: sink.points, inputs: used,   // base ≠ 0: guarded above
                                reason: sink.currentPrices, basePeriod: previous))
                    }
                }
            }
            // Per capita, for additive money figures.
            let first = Int(points[span.lowerBound])
            guard dimension(first) == .money, isSummable(indicatorID, at: first), !populationIDs.isEmpty else {
                continue
            }
            if populationSeries[regionID] == nil {
                populationSeries[regionID] = populationIDs.compactMap { series(regionID, $0) }
            }
            let pops = populationSeries[regionID]!   // set just above when absent
            guard !pops.isEmpty else { continue }
            let indicatorText = sink.indicators[Int(indicatorID)]
            for k in span where wanted(regionID, pointPeriods[k]) {
                let period = pointPeriods[k], index = Int(points[k])
                guard let (p, ps) = pops.lazy.compactMap({ s in self.find(s, period).map { ($0, s) } }).first else {
                    continue
                }
                guard dimension(p) == .people, Exact.signum(baseValues[p]) > 0 else { continue }
                let popIndicator = seriesIndicator[Int(ps)]
                let reason = sink.text(in: &sink.perPopulation, popIndicator) {
                    "per \(indicatorNames[Int(popIndicator)])"
                }
                out.append(
                    Metric(
                        table: table, region: region, indicator: indicatorText, period: period, kind: .perCapita,
                        value: Exact.quotient(baseValues[index], baseValues[p])!, unit: sink.perPerson,   // population > 0: guarded above
                        inputs: table.inputs(index, p), reason: reason))
            }
        }
    }

    /// Metrics across regions: ranks among siblings, shares of the parent, totals.
    private func regionalMetrics(groups: Range<Int>, into out: inout [Metric], _ sink: Sink) {
        let table = sink.table
        func sumReason(_ n: Int) -> Int32 {
            if let id = sink.sums[n] { return id }
            let id = sink.text("sum of \(n) regions")
            sink.sums[n] = id
            return id
        }
        var members: [(period: Period, order: Int32, region: Int32, index: Int)] = []
        for g in groups {
            let list = siblingSeries[g]
            let (parentID, indicatorID) = siblingKeys[g]
            let parent = regions.names[Int(parentID)]
            let parentText = sink.regions[Int(parentID)], indicatorText = sink.indicators[Int(indicatorID)]
            let childIDs = regions.childrenOf[Int(parentID)]
            let parentSeries = series(parentID, indicatorID)
            var ofParent: Int32?
            members.removeAll(keepingCapacity: true)
            for s in list {
                for k in range(s) where !hasParts[Int(points[k])] {
                    members.append((pointPeriods[k], Int32(members.count), seriesRegion[Int(s)], Int(points[k])))
                }
            }
            // By period; within a period, in order of the series (first appearance).
            members.sort { $0.period != $1.period ? $0.period < $1.period : $0.order < $1.order }
            var start = 0
            while start < members.count {
                var end = start + 1
                while end < members.count, members[end].period == members[start].period { end += 1 }
                defer { start = end }
                let cell = members[start..<end]
                let period = cell.first!.period   // a cell holds start..<end, end > start
                guard options.period == nil || options.period == period else { continue }
                if !options.regions.isEmpty {
                    guard
                        options.regions.contains(parent)
                            || cell.contains(where: { options.regions.contains(regions.names[Int($0.region)]) })
                    else { continue }
                }
                let sample = cell.first!.index   // as above
                let sameUnits = cell.allSatisfy { sameDimension($0.index, sample) }
                // Ranks among siblings with a figure, largest first; each rank cites its own figure.
                if cell.count >= 2, sameUnits {
                    let ranked = Ranking.ranks(
                        cell.map { (key: $0, value: baseValues[$0.index]) }, rule: options.tieRule)
                    let key = Int64(parentID) << 32 | Int64(cell.count)
                    let reason = sink.text(in: &sink.rankReasons, key) {
                        "among the \(cell.count) regions of \(parent) with a figure (\(options.tieRule.rawValue) ties)"
                    }
                    for (member, rank) in ranked where wanted(member.region, period) {
                        out.append(
                            Metric(
                                table: table, region: sink.regions[Int(member.region)], indicator: indicatorText,
                                period: period,
                                kind: .rank, value: Decimal(rank), unit: sink.rankUnit,
                                inputs: table.inputs(member.index),
                                reason: reason, count: cell.count))
                    }
                }
                guard isSummable(indicatorID, at: sample) else { continue }
                // Share of the parent's own figure.
                if let w = parentSeries.flatMap({ find($0, period) }), Exact.signum(baseValues[w]) <= 0, sameDimension(w, sample) {
                    let reason = sink.text("the figure of \(parent) is zero or negative: no share of it")
                    for member in cell where wanted(member.region, period) {
                        out.append(
                            Metric(
                                table: table, region: sink.regions[Int(member.region)], indicator: indicatorText,
                                period: period,
                                kind: .share, value: nil, unit: sink.percent, inputs: table.inputs(member.index, w),
                                reason: reason))
                    }
                } else if let w = parentSeries.flatMap({ find($0, period) }), sameDimension(w, sample) {
                    let reason = ofParent ?? sink.text("of \(parent)")
                    ofParent = reason
                    for member in cell where wanted(member.region, period) {
                        out.append(
                            Metric(
                                table: table, region: sink.regions[Int(member.region)], indicator: indicatorText,
                                period: period,
                                kind: .share, value: Exact.percent(baseValues[member.index], of: baseValues[w])!,   // the parent's figure ≠ 0: checked above
                                unit: sink.percent, inputs: table.inputs(member.index, w), reason: reason))
                    }
                }
                // Total of the parent: only when every child known to the data has a figure.
                guard wanted(parentID, period) else { continue }
                let used = table.inputs(cell.map(\.index))
                let unit = observations.unit(at: sample)
                if childIDs.count == cell.count, let unit, sameUnits {
                    let sum = Exact.total(cell.lazy.map { self.baseValues[$0.index] })
                    out.append(
                        Metric(
                            table: table, region: parentText, indicator: indicatorText, period: period, kind: .total,
                            value: Exact.quotient(sum, unit.factor)!, unit: sink.unit(unit), inputs: used,   // a unit's factor is never 0
                            reason: sumReason(cell.count), count: cell.count))
                } else {
                    let have = Set(cell.map(\.region))
                    let missing = childIDs.filter { !have.contains($0) }.map { regions.names[Int($0)] }.joined(
                        separator: "、")
                    out.append(
                        Metric(
                            table: table, region: parentText, indicator: indicatorText, period: period, kind: .total,
                            value: nil,
                            unit: sink.text(unit?.symbol ?? ""), inputs: used,
                            reason: sink.text("no figure for " + missing)))
                }
            }
        }
    }

    // MARK: Roll-ups on request

    /// Inputs at `positions` of this engine's observations, in a table of their own.
    private func inputs(_ positions: [Int]) -> Inputs {
        let table = MetricTable(store)
        return Inputs(table: table, range: table.inputs(positions))
    }

    /// The sum of an additive indicator over `regions`; absent (with the missing names) unless all
    /// have a figure; an error for an indicator that must not be summed (a rate, a share).
    public func sum(_ indicator: String, over regions: [String], period: Period, as name: String) throws -> Metric {
        let positions = regions.map { position($0, indicator, period) }
        let found = positions.map { $0.map { observations[$0] } }
        if let any = found.compactMap({ $0 }).first {
            let kind = Indicator.infer(name: indicator, dimension: any.unit?.dimension, isRatio: any.parts != nil)
            guard kind.additive else {
                throw MetricError(
                    "\(indicator) is a \(kind.kind.rawValue): it cannot be summed over regions; use a weighted average")
            }
        }
        let missing = zip(regions, found).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let unit = found.first??.unit else {
            return .absent(
                .total, region: name, indicator: indicator, period: period,
                unit: found.compactMap { $0?.unit?.symbol }.first ?? "",
                inputs: inputs(positions.compactMap { $0 }), reason: "no figure for " + missing.joined(separator: "、"))
        }
        let obs = found.map { $0! }   // none missing: checked by the guard above
        guard obs.allSatisfy({ $0.unit?.dimension == unit.dimension }) else {
            throw MetricError("\(indicator) is in different dimensions across regions")
        }
        let sum = positions.reduce(Decimal(0)) { Exact.sum($0, baseValues[$1!]) }   // none missing: checked by the guard above
        return Metric(
            region: name, indicator: indicator, period: period, kind: .total,
            value: Exact.quotient(sum, unit.factor)!, unit: unit.symbol,   // a unit's factor is never 0
            inputs: inputs(positions.compactMap { $0 }), count: obs.count)
    }

    /// The average of a rate over `regions`, weighted by `weight` (a growth rate by the previous
    /// year's level); absent unless every region has both.
    public func weightedAverage(
        _ rate: String, weightedBy weight: String, weightPeriod: Period, over regions: [String],
        period: Period, as name: String
    ) -> Metric {
        var sum = Decimal(0), total = Decimal(0)
        var used: [Int] = []
        var missing: [String] = []
        for r in regions {
            guard let gi = position(r, rate, period), let wi = position(r, weight, weightPeriod) else {
                missing.append(r); continue
            }
            sum = Exact.sum(sum, Exact.product(observations.value(at: gi), baseValues[wi]))
            total = Exact.sum(total, baseValues[wi])
            used += [gi, wi]
        }
        guard missing.isEmpty, total != 0 else {
            return .absent(
                .weightedAverage, region: name, indicator: rate, period: period, unit: "%", inputs: inputs(used),
                reason: missing.isEmpty ? "the weights sum to zero" : "no figure for " + missing.joined(separator: "、"))
        }
        return Metric(
            region: name, indicator: rate, period: period, kind: .weightedAverage, value: Exact.quotient(sum, total)!,
            unit: "%",   // total ≠ 0: guarded above
            inputs: inputs(used), reason: "weighted by \(weight) \(weightPeriod)", count: regions.count)
    }
}
