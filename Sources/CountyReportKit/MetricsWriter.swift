import CountyData
import CountyMetrics
import Formatting
import Foundation

/// How metrics are written: a tab-separated table for people, CSV, or JSON (every input with its file
/// and line).
public enum MetricsFormat: String, CaseIterable, Sendable {
    case table, csv, json
}

/// Writes metrics as a table, CSV or JSON. Values keep full precision in CSV and JSON; `display` and
/// the table are rounded for reading (`Display`, 四舍五入).
public struct MetricsWriter: Sendable {
    public var format: MetricsFormat

    public init(format: MetricsFormat) { self.format = format }

    /// The whole text (for a few metrics; `write` for millions).
    public func text(_ metrics: [Metric]) -> String {
        var out = ""
        write(metrics) { out += String(decoding: $0, as: UTF8.self) }
        return out
    }

    /// Writes the text in chunks of about 1 MiB as it is made: millions of metrics never sit in memory
    /// as one text.
    public func write(_ metrics: [Metric], to sink: (Data) -> Void) {
        var buffer = ""
        func emit(_ s: String) {
            buffer += s
            if buffer.utf8.count > 1 << 20 { sink(Data(buffer.utf8)); buffer = "" }
        }
        switch format {
        case .table:
            for m in metrics { emit(Self.tableRow(m) + "\n") }
        case .csv:
            emit(Self.csvHeader + "\n")
            for m in metrics { emit(Self.csvRow(m) + "\n") }
        case .json:
            emit("[")
            for (n, m) in metrics.enumerated() {
                emit((n == 0 ? "\n  " : ",\n  ") + Self.json(m).rendered(pretty: false))
            }
            emit(metrics.isEmpty ? "]\n" : "\n]\n")
        }
        if !buffer.isEmpty { sink(Data(buffer.utf8)) }
    }

    public static let csvHeader = "region,indicator,period,metric,value,display,unit,stated,reason,inputs"

    /// region, indicator, period, metric, exact value (structures as `a:b:c`), display, unit, stated,
    /// reason, the inputs' `file:line` separated by `;`.
    public static func csvRow(_ m: Metric) -> String {
        let value =
            m.parts.map { $0.map(JSONOutput.exactString).joined(separator: ":") } ?? m.value.map(JSONOutput.exactString)
            ?? ""
        return [
            m.region, m.indicator, m.period.code, m.kind.rawValue, value, Display.text(m), m.unit,
            m.stated ? "true" : "false",
            m.reason ?? "", m.inputs.locations.map { "\($0)" }.joined(separator: ";"),
        ].map(CSVOutput.field).joined(separator: ",")
    }

    /// region, indicator, period as worded (2023年), metric, the figure with its unit, stated/computed/absent,
    /// reason; tab-separated.
    public static func tableRow(_ m: Metric) -> String {
        let source = m.stated ? "stated" : m.isAbsent ? "absent" : "computed"
        let shown = m.isAbsent ? Display.text(m) : Typography.figure(Display.text(m), unit: m.unit)
        return [m.region, m.indicator, PeriodText.label(m.period), m.kind.rawValue, shown, source, m.reason ?? ""]
            .joined(separator: "\t")
    }

    /// One metric as a JSON object, with every input observation.
    public static func json(_ m: Metric) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [
            ("region", .string(m.region)), ("indicator", .string(m.indicator)), ("period", .string(m.period.code)),
            ("metric", .string(m.kind.rawValue)), ("value", .decimal(m.value)),
        ]
        if let parts = m.parts { fields.append(("parts", .array(parts.map { .decimal($0) }))) }
        fields += [
            ("display", .string(Display.text(m))), ("unit", .string(m.unit)), ("stated", .bool(m.stated)),
            (
                "inputs",
                .array(
                    m.inputs.map { o in
                        .object([
                            ("file", .string(o.provenance.file)), ("line", .int(o.provenance.location.line)),
                            ("key", .text(o.provenance.key)), ("region", .string(o.region.name)),
                            ("indicator", .string(o.indicator)),
                            ("period", .string(o.period.code)), ("value", .decimal(o.value)),
                            ("parts", o.parts.map { .array($0.map { .decimal($0) }) } ?? .null),
                            ("unit", .text(o.unit?.symbol)),
                        ])
                    })
            ),
        ]
        if let r = m.reason { fields.append(("reason", .string(r))) }
        if let c = m.count { fields.append(("count", .int(c))) }
        if let b = m.basePeriod { fields.append(("base_period", .string(b.code))) }
        return .object(fields)
    }
}
