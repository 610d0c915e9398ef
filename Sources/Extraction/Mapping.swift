import CountyData
import Foundation
import Yams

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

    /// Reads a mapping file; errors name the file and the key.
    public static func load(path: String) throws -> Mapping {
        let text = String(decoding: try TextFile.readUTF8(path: path, encoding: .utf8), as: UTF8.self)
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> Mapping {
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw DataError(SourceLocation(file: file), "not valid YAML: \(error)")
        }
        guard let root = node as? [String: Any] else { throw DataError(SourceLocation(file: file, key: "$"), "expected a mapping at the top") }
        var mapping = Mapping(region: root["region"].map { "\($0)" }, period: nil, rules: [])
        if let p = root["period"] {
            guard let period = Period("\(p)") else { throw DataError(SourceLocation(file: file, key: "period"), "“\(p)” is not a period") }
            mapping.period = period
        }
        guard let list = root["indicators"] as? [[String: Any]] else {
            throw DataError(SourceLocation(file: file, key: "indicators"), "expected a list of indicators with id, match and unit")
        }
        for (n, item) in list.enumerated() {
            let key = "indicators[\(n)]"
            guard let id = item["id"].map({ "\($0)" }), !id.isEmpty else {
                throw DataError(SourceLocation(file: file, key: key + ".id"), "each indicator needs an id")
            }
            let match: [String] = (item["match"] as? [Any])?.map { "\($0)" } ?? (item["match"].map { ["\($0)"] } ?? [id])
            var unit: CountyData.Unit?
            if let u = item["unit"].map({ "\($0)" }) {
                guard let parsed = CountyData.Unit(u) else { throw DataError(SourceLocation(file: file, key: key + ".unit"), "“\(u)” is not a unit CountyReport knows") }
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
            guard let rule = rule(for: f), let base = f.baseValue, let region = f.region ?? region, let period = f.period ?? period else {
                unmapped.append(f); continue
            }
            var value = base
            var unit = f.baseUnit ?? ""
            if let target = rule.unit, let from = f.baseUnit.flatMap({ CountyData.Unit($0) }), from.dimension == target.dimension {
                value = Exact.quotient(base * from.factor, target.factor) ?? base * from.factor / target.factor
                unit = target.symbol
            } else if rule.unit != nil && f.baseUnit != nil {
                unmapped.append(f); continue   // the rule's unit measures something else
            }
            let hedge = f.hedge.map { "\($0); " } ?? ""
            rows.append([region, rule.id, period.code, JSONOutput.exactString(value) + (f.hedge.map { h in ["余", "多"].contains(h) ? h : "" } ?? ""),
                         unit, hedge + "“" + f.text + "”", "\(file)@\(f.start)-\(f.end)"])
        }
        return (rows, unmapped)
    }

    public static let header = ["region", "indicator", "period", "value", "unit", "note", "source"]
}
