import CountyData
import Foundation

/// A chart described in YAML: its type, texts, and the data it shows — selected from a dataset
/// by indicator, region, period (and metric: a growth rate, a rank), or given inline. Typed and
/// checked: every key is known, every value of its type. See `Reports/examples/charts/`.
public struct ChartSpec: Sendable {
    public enum Categories: Sendable, Equatable {
        /// Periods on the axis: every year from the first to the last, gaps kept visible.
        case periods([Period])
        case regions([String])
        case labels([String])
    }

    public struct Series: Sendable {
        public var indicator: String?
        /// A computed metric of the indicator (yoy, pp_change, rank, share, …) instead of its level.
        public var metric: String?
        public var name: String
        public var unit: String?
        public var mark: String?
        public var axis: String?
        public var decimals: Int?
        /// For a structure (19.4:36.3:44.3): which part, from 0.
        public var part: Int?
        public var region: String?
        public var period: Period?
        public var values: [Decimal?]?
        public var location: SourceLocation
    }

    public var file: String
    public var type: String
    public var title: String
    public var subtitle: String?
    public var source: String?
    /// The data file, resolved against the spec's folder.
    public var data: String?
    public var categories: Categories
    public var region: String?
    public var period: Period?
    public var series: [Series]
    public var breaks: [String]
    public var valueLabels: Bool
    public var location: SourceLocation

    static let types = ["bar", "hbar", "stacked", "stacked100", "line", "combo"]
    static let keys = [
        "type", "title", "subtitle", "source", "data", "categories", "region", "regions", "period", "periods",
        "series", "breaks", "value_labels",
    ]
    static let seriesKeys = [
        "indicator", "metric", "name", "unit", "mark", "axis", "decimals", "part", "region", "period", "values",
    ]

    /// The spec in the file at `path`. Its `data:` must lie inside the spec's project (`project(of:)`)
    /// unless `within` names another folder or allows any file.
    public static func load(path: String, within root: Within = .project) throws -> ChartSpec {
        let folder = (path as NSString).deletingLastPathComponent
        return try read(try SpecNode.load(path: path), folder: folder, within: root.folder(forSpecIn: folder))
    }

    /// Where a spec's `data:` may lead.
    public enum Within: Sendable {
        /// The spec's project (`project(of:)`).
        case project
        /// This folder (a report definition's inline and file charts: the definition's own bounds).
        case folder(String)
        /// Anywhere (`chart --allow-outside-data`).
        case anywhere

        func folder(forSpecIn specFolder: String) -> String? {
            switch self {
            case .project: ChartSpec.project(of: specFolder)
            case .folder(let f): f
            case .anywhere: nil
            }
        }
    }

    /// The project of a spec in `folder`: the nearest folder at or above it that holds `.git` or a
    /// `.countyreport` file, else the folder's parent (a report definition's bound). A spec's data may
    /// come from anywhere inside it, and from nowhere outside (`data: ../../../etc/passwd` is refused).
    public static func project(of folder: String) -> String {
        let start = resolve(".", against: folder)
        var dir = start
        while true {
            for marker in [".git", ".countyreport"] where FileManager.default.fileExists(atPath: dir + "/" + marker) {
                return dir
            }
            if dir == "/" { break }
            dir = resolve("..", against: dir)
        }
        return resolve("..", against: start)
    }

    /// Reads a chart spec from `node`; relative paths are resolved against `folder`, and `data:` must
    /// lead inside `root` when one is given.
    public static func read(_ node: SpecNode, folder: String, within root: String? = nil) throws -> ChartSpec {
        let m = try node.mapping(known: keys)
        let dataText = try m["data"].string()
        let data = dataText.map { resolve($0, against: folder) }
        if let dataText, let data, let root, !lies(data, inside: root) {
            throw m["data"]!.error(   // dataText was just read from this key
                "“\(dataText)” leads outside the spec's project \(root) (the nearest folder above the spec holding "
                    + ".git or .countyreport, else the spec folder's parent); chart --allow-outside-data reads it")
        }
        let type =
            try m["type"].map { try $0.choice(Dictionary(uniqueKeysWithValues: types.map { ($0, $0) })) } ?? "bar"
        guard let title = try m["title"].string() else { throw node.missing("title", "a chart needs a title") }
        let periods = try m["periods"]?.list().map { try $0.period() } ?? []
        let categories: Categories
        switch m["categories"] {
        case let c? where c.isList: categories = .labels(try c.strings())
        case let c?:
            let by = try c.choice(["periods": "periods", "regions": "regions"])
            categories = by == "regions" ? .regions(try m["regions"]?.strings() ?? []) : .periods(periods)
        case nil: categories = try m["regions"].map { Categories.regions(try $0.strings()) } ?? .periods(periods)
        }
        guard let list = m["series"], case let items = try list.list(), !items.isEmpty else {
            throw node.missing("series", "a chart needs a list of series")
        }
        return ChartSpec(
            file: node.file, type: type, title: title, subtitle: try m["subtitle"].string(),
            source: try m["source"].string(),
            data: data, categories: categories,
            region: try m["region"].string(), period: try m["period"]?.period(),
            series: try items.enumerated().map { try readSeries($1, n: $0) }, breaks: try m["breaks"]?.strings() ?? [],
            valueLabels: try m["value_labels"]?.bool() ?? true, location: node.location)
    }

    static func readSeries(_ node: SpecNode, n: Int) throws -> Series {
        let m = try node.mapping(known: seriesKeys)
        let indicator = try m["indicator"].string()
        let values = try m["values"]?.list().map { try $0.decimal() }
        guard indicator != nil || values != nil else { throw node.error("a series needs an indicator or values") }
        if let u = try m["unit"].string(), Unit(u) == nil {
            throw m["unit"]!.error("“\(u)” is not a unit CountyReport knows")
        }   // the key was just read
        let part = try m["part"]?.int()
        if let part, part < 0 { throw m["part"]!.error("a part is counted from 0; \(part) is not one") }   // part was read from this key
        let decimals = try m["decimals"]?.int()
        let range = Limits.standard.decimals
        if let d = decimals, !range.contains(d) {
            throw m["decimals"]!.error("decimals must be between \(range.lowerBound) and \(range.upperBound), not \(d)")
        }
        return Series(
            indicator: indicator, metric: try m["metric"].string(),
            name: try m["name"].string() ?? indicator ?? "系列\(n + 1)",
            unit: try m["unit"].string(), mark: try m["mark"]?.choice(["bar": "bar", "line": "line"]),
            axis: try m["axis"]?.choice(["left": "left", "right": "right"]), decimals: decimals, part: part,
            region: try m["region"].string(), period: try m["period"]?.period(), values: values, location: node.location
        )
    }

    /// `path` against `folder` (itself against the working folder) unless absolute, with `.` and `..`
    /// taken away by their names (links are not followed). Foundation's `URL.standardized` is not used:
    /// on a spec in the working folder (`./` then `../../data/…`) it dropped the `..`s.
    public static func resolve(_ path: String, against folder: String) -> String {
        if path.hasPrefix("/") { return normalized(path) }
        let base = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
        return normalized(base + "/" + path)
    }

    /// Whether the resolved `path` is `root` or lies below it: the one bound of a spec's and a report
    /// definition's paths.
    static func lies(_ path: String, inside root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// An absolute path without empty, `.` and `..` components (`..` at the root stays at the root).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }
}
