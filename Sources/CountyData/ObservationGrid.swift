import Foundation

/// A wide table's figures as a grid: 4 bytes a cell (8 once a figure needs more), with what a row shares (its region, line, note and
/// source, and its period or its indicator and unit) kept once a row, and what a column shares (its
/// indicator and unit, or its period) once a column.
///
/// A table of 100,000 columns × 100 rows holds ten million figures: as observations (about 52 bytes
/// each) they took ten times the file; as cells they take less than it. The cells are kept in the order
/// the rows and columns were read, a cell with no figure left out (a row with such gaps lists its columns
/// with a figure), so cell `i` is observation `i` of the `ObservationTable` that reads them back.
struct ObservationGrid: Sendable {
    /// Whether the indicator and unit are a row's (years as columns) or a column's (indicators as columns).
    enum Labels: Sendable { case byRow, byColumn }

    /// A figure written otherwise than as a plain decimal (with a unit, a hedge, parts, full-width digits …).
    struct Exception: Sendable {
        var value: Decimal
        var unit: UInt16
        var writtenDecimals: Int8
    }

    let labels: Labels
    let file: UInt16
    /// How many cells a row has.
    let width: Int
    /// Per column: its period (nil: the row's), and its indicator and unit ids (`byColumn`; -1 before its first figure).
    let columnPeriods: [Period?]
    private(set) var columnIndicators: [Int32]
    private(set) var columnUnits: [UInt16]

    private(set) var rowRegions: [Int32] = []
    private(set) var rowIndicators: [Int32] = []
    private(set) var rowUnits: [UInt16] = []
    private(set) var rowPeriods: [Period] = []
    private var rowLines: [Int32] = []
    private var rowNotes: [Int32] = []
    private var rowSources: [Int32] = []
    /// The observations before each row; the last is the count.
    private var rowStarts: [Int] = [0]
    /// Per `lookupStride` observations, the row holding the first: an observation's row is found among the
    /// few rows between two of them, in constant time (4 bytes per 64 figures: 1/64 of the cells).
    private var strideRows: [Int32] = []
    static let lookupStride = 64
    /// Per row: -1 when every cell has a figure, else where its columns with a figure start in `presentColumns`.
    private var rowPresent: [Int32] = []
    private var presentColumns: [Int32] = []
    /// Per row, its checkpoints: column `checkpointCells[k]`'s text starts at character `checkpointColumns[k]`;
    /// the cells after a checkpoint up to the next are figures, each a plain decimal one comma after the
    /// text of the one before (a checkpoint at least every 64 cells, and wherever that does not hold).
    private var rowCheckpoints: [Int32] = [0]
    private var checkpointCells: [Int32] = []
    private var checkpointColumns: [Int32] = []
    private(set) var cells = GridCells()
    private(set) var exceptions: [Exception] = []

    /// The row being read: its cells are in `cells` from `pendingStart`, its figures counted in `pendingCount`.
    private var pendingStart = 0
    private var pendingCount = 0
    private var pendingHoles = false
    /// Where the next cell's text starts if it follows the last as a plain decimal would (-1: unknown),
    /// and the column of the row's last checkpoint.
    private var nextColumn: Int32 = -1
    private var lastCheckpoint = 0

    init(labels: Labels, file: UInt16, columnPeriods: [Period?]) {
        self.labels = labels; self.file = file; self.columnPeriods = columnPeriods
        width = columnPeriods.count
        columnIndicators = Array(repeating: -1, count: labels == .byColumn ? width : 0)
        columnUnits = Array(repeating: 0, count: labels == .byColumn ? width : 0)
    }

    /// How many figures (observations) the grid holds.
    var count: Int { rowStarts[rowStarts.count - 1] }
    var rows: Int { rowRegions.count }

