import ArgumentParser
import CountyReportKit
import Foundation
import Regeneration

/// `countyreport report`: the annual summary PDF (and slides) from a report definition; one per region
/// with --each-region. A thin adapter: `ReportRun` does the work, this parses, prints and exits.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the annual summary PDF (and its charts as slides) from a report definition.",
        discussion: """
            Writes DIR/report.pdf (default out/<name>/, <name> the definition's folder). With --slides, every chart \
            as a 1920×1080 PNG named after its block and slides.pdf. With --tables xlsx, every table of the report \
            as a sheet of DIR/tables.xlsx (numbers as numbers, formatted as printed), written with the PDF as one set. \
            With --each-region, one report per region \
            in DIR/<region code or name>/ (slides likewise in a subfolder per region).

            A manifest beside the outputs (DIR/countyreport-manifest*.json) records what made each report: the \
            SHA-256 of the definition, every data, text and mapping file and chart spec it names, the fonts, the \
            tool's version and the outputs. A report whose inputs are unchanged and whose outputs are intact is \
            skipped; a run with nothing to do says so in one line and exits 0. Files are written whole (a \
            temporary file, synced, renamed), a report's files as one set. One run at a time per output folder \
            (per shard with --shard).

            Logs: one line per event on stderr, `TIME LEVEL message key=value…` (--log-format json: one \
            object a line); a progress bar only when stderr is a terminal.

            Exit codes:
            \(RunOutcome.helpTable)
            """)

    @Argument(help: "The report definition: Reports/<name>/report.yaml.") var definition: String
    @Option(name: [.short, .customLong("output")], help: "Output folder (default out/<name>/).") var output: String?
    @Option(help: "Also write every chart as a slide PNG and slides.pdf into this folder.") var slides: String?
    @Option(
        help: ArgumentHelp(
            "Also write every table of the report as a sheet of tables.xlsx beside the PDF.", valueName: "xlsx"))
    var tables: TablesFormat?
    @Flag(
        help:
            "Print every number in the report with the metric and input rows it came from (builds even unchanged reports; they are not rewritten)."
    )
    var explain = false
    @Flag(help: "Treat a character the fonts lack, or an optional sentence left out, as an error.") var strict = false

    @Flag(help: "Rebuild every report, changed or not.") var force = false
    @Flag(help: "Print what would be rebuilt and why (stdout: STATUS, key, region, reasons); write nothing.")
    var dryRun = false
    @Option(
        help: ArgumentHelp(
            "Wait up to this many seconds for another run holding the output folder's lock (then exit 75).",
            valueName: "seconds"))
    var wait: Double = 0

    @Flag(
        help:
            "One report per region: the definition's region is a parameter (default: every region whose parent it is).")
    var eachRegion = false
    @Option(
        help: ArgumentHelp(
            "With --each-region: PARENT/* (its children), * (all), or a comma list of names or codes.",
            valueName: "pattern"))
    var regions: String?
    @Option(
        help: ArgumentHelp(
            "Only shard K of N of the regions (stable hash of the region code): N machines split the work.",
            valueName: "K/N"))
    var shard: String?
    @Option(
        help: ArgumentHelp(
            "Reports built at once, each worker with its own renderer (default: one per core).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Also append the log to this file.", valueName: "file")) var log: String?
    @Option(help: "Log lines as text or json.") var logFormat: LogFormatOption = .text
    @Flag(help: "Only warnings and errors on stderr.") var quiet = false
    @Flag(help: "Also debug lines (each report's decision, timings).") var verbose = false

    enum LogFormatOption: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum TablesFormat: String, ExpressibleByArgument, CaseIterable { case xlsx }

    func validate() throws {
        if let shard { do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) } }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if wait < 0 || !wait.isFinite { throw ValidationError("--wait must be a number of seconds, 0 or more") }
        if regions != nil && !eachRegion { throw ValidationError("--regions needs --each-region") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    func run() throws {
        HeapPadding.keep()
        let runLog: RunLog
        do {
            runLog = try RunLog(format: logFormat == .json ? .json : .text, quiet: quiet, verbose: verbose, file: log)
        } catch {
            FileHandle.standardError.write(Data("countyreport: error: \(error)\n".utf8))
            throw ExitCode(error.outcome.exitCode)
        }
        let renderers = CommandContext.renderers
        var options = ReportRunOptions(definitionPath: definition, settings: renderers.settings)
        options.outputFolder = output
        options.slidesFolder = slides
        options.tablesWorkbook = tables == .xlsx
        options.strict = strict
        options.explain = explain
        options.force = force
        options.dryRun = dryRun
        options.wait = wait
        options.eachRegion = eachRegion
        options.regions = regions
        options.shard = try shard.map { try Shard(parsing: $0) } ?? .whole
        options.workers = jobs

        let result = ReportRun(options: options, log: runLog, renderers: renderers).run()
        if dryRun {
            for line in result.plan { print(line) }
            runLog.info(
                "dry run: \(result.written) to rebuild, \(result.unchanged) unchanged, \(result.failed) cannot be built; nothing written"
            )
        }
        for (region, items) in result.explanations {
            for e in items {
                let fields = [e.block, e.text, e.origin.what, e.origin.inputs.joined(separator: "; ")]
                print((eachRegion ? [region] + fields : fields).joined(separator: "\t"))
            }
        }
        if result.outcome.exitCode != 0 { throw ExitCode(result.outcome.exitCode) }
    }
}
