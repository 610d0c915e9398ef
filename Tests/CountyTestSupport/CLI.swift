import Foundation

/// The `countyreport` binary built alongside the tests.
public enum CLI {
    public static var executable: String {
        var dirs: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        dirs.append(Repository.root.appendingPathComponent(".build/debug"))
        for d in dirs {
            let p = d.appendingPathComponent("countyreport").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return Repository.root.appendingPathComponent(".build/debug/countyreport").path
    }

    /// Runs `countyreport` with `arguments` from the repository root.
    public static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        return try runProcess(executable, arguments, environment: env, currentDirectory: Repository.root)
    }
}
