import Foundation

/// One worksheet row as a workbook reader hands it over: its 1-based row number and its non-empty cells'
/// texts, in column order. One value is reused from row to row.
public struct SheetRow: Sendable {
    public private(set) var number = 0
    var bytes: [UInt8] = []
    struct Cell: Sendable { var column: Int32; var start: Int32; var end: Int32 }
    var cells: [Cell] = []

    public init() {
        bytes.reserveCapacity(1024); cells.reserveCapacity(32)
    }

    /// Empties the row and gives it its 1-based number.
    public mutating func start(number: Int) {
        self.number = number
        bytes.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
    }

    /// Adds the text of the cell at 1-based `column` (UTF-8 bytes); an empty text adds nothing.
    public mutating func append(column: Int, _ text: UnsafeRawBufferPointer) {
        guard !text.isEmpty else { return }
        let start = bytes.count
        bytes.append(contentsOf: text)
        cells.append(Cell(column: Int32(column), start: Int32(start), end: Int32(bytes.count)))
    }

    public mutating func append(column: Int, _ text: String) {
        var t = text
        t.withUTF8 { append(column: column, UnsafeRawBufferPointer($0)) }
    }

    /// The number of non-empty cells.
    public var count: Int { cells.count }
    public var isEmpty: Bool { cells.isEmpty }
    /// The 1-based column of cell `k`.
    public func column(_ k: Int) -> Int { Int(cells[k].column) }
    /// The text of cell `k`.
    public func text(_ k: Int) -> String {
        String(decoding: bytes[Int(cells[k].start)..<Int(cells[k].end)], as: UTF8.self)
    }
}

/// Loads one worksheet, handed over row by row, into observations: a plain table of the shapes the CSV
/// loader reads (long, or wide with years or indicators as columns) loads to the same observations. Rows
/// above the header are the table's title and its unit line (`单位：亿元`, `（单位：万元）`), which gives the unit
/// of values that have none; one-cell rows below it beginning 注 or 资料来源 are notes and sources. Locations
/// are cells: `file` is named `book.xlsx#sheet` (`SheetAddress`), line = row, column = cell column.
public struct SheetLoader {
    public let file: String
    public private(set) var options: LoadOptions
    /// The title row above the header, if any.
    public private(set) var title: String?
    /// The unit line above the header, as written after 单位：.
    public private(set) var unitLine: String?
    /// Footnotes below the table: 注：… and 资料来源：… lines, in order.
    public private(set) var notes: [String] = []
    private var header: [String]?
    /// The header is read but rows below may continue it (a multi-row header).
    private var headerOpen = false
    private var firstColumn = 1
    private var headerLine = 1
    private var map = ColumnMap(header: [])
    private var long: LongRowReader?
    private var wideRows: [Table.Row] = []
    /// The region cells (name, code, parent, those the table has) of the last wide row, for its sub-items.
    private var previousRegion: [String] = []
    /// The sheet's own problems (values outside the table's columns), the first `Limits.problemsListed` listed.
    private var problems = ProblemList()

    public init(file: String, options: LoadOptions = LoadOptions()) {
        self.file = file; self.options = options
    }

    /// Reads the next row (rows come in increasing order; empty rows may be left out).
    public mutating func read(_ row: SheetRow) {
        guard !row.isEmpty else { return }
        if header == nil { readAboveTable(row); return }
        if headerOpen {
            if continueHeader(row) { return }
            openTable()
        }
        guard let header else { return }
        if row.count == 1, let note = Self.footnote(row.text(0)) {
            notes.append(note)
            return
        }
        // Cells outside the header's columns hold nothing the table can place.
        let last = firstColumn + header.count - 1
        for k in 0..<row.count where row.column(k) < firstColumn || row.column(k) > last {
            problems.add(
                DataError(
                    location(row.number, row.column(k)),
                    "a value outside the table's columns (\(SheetAddress.columnName(firstColumn))–\(SheetAddress.columnName(last)))"
                ))
            return
        }
        if long != nil {
            row.bytes.withUnsafeBufferPointer { buffer in
                var record = CSVRecord(buffer: buffer)
                record.reset(line: row.number)
                var k = 0
                for i in 0..<header.count {
                    let column = firstColumn + i
                    if k < row.count, row.column(k) == column {
                        record.appendCell(start: Int(row.cells[k].start), end: Int(row.cells[k].end), column: column)
                        k += 1
                    } else {
                        record.appendCell(start: 0, end: 0, column: column)
                    }
                }
                long!.startBuffer()
                long!.read(record)
            }
        } else {
            var fields = Array(repeating: "", count: header.count)
            for k in 0..<row.count { fields[row.column(k) - firstColumn] = row.text(k) }
            readSubItem(&fields)
            wideRows.append(
                Table.Row(line: row.number, fields: fields, columns: (0..<header.count).map { firstColumn + $0 }))
        }
    }

