import Foundation

/// Consistency checks over loaded observations. Each problem names the line it is on and quotes
/// the indicator and region as written; one run reports all problems.
public enum DatasetChecks {
    /// How far the parts of a structure may sum from 100 (three shares rounded to one decimal
    /// can be off by 0.15).
    public static let structureTolerance = Decimal(string: "0.2")!

    /// Province-level code prefixes of the People's Republic of China (GB/T 2260).
    static let provincePrefixes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
        "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
    ]

    /// Words in an indicator's name under which a negative value is possible (profits, balances).
    static let mayBeNegative = ["利润", "余额", "差额", "净", "盈亏", "结余", "变动", "增减", "赤字", "顺差", "逆差"]

    public static func check(_ observations: [Observation]) -> [DataError] {
        var problems: [DataError] = []
        problems += duplicates(observations)
        problems += dimensions(observations)
        problems += structures(observations)
        problems += negatives(observations)
        problems += regionCodes(observations)
        problems += growthUnits(observations)
        return problems.sorted { ($0.location.file, $0.location.line ?? 0) < ($1.location.file, $1.location.line ?? 0) }
    }

    private static func at(_ o: Observation) -> SourceLocation { o.provenance.location }

    private static func quote(_ o: Observation) -> String { "\(o.indicator) of \(o.region.name) for \(o.period)" }

    private static func shown(_ o: Observation) -> String {
        if let parts = o.parts { return parts.map { "\($0)" }.joined(separator: ":") }
        return "\(o.value)\(o.unit?.symbol ?? "")"
    }

    /// The same region, indicator and period given twice with different values.
    static func duplicates(_ observations: [Observation]) -> [DataError] {
        struct Key: Hashable { var region: String; var indicator: String; var period: Period }
        var first: [Key: Observation] = [:]
        var problems: [DataError] = []
        for o in observations {
            let key = Key(region: o.region.code.isEmpty ? o.region.name : o.region.code, indicator: o.indicator, period: o.period)
            guard let earlier = first[key] else { first[key] = o; continue }
            let same = earlier.parts == o.parts && (earlier.unit?.dimension == o.unit?.dimension) && earlier.baseValue == o.baseValue
            if same {
                problems.append(DataError(at(o), "\(quote(o)) repeats \(at(earlier)) with the same value", severity: .warning))
            } else {
                problems.append(DataError(at(o), "\(quote(o)) is \(shown(o)) here but \(shown(earlier)) at \(at(earlier))"))
            }
        }
        return problems
    }

    /// One indicator with values in two dimensions (亿元 in one row, % in another).
    static func dimensions(_ observations: [Observation]) -> [DataError] {
        var firstDimension: [String: Observation] = [:]
        var reported = Set<String>()
        var problems: [DataError] = []
        for o in observations {
            guard let earlier = firstDimension[o.indicator] else { firstDimension[o.indicator] = o; continue }
            let a = earlier.unit?.dimension, b = o.unit?.dimension
            if a != b, !reported.contains(o.indicator + (b?.name ?? "")) {
                reported.insert(o.indicator + (b?.name ?? ""))
                problems.append(DataError(at(o),
                    "\(o.indicator) is in \(o.unit?.symbol ?? "no unit") here (\(o.region.name), \(o.period)) but in \(earlier.unit?.symbol ?? "no unit") at \(at(earlier)); one indicator must measure one thing"))
            }
        }
        return problems
    }

    /// Structures (x:y:z) whose parts do not sum to 100.
    static func structures(_ observations: [Observation]) -> [DataError] {
        observations.compactMap { o in
            guard let parts = o.parts, o.unit?.dimension == .ratio || o.unit == nil else { return nil }
            let sum = parts.reduce(0, +)
            guard abs(sum - 100) > structureTolerance else { return nil }
            return DataError(at(o), "the parts of \(quote(o)) (\(shown(o))) sum to \(sum), not 100")
        }
    }

    /// Negative values of things that cannot be negative (output, revenue, people, counts).
    static func negatives(_ observations: [Observation]) -> [DataError] {
        observations.compactMap { o in
            guard o.value < 0 || (o.parts?.contains { $0 < 0 } ?? false) else { return nil }
            let indicator = Indicator.infer(name: o.indicator, dimension: o.unit?.dimension, isRatio: o.parts != nil)
            guard indicator.kind != .rate, o.unit?.dimension != .percentagePoint,
                !mayBeNegative.contains(where: { o.indicator.contains($0) })
            else { return nil }
            return DataError(at(o), "\(quote(o)) is negative (\(shown(o))); a \(indicator.kind.rawValue) like this cannot be below zero")
        }
    }

    /// Codes that are not 6-digit division codes, unknown provinces, codes naming two regions, and
    /// a region whose code does not sit under its parent's.
    static func regionCodes(_ observations: [Observation]) -> [DataError] {
        var problems: [DataError] = []
        var nameOfCode: [String: Observation] = [:]
        var codeOfName: [String: Observation] = [:]
        var checked = Set<String>()
        for o in observations where !o.region.code.isEmpty {
            let code = o.region.code
            if !checked.contains(code) {
                checked.insert(code)
                if code.count != 6 || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    problems.append(DataError(at(o), "“\(code)” (\(o.region.name)) is not a 6-digit region code"))
                    continue
                } else if !provincePrefixes.contains(String(code.prefix(2))) {
                    problems.append(DataError(at(o), "unknown region code “\(code)” (\(o.region.name)): no province has the prefix \(code.prefix(2))"))
                    continue
                }
            }
            if let earlier = nameOfCode[code], earlier.region.name != o.region.name {
                problems.append(DataError(at(o), "region code \(code) is “\(o.region.name)” here but “\(earlier.region.name)” at \(at(earlier))"))
            } else if nameOfCode[code] == nil { nameOfCode[code] = o }
            if let earlier = codeOfName[o.region.name], earlier.region.code != code {
                problems.append(DataError(at(o), "“\(o.region.name)” has code \(code) here but \(earlier.region.code) at \(at(earlier))"))
            } else if codeOfName[o.region.name] == nil { codeOfName[o.region.name] = o }
        }
        // Parent codes: a county sits under its city (4305xx under 430500), a city under its province.
        var parentReported = Set<String>()
        for o in observations where !o.region.code.isEmpty && !o.region.parent.isEmpty {
            guard let parent = codeOfName[o.region.parent]?.region.code, parent.count == 6, o.region.code.count == 6,
                !parentReported.contains(o.region.code)
            else { continue }
            let c = o.region.code
            let expected = c.hasSuffix("0000") ? nil : c.hasSuffix("00") ? String(c.prefix(2)) + "0000" : String(c.prefix(4)) + "00"
            if let expected, expected != parent {
                parentReported.insert(c)
                problems.append(DataError(at(o), "\(o.region.name) (\(c)) is said to belong to \(o.region.parent) (\(parent)), but its code belongs under \(expected)"))
            }
        }
        return problems
    }

    /// Growth rates must be percentages.
    static func growthUnits(_ observations: [Observation]) -> [DataError] {
        observations.compactMap { o in
            guard Indicator.isGrowthName(o.indicator), let u = o.unit, u.dimension != .ratio else { return nil }
            return DataError(at(o), "\(quote(o)) is a growth rate but is in \(u.symbol); growth is in %")
        }
    }
}

extension Dataset {
    /// Runs every consistency check and adds what it finds to `problems`.
    public mutating func check() {
        problems += DatasetChecks.check(observations)
    }
}
