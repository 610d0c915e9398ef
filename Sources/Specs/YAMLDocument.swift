import CYaml
import CountyData

/// A YAML document composed from libyaml's events into flat arrays: one record per node, the children of
/// every mapping (key, value, key, value…) and sequence in one shared list, the scalars' texts in another.
/// A node an alias names is shared, not copied, and each node's size with its aliases expanded is known
/// as it is composed, so a "billion laughs" document is refused before it grows. Read-only once composed.
///
/// Why not Yams' `compose`: its tree of enums costs about nine times libyaml's parsing (a 300 KB report
/// definition: 110 M instructions to compose, 12 M of them in libyaml); this is libyaml plus a few arrays.
final class YAMLDocument: Sendable {
    enum Kind: UInt8, Sendable { case scalar, mapping, sequence }

    struct Node: Sendable {
        var kind: Kind
        /// A plain scalar (not quoted, not a block `|`/`>`): only plain text reads as null, a number or a flag.
        var isPlain: Bool
        /// 1-based, as libyaml's start mark.
        var line: Int32
        var column: Int32
        /// Where the children start in `children`, or the scalar's index in `scalars`.
        var first: Int32
        /// How many children (a mapping's keys and values both count).
        var count: Int32
    }

    let nodes: [Node]
    let children: [Int32]
    let scalars: [String]
    let root: Int32

    fileprivate init(nodes: [Node], children: [Int32], scalars: [String], root: Int32) {
        self.nodes = nodes; self.children = children; self.scalars = scalars; self.root = root
    }

    /// The document in `bytes` (UTF-8); nil for a stream with no document. Errors are located at the
    /// line and column libyaml names; more than one document, an undefined alias and a document whose aliases expand past `budget` nodes are refused.
    static func compose(_ bytes: [UInt8], file: String, budget: Int) throws(DataError) -> YAMLDocument? {
        let parser = EventParser()
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) in
            parser.start(buffer)
            var composer = Composer(file: file, budget: budget)
            return try composer.run(parser)
        }
    }

    func scalar(_ i: Int32) -> String? {
        let n = nodes[Int(i)]
        return n.kind == .scalar ? scalars[Int(n.first)] : nil
    }

    func childIndices(_ i: Int32) -> ArraySlice<Int32> {
        let n = nodes[Int(i)]
        return children[Int(n.first)..<Int(n.first + n.count)]
    }
}

/// libyaml's parser over one buffer, freed in `deinit`; the buffer must outlive the parsing.
private final class EventParser {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var holdsEvent = false

    init() {
        parser.initialize(to: yaml_parser_t())
        event.initialize(to: yaml_event_t())
        yaml_parser_initialize(parser)
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
    }

    /// The text being parsed (set by `start`, valid while it parses).
    private var text = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    func start(_ buffer: UnsafeBufferPointer<UInt8>) {
        text = buffer
        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    }

    /// The next event (valid until the next call); an error located where libyaml found the problem.
    func next(file: String) throws(DataError) -> UnsafeMutablePointer<yaml_event_t> {
        if holdsEvent { yaml_event_delete(event); holdsEvent = false }
        guard yaml_parser_parse(parser, event) == 1 else { throw error(file: file) }
        holdsEvent = true
        return event
    }

