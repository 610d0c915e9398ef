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

    public init(encoding: TextEncoding? = nil, period: Period? = nil, indicator: String? = nil, unit: String? = nil) {
        self.encoding = encoding; self.period = period; self.indicator = indicator; self.unit = unit
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
        let bytes: [UInt8]
        do {
            if path.lowercased().hasSuffix(".json") {
                bytes = try TextFile.readUTF8(path: path, encoding: options.encoding ?? .utf8)
                return JSONDatasetLoader.load(bytes, file: path, options: options)
            }
            bytes = try TextFile.readUTF8(path: path, encoding: options.encoding)
        } catch let e as DataError {
            return Dataset(problems: [e])
        } catch {
            return Dataset(problems: [DataError(SourceLocation(file: path), "\(error)")])
        }
        return loadCSV(bytes, file: path, options: options)
    }

    /// Loads CSV text (UTF-8 bytes): long format when it has indicator and value columns, else wide.
    /// A large long table is read in pieces on every core and joined in order.
    public static func loadCSV(_ bytes: [UInt8], file: String, options: LoadOptions = LoadOptions()) -> Dataset {
        let parser = CSVParser(bytes: bytes, delimiter: CSVParser.sniffDelimiter(bytes))
        let bodyStart: Int
        var header: [String] = []
        do {
            bodyStart = try parser.records(in: (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)..<bytes.count, firstLine: 1) { record in
                header = record.strings.map { $0.trimmingCharacters(in: .whitespaces) }
                return false
            }
        } catch let e as CSVSyntaxError {
            return Dataset(problems: [DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message)])
        } catch {
            return Dataset(problems: [DataError(SourceLocation(file: file), "\(error)")])
        }
        guard !header.allSatisfy(\.isEmpty) else {
            return Dataset(problems: [DataError(SourceLocation(file: file, line: 1), "the file is empty: expected a header row")])
        }
        let map = ColumnMap(header: header)
        let columns = header
        let firstLine = 1 + bytes[..<bodyStart].reduce(into: 0) { if $1 == 10 { $0 += 1 } }
        guard map[.indicator] != nil && map[.value] != nil else {
            return loadWide(parser, from: bodyStart, firstLine: firstLine, header: columns, map: map, file: file, options: options)
        }
        let pieces = parser.split(bodyStart..<bytes.count, firstLine: firstLine, parts: min(4, ProcessInfo.processInfo.activeProcessorCount))
        // Each piece writes its observations into its own stretch of one array (at most one a line),
        // then the stretches are closed up: one allocation, no copies.
        Trace.mark("split into \(pieces.count) pieces")
        var capacity: [Int] = pieces.map { $0.lineEnds + 1 }
        let offsets = capacity.indices.map { capacity[..<$0].reduce(0, +) }
        Trace.mark("capacity")
        let outcomes = Mutex<[Int: (count: Int, problems: [DataError])]>([:])
        let observations = [Observation](unsafeUninitializedCapacity: capacity.reduce(0, +)) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: pieces.count) { k in
                let (range, line, _) = pieces[k]
                var reader = LongRowReader(file: file, options: options)
                reader.configure(header: columns, map: map)
                var problems: [DataError] = []
                var count = 0
                let out = base + offsets[k]
                if reader.headerProblems.isEmpty {
                    do {
                        _ = try parser.records(in: range, firstLine: line) { record in
                            if let o = reader.read(record) { (out + count).initialize(to: o); count += 1 }
                            return true
                        }
                    } catch let e as CSVSyntaxError {
                        problems.append(DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message))
                    } catch {
                        problems.append(DataError(SourceLocation(file: file), "\(error)"))
                    }
                }
                let found = (k == 0 ? reader.headerProblems : []) + reader.problems + problems
                outcomes.withLock { $0[k] = (count, found) }
            }
            var end = 0
            outcomes.withLock { o in
                for k in pieces.indices {
                    let n = o[k]!.count
                    if offsets[k] != end { (base + end).moveInitialize(from: base + offsets[k], count: n) }
                    end += n
                }
            }
            initialized = end
        }
        Trace.mark("parse \(observations.count) rows")
        capacity.removeAll()
        var problems: [DataError] = []
        outcomes.withLock { o in for k in pieces.indices { problems += o[k]!.problems } }
        return Dataset(observations: observations, problems: problems)
    }

    private static func loadWide(_ parser: CSVParser, from start: Int, firstLine: Int, header: [String], map: ColumnMap,
                                 file: String, options: LoadOptions) -> Dataset
    {
        var rows: [Table.Row] = []
        var problems: [DataError] = []
        do {
            _ = try parser.records(in: start..<parser.bytes.count, firstLine: firstLine) { record in
                rows.append(Table.Row(line: record.line, fields: record.strings, columns: (0..<record.count).map { record.column($0) }))
                return true
            }
        } catch let e as CSVSyntaxError {
            problems.append(DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message))
        } catch {
            problems.append(DataError(SourceLocation(file: file), "\(error)"))
        }
        var wide = WideTableReader(table: Table(file: file, header: header, rows: rows), map: map, options: options)
        var result = wide.read()
        result.problems += problems
        return result
    }
}

