import ChartScene
import Foundation
import Synchronization

/// A renderer made ready on a background thread while the process does its other start-up work
/// (argument parsing, reading the input). Loading the bundled fonts and Pango's first layout take
/// about 3 ms of a one-chart run; started early, they overlap with it.
///
/// `start()` begins the preparation once; `take()` waits for it and hands the renderer over, so it
/// is only ever used by one thread at a time. Without `start()`, `take()` makes a renderer at once.
public enum PreparedRenderer {
    /// A renderer passing from the preparing thread to the one taking it; neither uses it after.
    private struct Handover: @unchecked Sendable { let result: Result<Renderer, Error> }
    private final class Slot: Sendable {
        let state = Mutex<(started: Bool, handover: Handover?)>((false, nil))
        let ready = DispatchSemaphore(value: 0)
    }
    private static let slot = Slot()

    /// Starts preparing a renderer on a background thread; later calls do nothing.
    public static func start() {
        let first = slot.state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else { return }
        let thread = Thread {
            let handover = Handover(result: Result { try makeWarmRenderer() })
            slot.state.withLock { $0.handover = handover }
            slot.ready.signal()
        }
        thread.start()
    }

    /// The prepared renderer (waiting for it if need be), or a new one when none was started or
    /// it has already been taken.
    public static func take() throws -> Renderer {
        let started = slot.state.withLock { $0.started }
        if started {
            slot.ready.wait()
            slot.ready.signal()
            let taken = slot.state.withLock { state -> Handover? in
                defer { state.handover = nil }
                return state.handover
            }
            if let taken { return try taken.result.get() }
        }
        return Renderer(fonts: try FontLibrary.bundled())
    }

    private static func makeWarmRenderer() throws -> Renderer {
        let renderer = Renderer(fonts: try FontLibrary.bundled())
        for weight in [FontWeight.regular, .bold] {
            _ = renderer.measurer.measure("地区生产总值 2023年 12.5%", style: TextStyle(size: 16, weight: weight), wrapWidth: nil)
        }
        return renderer
    }
}
