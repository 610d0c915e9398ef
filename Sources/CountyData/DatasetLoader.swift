import Foundation
import Synchronization

/// Choices the caller can make when loading.
public struct LoadOptions: Sendable {
    /// Force an encoding instead of detecting it.
    public var encoding: TextEncoding?
    /// The period of every row when the file has no period column (wide tables of one year).
    public var period: Period?
    /// The indicator of every row when a wide table has years as columns and no indicator column.
    public var indicator: String?
    /// The unit of every value when the file has no unit column or heading unit.
    public var unit: String?
    /// The sheet of a workbook to read, by name or 1-based index, when its path names none (`book.xlsx#表3-1`).
    public var sheet: String?

    public init(
        encoding: TextEncoding? = nil, period: Period? = nil, indicator: String? = nil, unit: String? = nil,
        sheet: String? = nil
    ) {
        self.encoding = encoding; self.period = period; self.indicator = indicator; self.unit = unit; self.sheet = sheet
    }
}

/// Loads county data tables — long CSV, wide CSV and JSON — into observations, collecting
/// every problem with its file, line and column instead of stopping at the first.
public enum DatasetLoader {
    /// Loads every file; problems are in the result, never thrown.
    public static func load(_ paths: [String], options: LoadOptions = LoadOptions()) -> Dataset {
        var all = Dataset()
        for path in paths { all.append(load(path, options: options)) }
        return all
    }

    public static func load(_ path: String, options: LoadOptions = LoadOptions()) -> Dataset {
        load(path, options: options, windowSize: CSVWindows.standardSize)
    }

    /// `load`, reading a CSV file `windowSize` bytes at a time and the text `piece` bytes at a time
    /// (tests give tiny ones). The file is read once, in order, checked as it is read (`TextFile.withText`).
    static func load(_ path: String, options: LoadOptions, windowSize: Int, piece: Int = TextStream.standardPiece)
        -> Dataset
    {
        let json = path.lowercased().hasSuffix(".json")
        do {
            let (fd, size) = try TextFile.openChecked(path: path, asText: true, reading: .dataset)
            defer { close(fd) }
            // JSON is UTF-8 unless told (RFC 8259); a CSV file's encoding is detected.
            return try TextFile.withText(
                path: path, encoding: json ? options.encoding ?? .utf8 : options.encoding, piece: piece, source: fd
            ) {
                text in
                if json { return try JSONDatasetLoader.load(text, file: path, options: options) }
                var windows = CSVWindows(text, size: size, windowSize: windowSize)
                return try loadCSV(&windows, file: path, options: options)
            }
        } catch let e as DataError {
            return Dataset(problems: [e])
        } catch {
            return Dataset(problems: [DataError(SourceLocation(file: path), "\(error)")])
        }
    }

    /// Loads CSV text (UTF-8 bytes): long format when it has indicator and value columns, else wide.
    public static func loadCSV(_ bytes: [UInt8], file: String, options: LoadOptions = LoadOptions()) -> Dataset {
        loadCSV(bytes, file: file, options: options, windowSize: CSVWindows.standardSize)
    }

