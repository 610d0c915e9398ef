import Foundation
import Testing

@testable import CountyData

/// Issue 16: a wide table is kept as a grid (8 bytes a cell, labels per row and column). Its observations
/// are those of the same data written long, value for value, with the decimals as written, units, parts,
/// hedges and notes; each cell is located by its own line and column; and the checks find on the grid
/// exactly what they find on the same observations stored one a row.
@Suite struct GridTests {
    static let indicators = ["地区生产总值", "一般公共预算收入", "三次产业结构", "年末常住人口"]
    static let units = ["亿元", "元", "%", "万人"]
    /// Cells as written: plain decimals (leading zeros, `-0`, trailing zeros, 18 and 19 digits), quoted
    /// ones, and figures the cell reader reads (a magnitude, a hedge, parts, full-width digits, a separator).
    static let cells: [[String]] = [
        ["166.86", "12.5万", "19.4:36.3:44.3", "76.50"],
        ["0.05", "约5", "\"20:30:50\"", "007"],
        ["-3.2", "１２．５０", "—", "-0"],
        ["123456789012345678", "1234567890123456789", "", "\"1,234.5\""],
        ["很多", "-0.00", "33.3:33.3:33.4", "\"8.0\""],
    ]

    static var wide: String {
        var text = "地区,年份," + zip(indicators, units).map { "\($0)（\($1)）" }.joined(separator: ",") + ",备注\n"
        for (r, row) in cells.enumerated() {
            text += "县\(r),\(2020 + r % 2)," + row.joined(separator: ",") + ",注\(r % 2)\n"
        }
        return text
    }

    static var long: String {
        var text = "地区,年份,指标,值,单位,备注\n"
        for (r, row) in cells.enumerated() {
            for (k, cell) in row.enumerated() {
                text += "县\(r),\(2020 + r % 2),\(indicators[k]),\(cell),\(units[k]),注\(r % 2)\n"
            }
        }
        return text
    }

    func load(_ text: String, window: Int = 1 << 20, options: LoadOptions = LoadOptions()) -> Dataset {
        DatasetLoader.loadCSV(Array(text.utf8), file: "g.csv", options: options, windowSize: window)
    }

    /// What an observation says, without where it was written.
    func said(_ o: Observation) -> String {
        "\(o.region.name) \(o.indicator) \(o.period) \(o.value) \(o.unit?.symbol ?? "-") \(o.parts ?? []) "
            + "\(o.hedge?.word ?? "-") \(o.writtenDecimals.map(String.init) ?? "-") \(o.note)"
    }

    /// The 1-based character column where each field of a CSV line starts (its quote, if quoted).
    func fieldColumns(_ line: String) -> [Int] {
        var columns = [1], quoted = false
        for (k, ch) in line.enumerated() {
            if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { columns.append(k + 2) }
        }
        return columns
    }

    @Test func aWideTableHoldsTheObservationsOfItsLongForm() throws {
        let wide = load(Self.wide), long = load(Self.long)
        #expect(wide.observations.grid != nil)
        #expect(long.observations.grid == nil)
        #expect(wide.observations.count == 17 && long.observations.count == 17)
        #expect(wide.observations.map(said) == long.observations.map(said))
        let big = try #require(wide.observations.first { $0.indicator == "一般公共预算收入" && $0.region.name == "县3" })
        #expect(big.value == Decimal(string: "1234567890123456789") && big.writtenDecimals == 0)
        let parts = try #require(wide.observations.first { $0.region.name == "县1" && $0.parts != nil })
        #expect(parts.parts == [20, 30, 50] && parts.unit?.symbol == "%")
        // The unreadable cell: one error, at its own line and column, in both forms.
        #expect(wide.problems.count == 1 && long.problems.count == 1)
        #expect(wide.problems.first?.location == SourceLocation(file: "g.csv", line: 6, column: 9))
        #expect(wide.problems.first?.message.contains("cannot read “很多”") == true)
    }

    @Test func everyCellIsLocatedByItsLineAndColumn() throws {
        let lines = Self.wide.split(separator: "\n").map(String.init)
        for window in [3, 64, 1 << 20] {
            let data = load(Self.wide, window: window)
            var expected: [CountyData.SourceLocation] = []
            for (r, row) in Self.cells.enumerated() {
                let columns = fieldColumns(lines[r + 1])
                for (k, cell) in row.enumerated() where !["", "—", "很多"].contains(cell) {
                    expected.append(SourceLocation(file: "g.csv", line: r + 2, column: columns[k + 2]))
                }
            }
            #expect(data.observations.map(\.provenance.location) == expected, "window \(window)")
            #expect((0..<data.observations.count).map { data.observations.location(at: $0) } == expected)
        }
    }