    /// The bytes the cells and the rows' and columns' labels take.
    var byteCount: Int {
        let fours = [
            rowRegions, rowIndicators, rowLines, rowNotes, rowSources, rowPresent, rowCheckpoints, strideRows,
            presentColumns, checkpointCells, checkpointColumns, columnIndicators,
        ].reduce(0) { $0 + $1.count }
        return fours * 4 + (rowUnits.count + columnUnits.count) * 2 + rowPeriods.count * MemoryLayout<Period>.stride
            + rowStarts.count * 8 + cells.count * cells.elementSize + exceptions.count * MemoryLayout<Exception>.stride
    }

    /// Room for `n` more cells, so that the cells are not copied as they grow (a copy doubles the peak).
    mutating func reserveCells(_ n: Int) { cells.reserve(cells.count + n) }

    // MARK: Reading a row

    /// Starts a row; its cells follow in column order, then `endRow`.
    mutating func startRow() {
        pendingStart = cells.count; pendingCount = 0; pendingHoles = false; nextColumn = -1; lastCheckpoint = 0
    }

    /// The id (in the table being built) of column `k`'s indicator and unit, -1 before its first figure.
    func columnIDs(_ k: Int) -> (indicator: Int32, unit: UInt16) { (columnIndicators[k], columnUnits[k]) }
    mutating func setColumnIDs(_ k: Int, indicator: Int32, unit: UInt16) {
        columnIndicators[k] = indicator; columnUnits[k] = unit
    }

    /// The observation index the next figure of this row will have.
    var nextIndex: Int { count + pendingCount }

    /// Adds the next cell of the row: a plain decimal, a figure written otherwise, or none; `column` is
    /// where its text starts on the line (0: not known).
    mutating func add(_ cell: GridCell, column: Int) {
        let k = cells.count - pendingStart
        var bits = GridCell.absent
        switch cell {
        case .plain(let packed): bits = packed
        case .other(let e):
            bits = GridCell.exception(exceptions.count)
            exceptions.append(e)
        case .none: pendingHoles = true
        }
        cells.append(bits)
        guard bits != GridCell.absent else { nextColumn = -1; return }   // a cell with no figure needs no column
        pendingCount += 1
        let at = Int32(clamping: column)
        if at != nextColumn || k - lastCheckpoint >= 64 || pendingCount == 1 {
            checkpointCells.append(Int32(k)); checkpointColumns.append(at)
            lastCheckpoint = k
        }
        nextColumn = GridCell.isPlain(bits) && at > 0 ? at + GridCell.textWidth(bits) + 1 : -1
    }

    /// Ends the row with its ids: kept when it has a figure, dropped (with its cells) when it has none.
    mutating func endRow(
        region: Int32, indicator: Int32, unit: UInt16, period: Period, line: Int, note: Int32, source: Int32
    ) {
        guard pendingCount > 0 else {
            cells.removeSubrange(pendingStart...)
            checkpointCells.removeSubrange(Int(rowCheckpoints[rowCheckpoints.count - 1])...)
            checkpointColumns.removeSubrange(Int(rowCheckpoints[rowCheckpoints.count - 1])...)
            return
        }
        rowRegions.append(region); rowPeriods.append(period); rowLines.append(Int32(clamping: line))
        rowNotes.append(note); rowSources.append(source)
        if labels == .byRow { rowIndicators.append(indicator); rowUnits.append(unit) }
        rowStarts.append(count + pendingCount)
        while strideRows.count * Self.lookupStride < count { strideRows.append(Int32(rows - 1)) }
        if pendingHoles {   // the cells with a figure move up over those without, their columns listed
            rowPresent.append(Int32(presentColumns.count))
            var to = pendingStart
            for k in 0..<width where cells[pendingStart + k] != GridCell.absent {
                presentColumns.append(Int32(k))
                cells.move(pendingStart + k, to: to)
                to += 1
            }
            cells.removeSubrange(to...)
        } else {
            rowPresent.append(-1)
        }
        rowCheckpoints.append(Int32(checkpointCells.count))
    }

    // MARK: Reading back

    /// The rows that may hold observation `i`: those from the row of the stride's first observation to the
    /// row of the next stride's, at most `lookupStride` + 1 (every row kept has a figure).
    func candidateRows(of i: Int) -> ClosedRange<Int> {
        let s = i / Self.lookupStride
        return Int(strideRows[s])...(s + 1 < strideRows.count ? Int(strideRows[s + 1]) : rows - 1)
    }

