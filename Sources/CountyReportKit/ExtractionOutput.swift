import CountyData
import Extraction
import Foundation

/// Writes extracted figures as they are found — CSV, a JSON array written object by object, or
/// through a mapping the long data format — to a file descriptor through a 1 MB buffer: memory holds
/// one figure at a time, never the whole document. Each row quotes a bounded excerpt of its sentence
/// (`ExtractedFigure.excerpt`) beside the whole sentence's offsets, so a long sentence with many
/// figures gives output proportional to the figures, not to figures × sentence length.
public final class ExtractionOutput {
    public enum Format: Sendable {
        case csv, json
        /// The long data format, one row per figure a rule of the mapping takes.
        case mapped(Mapping)
    }

    public static let csvHeader =
        "region,indicator,period,value,unit,hedge,low,high,text,sentence,source,start,end,kind,scope,base_value,base_unit"

    private let format: Format
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var rows = 0
    /// Figures no rule of the mapping took.
    public private(set) var unmapped = 0

    public init(format: Format, fd: Int32 = STDOUT_FILENO) {
        self.format = format
        self.fd = fd
        buffer.reserveCapacity(1 << 20)
    }

    /// Writes the header (CSV) or the opening bracket (JSON).
    public func begin() throws {
        switch format {
        case .csv: append(Self.csvHeader + "\n")
        case .json: append("[")
        case .mapped: append(Mapping.header.joined(separator: ",") + "\n")
        }
    }

    /// Writes one figure of `file`.
    public func write(_ f: ExtractedFigure, file: String) throws {
        switch format {
        case .csv:
            // Field by field into the buffer: no row string, no joined copy.
            for (k, field) in Self.csvFields(f, file: file).enumerated() {
                if k > 0 { buffer.append(0x2C) }
                buffer.append(contentsOf: CSVOutput.field(field).utf8)
            }
            buffer.append(0x0A)
        case .json:
            append((rows == 0 ? "\n  " : ",\n  ") + Self.json(f, file: file).rendered(pretty: true, indent: "  "))
        case .mapped(let mapping):
            let (out, left) = mapping.rows([f], file: file)
            unmapped += left.count
            for r in out { append(r.map(CSVOutput.field).joined(separator: ",") + "\n") }
        }
        rows += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Closes the JSON array and writes what is buffered.
    public func finish() throws {
        if case .json = format { append(rows == 0 ? "]\n" : "\n]\n") }
        try flush()
    }

    private func append(_ s: String) { buffer.append(contentsOf: s.utf8) }

    private func flush() throws {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JobError.output("cannot write the output: \(String(cString: strerror(errno)))")
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The CSV row's fields, unquoted, in the order of `csvHeader`.
    static func csvFields(_ f: ExtractedFigure, file: String) -> [String] {
        [
            f.region ?? "", f.indicator, f.period?.code ?? "", value(f), f.unit ?? "",
            f.hedge ?? "",
            f.low.map(JSONOutput.exactString) ?? "", f.high.map(JSONOutput.exactString) ?? "", f.text, f.excerpt, file,
            String(f.start), String(f.end), f.kind.rawValue, f.scope ?? "",
            f.baseValue.map(JSONOutput.exactString) ?? "",
            f.baseUnit ?? "",
        ]
    }

    /// The value column: the value, or a fraction as written in digits (1/3), exact.
    static func value(_ f: ExtractedFigure) -> String {
        if let q = f.fraction, q.count == 2 { return JSONOutput.exactString(q[0]) + "/" + JSONOutput.exactString(q[1]) }
        return f.value.map(JSONOutput.exactString) ?? ""
    }

    static func json(_ f: ExtractedFigure, file: String) -> JSONOutput {
        .object([
            ("value", .decimal(f.value)), ("unit", .string(f.unit ?? "")), ("unit_as_written", .text(f.unitAsWritten)),
            ("kind", .string(f.kind.rawValue)), ("scope", .text(f.scope)),
            ("hedge", .text(f.hedge)), ("low", .decimal(f.low)), ("high", .decimal(f.high)),
            ("base_value", .decimal(f.baseValue)), ("base_low", .decimal(f.baseLow)),
            ("base_high", .decimal(f.baseHigh)),
            ("base_unit", .text(f.baseUnit)),
            ("parts", f.parts.map { .array($0.map { .decimal($0) }) } ?? .null),
            ("fraction", f.fraction.map { .array($0.map { .decimal($0) }) } ?? .null), ("text", .string(f.text)),
            ("indicator", .string(f.indicator)), ("period", .text(f.period?.code)), ("region", .text(f.region)),
            ("sentence", .string(f.excerpt)), ("start", .int(f.start)), ("end", .int(f.end)),
            ("figure_start", .int(f.figureStart)), ("figure_end", .int(f.figureEnd)), ("file", .string(file)),
        ])
    }
}
