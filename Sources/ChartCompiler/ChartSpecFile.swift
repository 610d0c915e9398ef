import CountyData
import Foundation
import Yams

/// A chart described in YAML (or JSON, which YAML reads too): its type, texts, and data selected
/// from a dataset by indicator, region and period — or given inline.
///
/// ```yaml
/// type: combo                       # bar | hbar | stacked | stacked100 | line | combo
/// title: 2018—2023年邵阳市地区生产总值及其增长速度
/// source: 邵阳市统计公报
/// data: ../../data/shaoyang-counties.csv   # relative to this file; --data overrides
/// categories: periods               # periods | regions | a list of labels (with inline values)
/// region: 邵阳市                    # the region, when categories are periods
/// periods: [2018, 2019, 2020, 2021, 2022, 2023]
/// series:
///   - {indicator: 地区生产总值, name: 地区生产总值, unit: 亿元, mark: bar}
///   - {indicator: 地区生产总值增速, name: 增长速度, unit: "%", mark: line, axis: right}
/// ```
public struct ChartSpecFile: Sendable {
    public struct SeriesSpec: Sendable {
        var indicator: String?
        var name: String
        var unit: String?
        var mark: Chart.MarkKind
        var axis: Chart.Axis
        var decimals: Int?
        /// For a structure (19.4:36.3:44.3): which part.
        var part: Int?
        var region: String?
        var period: Period?
        var values: [Decimal?]?
    }

    public var file: String
    public var kind: Chart.Kind
    public var title: String
    public var subtitle: String?
    public var source: String?
    /// The data file, resolved against the spec's folder.
    public var data: String?
    public var categoriesBy: String
    public var labels: [String]
    public var region: String?
    public var regions: [String]
    public var period: Period?
    public var periods: [Period]
    public var series: [SeriesSpec]
    public var breaks: [String]
    public var valueLabels: Bool

