import Foundation

/// Reads a wide table as exported from Excel: years as columns (地区,2019,2020,…) or
/// indicators as columns (地区,年份,地区生产总值（亿元）,…).
struct WideTableReader {
    let file: String
    /// The headings, while the header is read (then dropped: 100,000 of them are megabytes), and how many.
    private var header: [String]
    let fieldCount: Int
    let map: ColumnMap
    let options: LoadOptions
    /// The header's and the rows' problems, the first `Limits.problemsListed` listed.
    var problems = ProblemList()
    private var observations = ObservationTable()
    /// How each distinct indicator heading and unit text reads, worked out once: rows repeat them.
    private var headings = Readings<(name: String, unit: String?)>()
    private var units = Readings<Unit?>()
    /// The note and source ids of the row last read.
    private var noteLine = -1
    private var noteID: Int32 = 0, sourceID: Int32 = 0
    /// What the header says: the region column, and years as columns (each column's period) or
    /// indicators as columns (each column's indicator, unit and own period); nil when rows cannot be read.
    private enum Layout {
        case years(region: Int, periods: [(Int, Period)], indicator: (String, Unit?)?, unit: Unit?)
        case indicators(region: Int, columns: [IndicatorColumn], ids: [IDs])
    }
    private var layout: Layout?
    /// A column of figures of one indicator: where it is, the indicator, its unit (a position in
    /// `headingUnits`: a table of 100,000 columns has few distinct units) and its own period, if any.
    private struct IndicatorColumn {
        var index: Int
        var indicator: String
        var unit: Int
        var period: Period?
    }
    private var headingUnits: [Unit?] = []

    /// Reads `table`'s header, then its rows.
    init(table: Table, map: ColumnMap, options: LoadOptions) {
        self.init(file: table.file, header: table.header, map: map, options: options)
        for row in table.rows { read(row) }
    }

    /// Reads the header; the rows follow, one `read` each, as they are parsed.
    init(file: String, header: [String], map: ColumnMap, options: LoadOptions) {
        self.file = file; self.header = header; self.map = map; self.options = options
        fieldCount = header.count
        layout = readHeader()
        self.header = []
    }

    /// The observations and problems of the rows read.
    mutating func read() -> Dataset { Dataset(observations: observations, problems: problems.problems) }

    /// How many cells the rows read so far hold.
    var cellsRead: Int { observations.grid?.cells.count ?? 0 }

    /// Room for `n` more cells (the loader's estimate from the file's size), so that the grid is not
    /// copied as it grows: a copy holds the old cells and the new at once.
    mutating func reserveCells(_ n: Int) { observations.grid?.reserveCells(n) }

    /// Reads one row of figures.
    mutating func read(_ row: Table.Row) {
        switch layout {
        case .years(let regionColumn, let periodColumns, let defaultIndicator, let fixedUnit):
            readYears(row, regionColumn, periodColumns, defaultIndicator, fixedUnit)
        case .indicators(let regionColumn, let columns, var columnIDs):
            layout = nil   // columnIDs is changed in place, without a copy
            readIndicators(row, regionColumn, columns, &columnIDs)
            layout = .indicators(region: regionColumn, columns: columns, ids: columnIDs)
        case nil: return
        }
    }

    private func location(_ row: Table.Row, _ index: Int) -> SourceLocation {
        SourceLocation(file: file, line: row.line, column: index < row.columns.count ? row.columns[index] : nil)
    }

    private mutating func readYears(
        _ row: Table.Row, _ regionColumn: Int, _ periodColumns: [(Int, Period)], _ defaultIndicator: (String, Unit?)?,
        _ fixedUnit: Unit?
    ) {
        guard row.fields.count == fieldCount else { problems.add(shortRow(row)); return }
        guard let region = region(row, regionColumn) else { return }
        var indicator = defaultIndicator?.0 ?? ""
        var unit = defaultIndicator?.1 ?? fixedUnit
        if let ic = map[.indicator] {
            let split = headings.value(row.fields[ic]) { HeadingUnit.split($0.trimmingSpaces) }
            indicator = split.name
            if let u = split.unit { unit = units.value(u) { Unit($0) } ?? unit }
        }
        if let uc = map[.unit], !row.fields[uc].trimmingSpaces.isEmpty {
            let raw = row.fields[uc].trimmingSpaces
            guard let u = units.value(raw, { Unit($0) }) else {
                problems.add(
                    DataError(
                        location(row, uc),
                        "“\(raw)” is not a unit CountyReport knows (\(indicator) of \(region.name))"))
                return
            }
            unit = u
        }
        if indicator.isEmpty {
            problems.add(DataError(location(row, map[.indicator] ?? regionColumn), "the indicator is empty"))
            return
        }
        var ids = IDs()
        observations.grid!.startRow()   // the header made the grid
        for (column, period) in periodColumns {
            add(row, column, &ids, region: region, indicator: indicator, period: period, unit: unit)
        }
        observations.grid!.endRow(
            region: ids.region, indicator: ids.indicator, unit: UInt16(max(0, ids.unit)), period: .year(0),
            line: row.line, note: noteID, source: sourceID)
    }

