import CountyData
import Foundation

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

    public init(breaks: [SeriesBreak] = [], tieRule: TieRule = .competition,
                populationIndicators: [String] = ["年末常住人口", "常住人口", "年末户籍人口", "户籍人口"],
                components: [String: [String]] = ["地区生产总值": ["第一产业增加值", "第二产业增加值", "第三产业增加值"]],
                regions: Set<String> = [], period: Period? = nil, componentTolerance: Decimal = Decimal(string: "0.001")!)
    {
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
public struct MetricsEngine {
    public var observations: [Observation] { store.observations }
    public let options: MetricOptions
    let store: ObservationStore

    /// A region's indicator: hashed by small ids (hashing Chinese strings is slow), carrying the names.
    struct SeriesKey: Hashable {
        var regionID: Int32
        var indicatorID: Int32
        var region: String
        var indicator: String
        static func == (a: SeriesKey, b: SeriesKey) -> Bool { a.regionID == b.regionID && a.indicatorID == b.indicatorID }
        func hash(into h: inout Hasher) { h.combine(regionID); h.combine(indicatorID) }
    }

    /// Observation indices by series, each sorted by period.
    private var series: [SeriesKey: [(period: Period, index: Int)]] = [:]
    private var lookup: [SeriesKey: [Period: Int]] = [:]
    private var regionsByName: [String: Region] = [:]
    private var children: [String: [String]] = [:]
    private var seriesOrder: [SeriesKey] = []
    private var regionID: [String: Int32] = [:]
    private var indicatorID: [String: Int32] = [:]
    private var indicatorNames: [String] = []
    /// The id of the indicator stating each indicator's growth (地区生产总值 → 地区生产总值增速), if any.
    private var statedGrowthID: [Int32: Int32] = [:]
    /// Observations whose note marks a series break.
    private var breakNotes = Set<Int>()

    public init(observations: [Observation], options: MetricOptions = MetricOptions()) {
        store = ObservationStore(observations)
        self.options = options
        var lastRegion: Region?, lastRegionID: Int32 = -1
        var lastIndicator = "\u{0}", lastIndicatorID: Int32 = -1
        for (i, o) in observations.enumerated() {
            if o.region !== lastRegion {
                lastRegion = o.region
                lastRegionID = id(region: o.region.name)
                if regionsByName[o.region.name] == nil {
                    regionsByName[o.region.name] = o.region
                    if !o.region.parent.isEmpty { children[o.region.parent, default: []].append(o.region.name) }
                }
            }
            if o.indicator != lastIndicator {
                lastIndicator = o.indicator
                if let known = indicatorID[o.indicator] { lastIndicatorID = known } else {
                    lastIndicatorID = Int32(indicatorNames.count)
                    indicatorID[o.indicator] = lastIndicatorID
                    indicatorNames.append(o.indicator)
                }
            }
            let key = SeriesKey(regionID: lastRegionID, indicatorID: lastIndicatorID, region: o.region.name, indicator: o.indicator)
            if lookup[key] == nil { seriesOrder.append(key); lookup[key] = [:] }
            if lookup[key]![o.period] == nil {   // a duplicate keeps the first; `check` reports it
                lookup[key]![o.period] = i
                series[key, default: []].append((o.period, i))
            }
            if !o.note.isEmpty, Self.breakWords.contains(where: { o.note.utf8.contains(subsequence: $0.utf8) }) { breakNotes.insert(i) }
        }
        for k in series.keys { series[k]!.sort { $0.period < $1.period } }
        for (name, id) in indicatorID {
            for suffix in ["增速", "增长", "增长速度", "增幅", "增长率"] {
                if let g = indicatorID[name + suffix] { statedGrowthID[id] = g; break }
            }
        }
    }

    private mutating func id(region name: String) -> Int32 {
        if let known = regionID[name] { return known }
        let new = Int32(regionID.count)
        regionID[name] = new
        return new
    }

    /// The series key of a region's indicator by name, if the data has it.
    func key(_ region: String, _ indicator: String) -> SeriesKey? {
        guard let r = regionID[region], let i = indicatorID[indicator] else { return nil }
        return SeriesKey(regionID: r, indicatorID: i, region: region, indicator: indicator)
    }

    public init(dataset: Dataset, options: MetricOptions = MetricOptions()) {
        self.init(observations: dataset.observations, options: options)
    }

    /// The observation of a region's indicator in a period, if the input has it.
    public func observation(_ region: String, _ indicator: String, _ period: Period) -> Observation? {
        position(region, indicator, period).map { observations[$0] }
    }

    func position(_ region: String, _ indicator: String, _ period: Period) -> Int? {
        key(region, indicator).flatMap { lookup[$0]?[period] }
    }

    /// Inputs from positions in the store.
    func inputs(_ positions: Int...) -> Inputs { Inputs(store, positions) }
    func inputs(_ positions: [Int]) -> Inputs { Inputs(store, positions) }

    /// The name under which the input states an indicator's growth (地区生产总值 → 地区生产总值增速).
    public func statedGrowthName(for indicator: String, region: String) -> String? {
        guard let k = key(region, indicator), let g = statedGrowthID[k.indicatorID] else { return nil }
        let name = indicatorNames[Int(g)]
        return lookup[SeriesKey(regionID: k.regionID, indicatorID: g, region: region, indicator: name)] != nil ? name : nil
    }

    private func wanted(_ region: String, _ period: Period) -> Bool {
        (options.regions.isEmpty || options.regions.contains(region)) && (options.period == nil || options.period == period)
    }

    private func breakBetween(_ a: Period, _ b: Period, _ key: SeriesKey) -> SeriesBreak? {
        if let b0 = options.breaks.first(where: { $0.separates(a, b, region: key.region, indicator: key.indicator) }) { return b0 }
        // A note on the later observation can mark the break itself.
        if !breakNotes.isEmpty, let i = lookup[key]?[b], breakNotes.contains(i) {
            return SeriesBreak(region: key.region, indicator: key.indicator, period: b, reason: "the note of \(b) marks a series break")
        }
        return nil
    }

    /// How a growth computed from levels is qualified: money levels are at current prices.
    static func levelsNote(_ o: Observation) -> String {
        o.unit?.dimension == .money ? "computed from levels, 按现价计算" : "computed from levels"
    }

    static let breakWords = ["口径调整", "口径变化", "普查修订", "数据修订", "series break"]

    // MARK: All metrics

    /// Every metric the observations support, in series order.
    public func all() -> [Metric] {
        var out: [Metric] = []
        out.reserveCapacity(observations.count * 3)
        Trace.mark("engine indexed")
        for key in seriesOrder { seriesMetrics(key, into: &out) }
        Trace.mark("series metrics: \(out.count)")
        crossSectionMetrics(into: &out)
        Trace.mark("cross-section metrics: \(out.count)")
        regionalMetrics(into: &out)
        Trace.mark("regional metrics: \(out.count)")
        return out
    }

    private func isGrowthName(_ name: String) -> Bool { Indicator.isGrowthName(name) }

    /// Metrics of one region's one indicator over time: yoy, pp change, CAGR, two-year average,
    /// index, structure, single-period values.
    func seriesMetrics(_ key: SeriesKey, into out: inout [Metric]) {
        guard let points = series[key], let firstIndex = points.first?.index, let byPeriod = lookup[key] else { return }
        let first = observations[firstIndex]
        let dimension = first.unit?.dimension
        let isGrowth = isGrowthName(key.indicator)
        let isPercent = dimension == .ratio || dimension == .percentagePoint
        let isStructure = first.parts != nil
        let annual = points.filter { $0.period.kind == .year }
        // The series that states this one's growth, looked up once.
        let statedSeries: [Period: Int]? = isPercent || isGrowth || isStructure ? nil
            : statedGrowthID[key.indicatorID].flatMap {
                lookup[SeriesKey(regionID: key.regionID, indicatorID: $0, region: key.region, indicator: indicatorNames[Int($0)])]
            }
        func metric(_ period: Period, _ kind: MetricKind, _ value: Decimal?, parts: [Decimal]? = nil, unit: String, stated: Bool = false,
                    _ positions: [Int], reason: String? = nil, count: Int? = nil, base: Period? = nil) -> Metric
        {
            Metric(region: key.region, indicator: key.indicator, period: period, kind: kind, value: value, parts: parts, unit: unit,
                   stated: stated, inputs: inputs(positions), reason: reason, count: count, basePeriod: base)
        }

        for (n, point) in points.enumerated() {
            let o = observations[point.index]
            guard wanted(key.region, point.period) else { continue }
            let previousPeriod = point.period.previousYear
            let previousIndex = byPeriod[previousPeriod]
            if isStructure {
                if let parts = o.parts {
                    out.append(metric(point.period, .structure, nil, parts: parts, unit: "%", stated: true, [point.index]))
                    if let p = previousIndex, let old = observations[p].parts, old.count == parts.count {
                        out.append(metric(point.period, .ppChange, nil, parts: zip(parts, old).map { $0 - $1 }, unit: "百分点",
                                          [p, point.index], base: previousPeriod))
                    }
                }
                continue
            }
            if isPercent || isGrowth {
                // Rates and growth change in percentage points.
                if let p = previousIndex {
                    let previous = observations[p]
                    if let b = breakBetween(previousPeriod, point.period, key) {
                        out.append(metric(point.period, .ppChange, nil, unit: "百分点", [p, point.index], reason: b.reason))
                    } else {
                        out.append(metric(point.period, .ppChange, Growth.pointChange(from: previous.value, to: o.value), unit: "百分点",
                                          [p, point.index], base: previousPeriod))
                    }
                    if isGrowth, point.period.kind == .year, let avg = Growth.twoYearAverage(previous.value, o.value) {
                        out.append(metric(point.period, .twoYearAverage, avg, unit: "%", [p, point.index], base: previousPeriod))
                    }
                }
                continue
            }
            // Levels: year-on-year growth, stated where the input states it.
            if let s = statedSeries?[point.period] {
                let stated = observations[s]
                out.append(metric(point.period, .yoy, stated.value, unit: "%", stated: true, [s],
                                  reason: stated.note.isEmpty ? nil : stated.note))
            } else if let p = previousIndex {
                let previous = observations[p]
                if let b = breakBetween(previousPeriod, point.period, key) {
                    out.append(metric(point.period, .yoy, nil, unit: "%", [p, point.index],
                                      reason: "\(b.reason): growth across it is taken only as stated, and none is stated"))
                } else if let g = Growth.percentChange(from: previous, to: o) {
                    out.append(metric(point.period, .yoy, g, unit: "%", [p, point.index], reason: Self.levelsNote(o), base: previousPeriod))
                } else {
                    out.append(metric(point.period, .yoy, nil, unit: "%", [p, point.index], reason: "the previous value is zero or in another unit"))
                }
            } else if n > 0, point.period.kind == .year {
                out.append(metric(point.period, .yoy, nil, unit: "%", [], reason: "no figure for \(previousPeriod) and no stated growth"))
            }
            // Index, first year of the series = 100.
            if point.period.kind == .year, let base = annual.first, base.period != point.period {
                let b = observations[base.index]
                let unit = "\(base.period.year)=100"
                if let br = breakBetween(base.period, point.period, key) {
                    out.append(metric(point.period, .index, nil, unit: unit, [base.index, point.index], reason: br.reason))
                } else if b.baseValue != 0, b.unit?.dimension == o.unit?.dimension {
                    out.append(metric(point.period, .index, o.baseValue / b.baseValue * 100, unit: unit, [base.index, point.index], base: base.period))
                }
            }
            // Single-period values from year-to-date totals.
            if case .yearToDate(let m) = point.period.kind,
                let earlier = points.last(where: { p in
                    if case .yearToDate(let m2) = p.period.kind { return p.period.year == point.period.year && m2 < m }
                    return false
                })
            {
                let e = observations[earlier.index]
                let m2 = earlier.period.endMonth
                let single: Period? = m - m2 == 1 ? Period(year: point.period.year, kind: .month(m))
                    : (m - m2 == 3 && m % 3 == 0) ? Period(year: point.period.year, kind: .quarter(m / 3)) : nil
                if let single, e.unit?.dimension == o.unit?.dimension, let unit = o.unit {
                    out.append(metric(single, .singlePeriod, (o.baseValue - e.baseValue) / unit.factor, unit: unit.symbol,
                                      [earlier.index, point.index], reason: "\(point.period) less \(earlier.period)"))
                }
            }
        }
        // CAGR over the whole annual series.
        if !isPercent, !isGrowth, !isStructure, annual.count >= 2, let f = annual.first, let l = annual.last,
            l.period.year - f.period.year >= 2, wanted(key.region, l.period)
        {
            let a = observations[f.index], b = observations[l.index]
            let years = l.period.year - f.period.year
            if let br = breakBetween(f.period, l.period, key) {
                out.append(metric(l.period, .cagr, nil, unit: "%", [f.index, l.index], reason: br.reason))
            } else if a.unit?.dimension == b.unit?.dimension, let g = Growth.cagr(first: a.baseValue, last: b.baseValue, years: years) {
                out.append(metric(l.period, .cagr, g, unit: "%", [f.index, l.index], reason: Self.levelsNote(b), count: years, base: f.period))
            }
        }
    }

    /// Metrics within one region and period: shares of a whole, a structure from components,
    /// contributions and pulls, per-capita values.
    func crossSectionMetrics(into out: inout [Metric]) {
        var populationSeries: [String: [[Period: Int]]] = [:]
        for key in seriesOrder {
            guard let points = series[key] else { continue }
            // Components of a whole.
            if let parts = options.components[key.indicator] {
                let partSeries = parts.map { self.key(key.region, $0).flatMap { lookup[$0] } }
                for point in points where wanted(key.region, point.period) {
                    let total = observations[point.index]
                    let cs = partSeries.map { $0?[point.period] }
                    guard cs.allSatisfy({ $0 != nil }), total.baseValue != 0 else { continue }
                    let c = cs.map { $0! }
                    let shares = c.map { observations[$0].baseValue / total.baseValue * 100 }
                    for (name, (position, share)) in zip(parts, zip(c, shares)) {
                        out.append(Metric(region: key.region, indicator: name, period: point.period, kind: .share, value: share, unit: "%",
                                          inputs: inputs(position, point.index), reason: "of \(key.indicator)"))
                    }
                    let sum = c.reduce(Decimal(0)) { $0 + observations[$1].baseValue }
                    let gap = abs(sum - total.baseValue) / total.baseValue
                    if gap <= options.componentTolerance {
                        out.append(Metric(region: key.region, indicator: key.indicator + "结构", period: point.period, kind: .structure,
                                          value: nil, parts: shares, unit: "%", inputs: inputs(c + [point.index]),
                                          reason: "computed from the components"))
                    } else {
                        out.append(.absent(.structure, region: key.region, indicator: key.indicator + "结构", period: point.period, unit: "%",
                                           inputs: inputs(c + [point.index]),
                                           reason: "the components sum to \(sum) but the total is \(total.baseValue) (base units)"))
                    }
                    // Contribution and pull, from the previous year's levels.
                    let prev = point.period.previousYear
                    guard let t0 = lookup[key]?[prev] else { continue }
                    let c0 = partSeries.map { $0?[prev] }
                    guard c0.allSatisfy({ $0 != nil }) else { continue }
                    if let b = breakBetween(prev, point.period, key) {
                        for name in parts {
                            out.append(.absent(.contribution, region: key.region, indicator: name, period: point.period, unit: "%",
                                               reason: b.reason))
                        }
                        continue
                    }
                    let delta = total.baseValue - observations[t0].baseValue
                    guard delta != 0, observations[t0].baseValue != 0 else { continue }
                    let growth = delta / observations[t0].baseValue * 100
                    for (k, name) in parts.enumerated() {
                        let contribution = (observations[c[k]].baseValue - observations[c0[k]!].baseValue) / delta * 100
                        let used = inputs(c0[k]!, c[k], t0, point.index)
                        out.append(Metric(region: key.region, indicator: name, period: point.period, kind: .contribution, value: contribution,
                                          unit: "%", inputs: used, reason: "按现价计算", basePeriod: prev))
                        out.append(Metric(region: key.region, indicator: name, period: point.period, kind: .pull,
                                          value: contribution * growth / 100, unit: "百分点", inputs: used, reason: "按现价计算", basePeriod: prev))
                    }
                }
            }
            // Per capita, for additive money figures.
            guard let first = points.first.map({ observations[$0.index] }), first.unit?.dimension == .money,
                Indicator.infer(name: key.indicator, dimension: .money, isRatio: false).additive
            else { continue }
            if populationSeries[key.region] == nil {
                populationSeries[key.region] = options.populationIndicators.compactMap { self.key(key.region, $0).flatMap { lookup[$0] } }
            }
            let pops = populationSeries[key.region]!
            guard !pops.isEmpty else { continue }
            for point in points where wanted(key.region, point.period) {
                guard let p = pops.lazy.compactMap({ $0[point.period] }).first else { continue }
                let pop = observations[p]
                guard pop.unit?.dimension == .people, pop.baseValue > 0 else { continue }
                let o = observations[point.index]
                out.append(Metric(region: key.region, indicator: key.indicator, period: point.period, kind: .perCapita,
                                  value: o.baseValue / pop.baseValue, unit: "元/人", inputs: inputs(point.index, p),
                                  reason: "per \(pop.indicator)"))
            }
        }
    }

    /// Metrics across regions: ranks among siblings, shares of the parent, totals.
    func regionalMetrics(into out: inout [Metric]) {
        struct Cell: Hashable {
            var indicatorID: Int32
            var period: Period
            var parentID: Int32
            var indicator: String
            var parent: String
            static func == (a: Cell, b: Cell) -> Bool { a.indicatorID == b.indicatorID && a.period == b.period && a.parentID == b.parentID }
            func hash(into h: inout Hasher) { h.combine(indicatorID); h.combine(period); h.combine(parentID) }
        }
        var parentIDs: [String: Int32] = [:]
        var kinds: [Int32: Indicator] = [:]
        // Group series by (parent, indicator) — one dictionary step per series, not per figure —
        // then walk each group's periods.
        var seriesGroups: [Int64: [SeriesKey]] = [:]
        var groupOrder: [Int64] = []
        var parentOfGroup: [Int64: String] = [:]
        for key in seriesOrder {
            guard let parent = regionsByName[key.region]?.parent, !parent.isEmpty else { continue }
            let parentID: Int32
            if let p = parentIDs[parent] { parentID = p } else { parentID = Int32(parentIDs.count); parentIDs[parent] = parentID }
            let g = Int64(parentID) << 32 | Int64(key.indicatorID)
            if seriesGroups[g] == nil { groupOrder.append(g); parentOfGroup[g] = parent }
            seriesGroups[g, default: []].append(key)
        }
        var groups: [Cell: [(region: String, index: Int)]] = [:]
        var order: [Cell] = []
        for g in groupOrder {
            let keys = seriesGroups[g]!
            let parent = parentOfGroup[g]!
            var byPeriod: [Period: [(region: String, index: Int)]] = [:]
            var periods: [Period] = []
            for key in keys {
                for point in series[key]! where observations[point.index].parts == nil {
                    if byPeriod[point.period] == nil { periods.append(point.period) }
                    byPeriod[point.period, default: []].append((key.region, point.index))
                }
            }
            for p in periods {
                let cell = Cell(indicatorID: keys[0].indicatorID, period: p, parentID: Int32(g >> 32), indicator: keys[0].indicator, parent: parent)
                order.append(cell)
                groups[cell] = byPeriod[p]!
            }
        }
        var childrenOf: [Int32: [String]] = [:]
        var parentSeries: [Int64: [Period: Int]?] = [:]
        for cell in order {
            let members = groups[cell]!
            let anyWanted = options.regions.isEmpty || members.contains { options.regions.contains($0.region) }
                || options.regions.contains(cell.parent)
            guard anyWanted, options.period == nil || options.period == cell.period else { continue }
            let sample = observations[members[0].index]
            if kinds[cell.indicatorID] == nil {
                kinds[cell.indicatorID] = Indicator.infer(name: cell.indicator, dimension: sample.unit?.dimension, isRatio: false)
            }
            let indicator = kinds[cell.indicatorID]!
            // Ranks among siblings with a figure, largest first; each rank cites its own figure.
            if members.count >= 2, members.allSatisfy({ observations[$0.index].unit?.dimension == sample.unit?.dimension }) {
                let ranked = Ranking.ranks(members.map { (key: $0, value: observations[$0.index].baseValue) }, rule: options.tieRule)
                let reason = "among the \(members.count) regions of \(cell.parent) with a figure (\(options.tieRule.rawValue) ties)"
                for (member, rank) in ranked where wanted(member.region, cell.period) {
                    out.append(Metric(region: member.region, indicator: cell.indicator, period: cell.period, kind: .rank,
                                      value: Decimal(rank), unit: "位", inputs: inputs(member.index), reason: reason, count: members.count))
                }
            }
            guard indicator.additive else { continue }
            // Share of the parent's own figure.
            let g = Int64(cell.parentID) << 32 | Int64(cell.indicatorID)
            if parentSeries[g] == nil { parentSeries[g] = .some(key(cell.parent, cell.indicator).flatMap { lookup[$0] }) }
            if let w = parentSeries[g]!?[cell.period], observations[w].baseValue != 0,
                observations[w].unit?.dimension == sample.unit?.dimension
            {
                let whole = observations[w]
                for member in members where wanted(member.region, cell.period) {
                    out.append(Metric(region: member.region, indicator: cell.indicator, period: cell.period, kind: .share,
                                      value: observations[member.index].baseValue / whole.baseValue * 100, unit: "%",
                                      inputs: inputs(member.index, w), reason: "of \(cell.parent)"))
                }
            }
            // Total of the parent: only when every child known to the data has a figure.
            guard wanted(cell.parent, cell.period) else { continue }
            if childrenOf[cell.parentID] == nil { childrenOf[cell.parentID] = children[cell.parent] ?? [] }
            let all = childrenOf[cell.parentID]!
            let used = inputs(members.map(\.index))
            if all.count == members.count, let unit = sample.unit,
                members.allSatisfy({ observations[$0.index].unit?.dimension == unit.dimension })
            {
                let sum = members.reduce(Decimal(0)) { $0 + observations[$1.index].baseValue }
                out.append(Metric(region: cell.parent, indicator: cell.indicator, period: cell.period, kind: .total,
                                  value: unit.factor == 1 ? sum : sum / unit.factor,
                                  unit: unit.symbol, inputs: used, reason: "sum of \(members.count) regions", count: members.count))
            } else {
                let have = Set(members.map(\.region))
                out.append(.absent(.total, region: cell.parent, indicator: cell.indicator, period: cell.period, unit: sample.unit?.symbol ?? "",
                                   inputs: used, reason: "no figure for " + all.filter { !have.contains($0) }.joined(separator: "、")))
            }
        }
    }

    // MARK: Roll-ups on request

    /// The sum of an additive indicator over `regions`; absent (with the missing names) unless all
    /// have a figure; an error for an indicator that must not be summed (a rate, a share).
    public func sum(_ indicator: String, over regions: [String], period: Period, as name: String) throws -> Metric {
        let positions = regions.map { position($0, indicator, period) }
        let found = positions.map { $0.map { observations[$0] } }
        if let any = found.compactMap({ $0 }).first {
            let kind = Indicator.infer(name: indicator, dimension: any.unit?.dimension, isRatio: any.parts != nil)
            guard kind.additive else {
                throw MetricError("\(indicator) is a \(kind.kind.rawValue): it cannot be summed over regions; use a weighted average")
            }
        }
        let missing = zip(regions, found).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let unit = found.first??.unit else {
            return .absent(.total, region: name, indicator: indicator, period: period, unit: found.compactMap { $0?.unit?.symbol }.first ?? "",
                           inputs: inputs(positions.compactMap { $0 }), reason: "no figure for " + missing.joined(separator: "、"))
        }
        let obs = found.map { $0! }
        guard obs.allSatisfy({ $0.unit?.dimension == unit.dimension }) else {
            throw MetricError("\(indicator) is in different dimensions across regions")
        }
        return Metric(region: name, indicator: indicator, period: period, kind: .total,
                      value: obs.reduce(Decimal(0)) { $0 + $1.baseValue } / unit.factor, unit: unit.symbol,
                      inputs: inputs(positions.compactMap { $0 }),
                      count: obs.count)
    }

    /// The average of a rate over `regions`, weighted by `weight` (a growth rate by the previous
    /// year's level); absent unless every region has both.
    public func weightedAverage(_ rate: String, weightedBy weight: String, weightPeriod: Period, over regions: [String],
                                period: Period, as name: String) -> Metric
    {
        var sum = Decimal(0), total = Decimal(0)
        var used: [Int] = []
        var missing: [String] = []
        for r in regions {
            guard let gi = position(r, rate, period), let wi = position(r, weight, weightPeriod) else { missing.append(r); continue }
            sum += observations[gi].value * observations[wi].baseValue
            total += observations[wi].baseValue
            used += [gi, wi]
        }
        guard missing.isEmpty, total != 0 else {
            return .absent(.weightedAverage, region: name, indicator: rate, period: period, unit: "%", inputs: inputs(used),
                           reason: missing.isEmpty ? "the weights sum to zero" : "no figure for " + missing.joined(separator: "、"))
        }
        return Metric(region: name, indicator: rate, period: period, kind: .weightedAverage, value: sum / total, unit: "%",
                      inputs: inputs(used), reason: "weighted by \(weight) \(weightPeriod)", count: regions.count)
    }
}
