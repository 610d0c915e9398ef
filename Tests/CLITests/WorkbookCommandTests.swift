import CountyData
import CountyTestSupport
import Foundation
import Testing
import Workbooks

@Suite struct WorkbookCommandTests {
    @Test func checkListsSheetsAndReadsOneByName() throws {
        let list = try CLI.run(["check", "--sheets", "Tests/Fixtures/workbooks/yearbook.xlsx"])
        #expect(list.status == 0)
        #expect(
            list.stdout
                == "Tests/Fixtures/workbooks/yearbook.xlsx#1\t说明\nTests/Fixtures/workbooks/yearbook.xlsx#2\t表3-1\n"
                + "Tests/Fixtures/workbooks/yearbook.xlsx#3\t表3-2\n")
        let one = try CLI.run(["check", "Tests/Fixtures/workbooks/yearbook.xlsx#表3-1"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.hasPrefix("1 file: 2 regions, 3 indicators, 2 periods (2022—2023年), 7 observations"))
        let bySheetOption = try CLI.run(["check", "--sheet", "2", "Tests/Fixtures/workbooks/yearbook.xlsx"])
        #expect(bySheetOption.stdout == one.stdout)
    }

    @Test func badCellsAreNamedAsExcelNamesThemAndExit65() throws {
        let r = try CLI.run(["check", "Tests/Fixtures/workbooks/cells.xlsx"])
        #expect(r.status == 65)
        let lines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("Tests/") }
        #expect(lines.count == 2)
        #expect(
            lines.first?.hasPrefix("Tests/Fixtures/workbooks/cells.xlsx#数据!D6: cannot read “#DIV/0!”") == true,
            "\(lines)")
        let missing = try CLI.run(["check", "Tests/Fixtures/workbooks/none.xlsx#表1"])
        #expect(missing.status == 66)
    }

    /// The workbook `metrics --format xlsx` writes, read back with our reader: the same rows as `--format csv`,
    /// every figure a number whose value rounds to the CSV's display text.
    @Test func metricsWorkbookHoldsTheFiguresOfTheCSV() throws {
        // The sample has one known conflict (新邵县 2020 GDP twice, line 123), so metrics refuses it; use a clean copy.
        let dir = Repository.temporaryDirectory("metrics-xlsx")
        let clean = dir.appendingPathComponent("clean.csv").path
        let lines = try String(contentsOfFile: Repository.path("Reports/data/shaoyang-counties.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        try lines.enumerated().filter { $0.offset != 122 }.map { String($0.element) }.joined(separator: "\n")
            .write(toFile: clean, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("metrics.xlsx").path
        let written = try CLI.run(["metrics", clean, "--region", "新邵县", "--format", "xlsx", "-o", out])
        #expect(written.status == 0, "\(written.stderr)")
        let csv = try CLI.run(["metrics", clean, "--region", "新邵县", "--format", "csv"])
        let csvRows = try Table.parse(Array(csv.stdout.utf8), file: "metrics.csv").rows
        let book = try XLSXBook(path: out)
        #expect(book.sheetNames == ["metrics"])
        var rows: [[Int: String]] = []
        try book.readRows(ofSheet: 0, sheetFile: out + "#metrics") { row in
            rows.append(Dictionary(uniqueKeysWithValues: (0..<row.count).map { (row.column($0), row.text($0)) }))
        }
        #expect(rows.first == [1: "地区", 2: "指标", 3: "时期", 4: "指标类型", 5: "数值", 6: "单位", 7: "来源", 8: "说明"])
        #expect(rows.count == csvRows.count + 2)   // the header and the sources row
        #expect(rows.last?[1]?.hasPrefix("资料来源：http") == true)
        var numbers = 0
        for (sheetRow, csvRow) in zip(rows.dropFirst(), csvRows) {
            #expect(
                sheetRow[1] == csvRow.fields[0] && sheetRow[2] == csvRow.fields[1] && sheetRow[4] == csvRow.fields[3])
            let display = csvRow.fields[5].replacingOccurrences(of: "−", with: "-")
            guard let stored = sheetRow[5], let value = Decimal(string: stored), !csvRow.fields[4].contains(":") else {
                continue
            }
            let decimals = display.split(separator: ".").dropFirst().first?.count ?? 0
            var exact = value, rounded = Decimal()
            NSDecimalRound(&rounded, &exact, decimals, .plain)
            #expect(
                "\(rounded)" == display
                    || String(format: "%.\(decimals)f", NSDecimalNumber(decimal: rounded).doubleValue) == display,
                "\(stored) shown as \(display)")
            numbers += 1
        }
        #expect(numbers >= 30)
    }
}