    private mutating func readIndicators(
        _ row: Table.Row, _ regionColumn: Int, _ columns: [IndicatorColumn], _ columnIDs: inout [IDs]
    ) {
        guard row.fields.count == fieldCount else { problems.add(shortRow(row)); return }
        guard let region = region(row, regionColumn) else { return }
        var period = options.period
        if let pc = map[.period] {
            let raw = row.fields[pc].trimmingSpaces
            guard let p = Period(raw) else {
                problems.add(DataError(location(row, pc), "“\(raw)” is not a period (row of \(region.name))"))
                return
            }
            period = p
        }
        var regionIDs = IDs()
        observations.grid!.startRow()   // the header made the grid
        for (k, c) in columns.enumerated() {
            let column = c.index, indicator = c.indicator, unit = headingUnits[c.unit]
            guard let period = c.period ?? period else {
                observations.grid!.add(.none, column: 0)
                continue
            }
            var ids = columnIDs[k]
            ids.region = regionIDs.region
            add(row, column, &ids, region: region, indicator: indicator, period: period, unit: unit)
            regionIDs.region = ids.region
            if ids.indicator != columnIDs[k].indicator || ids.unit != columnIDs[k].unit {
                observations.grid!.setColumnIDs(k, indicator: ids.indicator, unit: UInt16(max(0, ids.unit)))
            }
            columnIDs[k] = ids
        }
        observations.grid!.endRow(
            region: regionIDs.region, indicator: -1, unit: 0, period: period ?? .year(0), line: row.line, note: noteID,
            source: sourceID)
    }

    /// The layout the header gives, or nil with the problems that make its rows unreadable.
    private mutating func readHeader() -> Layout? {
        guard let regionColumn = map[.region] ?? map[.regionCode] else {
            problems = ProblemList([
                DataError(
                    SourceLocation(file: file, line: 1),
                    "no region column: expected one headed region or 地区 (long tables also need indicator and value columns)"
                )
            ])
            return nil
        }
        let dataColumns = map.others
        guard !dataColumns.isEmpty else {
            problems = ProblemList([DataError(SourceLocation(file: file, line: 1), "no data columns besides the keys")])
            return nil
        }
        let periodColumns = dataColumns.compactMap { i in Period(header[i]).map { (i, $0) } }
        let fixedUnit: Unit? = options.unit.flatMap { Unit($0) }
        if let u = options.unit, fixedUnit == nil {
            problems.add(DataError(SourceLocation(file: file), "“\(u)” is not a unit CountyReport knows"))
        }

        if periodColumns.count == dataColumns.count {
            // Years as columns: the indicator comes from a column or the options.
            var defaultIndicator: (String, Unit?)?
            if let name = options.indicator {
                let split = HeadingUnit.split(name)
                defaultIndicator = (split.name, split.unit.flatMap { Unit($0) } ?? fixedUnit)
            }
            if map[.indicator] == nil && defaultIndicator == nil {
                problems.add(
                    DataError(
                        SourceLocation(file: file, line: 1),
                        "years as columns but no indicator column: add one headed 指标, or give --indicator"))
                return nil
            }
            observations.startGrid(labels: .byRow, file: file, columnPeriods: periodColumns.map { $0.1 })
            return .years(region: regionColumn, periods: periodColumns, indicator: defaultIndicator, unit: fixedUnit)
        } else {
            // Indicators as columns, each heading 名称（单位）, or 名称（单位）｜2023年 (a two-row header joined) with its own period.
            let headings = dataColumns.map { Self.periodHeading(header[$0]) }
            guard map[.period] != nil || options.period != nil || headings.allSatisfy({ $0.period != nil }) else {
                problems.add(
                    DataError(
                        SourceLocation(file: file, line: 1),
                        "indicators as columns but no period column: add one headed 年份, or give --period"))
                return nil
            }
            var columns: [IndicatorColumn] = []
            var unitPosition: [String: Int] = [:]
            headingUnits = [fixedUnit]
            for (i, heading) in zip(dataColumns, headings) {
                let split = HeadingUnit.split(heading.name)
                var unit = 0
                if let u = split.unit {
                    if let known = unitPosition[u] {
                        columns.append(
                            IndicatorColumn(index: i, indicator: split.name, unit: known, period: heading.period))
                        continue
                    }
                    guard let parsed = Unit(u) else {
                        problems.add(
                            DataError(
                                SourceLocation(file: file, line: 1, column: nil, key: header[i]),
                                "“\(u)” in the heading “\(header[i])” is not a unit CountyReport knows"))
                        continue
                    }
                    unit = headingUnits.count
                    unitPosition[u] = unit
                    headingUnits.append(parsed)
                }
                columns.append(IndicatorColumn(index: i, indicator: split.name, unit: unit, period: heading.period))
            }
            observations.startGrid(labels: .byColumn, file: file, columnPeriods: columns.map(\.period))
            return .indicators(region: regionColumn, columns: columns, ids: Array(repeating: IDs(), count: columns.count))
        }
    }

