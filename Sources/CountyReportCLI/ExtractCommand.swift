import ArgumentParser
import CountyData
import Extraction
import Foundation

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find the figures in Chinese articles and bulletins, each with its indicator, period, region and sentence.",
        discussion: "Offsets (start, end) count Unicode characters of the original file, as Python's str does.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Option(help: "csv or json.") var format: Format = .json
    @Option(help: "The year 今年 means (default: the latest year the text names).") var year: Int?
    @Option(help: "The region 该县/全县 mean (default: the region the text names most often).") var region: String?
    @Option(help: "Force the input encoding (utf-8, gb18030/gbk).") var encoding: String?
    @Option(help: "A YAML mapping (indicator phrases → indicator id and unit): output the long data format instead.") var mapping: String?
    @Argument(help: "Text files.") var files: [String]

    func run() throws {
        var rows: [(String, ExtractedFigure)] = []
        for file in files {
            let text: String
            do {
                let enc = try encoding.map { e -> TextEncoding in
                    guard let t = TextEncoding(name: e) else { throw ValidationError("unknown encoding “\(e)”") }
                    return t
                }
                text = String(decoding: try TextFile.readUTF8(path: file, encoding: enc), as: UTF8.self)
            } catch let e as DataError {
                FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
                throw FileManager.default.fileExists(atPath: file) ? ExitStatus.dataError : ExitStatus.noInput
            }
            Trace.mark("read \(file)")
            for f in Extractor.extract(text, options: ExtractionOptions(year: year, region: region)) { rows.append((file, f)) }
            Trace.mark("extracted \(rows.count) figures")
        }
        if let path = mapping {
            let map: Mapping
            do { map = try Mapping.load(path: path) } catch let e as DataError {
                FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8))
                throw ExitStatus.dataError
            }
            print(Mapping.header.joined(separator: ","))
            var skipped = 0
            for file in Set(rows.map(\.0)).sorted() {
                let (out, unmapped) = map.rows(rows.filter { $0.0 == file }.map(\.1), file: file)
                for r in out { print(r.map(ExtractedCSV.field).joined(separator: ",")) }
                skipped += unmapped.count
            }
            if skipped > 0 {
                FileHandle.standardError.write(Data("countyreport: \(skipped) figures matched no indicator of \(path) and were left out\n".utf8))
            }
            return
        }
        switch format {
        case .json:
            print(JSONOutput.array(rows.map { json($0.0, $0.1) }).rendered(pretty: true))
        case .csv:
            print(ExtractedCSV.header)
            for (file, f) in rows { print(ExtractedCSV.row(f, file: file)) }
        }
    }

    private func json(_ file: String, _ f: ExtractedFigure) -> JSONOutput {
        .object([
            ("value", .decimal(f.value)), ("unit", .string(f.unit ?? "")), ("unit_as_written", .text(f.unitAsWritten)),
            ("kind", .string(f.kind.rawValue)), ("scope", .text(f.scope)),
            ("hedge", .text(f.hedge)), ("low", .decimal(f.low)), ("high", .decimal(f.high)),
            ("base_value", .decimal(f.baseValue)), ("base_low", .decimal(f.baseLow)), ("base_high", .decimal(f.baseHigh)),
            ("base_unit", .text(f.baseUnit)),
            ("parts", f.parts.map { .array($0.map { .decimal($0) }) } ?? .null), ("text", .string(f.text)),
            ("indicator", .string(f.indicator)), ("period", .text(f.period?.code)), ("region", .text(f.region)),
            ("sentence", .string(f.sentence)), ("start", .int(f.start)), ("end", .int(f.end)),
            ("figure_start", .int(f.figureStart)), ("figure_end", .int(f.figureEnd)), ("file", .string(file)),
        ])
    }
}

/// The CSV form of extracted figures: reviewable, editable by hand, and loadable back as data.
enum ExtractedCSV {
    static let header = "region,indicator,period,value,unit,hedge,low,high,text,sentence,source,start,end,kind,scope,base_value,base_unit"

    static func field(_ s: String) -> String {
        CSVOutput.field(s)
    }

    static func row(_ f: ExtractedFigure, file: String) -> String {
        [f.region ?? "", f.indicator, f.period?.code ?? "", f.value.map(JSONOutput.exactString) ?? "", f.unit ?? "", f.hedge ?? "",
         f.low.map(JSONOutput.exactString) ?? "", f.high.map(JSONOutput.exactString) ?? "", f.text, f.sentence, file,
         String(f.start), String(f.end), f.kind.rawValue, f.scope ?? "", f.baseValue.map(JSONOutput.exactString) ?? "",
         f.baseUnit ?? ""].map(field).joined(separator: ",")
    }
}
