import CairoCanvas
import ChartCompiler
import ChartScene
import CountyData
import Foundation
import Synchronization

/// The peers' chart benchmark workloads (`Reports/bench/w1.tsv`, `w3.tsv`), drawn as the chart command
/// draws a 1600×900 px chart: for `scripts/bench-charts.sh` (`countyreport bench-render`).
///
/// A row is tab-separated: `w1`, title, source, categories (`|`-separated years or months), then bar
/// name and values, line name and values (a combo chart); any other kind is a line chart of
/// name/values pairs. Values are `|`-separated decimals, an unreadable one a gap.
public struct ChartWorkload: Sendable {
    public var charts: [Chart]

    public init(charts: [Chart]) { self.charts = charts }

    /// The 1600×900 px picture of the chart command, laid out in points.
    public static let size = PixelSize(width: 1600, height: 900)

    public static func load(path: String) throws(JobError) -> ChartWorkload {
        let bytes: [UInt8]
        do { bytes = try TextFile.readUTF8(path: path) } catch let e as DataError { throw JobError.from(e) } catch {
            throw JobError.missingInput("\(path): \(error)")
        }
        return try ChartWorkload(tsv: String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// The charts of a workload's text; a short row is an error naming `file:line`.
    public init(tsv text: String, file: String) throws(JobError) {
        var charts: [Chart] = []
        for (n, line) in text.split(separator: "\n").enumerated() {
            // `line` is never empty (empty lines are left out), so a row has at least one field.
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let combo = f[0] == "w1"
            guard f.count >= (combo ? 8 : 6) else {
                throw JobError.data(
                    "\(file):\(n + 1): a workload row has \(f.count) tab-separated fields; expected w1 rows of 8, others of 6 or more"
                )
            }
            func values(_ s: String) -> [Decimal?] {
                s.split(separator: "|").map {
                    CellReader.fastDecimal(Array($0.utf8))
                        ?? Decimal(string: String($0), locale: Locale(identifier: "en_US_POSIX"))
                }
            }
            let categories = f[3].split(separator: "|").map { $0.hasSuffix("月") ? String($0) : "\($0)年" }
            if combo {
                charts.append(
                    Chart(
                        kind: .combo, title: f[1], source: f[2], categories: categories,
                        series: [
                            .init(name: f[4], values: values(f[5]), unit: "亿元", mark: .bar),
                            .init(name: f[6], values: values(f[7]), unit: "%", mark: .line, axis: .right),
                        ]))
            } else {
                charts.append(
                    Chart(
                        kind: .line, title: f[1], source: f[2], categories: categories,
                        series: stride(from: 4, to: f.count - 1, by: 2).map {
                            .init(name: f[$0], values: values(f[$0 + 1]), unit: "亿元", mark: .line, decimals: 1)
                        }, valueLabels: false))
            }
        }
        self.charts = charts
    }

    /// Chart `index` laid out in points (1200×675 pt, the print theme), its text measured at the
    /// pixels it is drawn at (4/3 px per point), as the chart command does.
    public func scene(_ index: Int, renderer: Renderer) throws -> Scene {
        try charts[index].compile(
            size: Self.size.points, measurer: DeviceMeasurer(renderer.measurer, scale: PixelSize.pixelsPerPoint))
    }

    /// Chart `index` as a 1600×900 PNG.
    public func png(_ index: Int, renderer: Renderer) throws -> Data {
        let scene = try scene(index, renderer: renderer)
        Trace.mark("compiled")
        let png = try renderer.png(scene.scaled(by: PixelSize.pixelsPerPoint))
        Trace.mark("drawn and encoded")
        return png
    }

    /// Every chart as a PNG, `chart000.png`, `chart001.png`, … in `folder` (created if need be), drawn on
    /// up to `workers` threads of the pool. Every chart is tried; the last failure is thrown.
    public func writePNGs(to folder: String, renderers: RendererPool, workers: Int? = nil) throws(JobError) {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw JobError.output("\(folder): cannot create the folder: \(error.localizedDescription)")
        }
        let failure = Mutex<JobError?>(nil)
        try renderers.forEach(charts.count, workers: workers) { renderer, i in
            do {
                try OutputFile.write(
                    try png(i, renderer: renderer), to: folder + "/chart\(String(format: "%03d", i)).png")
            } catch let e as OutputFile.WriteError {
                failure.withLock { $0 = .output(e.description) }
            } catch {
                failure.withLock { $0 = .drawing("chart \(i + 1): \(error)") }
            }
        }
        if let f = failure.withLock({ $0 }) { throw f }
    }

    /// One PDF of every chart, a page each (1 pt per scene unit): this thread draws them, in order, into
    /// the document with the pool's first renderer while the scenes are laid out on up to `workers - 1`
    /// other threads.
    public func pdf(renderers: RendererPool, workers: Int? = nil) throws(JobError) -> Data {
        let count = charts.count
        let scenes = Mutex<[Int: Result<Scene, JobError>]>([:])
        let ready = charts.indices.map { _ in DispatchSemaphore(value: 0) }
        @Sendable func store(_ i: Int, _ scene: Result<Scene, JobError>) {
            scenes.withLock { $0[i] = scene }
            ready[i].signal()
        }
        let layout = max(1, min((workers ?? renderers.capacity) - 1, count))
        let metadata = PDFMetadata(title: "bench", creationDate: renderers.settings.creationDate)
        do {
            return try renderers.withRenderer { renderer in
                let group = DispatchGroup()
                defer { group.wait() }
                for w in 0..<layout {
                    DispatchQueue.global().async(group: group) {
                        do {
                            try renderers.withRenderer { renderer in
                                for i in stride(from: w, to: count, by: layout) {
                                    store(
                                        i,
                                        Result { () throws(JobError) -> Scene in
                                            do { return try scene(i, renderer: renderer) } catch {
                                                throw .data("chart \(i + 1): \(error)")
                                            }
                                        })
                                }
                            }
                        } catch {
                            // No renderer for this thread (the fonts would not load): its pages fail.
                            for i in stride(from: w, to: count, by: layout) { store(i, .failure(.drawing("\(error)"))) }
                        }
                    }
                }
                return try renderer.pdf(pageCount: count, metadata: metadata) { i in
                    ready[i].wait()
                    // Each page's scene is stored before its semaphore is signalled.
                    let laidOut =
                        scenes.withLock { $0.removeValue(forKey: i) } ?? .failure(.drawing("chart \(i + 1): no scene"))
                    return PDFPage(scene: try laidOut.get())
                }
            }
        } catch let e as JobError { throw e } catch { throw .drawing("\(error)") }
    }
}