    /// A row of 200 cells: the columns are counted on from checkpoints (every 64 cells, and wherever a
    /// cell's text is not the plain decimal's own), so each cell's is exact whatever its neighbours.
    @Test func theColumnsOfALongRowAreExact() throws {
        let cells = (0..<200).map { k in
            switch k % 7 {
            case 0: "\(k).5"
            case 1: "0\(k)"
            case 2: "\"\(k)\""
            case 3: "-\(k).25"
            case 4: ""
            case 5: "约\(k)"
            default: "\(k * 1000)"
            }
        }
        let header = "地区,年份," + (0..<200).map { "指标\($0)（亿元）" }.joined(separator: ",")
        let line = "新邵县,2023," + cells.joined(separator: ",")
        let data = load(header + "\n" + line + "\n")
        let columns = fieldColumns(line)
        let expected = cells.indices.filter { !cells[$0].isEmpty }.map { columns[$0 + 2] }
        #expect(data.observations.map { $0.provenance.location.column! } == expected)
    }

    /// A table whose checks have something to find: repeated row labels, repeated column labels, a
    /// negative, a growth rate in 亿元, one indicator in two dimensions, and children over their parent.
    static let troubled =
        "地区,上级,年份,地区生产总值（亿元）,利润总额（亿元）,地区生产总值（亿元）,GDP增速（亿元）,人口（万人）\n"
        + "甲县,乙市,2023,10,-1,10,5,3\n"
        + "丙县,乙市,2023,12,2,13,6,4\n"
        + "乙市,,2023,20,1,,7,5\n"
        + "甲县,乙市,2023,10,-2,11,5,-3\n"
        + "甲县,乙市,2022,9,1,9,5,3\n"

    func expectSameChecks(_ text: String, options: LoadOptions = LoadOptions(), _ comment: Comment? = nil) {
        let data = load(text, options: options)
        #expect(data.observations.grid != nil, comment)
        var rows = data.observations
        rows.materialize()
        #expect(rows.grid == nil && Array(rows) == Array(data.observations), comment)
        let onGrid = DatasetChecks.check(data.observations), onRows = DatasetChecks.check(rows)
        #expect(onGrid == onRows, comment)
        #expect(onGrid.contains { $0.message.contains("repeats") || $0.message.contains("here but") }, comment)
    }

    @Test func theChecksFindOnTheGridWhatTheyFindOnRows() throws {
        let data = load(Self.troubled)
        let problems = DatasetChecks.check(data.observations)
        // 甲县 2023 twice (row labels) and 地区生产总值 twice (column labels).
        #expect(problems.contains { $0.message.contains("地区生产总值 of 甲县 for 2023年 is 11亿元 here but 10亿元 at g.csv:2:") })
        #expect(problems.contains { $0.message.contains("地区生产总值 of 丙县 for 2023年 is 13亿元 here but 12亿元 at g.csv:3:12") })
        #expect(problems.contains { $0.message.contains("is negative") && $0.location.line == 5 })
        #expect(problems.contains { $0.message.contains("growth rate but is in 亿元") })
        #expect(problems.contains { $0.message.contains("sum to") })
        expectSameChecks(Self.troubled)
        // Years as columns (an indicator a row), with a repeated row and a repeated year.
        expectSameChecks(
            "地区,指标,2021年,2022年,2021\n甲县,地区生产总值（亿元）,1,2,3\n乙县,地区生产总值（亿元）,4,5,4\n甲县,地区生产总值（亿元）,1,-7,8\n甲县,人口（%）,1,2,3\n",
            "years")
        // Each column an indicator of its own period, and a mix of own periods and the row's.
        expectSameChecks(
            "地区,产值（亿元）｜2022年,产值（亿元）｜2023年,产值（亿元）｜2022年\n甲县,1,2,3\n乙县,4,5,6\n甲县,1,2,1\n", "own periods")
        expectSameChecks(
            "地区,年份,产值（亿元）｜2022年,产值（亿元）\n甲县,2022,1,2\n乙县,2023,4,5\n甲县,2022,1,1\n", "mixed periods")
    }

