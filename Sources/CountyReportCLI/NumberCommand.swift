import ArgumentParser
import CountyData
import Foundation

/// Output formats of the data commands.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

struct NumberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "number",
        abstract: "Show how texts read as figures (value in the base unit, unit, hedge, range).",
        discussion:
            "Example: countyreport number 18.65亿元 3000余人 '18%至25%' 2023年 -3.5万 (a text that starts with - is read, not taken as an option; -- still ends the options)"
    )

    @Option(help: "text or json.") var format: ReportFormat = .text
    @Argument(parsing: .allUnrecognized, help: "Texts to read.") var texts: [String]

    func run() throws {
        var json: [JSONOutput] = []
        var failed = false
        // Texts are taken as written, so -3.5万 is read; the first -- still only ends the options, and
        // a word that is an option's shape (--bogus) before it is a usage error.
        let terminator = texts.firstIndex(of: "--")
        if let unknown = texts[..<(terminator ?? texts.endIndex)].first(where: { $0.hasPrefix("--") }) {
            throw ValidationError("unknown option “\(unknown)”")
        }
        for text in terminator.map({ Array(texts[..<$0] + texts[($0 + 1)...]) }) ?? texts {
            do {
                let r = try NumberReader.read(text)
                json.append(
                    .object([
                        ("text", .string(text)), ("value", .decimal(r.value)), ("unit", .text(r.baseUnit)),
                        ("unit_as_written", .text(r.unitAsWritten)), ("hedge", .text(r.hedge?.word)),
                        ("low", .decimal(r.low)), ("high", .decimal(r.high)),
                        ("parts", r.parts.map { .array($0.map { .decimal($0) }) } ?? .null),
                    ]))
                if format == .text { print(describe(text, r)) }
            } catch let e as NumberReadError {
                failed = true
                json.append(.object([("text", .string(text)), ("error", .string(e.message))]))
                if format == .text { print("\(text)\tnot a figure: \(e.message)") }
            }
        }
        if format == .json { print(JSONOutput.array(json).rendered(pretty: true)) }
        if failed { throw ExitStatus.dataError }
    }

    private func describe(_ text: String, _ r: NumberReading) -> String {
        var parts: [String] = []
        let unit = r.baseUnit.map { " \($0)" } ?? ""
        if let v = r.value { parts.append("value \(JSONOutput.exactString(v))\(unit)") }
        if let lo = r.low, let hi = r.high {
            parts.append("range \(JSONOutput.exactString(lo))…\(JSONOutput.exactString(hi))\(unit)")
        }
        if let p = r.parts { parts.append("ratio " + p.map(JSONOutput.exactString).joined(separator: " : ")) }
        if let w = r.unitAsWritten, w != r.baseUnit { parts.append("written \(w)") }
        if let h = r.hedge { parts.append("hedge \(h.word) (\(h.meaning.rawValue))") }
        return "\(text)\t" + parts.joined(separator: ", ")
    }
}