    /// `loadCSV`, `windowSize` bytes at a time, as a file is read (tests give a tiny window).
    static func loadCSV(_ bytes: [UInt8], file: String, options: LoadOptions, windowSize: Int) -> Dataset {
        var windows = CSVWindows(file: file, size: bytes.count, windowSize: windowSize) { into, count, offset in
            let n = max(0, min(count, bytes.count - offset))
            bytes.withUnsafeBytes { if n > 0 { into.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
            return n
        }
        do { return try loadCSV(&windows, file: file, options: options) } catch let e as DataError {
            return Dataset(problems: [e])
        } catch {
            return Dataset(problems: [DataError(SourceLocation(file: file), "\(error)")])
        }
    }

    /// Reads the windows' records into a dataset: the header, then a long table's rows window by window
    /// (each window's records in pieces on every core, joined in order), or a wide table's rows. After a
    /// CSV syntax error, or a header that cannot be read, the rest is only checked, not read, so every
    /// window size gives the same result.
    static func loadCSV(_ windows: inout CSVWindows, file: String, options: LoadOptions) throws -> Dataset {
        var header: [String]?
        var map = ColumnMap(header: [])
        var line = 1
        var dataset = Dataset()
        var wide: WideTableReader?
        var stopped = false
        var reserved = false
        let size = windows.size
        try windows.forEach { parser, range, final in
            if stopped { return range.upperBound }
            var start = range.lowerBound
            if header == nil {
                let bom = parser.origin.isFileStart && parser.bytes.starts(with: [0xEF, 0xBB, 0xBF])
                do {
                    let end = try parser.records(in: (bom ? 3 : 0)..<range.upperBound, firstLine: 1, final: final) {
                        header = $0.strings.map { $0.trimmingSpaces }
                        return false
                    }.end
                    if header == nil && !final { return start }   // the header goes on in the next window
                    start = end
                } catch let e as CSVSyntaxError {
                    dataset.problems = [DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message)]
                    stopped = true
                    return range.upperBound
                }
                guard let columns = header, !columns.allSatisfy(\.isEmpty) else {
                    dataset.problems = [
                        DataError(SourceLocation(file: file, line: 1), "the file is empty: expected a header row")
                    ]
                    stopped = true
                    return range.upperBound
                }
                map = ColumnMap(header: columns)
                line = 1 + parser.bytes.withUnsafeBytes { CSVParser.occurrences(of: 0x0A, in: $0, 0..<start) }
                if map[.indicator] == nil || map[.value] == nil {
                    wide = WideTableReader(file: file, header: columns, map: map, options: options)
                    header = []   // read: the wide reader keeps what it needs of it
                } else {
                    var reader = LongRowReader(file: file, options: options)
                    reader.configure(header: columns, map: map)
                    if !reader.headerProblems.isEmpty {
                        dataset.problems = reader.headerProblems
                        stopped = true
                        return range.upperBound
                    }
                }
            }
            let read: (end: Int, line: Int, stop: Bool)
            if wide != nil {
                read = wideWindow(parser, start..<range.upperBound, line: line, final: final, file: file, into: &wide!, &dataset)
                if !reserved && !final && wide!.cellsRead > 0 {
                    // Room for the cells to come, as many a byte of rows as this window had and a fifth more
                    // (capacity not written to takes no memory; a copy as the cells grow would double them).
                    reserved = true
                    let perByte = Double(wide!.cellsRead) / Double(max(1, read.end - start))
                    wide!.reserveCells(Int(Double(max(0, size - read.end)) * perByte * 1.2) + 16)
                }
            } else {
                read = longWindow(
                    parser, start..<range.upperBound, line: line, final: final, file: file, header: header!, map: map,
                    options: options, into: &dataset)
                if !reserved && !final && dataset.observations.count > 0 {
                    // Room for the rows to come, as many a byte as this window had.
                    reserved = true
                    let perByte = Double(dataset.observations.count) / Double(max(1, read.end))
                    dataset.observations.reserveCapacity(Int(Double(size) * perByte * 1.02) + 16)
                }
            }
            line = read.line
            stopped = read.stop
            return read.stop ? range.upperBound : read.end
        }
        if var wide {
            let problems = dataset.problems
            dataset = wide.read()
            dataset.problems += problems
        }
        Trace.mark("parse \(dataset.observations.count) rows")
        return dataset
    }

    /// Reads a window's records of a long table on every core, each piece into a table of its own, and
    /// appends the tables in order; stops at a CSV syntax error (`stop`), after the rows before it.
    private static func longWindow(
        _ parser: CSVParser, _ range: Range<Int>, line: Int, final: Bool, file: String, header: [String],
        map: ColumnMap, options: LoadOptions, into dataset: inout Dataset
    ) -> (end: Int, line: Int, stop: Bool) {
        let pieces = parser.split(range, firstLine: line, parts: min(4, ProcessInfo.processInfo.activeProcessorCount))
        typealias Outcome = (
            table: ObservationTable, rowProblems: [DataError], problems: [DataError], end: Int, line: Int, failed: Bool
        )
        let outcomes = Mutex<[Int: Outcome]>([:])
        DispatchQueue.concurrentPerform(iterations: pieces.count) { k in
            let (range, line, lineEnds) = pieces[k]
            var reader = LongRowReader(file: file, options: options)
            reader.configure(header: header, map: map)
            if k < pieces.count - 1 { reader.table.reserveCapacity(lineEnds) }   // exact for all but the last piece
            var problems: [DataError] = []
            var read = (end: range.upperBound, line: line)
            var failed = false
            do {
                read = try parser.records(in: range, firstLine: line, final: final || k < pieces.count - 1) { record in
                    reader.read(record)
                    return true
                }
            } catch let e as CSVSyntaxError {
                problems.append(DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message))
                failed = true
            } catch {
                problems.append(DataError(SourceLocation(file: file), "\(error)"))
                failed = true
            }
            let outcome = (reader.table, reader.problems.problems, problems, read.end, read.line, failed)
            outcomes.withLock { $0[k] = outcome }
        }
        for k in pieces.indices {
            let outcome = outcomes.withLock { $0.removeValue(forKey: k)! }   // every piece stored its outcome before concurrentPerform returned
            dataset.observations.append(contentsOf: outcome.table)
            ProblemList.fold(&dataset.problems, adding: outcome.rowProblems)   // the syntax error stays listed
            dataset.problems += outcome.problems
            if outcome.failed { return (range.upperBound, outcome.line, true) }
            if k == pieces.count - 1 { return (outcome.end, outcome.line, false) }
        }
        return (range.upperBound, line, false)   // not reached: split gives at least one piece
    }

