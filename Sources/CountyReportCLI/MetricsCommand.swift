import ArgumentParser
import CountyData
import CountyMetrics
import CountyReportKit
import Foundation
import Workbooks

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract:
            "Compute the metrics of an annual summary: growth, 百分点 changes, CAGR, shares, structures, contributions, ranks, totals, per-capita values.",
        discussion: """
            Growth stated in the data (…增速, 按可比价格) is used as stated; growth computed from current-price levels \
            says so. Values keep full precision; table and csv round half away from zero (四舍五入) for display (亿元 2, % 1, 元 0).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, xlsx }

    @OptionGroup var data: DataOptions
    @Option(help: "Only this region (repeatable).") var region: [String] = []
    @Option(name: .customLong("for-period"), help: "Only this period, e.g. 2023 or 2023年1—9月.") var forPeriod: String?
    @Option(
        name: .customLong("break"), help: "A series break REGION:INDICATOR:PERIOD (* for all), e.g. 邵阳市:地区生产总值:2019.")
    var breaks: [String] = []
    @Option(help: "Ties in ranks: competition (1,2,2,4) or dense (1,2,2,3).") var ties: String = "competition"
    @Option(help: "table, csv, json, or xlsx (a workbook, with -o).") var format: Format = .table
    @Option(name: [.short, .customLong("output")], help: "The workbook to write with --format xlsx.") var output:
        String?
    @Flag(help: "Leave out metrics that are absent (no value, with a reason).") var hideAbsent = false
    @Argument(help: "CSV, JSON or workbook (.xlsx, .xls; book.xlsx#sheet) data files.") var files: [String]

    func validate() throws {
        if format == .xlsx && output == nil {
            throw ValidationError("--format xlsx writes a workbook: give -o FILE.xlsx")
        }
        if format != .xlsx && output != nil {
            throw ValidationError("-o is for --format xlsx; the other formats go to standard output")
        }
    }

    func run() throws {
        try requireFiles(files)
        var options = MetricOptions()
        for b in breaks {
            guard let parsed = SeriesBreak(argument: b) else {
                throw ValidationError("“\(b)” is not REGION:INDICATOR:PERIOD")
            }
            options.breaks.append(parsed)
        }
        guard let tie = TieRule(rawValue: ties) else { throw ValidationError("--ties must be competition or dense") }
        options.tieRule = tie
        options.regions = Set(region)
        if let p = forPeriod {
            guard let parsed = Period(p) else { throw ValidationError("“\(p)” is not a period") }
            options.period = parsed
        }
        let job = MetricsJob(files: files, load: try data.loadOptions(), options: options, hideAbsent: hideAbsent)
        let metrics: [Metric]
        do { metrics = try job.run() } catch { throw failure(error) }
        if format == .xlsx, let output {
            do { try MetricsWorkbook.write(metrics, to: output) } catch { throw failure(error) }
        } else {
            MetricsWriter(format: MetricsFormat(rawValue: format.rawValue)!).write(metrics) {
                FileHandle.standardOutput.write($0)
            }   // every format but xlsx is one
        }
        Trace.mark("written")
    }
}
