import CountyData
import CountyMetrics
import Foundation
import Workbooks

/// `countyreport metrics`: data files loaded and checked, then every metric of an annual summary.
/// Data that fails a check is refused whole: a metric never picks one of two conflicting figures.
public struct MetricsJob: Sendable {
    public var files: [String]
    public var load: LoadOptions
    public var options: MetricOptions
    /// Leave out the metrics that are absent (no value, with a reason).
    public var hideAbsent: Bool

    public init(
        files: [String], load: LoadOptions = LoadOptions(), options: MetricOptions = MetricOptions(),
        hideAbsent: Bool = false
    ) {
        self.files = files; self.load = load; self.options = options; self.hideAbsent = hideAbsent
    }

    /// The metrics, in the engine's order. A missing file is a missing input; otherwise every load or
    /// check error is listed, one a line, as bad data.
    public func run() throws(JobError) -> [Metric] {
        try InputFiles.requireExisting(files)
        var dataset = DataFiles.load(files, options: load)
        dataset.check()
        if !dataset.errors.isEmpty { throw .data(dataset.errors.map(\.description).joined(separator: "\n")) }
        Trace.mark("loaded")
        var metrics = MetricsEngine(dataset: dataset, options: options).all()
        if hideAbsent { metrics.removeAll { $0.isAbsent } }
        Trace.mark("computed \(metrics.count) metrics")
        return metrics
    }
}
