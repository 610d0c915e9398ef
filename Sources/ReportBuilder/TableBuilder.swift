import CountyData
import Foundation
import PageLayout
import Specs

extension ReportBuilder {
    /// A column's heading; the value column is headed by the rows' period when they share one
    /// (2022年), else 数值 (a table of several periods has a 时期 column).
    static func columnHeading(_ column: String, def: ReportDefinition, periods: Set<String>) -> String {
        switch column {
        case "value": periods.count == 1 ? periods.first! : "数值"   // count == 1: there is a first
        case "unit": "单位"
        case "yoy": "比上年增长（%）"
        case "pp_change": "比上年增减（百分点）"
        case "share": "占全\(def.scope)比重（%）"
        case "rank": "全\(def.scope)位次"
        default: "时期"
        }
    }

    /// A table of figures by rows (indicators) and columns (value, unit, growth …); a cell the data
    /// lacks prints “—” and is listed in 数据说明.
    func table(
        caption: String, columns: [String], rows: [ReportDefinition.RowSpec], unit: String?, notes: [String],
        block: ReportDefinition.BlockSpec, state s: inout BuildState
    ) throws -> TableBlock {
        var out: [TableBlock.Row] = []
        var periods = Set<String>()
        for row in rows {
            if let figure = row.figure, case .text(let p, _) = try s.narrative.lookup(figure + ".period") {
                periods.insert(p)
            }
            var cells = [row.label]
            for column in columns {
                guard let figure = row.figure else { cells.append(""); continue }
                let key: String
                switch column {
                case "value": key = "number"
                case "unit": key = "unit"
                case "period": key = "period"
                case "rank": key = "rank.value"
                default: key = column + ".value"
                }
                switch try s.narrative.lookup(figure + "." + key) {
                case .text(let t, let origin):
                    let cell =
                        column == "value" || column == "unit" || column == "period" || column == "rank"
                        ? t : Self.bareNumber(t)
                    cells.append(cell)
                    if let origin, column != "unit", column != "period" {
                        s.explanations.append(Explanation(block: block.id, text: cell, origin: origin))
                    }
                case .absent:
                    cells.append("—")   // the figure itself is listed once in 数据说明
                }
            }
            out.append(TableBlock.Row(cells, indent: row.indent))
        }
        let header = ["指标"] + columns.map { Self.columnHeading($0, def: definition, periods: periods) }
        let alignments: [TableBlock.Alignment] =
            [.leading] + columns.map { $0 == "unit" || $0 == "period" ? .center : .trailing }
        let widths = [2.6] + columns.map { $0 == "unit" ? 0.8 : 1.2 }
        return TableBlock(
            number: "表\(s.tableCount)", title: caption, unitNote: unit.map { "单位：" + $0 }, header: header,
            alignments: alignments, widths: widths, rows: out, notes: notes,
            units: [nil] + columns.map { $0 == "value" ? unit : nil })
    }

    /// “6.9%” → “6.9”, “1.2个百分点” → “1.2”: the column heading carries the unit.
    static func bareNumber(_ t: String) -> String {
        var s = t
        for suffix in ["个百分点", "%"] where s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        return s
    }
}