    private func error(file: String) -> DataError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unreadable"
        let context = p.context.map { " " + String(cString: $0) } ?? ""
        let (line, column) =
            p.error == YAML_READER_ERROR
            ? place(ofByte: p.problem_offset) : (Int(p.problem_mark.line) + 1, Int(p.problem_mark.column) + 1)
        return DataError(SourceLocation(file: file, line: line, column: column), "not valid YAML: \(problem)\(context)")
    }

    /// The line and column (in characters) of byte `offset` of the text: libyaml's reader (a control
    /// character, a bad byte) gives an offset, not a mark.
    private func place(ofByte offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for b in text.prefix(offset) {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

/// Builds a `YAMLDocument` from the event stream: open collections on a stack, their children gathered
/// in one scratch list and moved into the document's list when the collection ends.
private struct Composer {
    let file: String
    let budget: Int
    var nodes: [YAMLDocument.Node] = []
    var sizes: [Int] = []
    var children: [Int32] = []
    var scalars: [String] = []
    var anchors: [String: Int32] = [:]
    /// Each open collection: its node and where its children start in `scratch`, and its anchor.
    var open: [(node: Int32, start: Int, anchor: String?)] = []
    var scratch: [Int32] = []

    init(file: String, budget: Int) { self.file = file; self.budget = budget }

    mutating func run(_ parser: EventParser) throws(DataError) -> YAMLDocument? {
        var root: Int32?
        while true {
            let e = try parser.next(file: file)
            switch e.pointee.type {
            case YAML_STREAM_END_EVENT:
                return root.map { YAMLDocument(nodes: nodes, children: children, scalars: scalars, root: $0) }
            case YAML_DOCUMENT_START_EVENT where root != nil:
                throw located(e, "a spec holds one YAML document; another starts here (---)")
            case YAML_SCALAR_EVENT:
                let s = e.pointee.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                scalars.append(text)
                let i = add(e, .scalar, plain: s.style == YAML_PLAIN_SCALAR_STYLE, first: scalars.count - 1)
                if let a = Self.text(s.anchor) { anchors[a] = i }
                attach(i, &root)
            case YAML_ALIAS_EVENT:
                let name = Self.text(e.pointee.data.alias.anchor) ?? ""
                guard let target = anchors[name] else { throw located(e, "the alias *\(name) names no anchor before it") }
                attach(target, &root)
            case YAML_SEQUENCE_START_EVENT:
                let i = add(e, .sequence, plain: false, first: 0)
                open.append((i, scratch.count, Self.text(e.pointee.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                let i = add(e, .mapping, plain: false, first: 0)
                open.append((i, scratch.count, Self.text(e.pointee.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let (i, start, anchor) = open.removeLast()
                try close(i, start: start)
                if let anchor { anchors[anchor] = i }
                attach(i, &root)
            default: break   // stream and document start, document end
            }
        }
    }

    /// A node begun at `e`'s mark, counting one value until its children are known (`close`).
    private mutating func add(
        _ e: UnsafeMutablePointer<yaml_event_t>, _ kind: YAMLDocument.Kind, plain: Bool, first: Int
    ) -> Int32 {
        let m = e.pointee.start_mark
        nodes.append(
            .init(
                kind: kind, isPlain: plain, line: Int32(clamping: m.line + 1), column: Int32(clamping: m.column + 1),
                first: Int32(first), count: 0))
        sizes.append(1)
        return Int32(nodes.count - 1)
    }

    /// A node complete: a child of the innermost open collection, or the root.
    private mutating func attach(_ i: Int32, _ root: inout Int32?) {
        if open.isEmpty { root = i } else { scratch.append(i) }
    }

    /// The collection `i` ends: its children moved into the document's list, its expanded size checked.
    /// (A key given twice is refused where the mapping is read: `SpecNode.mapping(known:)`, `entries()`.)
    private mutating func close(_ i: Int32, start: Int) throws(DataError) {
        let items = scratch[start...]
        var size = 1
        for c in items { size = min(size + sizes[Int(c)], budget + 1) }
        guard size <= budget else {
            throw at(i, "the YAML expands to more than \(budget) values (through its aliases, *name); a spec this large is refused (Limits.yamlNodes)")
        }
        nodes[Int(i)].first = Int32(children.count)
        nodes[Int(i)].count = Int32(items.count)
        sizes[Int(i)] = size
        children.append(contentsOf: items)
        scratch.removeSubrange(start...)
    }

    private func at(_ i: Int32, _ message: String) -> DataError {
        let n = nodes[Int(i)]
        return DataError(SourceLocation(file: file, line: Int(n.line), column: Int(n.column)), message)
    }

    private func located(_ e: UnsafeMutablePointer<yaml_event_t>, _ message: String) -> DataError {
        let m = e.pointee.start_mark
        return DataError(SourceLocation(file: file, line: Int(m.line) + 1, column: Int(m.column) + 1), message)
    }

    private static func text(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        p.map { String(cString: $0) }
    }
}
