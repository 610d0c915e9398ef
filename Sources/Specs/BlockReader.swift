import CountyData
import Foundation

extension ReportDefinition {
    static let blockTypes = [
        "cover", "toc", "heading", "paragraph", "tiles", "chart", "table", "note", "sources", "data-notes",
        "page-break",
    ]

    static func readBlock(_ node: SpecNode, _ reader: PathReader) throws -> BlockSpec {
        let m0 = try node.mapping(known: [
            "id", "type", "title", "depth", "level", "text", "optional", "tiles", "caption", "source",
            "height", "chart", "file", "columns", "rows", "unit", "notes", "orientation",
        ])
        guard let id = try m0["id"].string() else { throw node.error("every block needs an id") }
        guard let typeNode = m0["type"] else { throw node.error("block “\(id)” needs a type") }
        let type = try typeNode.choice(Dictionary(uniqueKeysWithValues: blockTypes.map { ($0, $0) }))
        let allowed: [String: [String]] = [
            "cover": [], "toc": ["title", "depth"], "heading": ["level", "text"], "paragraph": ["text", "optional"],
            "tiles": ["tiles"], "chart": ["caption", "source", "height", "chart", "file"],
            "table": ["caption", "columns", "rows", "unit", "notes"], "note": ["text", "optional"], "sources": [],
            "data-notes": [],
            "page-break": ["orientation"],
        ]
        let m = try node.mapping(known: ["id", "type"] + (allowed[type] ?? []))
        func text(_ key: String) throws -> String {
            guard let t = try m[key].string() else { throw node.error("block “\(id)” (\(type)) needs “\(key)”") }
            return t
        }
        let kind: BlockKind
        switch type {
        case "cover": kind = .cover
        case "toc": kind = .toc(title: try m["title"].string() ?? "目录", depth: try m["depth"]?.int() ?? 2)
        case "heading":
            let level = try m["level"]?.int() ?? 1
            guard (1...3).contains(level) else { throw m["level"]!.error("a heading level is 1, 2 or 3") }   // the level was read from this key
            kind = .heading(level: level, text: try text("text"))
        case "paragraph": kind = .paragraph(template: try text("text"), optional: try m["optional"]?.bool() ?? false)
        case "note": kind = .note(template: try text("text"), optional: try m["optional"]?.bool() ?? false)
        case "tiles":
            guard let list = m["tiles"] else { throw node.error("block “\(id)” needs tiles") }
            kind = .tiles(
                try list.list().map { t in
                    let tm = try t.mapping(known: ["figure", "label", "change"])
                    guard let figure = try tm["figure"].string(), let label = try tm["label"].string() else {
                        throw t.error("a tile needs a figure and a label")
                    }
                    return TileSpec(
                        figure: figure, label: label,
                        change: try tm["change"]?.choice(["yoy": "yoy", "pp_change": "pp_change", "none": "none"])
                            ?? "yoy")
                })
        case "chart":
            let spec: ChartSpec
            if let inline = m["chart"] {
                spec = try ChartSpec.read(inline, folder: reader.folder, within: reader.root)
            } else if let file = m["file"] {
                spec = try ChartSpec.load(path: try reader.path(file), within: .folder(reader.root))
            } else {
                throw node.error("block “\(id)” needs a chart (inline) or a file")
            }
            kind = .chart(
                spec, caption: try text("caption"), source: try m["source"].string(), height: try m["height"]?.double())
        case "table":
            let columns =
                try m["columns"]?.list().map {
                    try $0.choice(Dictionary(uniqueKeysWithValues: Self.columns.map { ($0, $0) }))
                }
                ?? ["value", "unit", "yoy"]
            guard let rows = m["rows"] else { throw node.error("block “\(id)” needs rows") }
            kind = .table(
                caption: try text("caption"), columns: columns,
                rows: try rows.list().map { r in
                    let rm = try r.mapping(known: ["figure", "label", "indent"])
                    guard let label = try rm["label"].string() else { throw r.error("a row needs a label") }
                    return RowSpec(
                        figure: try rm["figure"].string(), label: label, indent: try rm["indent"]?.int() ?? 0)
                }, unit: try m["unit"].string(), notes: try m["notes"]?.strings() ?? [])
        case "sources": kind = .sources
        case "data-notes": kind = .dataNotes
        default:
            kind = .pageBreak(
                orientation: try m["orientation"]?.choice(["portrait": "portrait", "landscape": "landscape"]))
        }
        return BlockSpec(id: id, kind: kind, location: node.location)
    }
}
