import CountyData
import Foundation
import Yams

/// A node of a YAML spec with where it stands (file, line, column, key path), read by type.
/// Every mapping is read against the keys its type knows: an unknown or misspelt key is an error
/// naming it, its line and the nearest known key (`titel` → `title`).
public struct SpecNode {
    let node: Node
    public let file: String
    /// The key path from the document's root (`blocks[3].chart.series[0].unit`).
    public let path: String

    /// The root of a YAML document; its text must be UTF-8 (a leading BOM is dropped). A document whose
    /// aliases expand past `limits.yamlNodes` nodes is refused before any of it is read.
    public static func parse(_ text: String, file: String, limits: Limits = .standard) throws -> SpecNode {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        do {
            // Scalars are read by type when asked (`int()`, `decimal()`…), never by their YAML tag: the
            // basic resolver skips Yams' tag guessing, which tries five regular expressions on every scalar.
            guard let node = try TopLevelHalves.compose(text) ?? Yams.compose(yaml: text, .basic) else {
                throw DataError(SourceLocation(file: file, line: 1), "the file is empty")
            }
            try checkExpansion(node, file: file, budget: limits.yamlNodes)
            return SpecNode(node: node, file: file, path: "")
        } catch let e as DataError {
            throw e
        } catch let e as YamlError {
            throw DataError(SourceLocation(file: file), "not valid YAML: \(e)")
        }
    }

    /// Reads a spec file of at most `limits.specBytes`.
    public static func load(path: String, limits: Limits = .standard) throws -> SpecNode {
        let bytes = try TextFile.readUTF8(path: path, encoding: .utf8, limit: limits.specBytes, what: "spec")
        return try parse(String(decoding: bytes, as: UTF8.self), file: path, limits: limits)
    }

    /// Refuses a document with more than `budget` nodes once its aliases are expanded. The composed
    /// tree shares an anchored node among its aliases, so it is as small as the text; expanding it
    /// (reading every value) is what a "billion laughs" spec makes huge. The count stops at the budget,
    /// so the check costs at most `budget` steps.
    static func checkExpansion(_ root: Node, file: String, budget: Int) throws {
        var count = 0
        var stack: [Node] = [root]
        while let n = stack.popLast() {
            count += 1
            if count > budget {
                throw DataError(
                    SourceLocation(file: file, line: n.mark?.line, column: n.mark?.column),
                    "the YAML expands to more than \(budget) values (through its aliases, *name); a spec this large is refused (Limits.yamlNodes)"
                )
            }
            switch n {
            case .scalar, .alias: break
            case .mapping(let m): for (k, v) in m { stack.append(k); stack.append(v) }
            case .sequence(let q): stack.append(contentsOf: q)
            }
        }
    }

    public var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column, key: path.isEmpty ? nil : path)
    }

    public func error(_ message: String) -> DataError { DataError(location, message) }

    /// An error about `key`, which this mapping lacks: located at the mapping, named by the key's path.
    public func missing(_ key: String, _ message: String) -> DataError {
        DataError(
            SourceLocation(
                file: file, line: node.mark?.line, column: node.mark?.column, key: path.isEmpty ? key : path + "." + key
            ), message)
    }

    private func child(_ n: Node, _ key: String) -> SpecNode {
        SpecNode(node: n, file: file, path: path.isEmpty ? key : path + "." + key)
    }

    /// The mapping's values by key, refusing keys not in `known`.
    public func mapping(known: [String]) throws -> [String: SpecNode] {
        guard let m = node.mapping else { throw error("expected a mapping (key: value) here") }
        var out: [String: SpecNode] = [:]
        for (k, v) in m {
            let key = k.string ?? ""
            let keyNode = child(k, key)
            guard known.contains(key) else {
                let hint = Self.nearest(key, in: known).map { "; did you mean “\($0)”?" } ?? ""
                throw keyNode.error("unknown key “\(key)”\(hint) (known: \(known.joined(separator: ", ")))")
            }
            guard out[key] == nil else { throw keyNode.error("the key “\(key)” is given twice") }
            out[key] = child(v, key)
        }
        return out
    }

    public var isNull: Bool {
        node.scalar.map { $0.style == .plain && ["~", "null", "Null", "NULL", ""].contains($0.string) } ?? false
    }

    public func string() throws -> String {
        guard let s = node.scalar, !isNull else { throw error("expected text here") }
        return s.string
    }

    public func int() throws -> Int {
        guard let s = node.scalar, s.style == .plain, let v = Int(s.string) else {
            throw error("expected a whole number here")
        }
        return v
    }

    public func double() throws -> Double {
        guard let s = node.scalar, s.style == .plain, let v = Double(s.string), v.isFinite else {
            throw error("expected a number here")
        }
        return v
    }

    public func bool() throws -> Bool {
        guard let s = node.scalar, s.style == .plain else { throw error("expected true or false here") }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false here, not “\(s.string)”")
        }
    }

    /// A number read from its text, exactly (never through binary floating point); nil for a
    /// missing-figure mark (—, -, …, empty, null).
    public func decimal() throws -> Decimal? {
        if isNull { return nil }
        guard let s = node.scalar else { throw error("expected a number here") }
        switch PlainNumber.read(s.string) {
        case .missing: return nil
        case .value(let d): return d
        case .invalid: throw error("“\(s.string)” is not a number")
        }
    }

    public func period() throws -> Period {
        let text = try string()
        guard let p = Period(text) else { throw error("“\(text)” is not a period (2023, 2023年, 2023年1—6月)") }
        return p
    }

    public func list() throws -> [SpecNode] {
        guard let seq = node.sequence else { throw error("expected a list here") }
        return seq.enumerated().map { SpecNode(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    /// Whether the value is a list.
    public var isList: Bool { node.sequence != nil }

    public func strings() throws -> [String] { try list().map { try $0.string() } }

    /// One of `choices`, by name.
    public func choice<T>(_ choices: [String: T]) throws -> T {
        let s = try string()
        guard let v = choices[s] else {
            let hint = Self.nearest(s, in: Array(choices.keys)).map { "; did you mean “\($0)”?" } ?? ""
            throw error("“\(s)” is not one of \(choices.keys.sorted().joined(separator: ", "))\(hint)")
        }
        return v
    }

    /// The known word closest to `word` by edit distance, when close enough to be a slip.
    static func nearest(_ word: String, in known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(Array(word), Array($0))) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= (word.count <= 3 ? 1 : max(2, word.count / 3)) else { return nil }
        return best
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                let cur = row[j]
                row[j] = a[i - 1] == b[j - 1] ? prev : 1 + min(prev, row[j], row[j - 1])
                prev = cur
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}

extension Optional where Wrapped == SpecNode {
    /// The value's text, or nil when the key is absent.
    public func string() throws -> String? { try self.map { try $0.string() } }
}

/// A node of a composed document read by several threads at once: a composed tree is not changed once
/// composed, and reading it from many threads is safe (Yams does not mark its nodes Sendable).
struct ComposedNode: @unchecked Sendable {
    let node: SpecNode
}
