import CountyData
import Foundation
import Parallelism

/// A report definition (`Reports/<name>/report.yaml`): metadata, inputs, how conflicting inputs
/// are resolved, named figures and the ordered blocks. See `Reports/REPORT-FORMAT.md`.
public struct ReportDefinition: Sendable {
    public enum Input: Sendable, Equatable {
        case file(String)
        /// A Chinese text whose figures become observations through a mapping.
        case text(String, mapping: String)
    }

    public enum ConflictSpec: Sendable, Equatable {
        case preferFile(String)
        case preferNote(String, over: String)
        case choose(region: String, indicator: String, period: Period, file: String, line: Int, why: String?)
    }

    public struct FigureSpec: Sendable {
        public var name: String
        public var indicator: String
        public var region: String?
        public var period: Period?
        /// The unit to print the level in (converted exactly); nil: as stated, 万元 from 1亿 on as 亿元.
        public var unit: String?
        public var location: SourceLocation
    }

    public struct TileSpec: Sendable {
        public var figure: String
        public var label: String
        public var change: String
    }

    public struct RowSpec: Sendable {
        public var figure: String?
        public var label: String
        public var indent: Int
    }

    public enum BlockKind: Sendable {
        case cover
        case toc(title: String, depth: Int)
        case heading(level: Int, text: String)
        case paragraph(template: String, optional: Bool)
        case tiles([TileSpec])
        case chart(ChartSpec, caption: String, source: String?, height: Double?)
        case table(caption: String, columns: [String], rows: [RowSpec], unit: String?, notes: [String])
        case note(template: String, optional: Bool)
        case sources
        case dataNotes
        /// A new page; `landscape` or `portrait` turns it and the pages after it.
        case pageBreak(orientation: String?)
    }

    public struct BlockSpec: Sendable {
        public var id: String
        public var kind: BlockKind
        public var location: SourceLocation
    }

    public var file: String
    public var folder: String
    public var title: String
    public var subtitle: String?
    public var region: String
    public var year: Period
    public var author: String
    public var organisation: String?
    public var date: String?
    public var keywords: [String]
    public var scope: String
    public var theme: String
    public var inputs: [Input]
    public var conflicts: [ConflictSpec]
    public var figures: [FigureSpec]
    public var blocks: [BlockSpec]

    static let keys = [
        "title", "subtitle", "region", "year", "author", "organisation", "date", "keywords", "scope", "theme",
        "data", "conflicts", "figures", "blocks",
    ]
    public static let columns = ["value", "unit", "yoy", "pp_change", "share", "rank", "period"]

    public static func load(path: String) throws -> ReportDefinition {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardized.path
        return try read(try SpecNode.load(path: path), folder: folder)
    }

    public static func read(_ root: SpecNode, folder: String) throws -> ReportDefinition {
        let m = try root.mapping(known: keys)
        func required(_ key: String) throws -> SpecNode {
            guard let n = m[key] else { throw root.missing(key, "a report definition needs “\(key)”") }
            return n
        }
        let reader = PathReader(folder: folder)
        var def = ReportDefinition(
            file: root.file, folder: folder, title: try required("title").string(),
            subtitle: try m["subtitle"].string(),
            region: try required("region").string(), year: try required("year").period(),
            author: try m["author"].string() ?? "",
            organisation: try m["organisation"].string(), date: try m["date"].string(),
            keywords: try m["keywords"]?.strings() ?? [],
            scope: try m["scope"].string() ?? "市", theme: try m["theme"]?.choice(["print": "print"]) ?? "print",
            inputs: [], conflicts: [], figures: [], blocks: [])
        def.inputs = try required("data").list().map { try readInput($0, reader) }
        def.conflicts = try m["conflicts"]?.list().map { try readConflict($0, reader) } ?? []
        if let f = m["figures"] {
            guard f.isMapping else {
                throw f.error("figures: expected a mapping of names to {indicator, region, period}")
            }
            def.figures = try f.entries().map { name, node in
                let fm = try node.mapping(known: ["indicator", "region", "period", "unit"])
                if let u = try fm["unit"].string(), Unit(u) == nil {
                    throw fm["unit"]!.error("“\(u)” is not a unit CountyReport knows")
                }   // the key was just read
                guard let indicator = try fm["indicator"].string() else {
                    throw node.error("a figure needs an indicator")
                }
                return FigureSpec(
                    name: name, indicator: indicator, region: try fm["region"].string(),
                    period: try fm["period"]?.period(),
                    unit: try fm["unit"].string(), location: node.location)
            }
        }
        // Blocks read on every core (a long report has hundreds); the first error in the blocks' order is thrown.
        def.blocks = try Parallel.map(try required("blocks").list()) { try readBlock($0, reader) }
        var seen = Set<String>()
        for b in def.blocks where !seen.insert(b.id).inserted {
            throw DataError(b.location, "the block id “\(b.id)” is used twice")
        }
        return def
    }

    static func readInput(_ node: SpecNode, _ reader: PathReader) throws -> Input {
        let m = try node.mapping(known: ["file", "text", "mapping"])
        if let file = m["file"] { return .file(try reader.path(file)) }
        guard let text = m["text"], let mapping = m["mapping"] else {
            throw node.error("an input is {file: …} or {text: …, mapping: …}")
        }
        return .text(try reader.path(text), mapping: try reader.path(mapping))
    }

    static func readConflict(_ node: SpecNode, _ reader: PathReader) throws -> ConflictSpec {
        let m = try node.mapping(known: [
            "prefer_file", "prefer_note", "over_note", "region", "indicator", "period", "use", "why",
        ])
        if let f = m["prefer_file"] { return .preferFile(try reader.path(f)) }
        if let word = m["prefer_note"] {
            guard let other = m["over_note"] else {
                throw node.error("prefer_note needs over_note (the note word it wins over)")
            }
            return .preferNote(try word.string(), over: try other.string())
        }
        guard let region = m["region"], let indicator = m["indicator"], let period = m["period"], let use = m["use"]
        else {
            throw node.error("a conflict rule is prefer_file, prefer_note/over_note, or region/indicator/period/use")
        }
        let text = try use.string()
        guard let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]) else {
            throw use.error("use: expected FILE:LINE, not “\(text)”")
        }
        let file = try reader.path(String(text[..<colon]), at: use)
        return .choose(
            region: try region.string(), indicator: try indicator.string(), period: try period.period(), file: file,
            line: line,
            why: try m["why"].string())
    }
}

/// Resolves paths of a definition against its folder, keeping them inside the folder's parent.
struct PathReader {
    let folder: String
    var root: String { (folder as NSString).deletingLastPathComponent }

    func path(_ node: SpecNode) throws -> String { try path(try node.string(), at: node) }

    func path(_ text: String, at node: SpecNode) throws -> String {
        let resolved = ChartSpec.resolve(text, against: folder)
        guard ChartSpec.lies(resolved, inside: root) else {
            throw node.error("“\(text)” leads outside \(root); a definition reads only files beside it")
        }
        return resolved
    }
}
