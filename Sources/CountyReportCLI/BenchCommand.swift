import ArgumentParser
import CountyReportKit
import CairoCanvas
import ChartCompiler
import ChartScene
import CountyData
import Foundation
import Synchronization

/// Renders the peer-benchmark workloads (Reports/bench/*.tsv), for scripts/bench-charts.sh.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-render", abstract: "Render benchmark workloads (W1/W3 TSV) to PNG files or one PDF.", shouldDisplay: false)

    enum Format: String, ExpressibleByArgument { case png, pdf }

    @Argument(help: "png or pdf.") var format: Format
    @Argument(help: "Workload TSV file.") var input: String
    @Argument(help: "Output: a PNG file (one chart), a folder (several), or a PDF file.") var output: String
    @Option(help: "Parallel renderers for PNGs.") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    static func charts(_ path: String) throws -> [Chart] {
        let text = String(decoding: try TextFile.readUTF8(path: path), as: UTF8.self)
        return try text.split(separator: "\n").enumerated().map { n, line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= (f[0] == "w1" ? 8 : 6) else {
                throw ValidationError("\(path):\(n + 1): a workload row has \(f.count) tab-separated fields; expected w1 rows of 8, others of 6 or more")
            }
            func values(_ s: String) -> [Decimal?] {
                s.split(separator: "|").map { CellReader.fastDecimal(Array($0.utf8)) ?? Decimal(string: String($0), locale: Locale(identifier: "en_US_POSIX")) }
            }
            let cats = f[3].split(separator: "|").map { $0.hasSuffix("月") ? String($0) : "\($0)年" }
            if f[0] == "w1" {
                return Chart(kind: .combo, title: f[1], source: f[2], categories: cats, series: [
                    .init(name: f[4], values: values(f[5]), unit: "亿元", mark: .bar),
                    .init(name: f[6], values: values(f[7]), unit: "%", mark: .line, axis: .right)])
            }
            return Chart(kind: .line, title: f[1], source: f[2], categories: cats, series: stride(from: 4, to: f.count - 1, by: 2).map {
                .init(name: f[$0], values: values(f[$0 + 1]), unit: "亿元", mark: .line, decimals: 1)
            }, valueLabels: false)
        }
    }

    func run() throws {
        Trace.mark("start")
        let charts = try Self.charts(input)
        // 1600×900 px, as the chart command lays it out: 1200×675 pt in the print theme, text measured
        // at 4/3 px per point (DeviceMeasurer); PNGs drawn in pixels, PDF pages at 1 pt per unit.
        let size = PixelSize(width: 1600, height: 900).points
        let scale = PixelSize.pixelsPerPoint
        switch format {
        case .pdf:
            // Scenes are laid out on the other cores while this one draws them, in order, into one document.
            let r = try PreparedRenderer.take()
            let scenes = Mutex<[Int: Result<Scene, Error>]>([:])
            let ready = charts.indices.map { _ in DispatchSemaphore(value: 0) }
            let workers = max(1, min(jobs - 1, charts.count))
            let fonts = r.fonts
            let group = DispatchGroup()
            for w in 0..<workers {
                DispatchQueue.global().async(group: group) {
                    let renderer = Renderer(fonts: fonts)
                    for i in stride(from: w, to: charts.count, by: workers) {
                        let scene = Result { try charts[i].compile(size: size, measurer: DeviceMeasurer(renderer.measurer, scale: scale)) }
                        scenes.withLock { $0[i] = scene }
                        ready[i].signal()
                    }
                }
            }
            defer { group.wait() }
            let pdf = try r.pdf(pageCount: charts.count, metadata: PDFMetadata(title: "bench")) { i in
                ready[i].wait()
                let scene = try scenes.withLock { try $0.removeValue(forKey: i)!.get() }
                return PDFPage(scene: scene)
            }
            try OutputFile.write(pdf, to: output)
        case .png:
            if charts.count == 1 {
                let r = try PreparedRenderer.take()
                Trace.mark("renderer ready")
                let scene = try charts[0].compile(size: size, measurer: DeviceMeasurer(r.measurer, scale: scale))
                Trace.mark("compiled")
                let png = try r.png(scene.scaled(by: scale))
                Trace.mark("drawn and encoded")
                try OutputFile.write(png, to: output)
                Trace.mark("written")
                return
            }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            try onEveryCore(charts.count, fonts: try PreparedRenderer.take().fonts) { renderer, i in
                let scene = try charts[i].compile(size: size, measurer: DeviceMeasurer(renderer.measurer, scale: scale))
                let png = try renderer.png(scene.scaled(by: scale))
                try OutputFile.write(png, to: "\(output)/chart\(String(format: "%03d", i)).png")
            }
        }
    }

    /// Runs `work` for items 0..<count on every core, with one renderer per thread (Pango is not
    /// thread-safe; the same fonts and settings give every renderer the same measures). Throws the
    /// last failure, after all items were tried.
    private func onEveryCore(_ count: Int, fonts: FontLibrary, _ work: @Sendable (Renderer, Int) throws -> Void) throws {
        let failure = Mutex<String?>(nil)
        let workers = max(1, min(jobs, count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let renderer = Renderer(fonts: fonts)
            if workers > 1 { renderer.pngThreads = 1 }   // the cores are already busy
            for i in stride(from: w, to: count, by: workers) {
                do { try work(renderer, i) } catch { failure.withLock { $0 = "\(error)" } }
            }
        }
        if let f = failure.withLock({ $0 }) { throw ValidationError(f) }
    }
}
