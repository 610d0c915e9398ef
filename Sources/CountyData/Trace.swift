import Foundation
import Synchronization

/// Phase timings on stderr, for benchmarks and profiling. Off until the program's entry turns it on
/// (the command line does when `COUNTYREPORT_TRACE` is set, through `CountyReportKit.Settings`).
public enum Trace {
    private static let on = Atomic<Bool>(false)
    nonisolated(unsafe) private static var last = DispatchTime.now().uptimeNanoseconds

    /// Whether marks are printed.
    public static var enabled: Bool { on.load(ordering: .relaxed) }

    /// Turns the marks on or off; the time of the next mark counts from here.
    public static func enable(_ enabled: Bool = true) {
        last = DispatchTime.now().uptimeNanoseconds
        on.store(enabled, ordering: .relaxed)
    }

    /// Prints the time since the previous mark, labelled.
    public static func mark(_ label: @autoclosure () -> String) {
        guard enabled else { return }
        let previous = last
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(
            Data(String(format: "trace: %-28@ %7.1f ms\n", label() as NSString, Double(now &- previous) / 1e6).utf8))
        last = now
    }
}
