import CountyData
import Foundation
import Specs

/// Turns extracted figures into observations of the long data format.
///
/// A YAML file names, for each indicator, the phrases that mark it, and the unit to record it in;
/// a default region and period fill what the text leaves unsaid:
///
/// ```yaml
/// region: 新邵县
/// period: 2023
/// indicators:
///   - id: 招商引资到位资金
///     match: [到位资金]
///     unit: 亿元
/// ```
public struct Mapping: Sendable {
    public struct Rule: Sendable {
        public var id: String
        /// Phrases of which one must occur in the figure's indicator (or, failing that, its sentence).
        public var match: [String]
        /// The unit to record values in; nil keeps the base unit.
        public var unit: CountyData.Unit?
    }

    public var region: String?
    public var period: Period?
    public var rules: [Rule]

    /// Reads a mapping file (through `SpecNode`: the spec size and alias limits, every key known and
    /// typed); errors name the file, the line and the key.
    public static func load(path: String) throws -> Mapping {
        try read(try SpecNode.load(path: path))
    }

    public static func parse(_ text: String, file: String) throws -> Mapping {
        try read(try SpecNode.parse(text, file: file))
    }

    static func read(_ root: SpecNode) throws -> Mapping {
        let m = try root.mapping(known: ["region", "period", "indicators"])
        var mapping = Mapping(region: try m["region"].string(), period: try m["period"]?.period(), rules: [])
        guard let list = m["indicators"] else {
            throw root.missing("indicators", "expected a list of indicators with id, match and unit")
        }
        for item in try list.list() {
            let r = try item.mapping(known: ["id", "match", "unit"])
            guard let id = try r["id"].string(), !id.isEmpty else {
                throw item.missing("id", "each indicator needs an id")
            }
            let match: [String]
            switch r["match"] {
            case nil: match = [id]
            case let node? where node.isList: match = try node.strings()
            case let node?: match = [try node.string()]
            }
            var unit: CountyData.Unit?
            if let node = r["unit"] {
                let u = try node.string()
                guard let parsed = CountyData.Unit(u) else {
                    throw node.error("“\(u)” is not a unit CountyReport knows")
                }
                unit = parsed
            }
            mapping.rules.append(Rule(id: id, match: match, unit: unit))
        }
        return mapping
    }

    /// The rule a figure falls under: first by its indicator phrase, then by its sentence.
    public func rule(for figure: ExtractedFigure) -> Rule? {
        rules.first { r in r.match.contains { figure.indicator.contains($0) } }
            ?? rules.first { r in r.match.contains { figure.sentence.contains($0) } && figure.indicator.isEmpty }
    }

    /// One long-format row per mapped figure (region, indicator, period, value, unit, note, source), and the
    /// figures no rule took. Values are taken in the base unit and converted exactly into the rule's unit.
    public func rows(_ figures: [ExtractedFigure], file: String) -> (rows: [[String]], unmapped: [ExtractedFigure]) {
        var rows: [[String]] = []
        var unmapped: [ExtractedFigure] = []
        for f in figures {
            guard let rule = rule(for: f), let base = f.baseValue, let region = f.region ?? region,
                let period = f.period ?? period
            else {
                unmapped.append(f); continue
            }
            var value = base
            var unit = f.baseUnit ?? ""
            if let target = rule.unit, let from = f.baseUnit.flatMap({ CountyData.Unit($0) }),
                from.dimension == target.dimension
            {
                value = Exact.quotient(base * from.factor, target.factor) ?? base * from.factor / target.factor
                unit = target.symbol
            } else if rule.unit != nil && f.baseUnit != nil {
                unmapped.append(f); continue   // the rule's unit measures something else
            }
            let hedge = f.hedge.map { "\($0); " } ?? ""
            rows.append([
                region, rule.id, period.code,
                JSONOutput.exactString(value) + (f.hedge.map { h in ["余", "多"].contains(h) ? h : "" } ?? ""),
                unit, hedge + "“" + f.text + "”", "\(file)@\(f.start)-\(f.end)",
            ])
        }
        return (rows, unmapped)
    }

    public static let header = ["region", "indicator", "period", "value", "unit", "note", "source"]
}
