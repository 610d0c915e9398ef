import ArgumentParser
import CountyData
import CountyReportKit
import Foundation
import Workbooks

/// Options every command that reads data files shares.
struct DataOptions: ParsableArguments {
    @Option(help: "Force the input encoding (utf-8, gb18030/gbk) instead of detecting it.") var encoding: String?
    @Option(help: "Period of every row when the file has no period column (e.g. 2023).") var period: String?
    @Option(help: "Indicator of a wide table with years as columns, e.g. 地区生产总值（亿元）.") var indicator: String?
    @Option(help: "Unit of every value when the file gives none.") var unit: String?
    @Option(help: "The sheet of a workbook, by name or 1-based index (or write book.xlsx#表3-1).") var sheet: String?

    func loadOptions() throws -> LoadOptions {
        var o = LoadOptions(indicator: indicator, unit: unit, sheet: sheet)
        if let e = encoding {
            guard let enc = TextEncoding(name: e) else {
                throw ValidationError("unknown encoding “\(e)”: use utf-8 or gb18030")
            }
            o.encoding = enc
        }
        if let p = period {
            guard let parsed = Period(p) else {
                throw ValidationError("“\(p)” is not a period: use 2023, 2023Q1, 2023年1—9月 …")
            }
            o.period = parsed
        }
        return o
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load data files, check them, and list every problem with its file, line and column.",
        discussion: "Exit 0 when there are no errors (warnings allowed), 65 when there are, 66 when a file is missing.")

    @OptionGroup var data: DataOptions
    @Option(help: "text or json.") var format: ReportFormat = .text
    @Flag(help: "Only load the files; skip the consistency checks.") var noChecks = false
    @Flag(help: "List the sheets of each workbook instead (index, name).") var sheets = false
    @Argument(help: "CSV, JSON or workbook (.xlsx, .xls; book.xlsx#sheet) files.") var files: [String]

    func run() throws {
        try requireFiles(files)
        if sheets { return try listSheets() }
        let report: CheckReport
        let job = CheckJob(files: files, load: try data.loadOptions(), runChecks: !noChecks)
        do { report = try job.run() } catch { throw failure(error) }
        FileHandle.standardOutput.write(Data((format == .json ? report.json : report.text).utf8))
        Trace.mark("summary printed")
        if report.hasErrors { throw ExitStatus.dataError }
    }

    /// `check --sheets`: each workbook's sheets, one a line (`book.xlsx#1 表3-1`).
    private func listSheets() throws {
        var failed = false
        for f in files {
            guard let path = SheetAddress.split(f)?.path else {
                FileHandle.standardError.write(Data("countyreport: error: \(f): not a workbook (.xlsx, .xls)\n".utf8))
                failed = true
                continue
            }
            do {
                let book = try Workbooks.open(path)
                for (i, name) in book.sheetNames.enumerated() { print("\(path)#\(i + 1)\t\(name)") }
            } catch {
                FileHandle.standardError.write(Data("countyreport: error: \(error)\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitStatus.dataError }
    }
}
