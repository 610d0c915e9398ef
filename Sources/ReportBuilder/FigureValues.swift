import CountyData
import CountyMetrics
import CountyQuery
import Formatting
import Foundation
import Specs

/// Where a printed number came from: the metric (or the stated level) and its input rows or
/// source sentence. `--explain` prints one line per printed number.
public struct Origin: Sendable, Hashable {
    public var what: String
    public var inputs: [String]
}

/// One printed number and its origin.
public struct Explanation: Sendable, Hashable {
    public var block: String
    public var text: String
    public var origin: Origin
}

/// A value a template key resolves to: the text printed and where it came from; or why it is absent.
enum KeyValue {
    case text(String, Origin?)
    case absent(String)
}

/// The printable values of one named figure: its level and its metrics, each worded and rounded
/// by the one display rule, with its origin. Keys as in `Reports/REPORT-FORMAT.md`.
struct FigureValues {
    let spec: ReportDefinition.FigureSpec
    let region: String
    let period: Period
    var values: [String: KeyValue] = [:]

    init(_ spec: ReportDefinition.FigureSpec, def: ReportDefinition, query: DataQuery) throws {
        self.spec = spec
        region = spec.region ?? def.region
        period = spec.period ?? def.year
        let what = "“\(spec.indicator)” of \(region) for \(period)"
        guard let o = try query.observation(region: region, indicator: spec.indicator, period: period) else {
            for key in Self.keys { values[key] = .absent("the data has no \(what)") }
            // The unit the definition names is known without the figure: a table prints 亿元 beside its —.
            if let unit = spec.unit { values["unit"] = .text(unit, nil) }
            try addStatedGrowthAlone(query: query)
            return
        }
        let level = Origin(what: "\(spec.indicator) (stated)", inputs: [Self.describe(o)])
        let (amount, unit) = try Format.readable(o, unit: spec.unit, at: spec.location)
        // The decimals as written apply to the value as written, not to one converted into another unit.
        let written = unit == o.unit?.symbol ?? "" ? o.writtenDecimals : nil
        values["period"] = .text(Format.period(period), nil)
        values["unit"] = .text(unit, level)
        if let parts = o.parts {
            values["parts.phrase"] = .text(Wording.structure(parts), level)
            values["value"] = .text(Wording.structure(parts), level)
            values["number"] = values["value"]
        } else {
            values["number"] = .text(Format.number(amount, unit: unit, written: written), level)
            values["value"] = .text(Format.number(amount, unit: unit, written: written) + unit, level)
            values["parts.phrase"] = .absent("\(what) is not a structure")
        }
        try addMetrics(o, def: def, query: query)
    }

    /// A growth the data states without its level (a work report's 增长5.5%): yoy is that figure.
    private mutating func addStatedGrowthAlone(query: DataQuery) throws {
        let name = query.engine.statedGrowthName(for: spec.indicator, region: region) ?? spec.indicator + "增速"
        guard let g = try query.observation(region: region, indicator: name, period: period) else { return }
        let origin = Origin(what: "yoy of \(spec.indicator) (stated)", inputs: [Self.describe(g)])
        values["yoy.value"] = .text(Format.number(g.value, unit: "%") + "%", origin)
        values["yoy.phrase"] = .text(Wording.change(g.value, against: "上年"), origin)
    }

    static let keys =
        ["value", "number", "unit", "period", "parts.phrase"]
        + ["yoy", "pp_change", "cagr", "share", "rank"].flatMap { ["\($0).value", "\($0).phrase"] }

