import ArgumentParser
import CairoCanvas

/// `countyreport`: county statistics to charts and annual-summary reports.
public struct CountyReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "countyreport",
        abstract: "County statistics to charts and annual summary reports (县域统计数据 → 图表与年度报告).",
        subcommands: [ReportCommand.self, ChartCommand.self, CheckCommand.self, NumberCommand.self, MetricsCommand.self, ExtractCommand.self, BenchCommand.self])

    public init() {}

    /// Runs the command line; commands that draw get their fonts and text engine loaded on a
    /// background thread while the arguments are parsed and the input read.
    public static func run(_ arguments: [String] = CommandLine.arguments) {
        if arguments.count > 1, ["chart", "bench-render"].contains(arguments[1]) { PreparedRenderer.start() }
        main()
    }
}