    /// Reads a window's records of a wide table, a row at a time; stops at a CSV syntax error (`stop`).
    private static func wideWindow(
        _ parser: CSVParser, _ range: Range<Int>, line: Int, final: Bool, file: String,
        into reader: inout WideTableReader, _ dataset: inout Dataset
    ) -> (end: Int, line: Int, stop: Bool) {
        do {
            let read = try parser.records(in: range, firstLine: line, final: final) { record in
                reader.read(Table.Row(line: record.line, fields: record.strings, columns: record.columns))
                return true
            }
            return (read.end, read.line, false)
        } catch let e as CSVSyntaxError {
            dataset.problems.append(DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message))
        } catch {
            dataset.problems.append(DataError(SourceLocation(file: file), "\(error)"))
        }
        return (range.upperBound, line, true)
    }
}

/// The text of one column of a long table, by id: the previous row's field is recognised by a
/// byte compare, any other by one hash into the column's own table of distinct texts.
struct ColumnTexts {
    var texts = TextTable()
    private var lastStart: UnsafeRawPointer?
    private var lastCount = -1
    private var lastID: Int32 = 0

    /// The id of field `i` of `record` (trimmed, `""` unescaped).
    mutating func id(_ record: borrowing CSVRecord, _ i: Int) -> Int32 {
        guard let b = record.trimmedBytes(i) else {
            lastCount = -1
            return texts.id(record.string(i).trimmingSpaces)
        }
        let raw = UnsafeRawBufferPointer(b)
        // lastCount > 0: the previous field set lastStart, and this one has bytes (count == lastCount).
        if raw.count == lastCount, lastCount == 0 || memcmp(lastStart!, raw.baseAddress!, lastCount) == 0 {
            return lastID
        }
        lastID = texts.id(raw)
        lastStart = raw.baseAddress; lastCount = raw.count
        return lastID
    }

    func string(_ id: Int32) -> String { texts.string(id) }

    /// Drops the remembered previous field: the next record lives in another buffer (a worksheet's rows do).
    mutating func forgetPrevious() { lastCount = -1; lastStart = nil }
}

/// Reads rows of a long table (one observation a row) into an `ObservationTable`, reading each
/// distinct region, indicator, period and unit text once.
struct LongRowReader {
    let file: String
    let options: LoadOptions
    var header: [String] = []
    var map = ColumnMap(header: [])
    /// The rows' problems, the first `Limits.problemsListed` listed.
    var problems = ProblemList()
    var headerProblems: [DataError] = []
    var table = ObservationTable()
    /// Per column: its distinct texts (only the columns with a role are read this way).
    private var columns: [ColumnTexts] = []
    private var indicatorOfText: [Int32] = []
    /// Per period text: 0 not read yet, 1 a period, 2 not a period.
    private var periodState: [UInt8] = []
    private var periodOfText: [Period] = []
    /// Per unit text: the table's unit id, -1 not a unit, -2 not read yet.
    private var unitOfText: [Int32] = []
    private struct RegionKey: Hashable { var code: Int32; var name: Int32; var parent: Int32 }
    private var regionOfKey: [RegionKey: Int32] = [:]
    private var lastRegionKey = RegionKey(code: -1, name: -1, parent: -1)
    private var lastRegionID: Int32 = 0
    private var fixedUnit: Unit?
    private var fixedUnitID: UInt16 = 0
    private var fileID: UInt16 = 0
    private var valueIndex = 0
    private var roleColumn: [Int] = []

