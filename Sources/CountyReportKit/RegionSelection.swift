import CountyData
import Foundation

/// A region a report is written for: its code (the administrative division code, when the data
/// gives one), name and parent, as the data names them.
public struct RegionRef: Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var name: String
    public var parent: String

    public init(code: String, name: String, parent: String) {
        self.code = code; self.name = name; self.parent = parent
    }

    /// Its key in the manifest, the shard hash and the name of its output folder: the code, or the
    /// name when the data has no code for it.
    public var key: String { code.isEmpty ? name : code }

    /// The output folder's name: the key with `/` and NUL made harmless.
    public var folderName: String {
        let k = key.map { $0 == "/" || $0 == "\u{0}" ? "_" : $0 }
        let s = String(k)
        return s == "." || s == ".." ? "_" + s : s
    }

    public var description: String { code.isEmpty || code == name ? name : "\(name)（\(code)）" }
}

/// Which regions `--each-region` writes a report for.
///
/// `pattern` is a comma list (`,` `，` or `、`) of items, each
/// - `PARENT/*`: every region whose parent is PARENT (a name or code), e.g. `邵阳市/*`;
/// - `*`: every region of the data;
/// - a region's name or code, e.g. `新邵县` or `430522`.
///
/// Without a pattern: every region whose parent is the definition's region. The result is in the
/// data's order, each region once.
public enum RegionSelection {
    public static func select(_ pattern: String?, definitionRegion: String, data regions: [Region]) throws(JobError)
        -> [RegionRef]
    {
        let all = merged(regions)
        guard let pattern else {
            let children = all.filter { $0.parent == definitionRegion }
            guard !children.isEmpty else {
                let parent = all.first { $0.name == definitionRegion }?.parent ?? ""
                let hint =
                    parent.isEmpty
                    ? "name them with --regions (PARENT/*, or a list)" : "its siblings are --regions '\(parent)/*'"
                throw .usage("--each-region: no region in the data has \(definitionRegion) as its parent; \(hint)")
            }
            return children
        }
        var chosen: [RegionRef] = []
        var seen = Set<String>()
        func add(_ r: RegionRef) { if seen.insert(r.name).inserted { chosen.append(r) } }
        let items = pattern.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw .usage("--regions: expected PARENT/*, * or a list of region names or codes") }
        for item in items {
            if item == "*" {
                all.forEach(add)
            } else if item.hasSuffix("/*") {
                let p = String(item.dropLast(2))
                let parentName = all.first { $0.code == p && !p.isEmpty }?.name ?? p
                let children = all.filter { $0.parent == parentName }
                guard !children.isEmpty else {
                    throw .usage("--regions \(item): no region in the data has \(p) as its parent\(suggestion(p, all))")
                }
                children.forEach(add)
            } else {
                guard
                    let r = all.first(where: { $0.name == item })
                        ?? all.first(where: { $0.code == item && !item.isEmpty })
                else {
                    throw .usage("--regions: no region “\(item)” in the data\(suggestion(item, all))")
                }
                add(r)
            }
        }
        return chosen
    }

    /// One entry per region name: its first code and parent found (a text's figures may name a region
    /// without either).
    static func merged(_ regions: [Region]) -> [RegionRef] {
        var out: [RegionRef] = []
        var index: [String: Int] = [:]
        for r in regions {
            if let i = index[r.name] {
                if out[i].code.isEmpty { out[i].code = r.code }
                if out[i].parent.isEmpty { out[i].parent = r.parent }
            } else {
                index[r.name] = out.count
                out.append(RegionRef(code: r.code, name: r.name, parent: r.parent))
            }
        }
        return out
    }

    private static func suggestion(_ text: String, _ all: [RegionRef]) -> String {
        let names = all.map(\.name)
        let close = names.filter { $0.contains(text) || text.contains($0) || commonPrefix($0, text) >= 2 }.prefix(3)
        return close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)"
    }

    private static func commonPrefix(_ a: String, _ b: String) -> Int {
        zip(a, b).prefix { $0 == $1 }.count
    }
}
