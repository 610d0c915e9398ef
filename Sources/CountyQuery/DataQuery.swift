import CountyData
import CountyMetrics
import Foundation
import Synchronization

/// One way for charts and report text to ask for figures: stated observations and computed
/// metrics of a dataset, by region, indicator, period and metric kind.
///
/// Built once over a dataset whose conflicts are resolved (`ConflictResolution`); a figure that
/// is still given twice with different values is refused when asked for, naming both rows.
public final class DataQuery: Sendable {
    public let dataset: Dataset
    public let engine: MetricsEngine
    /// Observations by region, indicator and period.
    private let index: [Key: Int]
    /// Unresolved conflicts: both rows of each.
    private let conflicts: [Key: [Int]]
    /// Computed on the first metric asked for: a chart of stated figures never pays for them.
    private let metricsByKey = Mutex<[MetricKey: Metric]?>(nil)
    /// Sibling regions (same parent) by region name, in order of first appearance.
    private let siblingsOf: [String: [String]]

    struct Key: Hashable { var region: String; var indicator: String; var period: Period }
    struct MetricKey: Hashable { var kind: MetricKind; var key: Key }

    public init(dataset: Dataset, options: MetricOptions = MetricOptions()) {
        self.dataset = dataset
        var index: [Key: Int] = [:], conflicts: [Key: [Int]] = [:]
        for (i, o) in dataset.observations.enumerated() {
            let k = Key(region: o.region.name, indicator: o.indicator, period: o.period)
            if let first = index[k] {
                let a = dataset.observations[first]
                if a.baseValue != o.baseValue || a.parts != o.parts { conflicts[k, default: [first]].append(i) }
            } else {
                index[k] = i
            }
        }
        self.index = index
        self.conflicts = conflicts
        engine = MetricsEngine(dataset: dataset, options: options)
        var children: [String: [String]] = [:], parents: [String: String] = [:]
        for r in dataset.regions where parents[r.name] == nil {
            parents[r.name] = r.parent
            if !r.parent.isEmpty { children[r.parent, default: []].append(r.name) }
        }
        siblingsOf = parents.mapValues { children[$0] ?? [] }
    }

    /// The stated figure of a region's indicator in a period, or nil when the data has none.
    public func observation(region: String, indicator: String, period: Period) throws -> Observation? {
        let k = Key(region: region, indicator: indicator, period: period)
        if let rows = conflicts[k] { throw conflictError(rows, k) }
        return index[k].map { dataset.observations[$0] }
    }

    /// A metric of the figure (growth, change in 百分点, rank, share …), present or absent with its
    /// reason; nil when nothing at all was computed for it. Refused when any of its inputs is in conflict.
    public func metric(_ kind: MetricKind, region: String, indicator: String, period: Period) throws -> Metric? {
        let key = MetricKey(kind: kind, key: Key(region: region, indicator: indicator, period: period))
        guard
            let m = metricsByKey.withLock({ cache in
                if cache == nil {
                    var metrics: [MetricKey: Metric] = [:]
                    for m in engine.all() {
                        let k = MetricKey(
                            kind: m.kind, key: Key(region: m.region, indicator: m.indicator, period: m.period))
                        if metrics[k] == nil { metrics[k] = m }
                    }
                    cache = metrics
                }
                return cache![key]   // filled just above when nil
            })
        else { return nil }
        for o in m.inputs {
            let k = Key(region: o.region.name, indicator: o.indicator, period: o.period)
            if let rows = conflicts[k] { throw conflictError(rows, k) }
        }
        return m
    }

    /// Periods with a figure of the region's indicator, in order.
    public func periods(region: String, indicator: String) -> [Period] {
        index.keys.filter { $0.region == region && $0.indicator == indicator }.map(\.period).sorted()
    }

    /// The regions with the same parent as `region` (itself included), as the data lists them.
    public func siblings(of region: String) -> [String] { siblingsOf[region] ?? [] }

    /// The region's parent as the data names it, or nil.
    public func parent(of region: String) -> String? {
        dataset.regions.first { $0.name == region }.map(\.parent).flatMap { $0.isEmpty ? nil : $0 }
    }

    public func hasIndicator(_ name: String) -> Bool { dataset.indicatorNames.contains(name) }

    private func conflictError(_ rows: [Int], _ k: Key) -> DataError {
        let obs = rows.map { dataset.observations[$0] }
        let values = obs.map { "\($0.value)\($0.unit?.symbol ?? "") at \($0.provenance.location)" }.joined(
            separator: " and ")
        return DataError(
            obs[obs.count - 1].provenance.location,
            "“\(k.indicator)” of “\(k.region)” for \(k.period) is given twice with different values (\(values)); resolve it under conflicts:"
        )
    }
}
