import CairoCanvas
import ChartScene
import Foundation
import Synchronization

/// The renderers of a process, one per core, sharing one font library and the run's settings: the chart
/// command takes one, the chart benchmark and the report runs (`--each-region`) one per worker thread.
///
/// A `Renderer` is not thread-safe (Pango is not), so the pool lends each to one thread at a time and
/// takes it back for the next borrower. `prepare()` makes the first one on a background thread while the
/// program does its other start-up work (argument parsing, reading the input): loading the fonts and
/// Pango's first layout take about 3 ms of a one-chart run.
public final class RendererPool: Sendable {
    public let settings: Settings
    /// The most renderers kept for reuse (the number of cores by default).
    public let capacity: Int

    /// A renderer passed between threads through the pool; only the thread that holds it uses it.
    private struct Lent: @unchecked Sendable { let renderer: Renderer }
    private struct State {
        var fonts: Result<FontLibrary, JobError>?
        var idle: [Lent] = []
        var preparing = false
    }
    private let state = Mutex(State())
    /// Signalled once the background preparation has finished (and then kept signalled).
    private let prepared = DispatchSemaphore(value: 0)

    public init(settings: Settings, capacity: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.settings = settings
        self.capacity = max(1, capacity)
    }

    /// Starts loading the fonts and making a first, warmed-up renderer on a background thread; later calls
    /// do nothing.
    public func prepare() {
        let first = state.withLock { s in
            defer { s.preparing = true }
            return !s.preparing
        }
        guard first else { return }
        Thread {
            if let renderer = try? self.makeRenderer() {
                for weight in [FontWeight.regular, .bold] {
                    _ = renderer.measurer.measure(
                        "地区生产总值 2023年 12.5%", style: TextStyle(size: 16, weight: weight), wrapWidth: nil)
                }
                self.give(renderer)
            }
            self.prepared.signal()
        }.start()
    }

    /// The fonts every renderer of the pool draws with: `settings.fontsFolder` first, else the bundled
    /// fonts found beside the binary or in the source tree. Loaded once.
    public func fonts() throws(JobError) -> FontLibrary {
        let result = state.withLock { s in
            if let f = s.fonts { return f }
            let f = Result { () throws(JobError) -> FontLibrary in
                do { return try FontLibrary.bundled(preferring: settings.fontsFolder) } catch {
                    throw JobError.drawing("cannot load the bundled fonts: \(error)")
                }
            }
            s.fonts = f
            return f
        }
        return try result.get()
    }

    /// The paths of the font files the pool's renderers draw with, found without loading the fonts.
    public func fontFiles() throws(JobError) -> [String] {
        do { return try FontLibrary.bundledFiles(preferring: settings.fontsFolder) } catch {
            throw JobError.drawing("cannot load the bundled fonts: \(error)")
        }
    }

    /// Lends a renderer to `body` on this thread and takes it back after.
    public func withRenderer<T>(_ body: (Renderer) throws -> T) throws -> T {
        let renderer = try take()
        defer { give(renderer) }
        return try body(renderer)
    }

    /// Runs `work(renderer, item)` for every item of `0..<count` on up to `workers` threads (default: one
    /// per core), each with a renderer of the pool; items are handed out in order as threads become free.
    /// Several threads at once each compress their PNGs in one band (the cores are already busy).
    public func forEach(_ count: Int, workers: Int? = nil, _ work: @Sendable (Renderer, Int) -> Void) throws(JobError) {
        guard count > 0 else { return }
        let threads = max(1, min(workers ?? capacity, count))
        let fonts = try fonts()
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let renderer = (try? take()) ?? configured(Renderer(fonts: fonts))
            let bands = renderer.pngThreads
            if threads > 1 { renderer.pngThreads = 1 }
            while true {
                let item = next.add(1, ordering: .relaxed).oldValue
                guard item < count else { break }
                work(renderer, item)
            }
            renderer.pngThreads = bands
            give(renderer)
        }
    }

    /// A renderer for this thread: the prepared one or an idle one, else a new one.
    private func take() throws(JobError) -> Renderer {
        if state.withLock({ $0.preparing }) {
            prepared.wait()
            prepared.signal()
        }
        if let lent = state.withLock({ $0.idle.popLast() }) { return lent.renderer }
        return try makeRenderer()
    }

    private func give(_ renderer: Renderer) {
        let lent = Lent(renderer: renderer)
        state.withLock { s in if s.idle.count < capacity { s.idle.append(lent) } }
    }

    private func makeRenderer() throws(JobError) -> Renderer {
        configured(Renderer(fonts: try fonts()))
    }

    private func configured(_ renderer: Renderer) -> Renderer {
        settings.png?.apply(to: renderer)
        return renderer
    }
}
