import Foundation

/// Observations stored column by column, read back one `Observation` at a time.
///
/// Regions, indicators, units, files, notes and sources are stored once each and referred to by
/// small ids, so a row takes about 50 bytes and no references: a million-row table loads without
/// a million strings and checks compare ids instead of Chinese text. The ids are also public for
/// code that scans many rows (checks, the metrics engine); they are positions in `regions`,
/// `indicatorNames` and `units`.
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

    private var regionIDs: [Int32] = []
    private var indicatorIDs: [Int32] = []
    private var periods: [Period] = []
    private var values: [Decimal] = []
    /// The decimals each value was written with (-1: not known); see `Observation.writtenDecimals`.
    private var writtenDecimals: [Int8] = []
    private var unitIDs: [UInt16] = []
    private var fileIDs: [UInt16] = []
    private var lines: [Int32] = []
    /// The character column of each row's value (0: none given), for wide tables' cells.
    private var columns: [Int32] = []
    private var noteIDs: [Int32] = []
    private var sourceIDs: [Int32] = []
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
        return Observation(
            region: regions[Int(regionIDs[i])], indicator: indicatorNames[Int(indicatorIDs[i])], period: periods[i],
            value: values[i], parts: extra?.parts, unit: units[Int(unitIDs[i])], hedge: extra?.hedge,
            note: notes.string(noteIDs[i]),
            provenance: Provenance(location: location(at: i, extra), source: sources.string(sourceIDs[i])),
            writtenDecimals: writtenDecimals[i] < 0 ? nil : Int(writtenDecimals[i]))
    }

    /// Where row `i` came from (file, line, column or key), without reading the rest of it.
    public func location(at i: Int) -> SourceLocation { location(at: i, extras[Int32(i)]) }

    private func location(at i: Int, _ extra: Extra?) -> SourceLocation {
        if let grid {
            let (r, c) = grid.position(of: i)
            return location(grid, i, r, c, extra)
        }
        let line = Int(lines[i])
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
        guard let grid else { return regionIDs[i] }
        return grid.regionID(grid.position(of: i).row)
    }
    public func indicatorID(at i: Int) -> Int32 {
        guard let grid else { return indicatorIDs[i] }
        let (r, c) = grid.position(of: i)
        return grid.indicatorID(r, c)
    }
    public func unitID(at i: Int) -> Int {
        guard let grid else { return Int(unitIDs[i]) }
        let (r, c) = grid.position(of: i)
        return Int(grid.unitID(i, r, c))
    }
    public func period(at i: Int) -> Period {
        guard let grid else { return periods[i] }
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
        guard let grid else { return notes.string(noteIDs[i]) }
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
        regionIDs.withUnsafeBufferPointer { regions in
            indicatorIDs.withUnsafeBufferPointer { indicators in
                unitIDs.withUnsafeBufferPointer { units in
                    periods.withUnsafeBufferPointer { periods in
                        for i in 0..<regions.count {
                            let ids = RowIDs(
                                region: regions[i], indicator: indicators[i], unit: Int(units[i]), period: periods[i])
                            guard body(i, ids) else { return }
                        }
                    }
                }
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
        for (i, v) in values.enumerated() where v.sign == .minus && !v.isZero { rows.append(i) }
        return rows
    }

    /// The distinct periods of the rows, sorted. A table holds few periods, so a short list is
    /// searched before any hashing.
    public var distinctPeriods: [Period] {
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

    private func firstRows(count: Int, _ ids: [Int32]) -> [Int] {
        var first = Array(repeating: -1, count: count)
        var found = 0
        for (row, id) in ids.enumerated() where first[Int(id)] < 0 {
            first[Int(id)] = row
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

    public mutating func reserveCapacity(_ n: Int) {
        regionIDs.reserveCapacity(n); indicatorIDs.reserveCapacity(n); periods.reserveCapacity(n)
        values.reserveCapacity(n); writtenDecimals.reserveCapacity(n); unitIDs.reserveCapacity(n); fileIDs.reserveCapacity(n); lines.reserveCapacity(n);
        columns.reserveCapacity(n)
        noteIDs.reserveCapacity(n); sourceIDs.reserveCapacity(n)
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
        let rowOffset = Int32(count)
        regionIDs += other.regionIDs.map { regionMap[Int($0)] }
        indicatorIDs += other.indicatorIDs.map { indicatorMap[Int($0)] }
        unitIDs += other.unitIDs.map { unitMap[Int($0)] }
        fileIDs += other.fileIDs.map { fileMap[Int($0)] }
        noteIDs += other.noteIDs.map { $0 == 0 ? 0 : $0 + noteOffset }
        sourceIDs += other.sourceIDs.map { $0 == 0 ? 0 : $0 + sourceOffset }
        periods += other.periods
        values += other.values
        writtenDecimals += other.writtenDecimals
        lines += other.lines
        columns += other.columns
        for (row, extra) in other.extras { extras[row + rowOffset] = extra }
    }

    /// One row from ids this table gave out.
    mutating func appendRow(
        region: Int32, indicator: Int32, period: Period, value: Decimal, unit: UInt16, file: UInt16,
        line: Int32, column: Int32 = 0, note: Int32, source: Int32, extra: Extra? = nil, writtenDecimals written: Int8
    ) {
        materialize()
        if let extra { extras[Int32(regionIDs.count)] = extra }
        regionIDs.append(region); indicatorIDs.append(indicator); periods.append(period); values.append(value)
        writtenDecimals.append(written)
        unitIDs.append(unit); fileIDs.append(file); lines.append(line); columns.append(column)
        noteIDs.append(note); sourceIDs.append(source)
    }

    mutating func regionID(_ region: Region) -> Int32 {
        if let last = regionIDs.last ?? grid?.rowRegions.last, regions[Int(last)] == region { return last }   // rows of a region come together
        if let id = regionIndex[region] { return id }
        let id = Int32(regions.count)
        regions.append(region); regionIndex[region] = id
        return id
    }

    mutating func indicatorID(_ name: String) -> Int32 {
        if let last = indicatorIDs.last ?? grid?.rowIndicators.last, indicatorNames[Int(last)] == name { return last }
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
        guard let g = grid else { return }
        grid = nil
        reserveCapacity(g.count)
        g.forEach { i, r, c in
            regionIDs.append(g.regionID(r)); indicatorIDs.append(g.indicatorID(r, c)); periods.append(g.period(r, c))
            values.append(g.value(i)); writtenDecimals.append(g.writtenDecimals(i))
            unitIDs.append(g.unitID(i, r, c)); fileIDs.append(g.file); lines.append(g.line(r))
            columns.append(g.characterColumn(i, r, c)); noteIDs.append(g.noteID(r)); sourceIDs.append(g.sourceID(r))
            return true
        }
    }
}
