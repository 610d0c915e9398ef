import Foundation
import Testing

@testable import CountyData

/// The duplicate check names every row given again after an earlier one of the same region name,
/// indicator and period, and that earlier row: whether the rows of each region come together (hashed
/// run by run) or not (hashed all at once), as a check of every pair would.
@Suite struct DuplicateTests {
    /// Rows of `regions` (a region's rows in one block when `grouped`, else dealt out in turns), some
    /// indicator and period pairs given twice, some with another value.
    static func table(grouped: Bool) -> ObservationTable {
        // Two regions of one name (新邵县, two codes) side by side: one region for the check.
        let regions =
            [Region(code: "430522", name: "新邵县"), Region(code: "430599", name: "新邵县")]
            + (0..<40).map { Region(code: "43\(1000 + $0)", name: "县\($0)") }
        var rows: [(Region, Int)] = []
        for (k, region) in regions.enumerated() {
            let count = k == 5 ? 1 : k == 7 ? 700 : 3 + k * 7 % 60   // runs of very different lengths
            rows += (0..<count).map { (region, $0) }
        }
        if !grouped {
            rows = rows.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element)
        }
        return ObservationTable(
            rows.enumerated().map { line, row in
                let (region, n) = row
                return Observation(
                    region: region, indicator: "指\(n % 4)", period: .year(2000 + n % 9 + n / 36),
                    value: Decimal(n % 5 == 0 ? 1 : n), unit: Unit("亿元"),
                    provenance: Provenance(location: SourceLocation(file: "a.csv", line: line + 2)))
            })
    }

    /// Per row given before (by region name, indicator and period), the first row that gave it.
    static func expected(_ table: ObservationTable) -> [(row: Int, earlier: Int)] {
        var first: [String: Int] = [:]
        var found: [(Int, Int)] = []
        for (i, o) in table.enumerated() {
            let key = "\(o.region.name)|\(o.indicator)|\(o.period)"
            if let e = first[key] { found.append((i, e)) } else { first[key] = i }
        }
        return found
    }

    @Test(arguments: [true, false])
    func everyRepeatIsFoundWithItsFirstRow(grouped: Bool) {
        let table = Self.table(grouped: grouped)
        let ids = DatasetChecks.Ids(table)
        #expect(DatasetChecks.regionRuns(table, ids).starts.count == (grouped ? 41 : 1))
        let problems = DatasetChecks.duplicates(table, ids)
        let expected = Self.expected(table)
        #expect(expected.count > 200 && problems.count == expected.count)
        for (p, e) in zip(problems, expected) {
            #expect(p.location.line == e.row + 2)
            let earlier = "a.csv:\(e.earlier + 2)"
            #expect(p.message.hasSuffix(" at \(earlier)") || p.message.contains(" repeats \(earlier) "), "\(p.message)")
            #expect(p.severity == (table[e.row].value == table[e.earlier].value ? .warning : .error))
        }
    }
}
