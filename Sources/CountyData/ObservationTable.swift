import Foundation

/// Observations stored column by column, read back one `Observation` at a time.
///
/// Regions, indicators, periods, units, files, notes and sources are stored once each and referred to
/// by small ids, and every column is packed (`PackedIntegers`, `PackedDecimals`): a row of a long CSV
/// takes a few bytes (7 for `R12,指3,2020,57.3`, 13 for the bench's 120-byte rows, where fixed-width
/// fields took 53) and no references, so a million-row table loads without a million strings and checks
/// compare ids instead of Chinese text. The ids are also public for code that scans many rows (checks,
/// the metrics engine); they are positions in `regions`, `indicatorNames` and `units`.
public struct ObservationTable: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    /// What few rows have: a structure's parts, a hedge, a JSON key.
    struct Extra: Sendable {
        var parts: [Decimal]?
        var hedge: Hedge?
        var key: String?
        var isEmpty: Bool { parts == nil && hedge == nil && key == nil }
    }

    /// Regions in order of first appearance; a row's region is `regions[regionID(at:)]`.
    public private(set) var regions: [Region] = []
    /// Indicator names in order of first appearance.
    public private(set) var indicatorNames: [String] = []
    /// Units by id; id 0 is “no unit”.
    public private(set) var units: [Unit?] = [nil]
    private(set) var files: [String] = []
    private var notes = TextTable()
    private var sources = TextTable()
    private var regionIndex: [Region: Int32] = [:]
    private var indicatorIndex: [String: Int32] = [:]
    private var unitIndex: [String: UInt16] = [:]

    /// Distinct periods in order of first appearance; a row's period is `periodList[periodCodes[i]]`.
    private var periodList: [Period] = []
    private var periodIndex: [UInt32: Int32] = [:]
    /// A period's code by a hash of it (a code that may be another period's: `periodCode` compares).
    private var recentPeriods = [Int32](repeating: 0, count: 64)

    private var regionIDs = PackedIntegers()
    private var indicatorIDs = PackedIntegers()
    private var periodCodes = PackedIntegers()
    private var values = PackedDecimals()
    /// The decimals each value was written with (-1: not known); see `Observation.writtenDecimals`.
    private var writtenDecimals = PackedIntegers()
    private var unitIDs = PackedIntegers()
    private var fileIDs = PackedIntegers()
    /// Each row's line less its index (0 for a file's rows on consecutive lines): `line(at:)`.
    private var lineOffsets = PackedIntegers()
    /// The character column of each row's value (0: none given), for wide tables' cells.
    private var columns = PackedIntegers()
    private var noteIDs = PackedIntegers()
    private var sourceIDs = PackedIntegers()
    private var extras: [Int32: Extra] = [:]
    /// A wide table's figures, when the table is one (then the columns above are empty): see `ObservationGrid`.
    var grid: ObservationGrid?

    public init() {}
    public init(arrayLiteral elements: Observation...) { self.init(elements) }
    public init(_ observations: some Sequence<Observation>) {
        for o in observations { append(o) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { grid?.count ?? regionIDs.count }

    public subscript(i: Int) -> Observation {
        let extra = extras[Int32(i)]
        if let grid {
            let (r, c) = grid.position(of: i)
            let written = grid.writtenDecimals(i)
            return Observation(
                region: regions[Int(grid.regionID(r))], indicator: indicatorNames[Int(grid.indicatorID(r, c))],
                period: grid.period(r, c), value: grid.value(i), parts: extra?.parts,
                unit: units[Int(grid.unitID(i, r, c))], hedge: extra?.hedge, note: notes.string(grid.noteID(r)),
                provenance: Provenance(
                    location: location(grid, i, r, c, extra), source: sources.string(grid.sourceID(r))),
                writtenDecimals: written < 0 ? nil : Int(written))
        }
        let written = writtenDecimals[i]
        return Observation(
            region: regions[Int(regionIDs[i])], indicator: indicatorNames[Int(indicatorIDs[i])], period: period(at: i),
            value: values[i], parts: extra?.parts, unit: units[Int(unitIDs[i])], hedge: extra?.hedge,
            note: notes.string(Int32(noteIDs[i])),
            provenance: Provenance(location: location(at: i, extra), source: sources.string(Int32(sourceIDs[i]))),
            writtenDecimals: written < 0 ? nil : Int(written))
    }

    /// Where row `i` came from (file, line, column or key), without reading the rest of it.
    public func location(at i: Int) -> SourceLocation { location(at: i, extras[Int32(i)]) }

    private func location(at i: Int, _ extra: Extra?) -> SourceLocation {
        if let grid {
            let (r, c) = grid.position(of: i)
            return location(grid, i, r, c, extra)
        }
        let line = Int(line(at: i))
        let column = Int(columns[i])
        return SourceLocation(
            file: files[Int(fileIDs[i])], line: line > 0 ? line : nil, column: column > 0 ? column : nil,
            key: extra?.key)
    }

    private func location(_ grid: ObservationGrid, _ i: Int, _ r: Int, _ c: Int, _ extra: Extra?) -> SourceLocation {
        let line = Int(grid.line(r)), column = Int(grid.characterColumn(i, r, c))
        return SourceLocation(
            file: files[Int(grid.file)], line: line > 0 ? line : nil, column: column > 0 ? column : nil,
            key: extra?.key)
    }

    // MARK: Columns, for scans over many rows (a scan of a grid reads it with `forEachRow`, not a lookup a row)

    public func regionID(at i: Int) -> Int32 {
        guard let grid else { return Int32(truncatingIfNeeded: regionIDs[i]) }
        return grid.regionID(grid.position(of: i).row)
    }
    public func indicatorID(at i: Int) -> Int32 {
        guard let grid else { return Int32(truncatingIfNeeded: indicatorIDs[i]) }
        let (r, c) = grid.position(of: i)
        return grid.indicatorID(r, c)
    }
    public func unitID(at i: Int) -> Int {
        guard let grid else { return Int(unitIDs[i]) }
        let (r, c) = grid.position(of: i)
        return Int(grid.unitID(i, r, c))
    }
    public func period(at i: Int) -> Period {
        guard let grid else { return periodList[Int(periodCodes[i])] }
        let (r, c) = grid.position(of: i)
        return grid.period(r, c)
    }
    public func value(at i: Int) -> Decimal {
        guard let grid else { return values[i] }
        return grid.value(i)
    }
    public func unit(at i: Int) -> Unit? { units[unitID(at: i)] }
    public func parts(at i: Int) -> [Decimal]? { extras[Int32(i)]?.parts }
    public func note(at i: Int) -> String {
        guard let grid else { return notes.string(Int32(noteIDs[i])) }
        return notes.string(grid.noteID(grid.position(of: i).row))
    }
    public func hasNote(at i: Int) -> Bool {
        guard let grid else { return noteIDs[i] != 0 }
        return grid.noteID(grid.position(of: i).row) != 0
    }

    /// A row's ids, as a scan gives them.
    struct RowIDs {
        var region: Int32
        var indicator: Int32
        var unit: Int
        var period: Period
    }

    /// Calls `body` with each row's index and ids, in order, until it returns false: one pass over the
    /// columns, or over a grid's rows and cells (where a lookup a row would search for the cell).
    func forEachRow(_ body: (_ i: Int, _ ids: RowIDs) -> Bool) {
        if let grid {
            grid.forEach { i, r, c in
                body(
                    i,
                    RowIDs(
                        region: grid.regionID(r), indicator: grid.indicatorID(r, c), unit: Int(grid.unitID(i, r, c)),
                        period: grid.period(r, c)))
            }
            return
        }
        // A block of rows at a time: each column copied out with one test of its width.
        let block = 1024
        var regions = [Int64](repeating: 0, count: block), indicators = regions, units = regions, periods = regions
        for start in stride(from: 0, to: count, by: block) {
            let rows = start..<Swift.min(count, start + block)
            regionIDs.copy(rows, into: &regions); indicatorIDs.copy(rows, into: &indicators)
            unitIDs.copy(rows, into: &units); periodCodes.copy(rows, into: &periods)
            for k in 0..<rows.count {
                let ids = RowIDs(
                    region: Int32(truncatingIfNeeded: regions[k]), indicator: Int32(truncatingIfNeeded: indicators[k]),
                    unit: Int(units[k]), period: periodList[Int(periods[k])])
                guard body(start + k, ids) else { return }
            }
        }
    }

    /// The rows whose value is below zero, in order.
    var rowsBelowZero: [Int] {
        var rows: [Int] = []
        if let grid {
            grid.forEach { i, r, c in
                if grid.isNegative(i) { rows.append(i) }
                return true
            }
            return rows
        }
        for i in 0..<values.count where values.isBelowZero(i) { rows.append(i) }
        return rows
    }

    /// The distinct periods of the rows, sorted. A table holds few periods, so a short list is
    /// searched before any hashing.
    public var distinctPeriods: [Period] {
        if grid == nil { return periodList.sorted() }   // every period listed is a row's
        var few: [Period] = []
        var many = Set<Period>()
        forEachRow { _, ids in
            if !few.contains(ids.period) {
                if few.count < 64 { few.append(ids.period) } else { many.insert(ids.period) }
            }
            return true
        }
        return (few + many).sorted()
    }

    /// The first row of each indicator, by id (every id has one: names are added with their rows).
    public var firstRowOfIndicator: [Int] {
        if grid == nil { return firstRows(count: indicatorNames.count, indicatorIDs) }
        return firstRows(count: indicatorNames.count) { $0.indicator }
    }
    /// The first row of each region, by id.
    public var firstRowOfRegion: [Int] {
        if grid == nil { return firstRows(count: regions.count, regionIDs) }
        return firstRows(count: regions.count) { $0.region }
    }

    private func firstRows(count: Int, _ ids: PackedIntegers) -> [Int] {
        var first = Array(repeating: -1, count: count)
        var found = 0
        for row in 0..<ids.count where first[Int(ids[row])] < 0 {
            first[Int(ids[row])] = row
            found += 1
            if found == count { break }
        }
        return first
    }

    private func firstRows(count: Int, _ id: (RowIDs) -> Int32) -> [Int] {
        var first = Array(repeating: -1, count: count)
        var found = 0
        guard count > 0 else { return first }
        forEachRow { row, ids in
            let k = Int(id(ids))
            guard first[k] < 0 else { return true }
            first[k] = row
            found += 1
            return found < count
        }
        return first
    }

    /// Rows that have parts (structures such as 19.4:36.3:44.3), in order.
    public var rowsWithParts: [Int] { extras.compactMap { $0.value.parts == nil ? nil : Int($0.key) }.sorted() }

    // MARK: Adding rows

    /// Room for `n` rows in every column, at its present width (room not written to takes no memory; a
    /// copy as a column grows would double it).
    public mutating func reserveCapacity(_ n: Int) {
        regionIDs.reserveCapacity(n); indicatorIDs.reserveCapacity(n); periodCodes.reserveCapacity(n)
        values.reserveCapacity(n); writtenDecimals.reserveCapacity(n); unitIDs.reserveCapacity(n)
        fileIDs.reserveCapacity(n); lineOffsets.reserveCapacity(n); columns.reserveCapacity(n)
        noteIDs.reserveCapacity(n); sourceIDs.reserveCapacity(n)
    }

    /// The bytes the rows' columns take: what the table holds a row beyond its distinct texts.
    public var rowBytes: Int {
        if let grid { return grid.byteCount }
        let ids = [regionIDs, indicatorIDs, periodCodes, writtenDecimals, unitIDs, fileIDs, lineOffsets, columns]
        return ids.reduce(values.byteCount + noteIDs.byteCount + sourceIDs.byteCount) { $0 + $1.byteCount }
    }

    public mutating func append(_ o: Observation) {
        materialize()
        let location = o.provenance.location
        let extra = Extra(parts: o.parts, hedge: o.hedge, key: location.key)
        appendRow(
            region: regionID(o.region), indicator: indicatorID(o.indicator), period: o.period, value: o.value,
            unit: unitID(o.unit), file: fileID(location.file), line: Int32(clamping: location.line ?? 0),
            column: Int32(clamping: location.column ?? 0),
            note: notes.id(o.note), source: sources.id(o.provenance.source),
            extra: extra.isEmpty ? nil : extra, writtenDecimals: Int8(clamping: o.writtenDecimals ?? -1))
    }

    public mutating func append(contentsOf other: ObservationTable) {
        if isEmpty && files.isEmpty { self = other; return }
        materialize()
        var other = other
        other.materialize()
        let regionMap = other.regions.map { regionID($0) }
        let indicatorMap = other.indicatorNames.map { indicatorID($0) }
        let unitMap = other.units.map { unitID($0) }
        let fileMap = other.files.map { fileID($0) }
        let noteOffset = notes.append(contentsOf: other.notes), sourceOffset = sources.append(contentsOf: other.sources)
        let periodMap = other.periodList.map { periodCode($0) }
        let rowOffset = Int32(count)
        // Column by column; a line's offset from its row shifts by the rows before the other table's first.
        regionIDs.append(contentsOf: other.regionIDs) { Int64(regionMap[Int($0)]) }
        indicatorIDs.append(contentsOf: other.indicatorIDs) { Int64(indicatorMap[Int($0)]) }
        periodCodes.append(contentsOf: other.periodCodes) { Int64(periodMap[Int($0)]) }
        values.append(contentsOf: other.values)
        writtenDecimals.append(contentsOf: other.writtenDecimals, adding: 0)
        unitIDs.append(contentsOf: other.unitIDs) { Int64(unitMap[Int($0)]) }
        fileIDs.append(contentsOf: other.fileIDs) { Int64(fileMap[Int($0)]) }
        lineOffsets.append(contentsOf: other.lineOffsets, adding: -Int64(rowOffset))
        columns.append(contentsOf: other.columns, adding: 0)
        noteIDs.append(contentsOf: other.noteIDs) { $0 == 0 ? 0 : $0 + Int64(noteOffset) }
        sourceIDs.append(contentsOf: other.sourceIDs) { $0 == 0 ? 0 : $0 + Int64(sourceOffset) }
        for (row, extra) in other.extras { extras[row + rowOffset] = extra }
    }

    /// One row from ids this table gave out.
    mutating func appendRow(
        region: Int32, indicator: Int32, period: Period, value: Decimal, unit: UInt16, file: UInt16,
        line: Int32, column: Int32 = 0, note: Int32, source: Int32, extra: Extra? = nil, writtenDecimals written: Int8
    ) {
        materialize()
        if let extra { extras[Int32(regionIDs.count)] = extra }
        appendRow(
            region: region, indicator: indicator, periodCode: periodCode(period), value: value, unit: unit, file: file,
            line: Int64(line), column: Int64(column), note: note, source: source, writtenDecimals: Int64(written))
    }

    /// One row, every column, the period by its code (no grid).
    private mutating func appendRow(
        region: Int32, indicator: Int32, periodCode: Int32, value: Decimal, unit: UInt16, file: UInt16, line: Int64,
        column: Int64, note: Int32, source: Int32, writtenDecimals written: Int64
    ) {
        let row = Int64(regionIDs.count)
        regionIDs.append(region); indicatorIDs.append(indicator); periodCodes.append(periodCode)
        values.append(value); writtenDecimals.append(written); unitIDs.append(unit); fileIDs.append(file)
        lineOffsets.append(line &- row); columns.append(column); noteIDs.append(note); sourceIDs.append(source)
    }

    /// Row `i`'s line (0: none).
    private func line(at i: Int) -> Int64 { lineOffsets[i] &+ Int64(i) }

    /// The code of `period` in `periodList`, added if new: looked up in a small cache of recent periods
    /// (a table holds few), then in `periodIndex`.
    private mutating func periodCode(_ period: Period) -> Int32 {
        let packed = period.packed
        let slot = Int(truncatingIfNeeded: (packed &* 0x9E37_79B1) >> 26)   // 64 slots
        let cached = Int(recentPeriods[slot])
        if cached < periodList.count, periodList[cached].packed == packed { return Int32(cached) }
        let code: Int32
        if let known = periodIndex[packed] {
            code = known
        } else {
            code = Int32(periodList.count)
            periodList.append(period); periodIndex[packed] = code
        }
        recentPeriods[slot] = code
        return code
    }

    mutating func regionID(_ region: Region) -> Int32 {
        if let last = regionIDs.last.map(Int32.init) ?? grid?.rowRegions.last, regions[Int(last)] == region {
            return last
        }   // rows of a region come together
        if let id = regionIndex[region] { return id }
        let id = Int32(regions.count)
        regions.append(region); regionIndex[region] = id
        return id
    }

    mutating func indicatorID(_ name: String) -> Int32 {
        if let last = indicatorIDs.last.map(Int32.init) ?? grid?.rowIndicators.last, indicatorNames[Int(last)] == name {
            return last
        }
        if let id = indicatorIndex[name] { return id }
        let id = Int32(indicatorNames.count)
        indicatorNames.append(name); indicatorIndex[name] = id
        return id
    }

    mutating func unitID(_ unit: Unit?) -> UInt16 {
        guard let unit else { return 0 }
        if let id = unitIndex[unit.symbol] { return id }
        let id = UInt16(units.count)
        units.append(unit); unitIndex[unit.symbol] = id
        return id
    }

    mutating func fileID(_ file: String) -> UInt16 {
        if let k = files.lastIndex(of: file) { return UInt16(k) }
        files.append(file)
        return UInt16(files.count - 1)
    }

    mutating func noteID(_ bytes: UnsafeRawBufferPointer) -> Int32 { notes.id(bytes) }
    mutating func sourceID(_ bytes: UnsafeRawBufferPointer) -> Int32 { sources.id(bytes) }
    mutating func noteID(_ text: String) -> Int32 { notes.id(text) }
    mutating func sourceID(_ text: String) -> Int32 { sources.id(text) }

    // MARK: A grid

    /// Starts the table as a grid (an empty table only): its rows are then added with `grid`'s methods.
    mutating func startGrid(labels: ObservationGrid.Labels, file: String, columnPeriods: [Period?]) {
        precondition(isEmpty && grid == nil, "a grid starts an empty table")
        grid = ObservationGrid(labels: labels, file: fileID(file), columnPeriods: columnPeriods)
    }

    /// Sets the parts, hedge or key of the grid's next figure.
    mutating func setExtraOfNextGridFigure(_ extra: Extra) {
        if let grid, !extra.isEmpty { extras[Int32(grid.nextIndex)] = extra }
    }

    /// Turns a grid into columns (an observation a row), for a table that grows by other rows.
    public mutating func materialize() {
        if grid == nil { return }   // a test of the tag, not a copy of the grid: this runs for every row added
        guard let g = grid else { return }
        grid = nil
        reserveCapacity(g.count)
        g.forEach { i, r, c in
            appendRow(
                region: g.regionID(r), indicator: g.indicatorID(r, c), periodCode: periodCode(g.period(r, c)),
                value: g.value(i), unit: g.unitID(i, r, c), file: g.file, line: Int64(g.line(r)),
                column: Int64(g.characterColumn(i, r, c)), note: g.noteID(r), source: g.sourceID(r),
                writtenDecimals: Int64(g.writtenDecimals(i)))
            return true
        }
    }
}