    init(file: String, options: LoadOptions) {
        self.file = file
        self.options = options
    }

    mutating func configure(header: [String], map: ColumnMap, headerLine: Int = 1) {
        self.header = header
        self.map = map
        valueIndex = map[.value] ?? 0
        if map[.region] == nil && map[.regionCode] == nil {
            headerProblems.append(
                DataError(
                    SourceLocation(file: file, line: headerLine), "no region column: expected one headed region or 地区"))
        }
        if map[.period] == nil && options.period == nil {
            headerProblems.append(
                DataError(
                    SourceLocation(file: file, line: headerLine),
                    "no period column: expected one headed period or 年份 (or give --period)"))
        }
        if let u = options.unit {
            fixedUnit = Unit(u)
            if fixedUnit == nil {
                headerProblems.append(DataError(SourceLocation(file: file), "“\(u)” is not a unit CountyReport knows"))
            }
        }
        fixedUnitID = table.unitID(fixedUnit)
        fileID = table.fileID(file)
        columns = Array(repeating: ColumnTexts(), count: header.count)
        roleColumn = ColumnRole.allCases.map { map[$0] ?? -1 }
    }

    /// The next record is in a new buffer (a worksheet row): forget the previous row's fields.
    mutating func startBuffer() {
        for i in columns.indices { columns[i].forgetPrevious() }
    }

    private func location(_ record: borrowing CSVRecord, _ i: Int) -> SourceLocation {
        SourceLocation(file: file, line: record.line, column: i < record.count ? record.column(i) : nil)
    }

    /// The text id of the column playing `role`, or -1 when no column does.
    @inline(__always)
    private mutating func textID(_ role: ColumnRole, _ record: borrowing CSVRecord) -> Int32 {
        let i = roleColumn[role.ordinal]
        return i < 0 ? -1 : columns[i].id(record, i)
    }

    private func text(_ role: ColumnRole, _ id: Int32) -> String {
        id < 0 ? "" : columns[roleColumn[role.ordinal]].string(id)
    }

