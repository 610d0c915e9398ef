import CountyData
import Foundation

/// A rule that picks one of several observations that disagree: a preferred file, a note keyword
/// over another (最终核实 over 初步核算), or the winning row of one named conflict.
public enum ConflictRule: Sendable, Hashable {
    case preferFile(String)
    case preferNote(String, over: String)
    case choose(region: String, indicator: String, period: Period, location: SourceLocation, why: String?)
}

/// How one conflict was resolved, for 数据说明.
public struct Resolution: Sendable, Hashable {
    public var region: String
    public var indicator: String
    public var period: Period
    public var kept: Observation
    public var dropped: [Observation]
    public var rule: String
}

/// Applies conflict rules to a dataset: for every (region, indicator, period) given with
/// different values, the first rule that picks exactly one keeps it and drops the others.
/// Conflicts no rule resolves stay in the dataset, where `DataQuery` refuses them when asked.
public enum ConflictResolution {
    public static func resolve(_ dataset: Dataset, rules: [ConflictRule]) -> (
        dataset: Dataset, resolutions: [Resolution]
    ) {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (i, o) in dataset.observations.enumerated() {
            let k = "\(o.region.name)\u{1}\(o.indicator)\u{1}\(o.period.code)"
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(i)
        }
        var drop = Set<Int>()
        var resolutions: [Resolution] = []
        for k in order {
            guard let rows = groups[k] else { continue }
            let obs = rows.map { dataset.observations[$0] }
            guard obs.contains(where: { $0.baseValue != obs[0].baseValue || $0.parts != obs[0].parts }) else {
                drop.formUnion(rows.dropFirst())   // the same figure twice: keep the first
                continue
            }
            for rule in rules {
                guard let (winner, text) = pick(rule, obs) else { continue }
                drop.formUnion(rows.enumerated().filter { $0.offset != winner }.map(\.element))
                resolutions.append(
                    Resolution(
                        region: obs[0].region.name, indicator: obs[0].indicator, period: obs[0].period,
                        kept: obs[winner], dropped: obs.enumerated().filter { $0.offset != winner }.map(\.element),
                        rule: text))
                break
            }
        }
        let kept = dataset.observations.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
        return (Dataset(observations: kept, problems: dataset.problems), resolutions)
    }

    /// The index of the one observation `rule` picks, with the rule as 数据说明 words it.
    static func pick(_ rule: ConflictRule, _ obs: [Observation]) -> (Int, String)? {
        func only(_ test: (Observation) -> Bool) -> Int? {
            let hits = obs.indices.filter { test(obs[$0]) }
            return hits.count == 1 ? hits[0] : nil
        }
        switch rule {
        case .preferFile(let file):
            return only { samePath($0.provenance.file, file) }.map {
                ($0, "优先采用\((file as NSString).lastPathComponent)中的数据")
            }
        case .preferNote(let word, let other):
            guard obs.contains(where: { $0.note.contains(other) }) else { return nil }
            return only { $0.note.contains(word) }.map { ($0, "“\(word)”数优先于“\(other)”数") }
        case .choose(let region, let indicator, let period, let location, let why):
            guard obs[0].region.name == region, obs[0].indicator == indicator, obs[0].period == period else {
                return nil
            }
            return only { samePath($0.provenance.file, location.file) && $0.provenance.location.line == location.line }
                .map { ($0, why ?? "采用\((location.file as NSString).lastPathComponent)第\(location.line ?? 0)行") }
        }
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardized.path == URL(fileURLWithPath: b).standardized.path
    }
}
