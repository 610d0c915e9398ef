import Foundation

/// Phase timings on stderr when `COUNTYREPORT_TRACE` is set, for benchmarks and profiling.
public enum Trace {
    public static let enabled = ProcessInfo.processInfo.environment["COUNTYREPORT_TRACE"] != nil
    nonisolated(unsafe) private static var last = DispatchTime.now().uptimeNanoseconds

    /// Prints the time since the previous mark, labelled.
    public static func mark(_ label: @autoclosure () -> String) {
        guard enabled else { return }
        let previous = last
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data(String(format: "trace: %-28@ %7.1f ms\n", label() as NSString, Double(now &- previous) / 1e6).utf8))
        last = now
    }
}