    /// Reads the observation on `record` into `table`; a missing value adds nothing, a problem goes to `problems`.
    mutating func read(_ record: borrowing CSVRecord) {
        guard headerProblems.isEmpty else { return }
        if record.count != header.count {
            problems.add(
                DataError(
                    SourceLocation(file: file, line: record.line),
                    "the row has \(record.count) fields; the header has \(header.count)"))
            return
        }
        let indicatorText = textID(.indicator, record)
        let nameText = textID(.region, record), codeText = textID(.regionCode, record),
            parentText = textID(.parent, record)
        let noName = nameText <= 0, noCode = codeText <= 0
        var what: String {
            let indicator = text(.indicator, indicatorText)
            return
                "\(indicator.isEmpty ? "(no indicator)" : indicator) of \(noName ? text(.regionCode, codeText) : text(.region, nameText))"
        }
        if indicatorText <= 0 {
            problems.add(DataError(location(record, map[.indicator]!), "the indicator is empty"))   // a long table always maps the indicator column (checked when the header was read)
            return
        }
        if noName && noCode {
            problems.add(
                DataError(
                    location(record, map[.region] ?? map[.regionCode]!),
                    "the region of \(text(.indicator, indicatorText)) is empty"))   // region or region code: the header check requires one
            return
        }
        // Period.
        var period = options.period ?? .year(0)
        if let pi = map[.period] {
            let id = Int(textID(.period, record))
            while periodState.count <= id { periodState.append(0); periodOfText.append(.year(0)) }
            if periodState[id] == 0 {
                if let p = Period(text(.period, Int32(id))) {
                    periodState[id] = 1; periodOfText[id] = p
                } else {
                    periodState[id] = 2
                }
            }
            guard periodState[id] == 1 else {
                problems.add(
                    DataError(
                        location(record, pi),
                        "“\(text(.period, Int32(id)))” is not a period (\(what)); expected 2023, 2023年, 2023Q1, 2023年1—9月 …"
                    ))
                return
            }
            period = periodOfText[id]
        }
        // Unit column.
        var unitID = fixedUnitID
        if let ui = map[.unit] {
            let id = Int(textID(.unit, record))
            while unitOfText.count <= id { unitOfText.append(-2) }
            if unitOfText[id] == -2 {
                unitOfText[id] = id == 0 ? 0 : Unit(text(.unit, Int32(id))).map { Int32(table.unitID($0)) } ?? -1
            }
            guard unitOfText[id] >= 0 else {
                problems.add(
                    DataError(
                        location(record, ui), "“\(text(.unit, Int32(id)))” is not a unit CountyReport knows (\(what))"))
                return
            }
            unitID = UInt16(unitOfText[id])
        }
        // Value: plain decimals straight from the bytes, anything else through the number reader.
        var fast: (value: Decimal, decimals: Int8)?
        var cell = CellReader.Cell.missing
        var rawValue = ""
        if let bytes = record.trimmedBytes(valueIndex), let figure = CellReader.fastFigure(bytes) {
            fast = figure
        } else {
            rawValue = record.string(valueIndex)
            do {
                cell = try CellReader.read(rawValue, columnUnit: table.units[Int(unitID)])
            } catch {
                problems.add(
                    DataError(location(record, valueIndex), "cannot read “\(rawValue)” as \(what): \(error.message)"))
                return
            }
            if cell == .missing { return }
        }
        // Region and indicator.
        let key = RegionKey(code: codeText, name: nameText, parent: parentText)
        if key != lastRegionKey {
            if let r = regionOfKey[key] {
                lastRegionID = r
            } else {
                let code = text(.regionCode, codeText)
                lastRegionID = table.regionID(
                    Region(code: code, name: noName ? code : text(.region, nameText), parent: text(.parent, parentText))
                )
                regionOfKey[key] = lastRegionID
            }
            lastRegionKey = key
        }
        while indicatorOfText.count <= Int(indicatorText) { indicatorOfText.append(-1) }
        if indicatorOfText[Int(indicatorText)] < 0 {
            indicatorOfText[Int(indicatorText)] = table.indicatorID(text(.indicator, indicatorText))
        }
        let indicator = indicatorOfText[Int(indicatorText)]
        if let (d, decimals) = fast {
            table.appendRow(
                region: lastRegionID, indicator: indicator, period: period, value: d, unit: unitID, file: fileID,
                line: Int32(clamping: record.line), note: noteID(record), source: sourceID(record),
                writtenDecimals: decimals)
            return
        }
        let provenance = Provenance(
            location: SourceLocation(file: file, line: record.line),
            source: map[.source].map { record.trimmedString($0) } ?? "")
        if let o = CellReader.observation(
            cell, region: table.regions[Int(lastRegionID)], indicator: table.indicatorNames[Int(indicator)],
            period: period, columnUnit: table.units[Int(unitID)],
            note: map[.note].map { record.trimmedString($0) } ?? "", provenance: provenance,
            writtenDecimals: CellReader.writtenDecimals(rawValue))
        {
            table.append(o)
        }
    }

    private mutating func noteID(_ record: borrowing CSVRecord) -> Int32 {
        guard let i = map[.note] else { return 0 }
        if let b = record.trimmedBytes(i) { return b.isEmpty ? 0 : table.noteID(UnsafeRawBufferPointer(b)) }
        return table.noteID(record.trimmedString(i))
    }

    private mutating func sourceID(_ record: borrowing CSVRecord) -> Int32 {
        guard let i = map[.source] else { return 0 }
        if let b = record.trimmedBytes(i) { return b.isEmpty ? 0 : table.sourceID(UnsafeRawBufferPointer(b)) }
        return table.sourceID(record.trimmedString(i))
    }
}
