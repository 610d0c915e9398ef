import ChartCompiler
import CountyData
import CountyMetrics
import CountyQuery
import Foundation
import Specs

/// Turns a chart spec into a chart: categories and values asked of the query (stated figures or
/// computed metrics), converted exactly into each series' unit.
///
/// A period axis holds every year from the first period to the last: a year without a figure is
/// a visible gap (no bar, no point, the line not joined across it), never dropped from the axis.
public enum ChartResolution {
    public static func chart(
        _ spec: ChartSpec, query: DataQuery?, defaultRegion: String? = nil, defaultPeriod: Period? = nil
    ) throws -> Chart {
        try resolved(spec, query: query, defaultRegion: defaultRegion, defaultPeriod: defaultPeriod).chart
    }

    /// The chart and, for every series and category, where its value came from (`file:line`, or
    /// the metric and its inputs); empty for inline values and gaps.
    public static func resolved(
        _ spec: ChartSpec, query: DataQuery?, defaultRegion: String? = nil, defaultPeriod: Period? = nil
    ) throws
        -> (chart: Chart, origins: [[[String]]])
    {
        let region = spec.region ?? defaultRegion
        let keys: [(region: String?, period: Period?)]
        let categories: [String]
        switch spec.categories {
        case .labels(let labels):
            categories = labels
            keys = labels.map { _ in (nil, nil) }
        case .regions(let regions):
            guard !regions.isEmpty else {
                throw DataError(spec.location, "categories: regions needs a list of regions")
            }
            categories = regions
            keys = regions.map { ($0, spec.period ?? defaultPeriod) }
        case .periods(let listed):
            let periods = try axisPeriods(spec, listed: listed, query: query, region: region)
            categories = periods.map { $0.kind == .year ? "\($0.year)年" : $0.description }
            keys = periods.map { (region, $0) }
        }
        let resolved = try spec.series.map { try resolve($0, keys: keys, query: query, spec: spec) }
        guard let kind = Chart.Kind(rawValue: spec.type) else {
            throw DataError(spec.location, "unknown chart type “\(spec.type)”")
        }
        let chart = Chart(
            kind: kind, title: spec.title, subtitle: spec.subtitle, source: spec.source, categories: categories,
            series: resolved.map(\.series), valueLabels: spec.valueLabels, breaks: spec.breaks)
        return (chart, resolved.map(\.origins))
    }

    /// Every year from the first to the last period listed (or found in the data), in order.
    static func axisPeriods(_ spec: ChartSpec, listed: [Period], query: DataQuery?, region: String?) throws -> [Period]
    {
        var found = listed
        if found.isEmpty, let query, let first = spec.series.first?.indicator {
            found = query.periods(region: spec.series.first?.region ?? region ?? "", indicator: first)
        }
        guard let lo = found.min(), let hi = found.max() else {
            throw DataError(spec.location, "categories: periods needs periods (or data to take them from)")
        }
        guard lo.kind == .year, hi.kind == .year else { return found.sorted() }
        return (lo.year...hi.year).map { Period.year($0) }
    }

    static func resolve(
        _ s: ChartSpec.Series, keys: [(region: String?, period: Period?)], query: DataQuery?, spec: ChartSpec
    ) throws
        -> (series: Chart.Series, origins: [[String]])
    {
        let mark = Chart.MarkKind(rawValue: s.mark ?? (spec.type == "line" ? "line" : "bar")) ?? .bar
        let axis = Chart.Axis(rawValue: s.axis ?? "left") ?? .left
        if let values = s.values {
            guard values.count == keys.count else {
                throw DataError(s.location, "\(values.count) values for \(keys.count) categories")
            }
            return (
                Chart.Series(name: s.name, values: values, unit: s.unit, mark: mark, axis: axis, decimals: s.decimals),
                values.map { _ in ["\(s.location) (inline)"] }
            )
        }
        guard let query, let indicator = s.indicator else {
            throw DataError(s.location, "the series takes “\(s.indicator ?? "")” from data, but there is no data")
        }
        guard query.hasIndicator(indicator) else {
            throw DataError(s.location, "the data has no indicator “\(indicator)”")
        }
        if let metric = s.metric {
            return try metricSeries(
                s, metric: metric, indicator: indicator, keys: keys, query: query, mark: mark, axis: axis)
        }
        let target = try s.unit.map { u -> CountyData.Unit in
            guard let unit = CountyData.Unit(u) else {
                throw DataError(s.location, "“\(u)” is not a unit CountyReport knows")
            }
            return unit
        }
        var unit = s.unit
        var origins: [[String]] = []
        let values: [Decimal?] = try keys.map { key in
            let r = s.region ?? key.region ?? ""
            let found = try (s.period ?? key.period).flatMap {
                try query.observation(region: r, indicator: indicator, period: $0)
            }
            origins.append(found.map { ["\($0.provenance.location)"] } ?? [])
            guard let p = s.period ?? key.period, let o = found else { return nil }
            if let part = s.part {
                guard let parts = o.parts, part < parts.count else {
                    throw DataError(s.location, "“\(indicator)” of \(r) has no part \(part)")
                }
                return parts[part]
            }
            if unit == nil { unit = o.unit?.symbol }
            guard let t = target ?? (s.part == nil ? o.unit : nil) else { return o.value }
            do { return try o.value(in: t) } catch {
                throw DataError(
                    s.location,
                    "“\(indicator)” of \(r) (\(p)) is in \(o.unit?.symbol ?? "no unit"), not convertible to \(t.symbol)"
                )
            }
        }
        return (
            Chart.Series(name: s.name, values: values, unit: unit, mark: mark, axis: axis, decimals: s.decimals),
            origins
        )
    }

    /// A series of a computed metric (growth from levels, rank over time …).
    static func metricSeries(
        _ s: ChartSpec.Series, metric: String, indicator: String, keys: [(region: String?, period: Period?)],
        query: DataQuery, mark: Chart.MarkKind, axis: Chart.Axis
    ) throws -> (series: Chart.Series, origins: [[String]]) {
        guard let kind = MetricKind(rawValue: metric) else {
            throw DataError(
                s.location,
                "unknown metric “\(metric)”: use " + MetricKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var unit: String? = s.unit
        var origins: [[String]] = []
        let values: [Decimal?] = try keys.map { key in
            let r = s.region ?? key.region ?? ""
            let found = try (s.period ?? key.period).flatMap {
                try query.metric(kind, region: r, indicator: indicator, period: $0)
            }
            origins.append(
                found.map { m in
                    ["\(kind.rawValue)\(m.stated ? " (stated)" : " (computed)")"]
                        + m.inputs.locations.map(\.description)
                } ?? [])
            guard let m = found else { return nil }
            if unit == nil { unit = m.unit }
            return m.value
        }
        return (
            Chart.Series(name: s.name, values: values, unit: unit, mark: mark, axis: axis, decimals: s.decimals),
            origins
        )
    }
}