    private mutating func addMetrics(_ o: Observation, def: ReportDefinition, query: DataQuery) throws {
        func metric(_ kind: MetricKind) throws -> Metric? {
            try query.metric(kind, region: region, indicator: spec.indicator, period: period)
        }
        func origin(_ m: Metric) -> Origin {
            Origin(
                what: "\(m.kind.rawValue) of \(m.indicator)\(m.stated ? " (stated)" : " (computed)")",
                inputs: m.inputs.map(Self.describe))
        }
        func set(_ name: String, _ m: Metric?, value: (Metric, Decimal) -> String, phrase: (Metric, Decimal) -> String?)
        {
            guard let m, let v = m.value else {
                let why = m?.reason ?? "no \(name) can be computed for “\(spec.indicator)” of \(region) in \(period)"
                values[name + ".value"] = .absent(why); values[name + ".phrase"] = .absent(why)
                return
            }
            values[name + ".value"] = .text(value(m, v), origin(m))
            values[name + ".phrase"] = phrase(m, v).map { .text($0, origin(m)) } ?? .absent("no wording for \(name)")
        }
        set(
            "yoy", try metric(.yoy), value: { _, v in Format.number(v, unit: "%") + "%" },
            phrase: { _, v in
                Wording.change(v, against: "上年")
            })
        set(
            "pp_change", try metric(.ppChange), value: { _, v in Format.number(v, unit: "百分点") + "个百分点" },
            phrase: { _, v in
                Wording.pointChange(v, against: "上年")
            })
        set(
            "cagr", try metric(.cagr), value: { _, v in Format.number(v, unit: "%") + "%" },
            phrase: { m, v in
                (m.basePeriod.map { PeriodText.span($0, period) } ?? "") + Wording.averageGrowth(v)
            })
        set(
            "share", try metric(.share), value: { _, v in Format.number(v, unit: "%") + "%" },
            phrase: { _, v in
                Wording.share(v, of: "全" + def.scope)
            })
        let siblings = query.siblings(of: region).count
        set(
            "rank", try metric(.rank), value: { _, v in "\(v)" },
            phrase: { m, v in
                let n = NSDecimalNumber(decimal: v).intValue
                guard let ranked = m.count else { return nil }
                return ranked >= siblings ? Wording.rank(n, scope: def.scope) : "在有数据的\(ranked)个县市区中居第\(n)位"
            })
    }

    /// `file:line`, or for a figure taken from a text, its sentence's place (`article.txt@120-145`).
    static func describe(_ o: Observation) -> String {
        let source = o.provenance.source
        if source.contains("@"), !source.hasPrefix("http") { return "\(source) “\(o.note)”" }
        return "\(o.provenance.location)"
    }

    /// The value of `key` (`value`, `yoy.phrase` …).
    func lookup(_ key: String) -> KeyValue {
        values[key] ?? .absent("“\(key)” is not a key of a figure (keys: \(Self.keys.joined(separator: ", ")))")
    }

    /// The nested dictionary a Mustache template reads (`{{gdp.yoy.phrase}}`); absent values are left out.
    var context: [String: Any] {
        var root: [String: Any] = [:]
        for (key, value) in values {
            guard case .text(let t, _) = value else { continue }
            let parts = key.split(separator: ".").map(String.init)
            if parts.count == 1 {
                root[parts[0]] = t
            } else {
                var sub = root[parts[0]] as? [String: Any] ?? [:]
                sub[parts[1]] = t
                root[parts[0]] = sub
            }
        }
        return root
    }
}

/// The report's use of the one display rule (`Formatting`): decimals by the unit's table, else as
/// the figure carries; rounded half away from zero (四舍五入) on the exact value; a true minus sign.
enum Format {
    /// `written`: the decimals the input wrote `v` with, when `v` is printed as written.
    static func number(_ v: Decimal, unit: String, written: Int? = nil) -> String {
        NumberFormat(decimals: Decimals.shown(unit: unit, values: [v], written: written)).string(v)
    }

    static func period(_ p: Period) -> String { PeriodText.label(p) }

    /// The observation's value in `unit` when given (exactly), else as stated — but a sum of
    /// money of 1亿 or more stated in 万元 is restated in 亿元 (1668595万元 → 166.86亿元).
    static func readable(_ o: Observation, unit: String?, at location: SourceLocation) throws -> (Decimal, String) {
        if let unit, let target = CountyData.Unit(unit) {
            do { return (try o.value(in: target), target.symbol) } catch {
                throw DataError(
                    location, "“\(o.indicator)” is in \(o.unit?.symbol ?? "no unit"), not convertible to \(unit)")
            }
        }
        let symbol = o.unit?.symbol ?? ""
        if symbol == "万元", abs(o.value) >= 10_000, let yi = CountyData.Unit("亿元"), let v = try? o.value(in: yi) {
            return (v, "亿元")
        }
        return (o.value, symbol)
    }
}