    /// Checks on a grid with no repeated label find no duplicate, and look up no cell to know it.
    @Test func distinctLabelsHaveNoDuplicates() throws {
        var text = "地区,年份," + (0..<50).map { "指标\($0)（亿元）" }.joined(separator: ",") + "\n"
        for r in 0..<40 { text += "县\(r),2023," + (0..<50).map { "\(r * 50 + $0).5" }.joined(separator: ",") + "\n" }
        let data = load(text)
        let grid = try #require(data.observations.grid)
        #expect(grid.cells.count == 2000 && grid.exceptions.isEmpty)
        #expect(DatasetChecks.gridDuplicates(data.observations, grid, DatasetChecks.Ids(data.observations)) == [])
        #expect(DatasetChecks.check(data.observations).isEmpty)
    }

    /// Cells are 4 bytes while every figure fits and 8 once one does not; widening keeps every cell.
    @Test func cellsWidenWhenAFigureNeedsMoreThanFourBytes() throws {
        func packed(_ text: String) throws -> UInt64 {
            var t = text
            return try #require(t.withUTF8 { CellReader.plainDecimal($0) }.flatMap { GridCell.packed($0) })
        }
        let narrow = try ["0", "-0.5", "99999.999", "268435455", "-1.23456", "0.00000"].map(packed)
        let wide = try ["268435456", "1.000000", "123456789012345678", "-99999999999.5"].map(packed)
        let marks = [GridCell.absent, GridCell.exception(3), GridCell.exception((1 << 28) - 1)]
        var cells = GridCells()
        for bits in narrow + marks { cells.append(bits) }
        #expect((0..<cells.count).map { cells[$0] } == narrow + marks)
        for bits in wide { cells.append(bits) }
        #expect((0..<cells.count).map { cells[$0] } == narrow + marks + wide)
        let small = try packed("-1.23456"), zeros = try packed("0.00000"), long = try packed("-99999999999.5")
        #expect(GridCell.value(small) == Decimal(string: "-1.23456"))
        #expect(GridCell.fraction(zeros) == 5 && GridCell.textWidth(long) == 14 && GridCell.textWidth(zeros) == 7)
    }

    /// Warnings of children over their parent on one line come in the order of its cells, in every process
    /// (they were in the order of a dictionary, seeded anew in each).
    @Test func childrenOverTheirParentAreWarnedInTheParentsCellOrder() throws {
        let names = (0..<8).map { "产值\($0)（亿元）" }
        var text = "地区,上级,年份," + names.joined(separator: ",") + "\n"
        text += "乙市,,2023," + names.map { _ in "1" }.joined(separator: ",") + "\n"
        for county in ["甲县", "丙县"] {
            text += "\(county),乙市,2023," + names.map { _ in "5" }.joined(separator: ",") + "\n"
        }
        let data = load(text)
        let warnings = DatasetChecks.check(data.observations).filter { $0.message.contains("sum to 10亿元") }
        #expect(warnings.count == 8)
        #expect(warnings.map { $0.location.column! } == (0..<8).map { 10 + 2 * $0 })
    }

    /// An observation's row is found in constant time: among the few rows between two lookup strides, not by a
    /// search over every row (a log factor for each figure a report, a chart or conflict resolution reads).
    @Test func anObservationIsFoundAmongAFewRows() throws {
        let width = 200
        var grid = ObservationGrid(labels: .byColumn, file: 0, columnPeriods: Array(repeating: .year(2023), count: width))
        var expected: [(row: Int, column: Int, value: Decimal)] = []
        for r in 0..<5000 {   // rows of 1–5 figures, every seventh full, and rows with none (dropped)
            let filled = r % 11 == 3 ? 0 : r % 7 == 0 ? width : 1 + r % 5
            grid.startRow()
            for c in 0..<width {
                let has = filled == width || (c * 37 + r) % width < filled
                grid.add(has ? .plain(UInt64(r * width + c)) : .none, column: 0)
                if has { expected.append((grid.rows, c, Decimal(r * width + c))) }
            }
            grid.endRow(region: 0, indicator: 0, unit: 0, period: .year(2023), line: r + 2, note: 0, source: 0)
        }
        #expect(grid.count == expected.count && grid.rows > 4000)
        var wrong = 0, widest = 0
        for (i, place) in expected.enumerated() {
            let found = grid.position(of: i)
            if found.row != place.row || found.column != place.column || grid.value(i) != place.value { wrong += 1 }
            widest = max(widest, grid.candidateRows(of: i).count)
        }
        #expect(wrong == 0)
        #expect(widest <= ObservationGrid.lookupStride + 1, "searched among \(widest) rows")
    }
}
