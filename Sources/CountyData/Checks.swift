import Foundation

/// Consistency checks over loaded observations. Each problem names the line it is on and quotes
/// the indicator and region as written; one run reports all problems.
public enum DatasetChecks {
    /// How far the parts of a structure may sum from 100 (three shares rounded to one decimal
    /// can be off by 0.15).
    public static let structureTolerance = Decimal(sign: .plus, exponent: -1, significand: 2)   // 0.2

    /// Province-level code prefixes of the People's Republic of China (GB/T 2260).
    static let provincePrefixes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
        "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
    ]

    /// Words in an indicator's name under which a negative value is possible (profits, balances).
    static let mayBeNegative = ["利润", "余额", "差额", "净", "盈亏", "结余", "变动", "增减", "赤字", "顺差", "逆差"]

    /// The id of each region's name (two regions of one name are one region here), and the first row
    /// of each indicator.
    struct Ids {
        var names: RegionNameIndex
        var firstOfIndicator: [Int]

        init(_ table: ObservationTable) {
            names = RegionNameIndex(table)
            firstOfIndicator = table.firstRowOfIndicator
        }

        /// The id of the name of the table's region `tableRegion`.
        func regionName(_ tableRegion: Int32) -> Int32 { names.ofTableRegion[Int(tableRegion)] }
    }

    public static func check(_ observations: ObservationTable) -> [DataError] {
        let ids = Ids(observations)
        var problems: [DataError] = []
        problems += duplicates(observations, ids)
        problems += dimensions(observations, ids)
        problems += structures(observations)
        problems += negatives(observations)
        problems += regionCodes(observations)
        problems += growthUnits(observations)
        problems += childrenOverParent(observations, ids)
        return problems.sorted { ($0.location.file, $0.location.line ?? 0) < ($1.location.file, $1.location.line ?? 0) }
    }

    private static func at(_ o: Observation) -> SourceLocation { o.provenance.location }

    private static func quote(_ o: Observation) -> String { "\(o.indicator) of \(o.region.name) for \(o.period)" }

    private static func shown(_ o: Observation) -> String {
        if let parts = o.parts { return parts.map { "\($0)" }.joined(separator: ":") }
        return "\(o.value)\(o.unit?.symbol ?? "")"
    }

    /// The same region, indicator and period given twice with different values.
    static func duplicates(_ table: ObservationTable, _ ids: Ids) -> [DataError] {
        if let grid = table.grid, let found = gridDuplicates(table, grid, ids) { return found }
        // Open addressing over row numbers, keyed by (region name, indicator, period): a million
        // rows hash in milliseconds, where Swift's `Hasher` (SipHash) took a fifth of the check.
        // Rows of a region (by name) that come together are one run, hashed apart from the others in a
        // table of the run's size, which stays in the cache (a table of the rows' size missed it at
        // every row); else the whole table is one run. A slot below the run's first row is empty.
        let runs = regionRuns(table, ids)
        var size = 64
        while size < runs.longest * 2 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        var problems = ProblemList()
        var run = 0, first = 0, mask = 0
        table.forEachRow { i, row in
            if i == first {   // the next run starts
                let end = run + 1 < runs.starts.count ? runs.starts[run + 1] : table.count
                mask = 64
                while mask < (end - i) * 2 { mask <<= 1 }
                mask -= 1
                run += 1
                first = end
            }
            let start = Int32(truncatingIfNeeded: runs.starts[run - 1])
            let region = ids.regionName(row.region), indicator = row.indicator, period = row.period.packed
            var h =
                (UInt64(UInt32(bitPattern: region)) << 32 | UInt64(UInt32(bitPattern: indicator)))
                &* 0x9E37_79B9_7F4A_7C15
            h = (h ^ UInt64(period) ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
            var s = Int(truncatingIfNeeded: h >> 20) & mask
            var earlierRow = -1
            while slots[s] >= start {
                let e = Int(slots[s])
                if ids.regionName(table.regionID(at: e)) == region && table.indicatorID(at: e) == indicator
                    && table.period(at: e).packed == period
                {
                    earlierRow = e; break
                }
                s = (s + 1) & mask
            }
            if earlierRow >= 0 { duplicate(table, i, of: earlierRow, into: &problems) } else { slots[s] = Int32(i) }
            return true
        }
        return problems.problems
    }

    /// Where each run of rows of one region name starts, and the longest run, when the rows of every name
    /// come together (as a long table's do); else one run of every row.
    static func regionRuns(_ table: ObservationTable, _ ids: Ids) -> (starts: [Int], longest: Int) {
        var starts: [Int] = []
        var seen = [Bool](repeating: false, count: ids.names.count)
        var last: Int32 = -1, grouped = true
        table.forEachRow { i, row in
            let name = ids.regionName(row.region)
            if name == last { return true }
            last = name
            guard !seen[Int(name)] else { grouped = false; return false }
            seen[Int(name)] = true
            starts.append(i)
            return true
        }
        guard grouped, !starts.isEmpty else { return ([0], table.count) }
        var longest = table.count - starts[starts.count - 1]
        for k in 1..<starts.count { longest = max(longest, starts[k] - starts[k - 1]) }
        return (starts, longest)
    }

    /// Duplicates in a grid, found on its labels: a cell's region, indicator and period are its row's labels
    /// and its column's, so two cells can share them only when their rows share the row's labels or their
    /// columns the column's. Only the cells of such rows and columns are looked up (none when every label is
    /// distinct, as in most tables). Nil when a period comes from a row for some columns and from the
    /// column for others: then the cells are compared one by one.
    static func gridDuplicates(_ table: ObservationTable, _ grid: ObservationGrid, _ ids: Ids) -> [DataError]? {
        struct Label: Hashable { var id: Int32; var period: UInt32 }
        let ownPeriods = grid.columnPeriods.filter { $0 != nil }.count
        let rowLabel: (Int) -> Label, columnLabel: (Int) -> Label?
        switch grid.labels {
        case .byRow:   // years as columns: each column a period, each row a region and an indicator
            rowLabel = { Label(id: grid.rowIndicators[$0], period: 0) }
            columnLabel = { Label(id: -1, period: grid.columnPeriods[$0]!.packed) }   // every column is a period's
        case .byColumn where ownPeriods == grid.width:   // each column an indicator of its own period
            rowLabel = { _ in Label(id: -1, period: 0) }
            columnLabel = { c in
                grid.columnIndicators[c] < 0
                    ? nil : Label(id: grid.columnIndicators[c], period: grid.columnPeriods[c]!.packed)
            }
        case .byColumn where ownPeriods == 0:   // each column an indicator, each row a region and a period
            rowLabel = { Label(id: -1, period: grid.rowPeriods[$0].packed) }
            columnLabel = { c in grid.columnIndicators[c] < 0 ? nil : Label(id: grid.columnIndicators[c], period: 0) }
        case .byColumn:
            return nil
        }
        /// Per row or column, the first one with its labels, and whether another has them too.
        func groups(_ n: Int, _ label: (Int) -> (Int32, Label)?) -> (first: [Int32], repeated: [Bool]) {
            var first = [Int32](repeating: -1, count: n), repeated = [Bool](repeating: false, count: n)
            struct Key: Hashable { var region: Int32; var label: Label }
            var seen: [Key: Int32] = [:]
            for k in 0..<n {
                guard let (region, l) = label(k) else { first[k] = Int32(k); continue }
                if let f = seen[Key(region: region, label: l)] {
                    first[k] = f; repeated[k] = true; repeated[Int(f)] = true
                } else {
                    seen[Key(region: region, label: l)] = Int32(k); first[k] = Int32(k)
                }
            }
            return (first, repeated)
        }
        let rows = groups(grid.rows) { r in (ids.regionName(grid.regionID(r)), rowLabel(r)) }
        let columns = groups(grid.width) { c in columnLabel(c).map { (0, $0) } }
        guard rows.repeated.contains(true) || columns.repeated.contains(true) else { return [] }
        var first: [UInt64: Int] = [:]
        var problems = ProblemList()
        grid.forEach { i, r, c in
            guard rows.repeated[r] || columns.repeated[c] else { return true }
            let key = UInt64(UInt32(rows.first[r])) << 32 | UInt64(UInt32(columns.first[c]))
            if let e = first[key] { duplicate(table, i, of: e, into: &problems) } else { first[key] = i }
            return true
        }
        return problems.problems
    }

    /// Row `i` given again after row `earlier`, into `problems`: a warning when it says the same, an error
    /// when not (the message made only when listed).
    private static func duplicate(
        _ table: ObservationTable, _ i: Int, of earlierRow: Int, into problems: inout ProblemList
    ) {
        let o = table[i], earlier = table[earlierRow]
        let same =
            earlier.parts == o.parts && (earlier.unit?.dimension == o.unit?.dimension)
            && earlier.baseValue == o.baseValue
        let severity: DataError.Severity = same ? .warning : .error
        problems.append(
            severity,
            DataError(
                at(o),
                same
                    ? "\(quote(o)) repeats \(at(earlier)) with the same value"
                    : "\(quote(o)) is \(shown(o)) here but \(shown(earlier)) at \(at(earlier))", severity: severity))
    }

    /// One indicator with values in two dimensions (亿元 in one row, % in another).
    static func dimensions(_ table: ObservationTable, _ ids: Ids) -> [DataError] {
        var reported = Set<String>()
        var problems = ProblemList()
        var lastIndicator: Int32 = -1, lastUnit = -1
        // Per indicator, the unit of its first row (-1: not looked up yet).
        var firstUnit = [Int](repeating: -1, count: table.indicatorNames.count)
        table.forEachRow { i, row in
            let id = row.indicator, unit = row.unit
            if id == lastIndicator && unit == lastUnit { return true }   // the common case: same as the row before
            lastIndicator = id; lastUnit = unit
            let e = ids.firstOfIndicator[Int(id)]
            if firstUnit[Int(id)] < 0 { firstUnit[Int(id)] = table.unitID(at: e) }
            if firstUnit[Int(id)] == unit { return true }
            let a = table.units[firstUnit[Int(id)]]?.dimension, b = table.units[unit]?.dimension
            if a != b {
                let o = table[i], earlier = table[e]
                guard reported.insert(o.indicator + (b?.name ?? "")).inserted else { return true }
                problems.add(
                    DataError(
                        at(o),
                        "\(o.indicator) is in \(o.unit?.symbol ?? "no unit") here (\(o.region.name), \(o.period)) but in \(earlier.unit?.symbol ?? "no unit") at \(at(earlier)); one indicator must measure one thing"
                    ))
            }
            return true
        }
        return problems.problems
    }

    /// Structures (x:y:z) whose parts do not sum to 100.
    static func structures(_ table: ObservationTable) -> [DataError] {
        table.rowsWithParts.compactMap { i in
            let o = table[i]
            guard let parts = o.parts, o.unit?.dimension == .ratio || o.unit == nil else { return nil }
            let sum = parts.reduce(0, +)
            guard abs(sum - 100) > structureTolerance else { return nil }
            return DataError(at(o), "the parts of \(quote(o)) (\(shown(o))) sum to \(sum), not 100")
        }
    }

    /// Negative values of things that cannot be negative (output, revenue, people, counts).
    static func negatives(_ table: ObservationTable) -> [DataError] {
        var mayBeBelowZero: [Int32: Bool] = [:]
        var problems = ProblemList()
        // Rows with parts have parts.
        let negativeParts = table.rowsWithParts.filter { table.parts(at: $0)!.contains { $0 < 0 } }
        for i in Set(table.rowsBelowZero + negativeParts).sorted() {
            let o = table[i], id = table.indicatorID(at: i)
            let indicator = Indicator.infer(name: o.indicator, dimension: o.unit?.dimension, isRatio: o.parts != nil)
            if mayBeBelowZero[id] == nil {
                mayBeBelowZero[id] = mayBeNegative.contains { o.indicator.contains($0) }
            }
            guard indicator.kind != .rate, o.unit?.dimension != .percentagePoint, mayBeBelowZero[id] == false else {
                continue
            }
            problems.add(
                DataError(
                    at(o),
                    "\(quote(o)) is negative (\(shown(o))); a \(indicator.kind.rawValue) like this cannot be below zero"
                ))
        }
        return problems.problems
    }

    /// Codes that are not 6-digit division codes, unknown provinces, codes naming two regions, and
    /// a region whose code does not sit under its parent's.
    static func regionCodes(_ table: ObservationTable) -> [DataError] {
        // The first row of each region, in order: a region's name and code do not change between its rows.
        let observations = table.firstRowOfRegion.sorted().map { table[$0] }
        var problems = ProblemList()
        var nameOfCode: [String: Observation] = [:]
        var codeOfName: [String: Observation] = [:]
        var checked = Set<String>()
        var last: Region?
        for o in observations where !o.region.code.isEmpty && o.region !== last {
            last = o.region   // a region instance's name and code do not change between its rows
            let code = o.region.code
            if !checked.contains(code) {
                checked.insert(code)
                if code.count != 6 || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    problems.add(DataError(at(o), "“\(code)” (\(o.region.name)) is not a 6-digit region code"))
                    continue
                } else if !provincePrefixes.contains(String(code.prefix(2))) {
                    problems.add(
                        DataError(
                            at(o),
                            "unknown region code “\(code)” (\(o.region.name)): no province has the prefix \(code.prefix(2))"
                        ))
                    continue
                }
            }
            if let earlier = nameOfCode[code], earlier.region.name != o.region.name {
                problems.add(
                    DataError(
                        at(o),
                        "region code \(code) is “\(o.region.name)” here but “\(earlier.region.name)” at \(at(earlier))")
                )
            } else if nameOfCode[code] == nil {
                nameOfCode[code] = o
            }
            if let earlier = codeOfName[o.region.name], earlier.region.code != code {
                problems.add(
                    DataError(
                        at(o), "“\(o.region.name)” has code \(code) here but \(earlier.region.code) at \(at(earlier))"))
            } else if codeOfName[o.region.name] == nil {
                codeOfName[o.region.name] = o
            }
        }
        // Parent codes: a county sits under its city (4305xx under 430500), a city under its province.
        var parentReported = Set<String>()
        last = nil
        for o in observations where !o.region.code.isEmpty && !o.region.parent.isEmpty && o.region !== last {
            last = o.region
            guard let parent = codeOfName[o.region.parent]?.region.code, parent.count == 6, o.region.code.count == 6,
                !parentReported.contains(o.region.code)
            else { continue }
            let c = o.region.code
            let expected =
                c.hasSuffix("0000")
                ? nil : c.hasSuffix("00") ? String(c.prefix(2)) + "0000" : String(c.prefix(4)) + "00"
            if let expected, expected != parent {
                parentReported.insert(c)
                problems.add(
                    DataError(
                        at(o),
                        "\(o.region.name) (\(c)) is said to belong to \(o.region.parent) (\(parent)), but its code belongs under \(expected)"
                    ))
            }
        }
        return problems.problems
    }

    /// How far the children of a region may sum above its own figure (rounded figures, 0.5%).
    public static let childrenTolerance = Decimal(string: "0.005")!

    /// A region's children whose figures of an additive indicator (a flow, a level, a count) sum to more
    /// than the region's own: a share of the parent would be over 100%. A warning on the parent's row,
    /// naming the sum and how many children make it.
    static func childrenOverParent(_ table: ObservationTable, _ ids: Ids) -> [DataError] {
        // Keyed by ids (the region's name, the indicator, the period), never by text: a wide table of
        // 100,000 columns has ten million rows, and hashing names took half of `check`'s time.
        struct Key: Hashable { var region: Int32; var indicator: Int32; var period: UInt32 }
        let names = ids.names
        guard names.parentOf.contains(where: { $0 >= 0 }) else { return [] }   // no region names a parent
        // Per indicator: 0 not known yet, 1 additive, 2 not.
        var additive = [UInt8](repeating: 0, count: table.indicatorNames.count)
        func isAdditive(_ i: Int, _ row: ObservationTable.RowIDs) -> Unit? {
            let id = Int(row.indicator)
            guard table.parts(at: i) == nil, let unit = table.units[row.unit] else { return nil }
            if additive[id] == 0 {
                additive[id] =
                    Indicator.infer(name: table.indicatorNames[id], dimension: unit.dimension, isRatio: false)
                        .additive ? 1 : 2
            }
            return additive[id] == 1 ? unit : nil
        }
        // The parents' own rows (the last of each, as the rows are read), then the sums of their children's:
        // only where a parent has a row of its own (a table of counties whose cities have no rows sums nothing).
        var parents: [Key: Int] = [:]
        table.forEachRow { i, row in
            let region = ids.regionName(row.region)
            guard !names.childrenOf[Int(region)].isEmpty, isAdditive(i, row) != nil else { return true }
            parents[Key(region: region, indicator: row.indicator, period: row.period.packed)] = i
            return true
        }
        guard !parents.isEmpty else { return [] }
        var sums: [Key: (sum: Decimal, count: Int, dimension: Dimension?)] = [:]
        table.forEachRow { i, row in
            let parent = names.parentOf[Int(ids.regionName(row.region))]
            guard parent >= 0, let unit = isAdditive(i, row) else { return true }
            let key = Key(region: parent, indicator: row.indicator, period: row.period.packed)
            guard parents[key] != nil else { return true }
            let base = unit.toBase(table.value(at: i))
            let old = sums[key] ?? (0, 0, unit.dimension)
            guard old.dimension == unit.dimension else { return true }
            sums[key] = (Exact.sum(old.sum, base), old.count + 1, unit.dimension)
            return true
        }
        var found: [(row: Int, problem: DataError)] = []
        for (key, children) in sums where children.count >= 2 {
            guard let p = parents[key], let unit = table.unit(at: p), unit.dimension == children.dimension else {
                continue
            }
            let own = unit.toBase(table.value(at: p))
            guard own >= 0, children.sum > own + own * childrenTolerance else { continue }
            let o = table[p]
            let sum = JSONOutput.exactString(Exact.quotient(children.sum, unit.factor) ?? children.sum)
            let warning = DataError(
                at(o),
                "the \(children.count) regions under \(o.region.name) sum to \(sum)\(unit.symbol) of \(o.indicator) for \(o.period), more than its own \(shown(o)): a share of it would be over 100%",
                severity: .warning)
            found.append((p, warning))
        }
        // In the parents' rows' order: the sums' dictionary has a new order in every process.
        return found.sorted { $0.row < $1.row }.map(\.problem)
    }

    /// Growth rates must be percentages.
    static func growthUnits(_ table: ObservationTable) -> [DataError] {
        let growth = table.indicatorNames.map { Indicator.isGrowthName($0) }
        guard growth.contains(true) else { return [] }
        var problems = ProblemList()
        table.forEachRow { i, row in
            guard growth[Int(row.indicator)], let u = table.units[row.unit], u.dimension != .ratio else { return true }
            let o = table[i]
            problems.add(DataError(at(o), "\(quote(o)) is a growth rate but is in \(u.symbol); growth is in %"))
            return true
        }
        return problems.problems
    }
}

extension Dataset {
    /// Runs every consistency check and adds what it finds to `problems`.
    public mutating func check() {
        problems += DatasetChecks.check(observations)
    }
}