/// Remembers the last few distinct values seen in one column (bytes and the string made of them),
/// so a value that recurs within a few rows — a region, an indicator, the years of a series, a
/// bulletin's address — costs a byte comparison instead of a new string and a hash.
struct RepeatCache {
    private static let slots = 16
    private var bytes: [[UInt8]] = []
    private var values: [String] = []
    private var next = 0

    mutating func string(_ record: borrowing CSVRecord, _ i: Int) -> String {
        guard let b = record.trimmedBytes(i) else { return record.trimmedString(i) }
        for k in bytes.indices where bytes[k].count == b.count {
            let same = bytes[k].withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 }
            if same || b.count == 0 { return values[k] }
        }
        let value = String(decoding: b, as: UTF8.self)
        if bytes.count < Self.slots {
            bytes.append(Array(b)); values.append(value)
        } else {
            bytes[next] = Array(b); values[next] = value
            next = (next + 1) % Self.slots
        }
        return value
    }
}

/// Remembers how a column's texts parsed (nil: they did not), checking the previous text first.
struct ParseCache<Value> {
    private var parsed: [String: Value?] = [:]
    private var lastText = "\u{0}"
    private var lastValue: Value?

    mutating func value(_ text: String, _ parse: (String) -> Value?) -> Value? {
        if text == lastText { return lastValue }
        let v: Value?
        if let known = parsed[text] { v = known } else { v = parse(text); parsed[text] = v }
        lastText = text
        lastValue = v
        return v
    }
}

/// Reads rows of a long table (one observation a row), caching what repeats between rows.
struct LongRowReader {
    let file: String
    let options: LoadOptions
    var header: [String] = []
    var map = ColumnMap(header: [])
    var problems: [DataError] = []
    var headerProblems: [DataError] = []
    private var periodCache = ParseCache<Period>()
    private var unitCache = ParseCache<Unit>()
    private var regionCache: [String: Region] = [:]
    private var caches: [RepeatCache] = []
    private var interned: [String: String] = [:]
    private var lastRegion: Region?
    private var fixedUnit: Unit?
    private var valueIndex = 0

    init(file: String, options: LoadOptions) {
        self.file = file
        self.options = options
    }

    mutating func configure(header: [String], map: ColumnMap) {
        self.header = header
        self.map = map
        valueIndex = map[.value] ?? 0
        if map[.region] == nil && map[.regionCode] == nil {
            headerProblems.append(DataError(SourceLocation(file: file, line: 1), "no region column: expected one headed region or 地区"))
        }
        if map[.period] == nil && options.period == nil {
            headerProblems.append(DataError(SourceLocation(file: file, line: 1), "no period column: expected one headed period or 年份 (or give --period)"))
        }
        if let u = options.unit {
            fixedUnit = Unit(u)
            if fixedUnit == nil { headerProblems.append(DataError(SourceLocation(file: file), "“\(u)” is not a unit CountyReport knows")) }
        }
        caches = Array(repeating: RepeatCache(), count: header.count)
    }

