import ArgumentParser
import CountyReportKit
import Foundation

/// `countyreport report`: the annual summary PDF (and slides) from a report definition.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the annual summary PDF (and its charts as slides) from a report definition.",
        discussion: """
            Writes DIR/report.pdf (default out/<name>/, <name> the definition's folder). With --slides, every chart \
            as a 1920×1080 PNG named after its block and slides.pdf. Exit codes: 0 done, 64 usage, 65 bad data or a \
            template naming a missing figure, 66 missing input, 70 drawing failed, 73 output cannot be written.
            """)

    @Argument(help: "The report definition: Reports/<name>/report.yaml.") var definition: String
    @Option(name: [.short, .customLong("output")], help: "Output folder (default out/<name>/).") var output: String?
    @Option(help: "Also write every chart as a slide PNG and slides.pdf into this folder.") var slides: String?
    @Flag(help: "Print every number in the report with the metric and input rows it came from.") var explain = false
    @Flag(help: "Treat a character the fonts lack as an error.") var strict = false

    func run() throws {
        do {
            let job = ReportJob(definitionPath: definition, outputFolder: output, slidesFolder: slides, strict: strict,
                                settings: try Settings.fromEnvironment())
            let result = try job.run()
            for w in result.warnings { FileHandle.standardError.write(Data("countyreport: warning: \(w)\n".utf8)) }
            if explain {
                for e in result.explanations {
                    print([e.block, e.text, e.origin.what, e.origin.inputs.joined(separator: "; ")].joined(separator: "\t"))
                }
            }
            FileHandle.standardError.write(Data("countyreport: wrote \(result.pdf) (\(result.pages) pages)\(result.slides.isEmpty ? "" : " and \(result.slides.count) slide files")\n".utf8))
        } catch let e as JobError {
            for line in e.description.split(separator: "\n") {
                FileHandle.standardError.write(Data("countyreport: error: \(line)\n".utf8))
            }
            throw ExitCode(e.exitCode)
        }
    }
}
