import CountyData
import Foundation

/// A node of a YAML spec with where it stands (file, line, column, key path), read by type.
/// Every mapping is read against the keys its type knows: an unknown or misspelt key is an error
/// naming it, its line and the nearest known key (`titel` → `title`).
public struct SpecNode: Sendable {
    let document: YAMLDocument
    let index: Int32
    public let file: String
    /// The key path from the document's root (`blocks[3].chart.series[0].unit`).
    public let path: String

    /// The root of a YAML document; its text must be UTF-8 (a leading BOM is dropped). A document whose
    /// aliases expand past `limits.yamlNodes` nodes is refused before any of it is read.
    public static func parse(_ text: String, file: String, limits: Limits = .standard) throws -> SpecNode {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let document = try YAMLDocument.compose(bytes, file: file, budget: limits.yamlNodes) else {
            throw DataError(SourceLocation(file: file, line: 1), "the file is empty")
        }
        return SpecNode(document: document, index: document.root, file: file, path: "")
    }

    /// Reads a spec file of at most `limits.specBytes`.
    public static func load(path: String, limits: Limits = .standard) throws -> SpecNode {
        let bytes = try TextFile.readUTF8(path: path, encoding: .utf8, limit: limits.specBytes, what: "spec")
        return try parse(String(decoding: bytes, as: UTF8.self), file: path, limits: limits)
    }

    private var node: YAMLDocument.Node { document.nodes[Int(index)] }

    /// The scalar's text; nil for a mapping or a list.
    private var scalar: String? { document.scalar(index) }

    public var location: SourceLocation {
        SourceLocation(file: file, line: Int(node.line), column: Int(node.column), key: path.isEmpty ? nil : path)
    }

    public func error(_ message: String) -> DataError { DataError(location, message) }

    /// An error about `key`, which this mapping lacks: located at the mapping, named by the key's path.
    public func missing(_ key: String, _ message: String) -> DataError {
        DataError(SourceLocation(file: file, line: Int(node.line), column: Int(node.column), key: keyPath(key)), message)
    }

    private func child(_ i: Int32, _ path: String) -> SpecNode {
        SpecNode(document: document, index: i, file: file, path: path)
    }

    private func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The mapping's keys and values in the order written (keys any text: the names of a `figures:` map),
    /// refusing a key given twice.
    public func entries() throws -> [(key: String, value: SpecNode)] {
        guard node.kind == .mapping else { throw error("expected a mapping (key: value) here") }
        let items = document.childIndices(index)
        var seen = Set<String>(minimumCapacity: items.count / 2)
        return try stride(from: items.startIndex, to: items.endIndex, by: 2).map { k in
            let key = document.scalar(items[k]) ?? ""
            guard seen.insert(key).inserted else { throw child(items[k], keyPath(key)).error("the key “\(key)” is given twice") }
            return (key, child(items[k + 1], keyPath(key)))
        }
    }

    /// The mapping's values by key, refusing keys not in `known`.
    public func mapping(known: [String]) throws -> [String: SpecNode] {
        guard node.kind == .mapping else { throw error("expected a mapping (key: value) here") }
        let items = document.childIndices(index)
        var out: [String: SpecNode] = [:]
        out.reserveCapacity(items.count / 2)
        for k in stride(from: items.startIndex, to: items.endIndex, by: 2) {
            let key = document.scalar(items[k]) ?? ""
            guard known.contains(key) else {
                let hint = Self.nearest(key, in: known).map { "; did you mean “\($0)”?" } ?? ""
                throw child(items[k], keyPath(key)).error(
                    "unknown key “\(key)”\(hint) (known: \(known.joined(separator: ", ")))")
            }
            guard out[key] == nil else { throw child(items[k], keyPath(key)).error("the key “\(key)” is given twice") }
            out[key] = child(items[k + 1], keyPath(key))
        }
        return out
    }

    public var isNull: Bool {
        guard node.isPlain, let s = scalar else { return false }
        return ["~", "null", "Null", "NULL", ""].contains(s)
    }

    public func string() throws -> String {
        guard let s = scalar, !isNull else { throw error("expected text here") }
        return s
    }

    public func int() throws -> Int {
        guard node.isPlain, let s = scalar, let v = Int(s) else {
            throw error("expected a whole number here")
        }
        return v
    }

    public func double() throws -> Double {
        guard node.isPlain, let s = scalar, let v = Double(s), v.isFinite else {
            throw error("expected a number here")
        }
        return v
    }

    public func bool() throws -> Bool {
        guard node.isPlain, let s = scalar else { throw error("expected true or false here") }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false here, not “\(s)”")
        }
    }

    /// A number read from its text, exactly (never through binary floating point); nil for a
    /// missing-figure mark (—, -, …, empty, null).
    public func decimal() throws -> Decimal? {
        if isNull { return nil }
        guard let s = scalar else { throw error("expected a number here") }
        switch PlainNumber.read(s) {
        case .missing: return nil
        case .value(let d): return d
        case .invalid: throw error("“\(s)” is not a number")
        }
    }

    public func period() throws -> Period {
        let text = try string()
        guard let p = Period(text) else { throw error("“\(text)” is not a period (2023, 2023年, 2023年1—6月)") }
        return p
    }

    public func list() throws -> [SpecNode] {
        guard node.kind == .sequence else { throw error("expected a list here") }
        return document.childIndices(index).enumerated().map { child($1, "\(path)[\($0)]") }
    }

    /// Whether the value is a list.
    public var isList: Bool { node.kind == .sequence }

    /// Whether the value is a mapping (key: value).
    public var isMapping: Bool { node.kind == .mapping }

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