    private func location(_ record: borrowing CSVRecord, _ i: Int) -> SourceLocation {
        SourceLocation(file: file, line: record.line, column: i < record.count ? record.column(i) : nil)
    }

    private mutating func field(_ role: ColumnRole, _ record: borrowing CSVRecord) -> String? {
        guard let i = map[role] else { return nil }
        return caches[i].string(record, i)
    }

    /// One shared copy of strings that repeat across rows (sources, notes).
    private mutating func intern(_ s: String) -> String {
        if s.utf8.count <= 15 { return s }  // small strings live inline anyway
        if let existing = interned[s] { return existing }
        interned[s] = s
        return s
    }

    /// The observation on `record`, or nil (a missing value, or a problem now in `problems`).
    mutating func read(_ record: borrowing CSVRecord) -> Observation? {
        guard headerProblems.isEmpty else { return nil }
        if record.count != header.count {
            problems.append(DataError(SourceLocation(file: file, line: record.line),
                                              "the row has \(record.count) fields; the header has \(header.count)"))
            return nil
        }
        let indicator = field(.indicator, record) ?? ""
        let regionName = field(.region, record) ?? ""
        let code = field(.regionCode, record) ?? ""
        let parent = field(.parent, record) ?? ""
        var what: String { "\(indicator.isEmpty ? "(no indicator)" : indicator) of \(regionName.isEmpty ? code : regionName)" }
        if indicator.isEmpty {
            problems.append(DataError(location(record, map[.indicator]!), "the indicator is empty"))
            return nil
        }
        if regionName.isEmpty && code.isEmpty {
            problems.append(DataError(location(record, map[.region] ?? map[.regionCode]!), "the region of \(indicator) is empty"))
            return nil
        }
        // Period.
        var period = options.period
        if let pi = map[.period] {
            let raw = field(.period, record)!
            period = periodCache.value(raw, Period.init)
            if period == nil {
                problems.append(DataError(location(record, pi), "“\(raw)” is not a period (\(what)); expected 2023, 2023年, 2023Q1, 2023年1—9月 …"))
                return nil
            }
        }
        // Unit column.
        var unit = fixedUnit
        if let ui = map[.unit] {
            let raw = field(.unit, record)!
            unit = raw.isEmpty ? nil : unitCache.value(raw) { Unit($0) }
            if !raw.isEmpty && unit == nil {
                problems.append(DataError(location(record, ui), "“\(raw)” is not a unit CountyReport knows (\(what))"))
                return nil
            }
        }
        // Value: plain decimals straight from the bytes, anything else through the number reader.
        let cell: CellReader.Cell
        if let bytes = record.trimmedBytes(valueIndex), let d = CellReader.fastDecimal(bytes) {
            cell = .figure(d, unit: unit, hedge: nil)
        } else {
            let rawValue = record.string(valueIndex)
            do {
                cell = try CellReader.read(rawValue, columnUnit: unit)
            } catch {
                problems.append(DataError(location(record, valueIndex), "cannot read “\(rawValue)” as \(what): \(error.message)"))
                return nil
            }
        }
        let region: Region
        if let last = lastRegion, last.name == (regionName.isEmpty ? code : regionName), last.code == code, last.parent == parent {
            region = last
        } else {
            let key = code + "\u{1}" + regionName + "\u{1}" + parent
            if let r = regionCache[key] { region = r } else {
                region = Region(code: code, name: regionName.isEmpty ? code : regionName, parent: parent)
                regionCache[key] = region
            }
            lastRegion = region
        }
        let note = intern(field(.note, record) ?? "")
        let source = intern(field(.source, record) ?? "")
        let provenance = Provenance(location: SourceLocation(file: file, line: record.line), source: source)
        return CellReader.observation(cell, region: region, indicator: indicator, period: period!, columnUnit: unit, note: note,
                                      provenance: provenance)
    }
}
