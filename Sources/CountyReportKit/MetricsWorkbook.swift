import CountyData
import CountyMetrics
import Formatting
import Foundation
import Workbooks

/// `metrics --format xlsx`: the metrics as one sheet of a workbook, each figure a number whose cell
/// format is the display rounding, structures as text, the inputs' sources in the last row.
public enum MetricsWorkbook {
    /// Writes the workbook whole or not at all (exit 73 when it cannot be written).
    public static func write(_ metrics: [Metric], to path: String) throws(JobError) {
        do { try XLSXWriter.write([sheet(metrics)], to: path) } catch { throw .output(error.description) }
    }

    /// The metrics as one sheet: a number rounded as `Display` rounds it (the cell's format), structures as text.
    public static func sheet(_ metrics: [Metric]) -> SheetTable {
        var sources: [String] = [], seen = Set<String>()
        let rows: [[SheetTable.Cell]] = metrics.map { m in
            for o in m.inputs {
                let s =
                    o.provenance.source.isEmpty
                    ? (o.provenance.file as NSString).lastPathComponent : o.provenance.source
                if seen.insert(s).inserted { sources.append(s) }
            }
            let value: SheetTable.Cell =
                if m.parts != nil { .text(Display.text(m)) } else if let v = m.value {
                    .number(v, decimals: Decimals.shown(unit: m.unit, values: CollectionOfOne<Decimal?>(v)))
                } else { .empty }
            return [
                .text(m.region), .text(m.indicator), .text(PeriodText.label(m.period)), .text(m.kind.rawValue), value,
                .text(m.unit),
                .text(m.stated ? "stated" : m.isAbsent ? "absent" : "computed"), .text(m.reason ?? ""),
            ]
        }
        return SheetTable(
            name: "metrics", headings: ["地区", "指标", "时期", "指标类型", "数值", "单位", "来源", "说明"], rows: rows, sources: sources)
    }
}
