import Parallelism
import Yams

/// A long YAML document (a 100-page report's definition is 300 KB) composed as two halves on two cores:
/// cut before a top-level key near the middle, the second half preceded by as many empty lines as the
/// first has (so every node keeps its line and column), the two root mappings joined. Only a document
/// that cannot read differently in halves is cut: a mapping at its root, no anchor or alias (`&`, `*`),
/// no directive or document marker; and if either half is not valid YAML on its own, or its root is not a
/// mapping, the caller composes the whole document (and reports its error as the whole reads).
enum TopLevelHalves {
    /// Documents shorter than this are composed whole.
    static let minimumBytes = 64 << 10

    /// The document composed from its halves; nil when it is not cut (compose it whole).
    static func compose(_ text: String) -> Node? {
        let bytes = Array(text.utf8)
        guard bytes.count >= minimumBytes, !bytes.contains(UInt8(ascii: "&")), !bytes.contains(UInt8(ascii: "*")),
            let cut = cutPoint(in: bytes)
        else { return nil }
        let lines = bytes[..<cut].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        let halves = [
            String(decoding: bytes[..<cut], as: UTF8.self),
            String(repeating: "\n", count: lines) + String(decoding: bytes[cut...], as: UTF8.self),
        ]
        let roots = Parallel.map(halves) { Composed(node: try? Yams.compose(yaml: $0, .basic)) }
        guard let first = roots[0].node?.mapping, let second = roots[1].node?.mapping else { return nil }
        let pairs = (Array(first) + Array(second)).map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, first.tag, first.style, first.mark))
    }

    /// The start of a top-level key's line nearest the middle: a line at column 0 that is not blank, a
    /// comment, a sequence entry, a flow or a quoted key, and holds `key:`; nil if the document has a
    /// directive or a document marker, or no such line.
    static func cutPoint(in bytes: [UInt8]) -> Int? {
        var lineStarts: [Int] = [0]
        for (i, b) in bytes.enumerated() where b == 10 && i + 1 < bytes.count { lineStarts.append(i + 1) }
        func isTopLevelKey(_ start: Int) -> Bool {
            let first = bytes[start]
            guard !" \t\r\n#-[]{},&*!|>'\"%@`?:".utf8.contains(first) else { return false }
            var i = start
            while i < bytes.count, bytes[i] != 10 {
                if bytes[i] == UInt8(ascii: ":"), i + 1 == bytes.count || [10, 13, 32].contains(bytes[i + 1]) { return true }
                i += 1
            }
            return false
        }
        let marker = lineStarts.contains {
            bytes[$0...].starts(with: "---".utf8) || bytes[$0...].starts(with: "...".utf8) || bytes[$0] == UInt8(ascii: "%")
        }
        if marker { return nil }
        let middle = bytes.count / 2
        let candidates = lineStarts.filter { $0 > 0 && isTopLevelKey($0) }
        return candidates.min { abs($0 - middle) < abs($1 - middle) }
    }
}

/// A tree composed on one thread and handed, whole, to the thread that joins the halves (nothing else holds it).
private struct Composed: @unchecked Sendable {
    let node: Node?
}
