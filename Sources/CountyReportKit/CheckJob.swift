import CountyData
import Formatting
import Foundation
import Workbooks

/// `countyreport check`: data files loaded and (unless asked not to) checked; every problem with its
/// file, line and column.
public struct CheckJob: Sendable {
    public var files: [String]
    public var load: LoadOptions
    /// Run the consistency checks (conflicting figures, structures, codes …), not only the loading.
    public var runChecks: Bool

    public init(files: [String], load: LoadOptions = LoadOptions(), runChecks: Bool = true) {
        self.files = files; self.load = load; self.runChecks = runChecks
    }

    /// The report. A missing file is a missing input; problems in the data are in the report.
    public func run() throws(JobError) -> CheckReport {
        try InputFiles.requireExisting(files)
        var dataset = DataFiles.load(files, options: load)
        Trace.mark("loaded")
        if runChecks { dataset.check() }
        Trace.mark("checked")
        return CheckReport(files: files, dataset: dataset)
    }
}

/// What `check` found: counts, the periods, every problem; as text or JSON.
public struct CheckReport: Sendable {
    public var files: [String]
    public var dataset: Dataset

    public init(files: [String], dataset: Dataset) { self.files = files; self.dataset = dataset }

    /// Errors make the data unusable (exit 65); warnings do not.
    public var hasErrors: Bool { !dataset.errors.isEmpty }

    /// `2 files: 12 regions, 3 indicators, 5 periods (2019—2023年), 180 observations`, each problem
    /// (`file:line:column: message`), then `N errors, M warnings`; each line ends with a newline.
    public var text: String {
        let summary = dataset.summary
        let periods = summary.periods
        let span = PeriodText.span(of: periods)
        var out =
            "\(files.count) file\(files.count == 1 ? "" : "s"): \(summary.regions) regions, \(summary.indicators) indicators, "
            + "\(periods.count) periods\(span.isEmpty ? "" : " (\(span))"), \(dataset.observations.count) observations\n"
        for p in dataset.problems { out += "\(p)\n" }
        out += "\(dataset.errorCount) errors, \(dataset.warningCount) warnings\n"
        return out
    }

    /// The counts, period codes and problems as one pretty-printed JSON object, ending with a newline.
    public var json: String {
        let summary = dataset.summary
        let out = JSONOutput.object([
            ("files", .array(files.map { .string($0) })),
            ("regions", .int(summary.regions)), ("indicators", .int(summary.indicators)),
            ("periods", .array(summary.periods.map { .string($0.code) })),
            ("observations", .int(dataset.observations.count)),
            ("errors", .int(dataset.errorCount)), ("warnings", .int(dataset.warningCount)),
            ("problems", .array(dataset.problems.map(\.json))),
        ])
        return out.rendered(pretty: true) + "\n"
    }
}