    /// The row and column of observation `i`, found among its `candidateRows` (at most 7 steps).
    func position(of i: Int) -> (row: Int, column: Int) {
        let candidates = candidateRows(of: i)
        var lo = candidates.lowerBound, hi = candidates.upperBound   // the last row whose start is ≤ i
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if rowStarts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        let k = i - rowStarts[lo]
        let present = rowPresent[lo]
        return (lo, present < 0 ? k : Int(presentColumns[Int(present) + k]))
    }

    /// Calls `body` with each observation's index, row and column, in order; stops when it returns false.
    func forEach(_ body: (_ i: Int, _ row: Int, _ column: Int) -> Bool) {
        var i = 0
        for r in 0..<rows {
            let present = Int(rowPresent[r])
            let n = rowStarts[r + 1] - rowStarts[r]
            for k in 0..<n {
                guard body(i, r, present < 0 ? k : Int(presentColumns[present + k])) else { return }
                i += 1
            }
        }
    }

    func regionID(_ r: Int) -> Int32 { rowRegions[r] }
    func indicatorID(_ r: Int, _ c: Int) -> Int32 { labels == .byRow ? rowIndicators[r] : columnIndicators[c] }
    func period(_ r: Int, _ c: Int) -> Period { columnPeriods[c] ?? rowPeriods[r] }
    func line(_ r: Int) -> Int32 { rowLines[r] }
    func noteID(_ r: Int) -> Int32 { rowNotes[r] }
    func sourceID(_ r: Int) -> Int32 { rowSources[r] }

    /// The unit id of figure `i`, in row `r` and column `c`.
    func unitID(_ i: Int, _ r: Int, _ c: Int) -> UInt16 {
        if let e = GridCell.exceptionIndex(cells[i]) { return exceptions[e].unit }
        return labels == .byRow ? rowUnits[r] : columnUnits[c]
    }

    func value(_ i: Int) -> Decimal {
        if let e = GridCell.exceptionIndex(cells[i]) { return exceptions[e].value }
        return GridCell.value(cells[i])
    }

    func writtenDecimals(_ i: Int) -> Int8 {
        if let e = GridCell.exceptionIndex(cells[i]) { return exceptions[e].writtenDecimals }
        return GridCell.fraction(cells[i])
    }

    /// Whether figure `i` is below zero, without making a `Decimal` of a plain one.
    func isNegative(_ i: Int) -> Bool {
        guard let e = GridCell.exceptionIndex(cells[i]) else { return GridCell.isNegative(cells[i]) }
        return exceptions[e].value.sign == .minus && !exceptions[e].value.isZero
    }

    /// The character column where the text of figure `i` (row `r`, column `c`) starts: counted on from the
    /// row's last checkpoint at or before it, over the plain decimals between (0: not known).
    func characterColumn(_ i: Int, _ r: Int, _ c: Int) -> Int32 {
        var lo = Int(rowCheckpoints[r]), hi = Int(rowCheckpoints[r + 1]) - 1   // the row's first figure has one
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if checkpointCells[mid] <= c { lo = mid } else { hi = mid - 1 }
        }
        var column = checkpointColumns[lo]
        let from = Int(checkpointCells[lo])   // the figures from there to `c` are consecutive cells
        for k in from..<c { column += GridCell.textWidth(cells[i - c + k]) + 1 }
        return column
    }
}

/// One cell of an `ObservationGrid` as it is added.
enum GridCell {
    case plain(UInt64)
    case other(ObservationGrid.Exception)
    case none

    // A plain decimal in 64 bits: the sign (bit 63), the decimals written (bits 58–62: 0–29) and the
    // significand (bits 0–57). Decimals 30 mark a cell with no figure, 31 an exception (its index below).
    private static let significandBits: UInt64 = (1 << 58) - 1
    static let absent: UInt64 = 30 << 58
    static func exception(_ k: Int) -> UInt64 { 31 << 58 | UInt64(k) }

