import ArgumentParser
import CountyData
import CountyReportKit
import Foundation

/// Renders the peer-benchmark workloads (Reports/bench/*.tsv), for scripts/bench-charts.sh: a thin
/// adapter over `ChartWorkload`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-render", abstract: "Render benchmark workloads (W1/W3 TSV) to PNG files or one PDF.",
        shouldDisplay: false)

    enum Format: String, ExpressibleByArgument { case png, pdf }
    @Argument(help: "png or pdf.") var format: Format
    @Argument(help: "Workload TSV file.") var input: String
    @Argument(help: "Output: a PNG file (one chart), a folder (several), or a PDF file.") var output: String
    @Option(help: "Parallel renderers for PNGs (default: one per core).") var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        Trace.mark("start")
        let renderers = CommandContext.renderers
        do throws(JobError) {
            let workload = try ChartWorkload.load(path: input)
            switch format {
            case .pdf:
                try write(try workload.pdf(renderers: renderers, workers: jobs))
            case .png where workload.charts.count == 1:
                let png: Data
                do {
                    png = try renderers.withRenderer { renderer in
                        Trace.mark("renderer ready")
                        return try workload.png(0, renderer: renderer)
                    }
                } catch let e as JobError { throw e } catch { throw JobError.drawing("chart 1: \(error)") }
                try write(png)
                Trace.mark("written")
            case .png:
                try workload.writePNGs(to: output, renderers: renderers, workers: jobs)
            }
        } catch {
            throw failure(error)
        }
    }

    private func write(_ bytes: Data) throws(JobError) {
        do { try OutputFile.write(bytes, to: output) } catch { throw JobError.output("\(error)") }
    }
}
