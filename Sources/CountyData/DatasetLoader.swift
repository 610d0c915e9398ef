import Foundation

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
    public static func loadCSV(_ bytes: [UInt8], file: String, options: LoadOptions = LoadOptions()) -> Dataset {
        let parser = CSVParser(bytes: bytes, delimiter: CSVParser.sniffDelimiter(bytes))
        var header: [String]?
        var map = ColumnMap(header: [])
        var long = LongRowReader(file: file, options: options)
        var wideRows: [Table.Row] = []
        var isLong = false
        var problems: [DataError] = []
        do {
            try parser.forEachRecord { record in
                guard let h = header else {
                    let names = record.strings.map { $0.trimmingCharacters(in: .whitespaces) }
                    header = names
                    map = ColumnMap(header: names)
                    isLong = map[.indicator] != nil && map[.value] != nil
                    if isLong { long.configure(header: names, map: map) }
                    return
                }
                if isLong {
                    long.read(record)
                } else {
                    wideRows.append(Table.Row(line: record.line, fields: record.strings, columns: (0..<record.count).map { record.column($0) }))
                    _ = h
                }
            }
        } catch let e as CSVSyntaxError {
            problems.append(DataError(SourceLocation(file: file, line: e.line, column: e.column), e.message))
        } catch {
            problems.append(DataError(SourceLocation(file: file), "\(error)"))
        }
        guard let header, !header.allSatisfy(\.isEmpty) else {
            return Dataset(problems: problems + [DataError(SourceLocation(file: file, line: 1), "the file is empty: expected a header row")])
        }
        if isLong {
            long.dataset.problems = long.headerProblems + long.dataset.problems + problems
            return long.dataset
        }
        var wide = WideTableReader(table: Table(file: file, header: header, rows: wideRows), map: map, options: options)
        var result = wide.read()
        result.problems += problems
        return result
    }
}

/// Reads rows of a long table (one observation a row), caching what repeats between rows.
struct LongRowReader {
    let file: String
    let options: LoadOptions
    var header: [String] = []
    var map = ColumnMap(header: [])
    var dataset = Dataset()
    var headerProblems: [DataError] = []
    private var periodCache: [String: Period?] = [:]
    private var unitCache: [String: Unit?] = [:]
    private var regionCache: [String: Region] = [:]
    private var fixedUnit: Unit?

    init(file: String, options: LoadOptions) {
        self.file = file
        self.options = options
    }

    mutating func configure(header: [String], map: ColumnMap) {
        self.header = header
        self.map = map
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
    }

    private func location(_ record: borrowing CSVRecord, _ i: Int) -> SourceLocation {
        SourceLocation(file: file, line: record.line, column: i < record.count ? record.column(i) : nil)
    }

    mutating func read(_ record: borrowing CSVRecord) {
        guard headerProblems.isEmpty else { return }
        if record.count != header.count {
            dataset.problems.append(DataError(SourceLocation(file: file, line: record.line),
                                              "the row has \(record.count) fields; the header has \(header.count)"))
            return
        }
        func field(_ role: ColumnRole) -> String? {
            map[role].map { record.string($0).trimmingCharacters(in: .whitespaces) }
        }
        let indicator = field(.indicator) ?? ""
        let regionName = field(.region) ?? ""
        let code = field(.regionCode) ?? ""
        let valueIndex = map[.value]!
        let what = "\(indicator.isEmpty ? "(no indicator)" : indicator) of \(regionName.isEmpty ? code : regionName)"
        if indicator.isEmpty {
            dataset.problems.append(DataError(location(record, map[.indicator]!), "the indicator is empty"))
            return
        }
        if regionName.isEmpty && code.isEmpty {
            dataset.problems.append(DataError(location(record, map[.region] ?? map[.regionCode]!), "the region of \(indicator) is empty"))
            return
        }
        // Period.
        var period = options.period
        if let pi = map[.period] {
            let raw = record.string(pi).trimmingCharacters(in: .whitespaces)
            if let cached = periodCache[raw] { period = cached } else {
                let p = Period(raw)
                periodCache[raw] = p
                period = p
            }
            if period == nil {
                dataset.problems.append(DataError(location(record, pi), "“\(raw)” is not a period (\(what)); expected 2023, 2023年, 2023Q1, 2023年1—9月 …"))
                return
            }
        }
        // Unit column.
        var unit = fixedUnit
        if let ui = map[.unit] {
            let raw = record.string(ui).trimmingCharacters(in: .whitespaces)
            if !raw.isEmpty {
                if let cached = unitCache[raw] { unit = cached } else {
                    let u = Unit(raw)
                    unitCache[raw] = u
                    unit = u
                }
                if unit == nil {
                    dataset.problems.append(DataError(location(record, ui), "“\(raw)” is not a unit CountyReport knows (\(what))"))
                    return
                }
            } else {
                unit = nil
            }
        }
        // Value.
        let rawValue = record.string(valueIndex)
        let cell: CellReader.Cell
        do {
            cell = try CellReader.read(rawValue, columnUnit: unit)
        } catch {
            dataset.problems.append(DataError(location(record, valueIndex), "cannot read “\(rawValue)” as \(what): \(error.message)"))
            return
        }
        let regionKey = code + "\u{1}" + regionName
        let parent = field(.parent) ?? ""
        var region: Region
        if let r = regionCache[regionKey], r.parent == parent { region = r } else {
            region = Region(code: code, name: regionName.isEmpty ? code : regionName, parent: parent)
            regionCache[regionKey] = region
        }
        let note = field(.note) ?? ""
        let source = field(.source) ?? ""
        let provenance = Provenance(location: SourceLocation(file: file, line: record.line), source: source)
        switch cell {
        case .missing:
            return
        case .figure(let value, let u, let hedge):
            dataset.observations.append(Observation(region: region, indicator: indicator, period: period!, value: value,
                                                    unit: u, hedge: hedge, note: note, provenance: provenance))
        case .ratio(let parts):
            dataset.observations.append(Observation(region: region, indicator: indicator, period: period!,
                                                    value: parts.reduce(0, +), parts: parts, unit: unit ?? Unit("%"),
                                                    note: note, provenance: provenance))
        }
    }
}