    /// Reads a spec; problems name the file and the key.
    public static func load(path: String) throws -> ChartSpecFile {
        let text = String(decoding: try TextFile.readUTF8(path: path, encoding: .utf8), as: UTF8.self)
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> ChartSpecFile {
        func fail(_ key: String, _ message: String) -> DataError { DataError(SourceLocation(file: file, key: key), message) }
        let root: [String: Any]
        do {
            guard let r = try Yams.load(yaml: text) as? [String: Any] else { throw fail("$", "expected a mapping with type, title and series") }
            root = r
        } catch let e as DataError { throw e } catch { throw DataError(SourceLocation(file: file), "not valid YAML: \(error)") }
        func string(_ key: String) -> String? { root[key].map { "\($0)" } }
        guard let typeName = string("type") ?? Optional("bar"), let kind = Chart.Kind(rawValue: typeName) else {
            throw fail("type", "unknown chart type “\(string("type") ?? "")”: use " + Chart.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let title = string("title") else { throw fail("title", "a chart needs a title") }
        func period(_ any: Any, _ key: String) throws -> Period {
            guard let p = Period("\(any)") else { throw fail(key, "“\(any)” is not a period") }
            return p
        }
        var spec = ChartSpecFile(
            file: file, kind: kind, title: title, subtitle: string("subtitle"), source: string("source"), data: nil,
            categoriesBy: "periods", labels: [], region: string("region"),
            regions: (root["regions"] as? [Any])?.map { "\($0)" } ?? [], period: nil, periods: [], series: [],
            breaks: (root["breaks"] as? [Any])?.map { "\($0)" } ?? [], valueLabels: (root["value_labels"] as? Bool) ?? true)
        if let d = string("data") {
            spec.data = d.hasPrefix("/") ? d : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(d).standardized.path
        }
        if let list = root["categories"] as? [Any] { spec.categoriesBy = "labels"; spec.labels = list.map { "\($0)" } }
        else if let by = string("categories") {
            guard ["periods", "regions"].contains(by) else { throw fail("categories", "“\(by)”: use periods, regions or a list of labels") }
            spec.categoriesBy = by
        }
        if let p = root["period"] { spec.period = try period(p, "period") }
        spec.periods = try ((root["periods"] as? [Any]) ?? []).enumerated().map { try period($0.element, "periods[\($0.offset)]") }
        guard let list = root["series"] as? [[String: Any]], !list.isEmpty else { throw fail("series", "a chart needs a list of series") }
        for (n, item) in list.enumerated() {
            let key = "series[\(n)]"
            let indicator = item["indicator"].map { "\($0)" }
            let mark = try item["mark"].map { m -> Chart.MarkKind in
                guard let k = Chart.MarkKind(rawValue: "\(m)") else { throw fail(key + ".mark", "“\(m)”: use bar or line") }
                return k
            } ?? (kind == .line ? .line : .bar)
            let axis = try item["axis"].map { a -> Chart.Axis in
                guard let k = Chart.Axis(rawValue: "\(a)") else { throw fail(key + ".axis", "“\(a)”: use left or right") }
                return k
            } ?? .left
            var values: [Decimal?]?
            if let raw = item["values"] as? [Any] {
                values = try raw.enumerated().map { (i, v) -> Decimal? in
                    switch PlainNumber.read("\(v)") {
                    case .missing: return nil
                    case .value(let d): return d
                    case .invalid: throw fail("\(key).values[\(i)]", "“\(v)” is not a number")
                    }
                }
            }
            guard indicator != nil || values != nil else { throw fail(key, "a series needs an indicator or values") }
            if let u = item["unit"].map({ "\($0)" }), Unit(u) == nil { throw fail(key + ".unit", "“\(u)” is not a unit CountyReport knows") }
            spec.series.append(SeriesSpec(
                indicator: indicator, name: item["name"].map { "\($0)" } ?? indicator ?? "系列\(n + 1)", unit: item["unit"].map { "\($0)" },
                mark: mark, axis: axis, decimals: item["decimals"] as? Int, part: item["part"] as? Int,
                region: item["region"].map { "\($0)" }, period: try item["period"].map { try period($0, key + ".period") }, values: values))
        }
        return spec
    }

    /// The chart with its values taken from `dataset` (exact, converted into each series' unit).
    public func resolve(_ dataset: Dataset?) throws -> Chart {
        func fail(_ key: String, _ message: String) -> DataError { DataError(SourceLocation(file: file, key: key), message) }
        var categories: [String]
        var keys: [(region: String?, period: Period?)]
        switch categoriesBy {
        case "labels":
            categories = labels
            keys = labels.map { _ in (nil, nil) }
        case "regions":
            guard !regions.isEmpty else { throw fail("regions", "categories: regions needs a list of regions") }
            categories = regions
            keys = regions.map { ($0, period) }
        default:
            var ps = periods
            if ps.isEmpty, let dataset, let first = series.first?.indicator {
                ps = Array(Set(dataset.observations.filter { $0.indicator == first && (region == nil || $0.region.name == region) }.map(\.period))).sorted()
            }
            guard !ps.isEmpty else { throw fail("periods", "categories: periods needs periods (or data to take them from)") }
            categories = ps.map { $0.kind == .year ? "\($0.year)年" : $0.description }
            keys = ps.map { (region, $0) }
        }
        var index: [String: Observation] = [:]
        var conflicts: [String: Observation] = [:]
        for o in dataset?.observations ?? [] {
            let k = "\(o.region.name)\u{1}\(o.indicator)\u{1}\(o.period.code)"
            if let first = index[k] {
                if first.baseValue != o.baseValue || first.parts != o.parts { conflicts[k] = o }
            } else {
                index[k] = o
            }
        }
        var out: [Chart.Series] = []
        for (n, s) in series.enumerated() {
            if let values = s.values {
                guard values.count == categories.count else { throw fail("series[\(n)].values", "\(values.count) values for \(categories.count) categories") }
                out.append(Chart.Series(name: s.name, values: values, unit: s.unit, mark: s.mark, axis: s.axis, decimals: s.decimals))
                continue
            }
            guard let dataset, let indicator = s.indicator else { throw fail("data", "series[\(n)] takes \(s.indicator ?? "") from data, but no data file is given") }
            guard dataset.observations.contains(where: { $0.indicator == indicator }) else {
                throw fail("series[\(n)].indicator", "the data has no indicator “\(indicator)”")
            }
            // Values are converted into one unit: the series' own, else the first figure's.
            func lookup(_ key: (region: String?, period: Period?)) -> Observation? {
                let r = s.region ?? key.region ?? region ?? ""
                guard let p = s.period ?? key.period else { return nil }
                return index["\(r)\u{1}\(indicator)\u{1}\(p.code)"]
            }
            let target = s.unit.flatMap { Unit($0) } ?? (s.part == nil ? keys.lazy.compactMap(lookup).first?.unit : nil)
            let unit = s.unit ?? target?.symbol
            let values: [Decimal?] = try keys.map { key in
                let r = s.region ?? key.region ?? region ?? ""
                guard let p = s.period ?? key.period, let o = index["\(r)\u{1}\(indicator)\u{1}\(p.code)"] else { return nil }
                if let other = conflicts["\(r)\u{1}\(indicator)\u{1}\(p.code)"] {
                    throw DataError(other.provenance.location,
                                    "\(indicator) of \(r) for \(p) is given twice with different values (also at \(o.provenance.location)); the chart cannot choose")
                }
                if let part = s.part {
                    guard let parts = o.parts, part < parts.count else { throw fail("series[\(n)].part", "\(indicator) of \(r) has no part \(part)") }
                    return parts[part]
                }
                guard let t = target else { return o.value }
                do { return try o.value(in: t) } catch {
                    throw fail("series[\(n)].unit", "\(indicator) of \(r) (\(p)) is in \(o.unit?.symbol ?? "no unit"), not convertible to \(t.symbol)")
                }
            }
            out.append(Chart.Series(name: s.name, values: values, unit: unit, mark: s.mark, axis: s.axis, decimals: s.decimals))
        }
        return Chart(kind: kind, title: title, subtitle: subtitle, source: source, categories: categories, series: out,
                     valueLabels: valueLabels, breaks: breaks)
    }
}
