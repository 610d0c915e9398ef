import ArgumentParser
import CountyData
import CountyReportKit
import Foundation
import Synchronization

/// `countyreport`: county statistics to charts and annual-summary reports.
public struct CountyReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "countyreport",
        abstract: "County statistics to charts and annual summary reports (县域统计数据 → 图表与年度报告).",
        subcommands: [
            ReportCommand.self, ChartCommand.self, CheckCommand.self, NumberCommand.self, MetricsCommand.self,
            ExtractCommand.self, BenchCommand.self,
        ])

    public init() {}

    /// Runs the command line. The environment is read here, once (`Settings`); commands that draw get
    /// their first renderer made on a background thread while the arguments are parsed and the input read.
    public static func run(
        _ arguments: [String] = CommandLine.arguments,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let settings: Settings
        do { settings = try Settings.fromEnvironment(environment) } catch {
            FileHandle.standardError.write(Data("countyreport: error: \(error)\n".utf8))
            Foundation.exit(error.exitCode)
        }
        Trace.enable(settings.trace)
        let renderers = RendererPool(settings: settings)
        if arguments.count > 1, drawingCommands.contains(arguments[1]) { renderers.prepare() }
        CommandContext.set(renderers)
        main(Array(arguments.dropFirst()))
    }

    /// The commands that draw a picture at once: their first renderer is worth preparing while the
    /// arguments are parsed (a report run loads its data first, and the other commands draw nothing).
    static let drawingCommands: Set<String> = Set(
        ([ChartCommand.self, BenchCommand.self] as [any ParsableCommand.Type]).compactMap {
            $0.configuration.commandName
        })
}

/// What the entry read for the commands (ArgumentParser makes the commands, so they find it here):
/// the settings and the process's renderers.
enum CommandContext {
    private static let current = Mutex<RendererPool?>(nil)

    static func set(_ renderers: RendererPool) { current.withLock { $0 = renderers } }

    /// The process's renderers (and settings, `renderers.settings`); a command run without the entry
    /// (a test) gets a pool with the default settings.
    static var renderers: RendererPool {
        current.withLock { pool in
            if let pool { return pool }
            let made = RendererPool(settings: Settings())
            pool = made
            return made
        }
    }

    static var settings: Settings { renderers.settings }
}

/// Prints a job's error, one `countyreport: error:` line per line of it, and gives its exit code.
func failure(_ error: JobError) -> ExitCode {
    for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) {
        FileHandle.standardError.write(Data("countyreport: error: \(line)\n".utf8))
    }
    return ExitCode(error.exitCode)
}