    /// What joins the rows of a multi-row header into one heading per column: `地区生产总值（亿元）｜2023年`.
    public static let headingJoiner = "｜"

    /// A joined heading that names a period in one part: the period and the rest (`2023年｜地区生产总值（亿元）`
    /// → 2023年, 地区生产总值（亿元）); any other heading as it is, with no period.
    static func periodHeading(_ heading: String) -> (name: String, period: Period?) {
        let parts = heading.components(separatedBy: headingJoiner)
        guard parts.count == 2 else { return (heading, nil) }
        if let p = Period(parts[1].trimmingSpaces), Period(parts[0].trimmingSpaces) == nil { return (parts[0], p) }
        if let p = Period(parts[0].trimmingSpaces), Period(parts[1].trimmingSpaces) == nil { return (parts[1], p) }
        return (heading, nil)
    }

    private func shortRow(_ row: Table.Row) -> DataError {
        DataError(
            SourceLocation(file: file, line: row.line),
            "the row has \(row.fields.count) fields; the header has \(fieldCount)")
    }

    private mutating func region(_ row: Table.Row, _ column: Int) -> Region? {
        let name = map[.region].map { row.fields[$0].trimmingSpaces } ?? ""
        let code = map[.regionCode].map { row.fields[$0].trimmingSpaces } ?? ""
        if name.isEmpty && code.isEmpty {
            problems.add(DataError(location(row, column), "the region is empty"))
            return nil
        }
        let parent = map[.parent].map { row.fields[$0].trimmingSpaces } ?? ""
        return Region(code: code, name: name.isEmpty ? code : name, parent: parent)
    }

    /// The table's ids of a cell's region, indicator and unit (-1: not asked yet), each worked out once
    /// per row or column, when its first figure is added: a region or indicator with no figure gets no id.
    private struct IDs { var region: Int32 = -1; var indicator: Int32 = -1; var unit: Int32 = -1 }

    /// Adds one cell to the grid: a plain decimal (the common case) packed in 8 bytes straight from its
    /// text, without making an `Observation` or hashing its names (a 100-row table of 100,000 columns has
    /// ten million cells); anything else through the cell reader, kept beside the grid; or no figure.
    private mutating func add(
        _ row: Table.Row, _ column: Int, _ ids: inout IDs, region: Region, indicator: String, period: Period,
        unit: Unit?
    ) {
        var raw = row.fields[column]
        let at = column < row.columns.count ? row.columns[column] : 0
        if let plain = raw.withUTF8({ CellReader.plainDecimal($0) }), let packed = GridCell.packed(plain) {
            register(row, &ids, region: region, indicator: indicator)
            if ids.unit < 0 { ids.unit = Int32(observations.unitID(unit)) }
            observations.grid!.add(.plain(packed), column: at)
        } else if let o = observation(row, column, region: region, indicator: indicator, period: period, unit: unit) {
            register(row, &ids, region: region, indicator: indicator)
            let unitID = observations.unitID(o.unit)
            observations.setExtraOfNextGridFigure(ObservationTable.Extra(parts: o.parts, hedge: o.hedge, key: nil))
            observations.grid!.add(
                .other(.init(value: o.value, unit: unitID, writtenDecimals: Int8(clamping: o.writtenDecimals ?? -1))),
                column: at)
        } else {
            observations.grid!.add(.none, column: at)
        }
    }

    /// The ids of a figure's region and indicator, and of its row's note and source, each made at its first figure.
    private mutating func register(_ row: Table.Row, _ ids: inout IDs, region: Region, indicator: String) {
        if ids.region < 0 { ids.region = observations.regionID(region) }
        if ids.indicator < 0 { ids.indicator = observations.indicatorID(indicator) }
        if noteLine != row.line {
            noteLine = row.line
            noteID = map[.note].map { observations.noteID(row.fields[$0]) } ?? 0
            sourceID = map[.source].map { observations.sourceID(row.fields[$0]) } ?? 0
        }
    }

    private mutating func observation(
        _ row: Table.Row, _ column: Int, region: Region, indicator: String, period: Period,
        unit: Unit?
    ) -> Observation? {
        let raw = row.fields[column]
        let note = map[.note].map { row.fields[$0] } ?? ""
        let source = map[.source].map { row.fields[$0] } ?? ""
        let provenance = Provenance(location: location(row, column), source: source)
        do {
            return CellReader.observation(
                try CellReader.read(raw, columnUnit: unit), region: region, indicator: indicator, period: period,
                columnUnit: unit, note: note, provenance: provenance, writtenDecimals: CellReader.writtenDecimals(raw))
        } catch {
            problems.add(
                DataError(
                    location(row, column),
                    "cannot read “\(raw)” as \(indicator) of \(region.name) (\(period)): \(error.message)"))
            return nil
        }
    }
}

/// Values worked out from texts, each text once.
private struct Readings<Value> {
    private var known: [String: Value] = [:]

    mutating func value(_ text: String, _ read: (String) -> Value) -> Value {
        if let v = known[text] { return v }
        let v = read(text)
        known[text] = v
        return v
    }
}