    /// A sub-item row of a wide table — its indicator indented, or written 其中：… or #… — is an item of
    /// the region above it when it names none; the indicator is read without the mark.
    private mutating func readSubItem(_ fields: inout [String]) {
        let regionColumns = [map[.region], map[.regionCode], map[.parent]].compactMap { $0 }
        defer { previousRegion = regionColumns.map { fields[$0] } }
        guard let ic = map[.indicator], let name = Self.subItem(fields[ic]) else { return }
        fields[ic] = name
        if regionColumns.allSatisfy({ fields[$0].trimmingSpaces.isEmpty }), previousRegion.count == regionColumns.count
        {
            for (c, text) in zip(regionColumns, previousRegion) { fields[c] = text }
        }
    }

    /// The indicator of a sub-item cell (`其中：第一产业`, `#第一产业`, `　　第一产业`), or nil when the cell is no sub-item.
    public static func subItem(_ text: String) -> String? {
        var t = Substring(text)
        let indented = t.first == " " || t.first == "　"
        t = t.drop { $0 == " " || $0 == "　" }
        for mark in ["其中：", "其中:", "#", "＃"] where t.hasPrefix(mark) {
            return String(t.dropFirst(mark.count).drop { $0 == " " || $0 == "　" })
        }
        return indented && !t.isEmpty ? String(t) : nil
    }

    /// The headings, one per column: the rows of a multi-row header joined (`地区生产总值（亿元）｜2023年`),
    /// merged cells spread over the columns they cover.
    public var headings: [String] { header ?? [] }

    /// The observations and every problem found.
    public mutating func finish() -> Dataset {
        if headerOpen { openTable() }
        guard let header else {
            return Dataset(
                problems: problems.problems + [
                    DataError(SourceLocation(file: file), "the sheet is empty: expected a header row")
                ])
        }
        if let long {
            var dataset = Dataset(observations: long.table, problems: long.headerProblems + long.problems.problems)
            dataset.problems = problems.problems + dataset.problems
            return dataset
        }
        var wide = WideTableReader(table: Table(file: file, header: header, rows: wideRows), map: map, options: options)
        var result = wide.read()
        result.problems = problems.problems + result.problems
        return result
    }

    /// A row above the header: the title, the unit line, or the header itself (the first row with two
    /// different texts; a title merged across the table repeats one text).
    private mutating func readAboveTable(_ row: SheetRow) {
        let texts = (0..<row.count).map { row.text($0).trimmingSpaces }
        if Set(texts.filter { !$0.isEmpty }).count >= 2 {
            var names = Array(repeating: "", count: row.column(row.count - 1) - row.column(0) + 1)
            for k in 0..<row.count { names[row.column(k) - row.column(0)] = texts[k] }
            firstColumn = row.column(0)
            headerLine = row.number
            header = names
            headerOpen = true
            return
        }
        let text = texts.first { !$0.isEmpty } ?? ""
        if let unit = Self.unit(ofLine: text) {
            unitLine = unit
            if options.unit == nil { options.unit = unit }
        } else if title == nil {
            title = text
        }
    }

    /// A row right below the header that goes on with it: no figures, and its first cell empty or the one above
    /// (a heading merged down). Its texts join the headings above them.
    private mutating func continueHeader(_ row: SheetRow) -> Bool {
        guard var names = header, row.number == headerLine + 1 else { return false }
        for k in 0..<row.count {
            let text = row.text(k).trimmingSpaces
            if let first = text.first, first.isNumber || first == "-",
                Double(text.replacingOccurrences(of: ",", with: "")) != nil
            {
                return false
            }
            if row.column(k) < firstColumn { return false }
        }
        let firstCell =
            (0..<row.count).first { row.column($0) == firstColumn }.map { row.text($0).trimmingSpaces } ?? ""
        guard firstCell.isEmpty || firstCell == names[0] else { return false }
        for k in 0..<row.count {
            let i = row.column(k) - firstColumn, text = row.text(k).trimmingSpaces
            while names.count <= i { names.append("") }
            if text.isEmpty || text == names[i] { continue }
            names[i] = names[i].isEmpty ? text : names[i] + WideTableReader.headingJoiner + text
        }
        header = names
        headerLine = row.number
        return true
    }

    /// The header is complete: long table or wide.
    private mutating func openTable() {
        headerOpen = false
        guard let names = header else { return }
        map = ColumnMap(header: names)
        if map[.indicator] != nil && map[.value] != nil {
            var reader = LongRowReader(file: file, options: options)
            reader.configure(header: names, map: map, headerLine: headerLine)
            long = reader
        }
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// The unit of a line such as `单位：亿元` or `（单位：万元）`.
    public static func unit(ofLine text: String) -> String? {
        guard let r = text.range(of: "单位") else { return nil }
        var rest = text[r.upperBound...].drop { $0 == " " || $0 == "　" }
        guard let colon = rest.first, colon == "：" || colon == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "　" }
        let unit = rest.prefix { !"）)，,；; 　".contains($0) }
        return unit.isEmpty ? nil : String(unit)
    }

    /// The text of a footnote line (注：…, 资料来源：…, 数据来源：…, 说明：…), or nil.
    static func footnote(_ text: String) -> String? {
        let t = text.trimmingSpaces
        for head in ["注", "资料来源", "数据来源", "说明"] where t.hasPrefix(head) {
            let rest = t.dropFirst(head.count)
            if let c = rest.first, c == "：" || c == ":" || c.isNumber || c == "①" { return t }
        }
        return nil
    }
}
