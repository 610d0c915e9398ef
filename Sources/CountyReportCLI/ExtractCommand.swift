import ArgumentParser
import CountyData
import CountyReportKit
import Extraction
import Foundation

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract:
            "Find the figures in Chinese articles and bulletins, each with its indicator, period, region and sentence.",
        discussion: "Offsets (start, end) count Unicode characters of the original file, as Python's str does.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Option(help: "csv or json.") var format: Format = .json
    @Option(help: "The year 今年 means (default: the latest year the text names).") var year: Int?
    @Option(help: "The region 该县/全县 mean (default: the region the text names most often).") var region: String?
    @Option(help: "Force the input encoding (utf-8, gb18030/gbk).") var encoding: String?
    @Option(help: "A YAML mapping (indicator phrases → indicator id and unit): output the long data format instead.")
    var mapping: String?
    @Argument(help: "Text files.") var files: [String]

    func run() throws {
        let enc = try encoding.map { e -> TextEncoding in
            guard let t = TextEncoding(name: e) else { throw ValidationError("unknown encoding “\(e)”") }
            return t
        }
        var format: ExtractionOutput.Format = self.format == .csv ? .csv : .json
        if let path = mapping {
            do { format = .mapped(try Mapping.load(path: path)) } catch let e as DataError {
                FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
                throw InputFile.isMissing(path) ? ExitStatus.noInput : ExitStatus.dataError
            }
        }
        // Every input is checked before anything is written; the mapped form lists files in name order.
        try requireFiles(files)
        let order = mapping == nil ? files : Array(Set(files)).sorted()
        let out = ExtractionOutput(format: format)
        do {
            try out.begin()
            for file in order {
                Trace.mark("start \(file)")
                do {
                    try Extractor.forEachFigure(
                        file: file, encoding: enc, options: ExtractionOptions(year: year, region: region)
                    ) { try out.write($0, file: file) }
                } catch let e as DataError {
                    FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
                    throw InputFile.isMissing(file) ? ExitStatus.noInput : ExitStatus.dataError
                }
                Trace.mark("extracted \(file)")
            }
            try out.finish()
        } catch let e as JobError {
            FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
            throw ExitCode(e.exitCode)
        }
        if out.unmapped > 0, let path = mapping {
            FileHandle.standardError.write(
                Data("countyreport: \(out.unmapped) figures matched no indicator of \(path) and were left out\n".utf8))
        }
    }
}
