import ArgumentParser

/// `countyreport`: county statistics to charts and annual-summary reports.
public struct CountyReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "countyreport",
        abstract: "County statistics to charts and annual summary reports (县域统计数据 → 图表与年度报告).",
        subcommands: [ChartCommand.self, CheckCommand.self, NumberCommand.self, MetricsCommand.self, ExtractCommand.self, BenchCommand.self])

    public init() {}
}