    /// A plain decimal as `CellReader.plainDecimal` reads it, packed; nil when its significand needs more bits.
    static func packed(_ d: CellReader.PlainDecimal) -> UInt64? {
        guard d.significand <= significandBits, d.fraction < 30 else { return nil }
        return (d.negative ? 1 << 63 : 0) | UInt64(d.fraction) << 58 | d.significand
    }

    static func isPlain(_ bits: UInt64) -> Bool { bits >> 58 & 31 < 30 }
    static func exceptionIndex(_ bits: UInt64) -> Int? { bits >> 58 & 31 == 31 ? Int(bits & significandBits) : nil }
    static func fraction(_ bits: UInt64) -> Int8 { Int8(bits >> 58 & 31) }
    static func isNegative(_ bits: UInt64) -> Bool { bits >> 63 != 0 }

    static func value(_ bits: UInt64) -> Decimal {
        CellReader.PlainDecimal(
            negative: isNegative(bits), significand: bits & significandBits, fraction: fraction(bits)
        ).value
    }

    /// How many characters the plain decimal's text has, as `CellReader.plainDecimal` reads one: an
    /// optional minus, the integer digits without leading zeros (at least one), a point and the decimals.
    static func textWidth(_ bits: UInt64) -> Int32 {
        var digits: Int32 = 1
        var s = bits & significandBits
        while s >= 10 { s /= 10; digits += 1 }
        let decimals = Int32(fraction(bits))
        return (isNegative(bits) ? 1 : 0) + max(1, digits - decimals) + (decimals > 0 ? 1 + decimals : 0)
    }
}

/// The cells of a grid, in 4 bytes each while every figure fits (a plain decimal of up to 8 digits, 5
/// decimals), else in the 8 of `GridCell`'s layout: the table is widened once, when a figure first needs it.
struct GridCells: Sendable {
    private var narrow: [UInt32] = []
    private var wide: [UInt64] = []
    private var isWide = false

    var count: Int { isWide ? wide.count : narrow.count }
    var elementSize: Int { isWide ? 8 : 4 }

    subscript(i: Int) -> UInt64 { isWide ? wide[i] : Self.widened(narrow[i]) }

    mutating func reserve(_ n: Int) {
        if isWide { wide.reserveCapacity(n) } else { narrow.reserveCapacity(n) }
    }

    mutating func append(_ bits: UInt64) {
        if !isWide {
            if let n = Self.narrowed(bits) { narrow.append(n); return }
            wide.reserveCapacity(max(narrow.capacity, narrow.count + 1))
            for n in narrow { wide.append(Self.widened(n)) }
            narrow = []
            isWide = true
        }
        wide.append(bits)
    }

    mutating func move(_ from: Int, to: Int) {
        if isWide { wide[to] = wide[from] } else { narrow[to] = narrow[from] }
    }

    mutating func removeSubrange(_ range: PartialRangeFrom<Int>) {
        if isWide { wide.removeSubrange(range) } else { narrow.removeSubrange(range) }
    }

    // 4 bytes: the sign (bit 31), the decimals (bits 28–30: 0–5; 6 no figure, 7 an exception) and the
    // significand or the exception's index (bits 0–27).
    private static let low: UInt64 = (1 << 28) - 1

    private static func narrowed(_ bits: UInt64) -> UInt32? {
        let payload = bits & ((1 << 58) - 1), tag = bits >> 58 & 31
        guard payload <= low else { return nil }
        let sign = UInt32(bits >> 63) << 31
        switch tag {
        case 0...5: return sign | UInt32(tag) << 28 | UInt32(payload)
        case 30: return 6 << 28
        case 31: return 7 << 28 | UInt32(payload)
        default: return nil
        }
    }

    private static func widened(_ n: UInt32) -> UInt64 {
        let tag = UInt64(n >> 28 & 7), payload = UInt64(n) & low
        switch tag {
        case 6: return GridCell.absent
        case 7: return GridCell.exception(Int(payload))
        default: return UInt64(n >> 31) << 63 | tag << 58 | payload
        }
    }
}
