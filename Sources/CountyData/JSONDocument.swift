/// A JSON value that keeps numbers as written (so decimals stay exact) and where each value stood.
public enum JSONValue: Equatable, Sendable {
    case object([(key: String, value: JSONNode)])
    case array([JSONNode])
    case string(String)
    /// A number exactly as written in the document.
    case number(String)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }
}

/// A JSON value with the line and column where it starts.
public struct JSONNode: Equatable, Sendable {
    public var value: JSONValue
    public var line: Int
    public var column: Int
}

/// A JSON document that is not well formed.
public struct JSONSyntaxError: Error, Equatable {
    public var line: Int
    public var column: Int
    public var message: String
}

/// A small strict JSON parser (RFC 8259) that records positions and keeps number text.
///
/// It reads bytes in memory, or a text stream a piece at a time (`forEachRecord(_:TextStream…)`):
/// then it asks for more whenever it reaches the end of what it holds, and drops what it has read
/// between records, so memory holds a piece and the record being read, never the document.
public struct JSONDocument {
    private var bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// The characters before `bytes[lineStart]` on its line (bytes dropped from a line read in pieces).
    private var lineBase = 0
    private var depth = 0
    /// Where more bytes come from, nil when `bytes` is the whole document.
    private let source: TextStream?
    /// What reading more threw: the document is cut there (the caller reports this error instead).
    private var readFailure: Error?

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var p = JSONDocument(bytes: bytes, source: nil)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3; p.lineStart = 3 }
        p.skipSpace()
        let root = try p.value()
        p.skipSpace()
        guard p.i == bytes.count else { throw p.error("unexpected text after the JSON value") }
        return root
    }

    private init(bytes: [UInt8], source: TextStream?) {
        self.bytes = bytes
        self.source = source
    }

    /// Whether a byte is held at `i + ahead`, reading more (a piece at a time) until one is or the text ends.
    @inline(__always)
    private mutating func has(_ ahead: Int = 0) -> Bool {
        i + ahead < bytes.count || readMore(until: i + ahead)
    }

    private mutating func readMore(until index: Int) -> Bool {
        guard let source, readFailure == nil else { return false }
        while index >= bytes.count {
            let old = bytes.count, want = source.piece
            bytes.append(contentsOf: repeatElement(0, count: want))
            var got = 0
            do {
                got = try bytes.withUnsafeMutableBytes { try source.read(into: $0.baseAddress! + old, count: want) }
            } catch {
                readFailure = error
            }
            bytes.removeLast(want - got)
            if got == 0 { return false }
        }
        return true
    }

    /// Forgets the bytes before `i` (between records of a stream), once they are many: positions stay those of the file.
    private mutating func dropRead() {
        guard let source, i >= source.piece else { return }
        let c = column()
        bytes.removeSubrange(0..<i)
        lineStart = 0; lineBase = c - 1; i = 0
        countedTo = 0; countedColumn = c
    }

    /// Where a document keeps its array of records.
    public enum RecordsPlace: Equatable, Sendable {
        /// The document is the array.
        case root
        /// The first member of the root object named one of the keys asked for.
        case member(String)
    }

    /// Reads a document of records — an array, or an object with an array under one of
    /// `memberKeys` — handing each record to `body` as soon as it is read, so a large file never
    /// sits in memory as one tree. Returns where the records were, or nil when the document has
    /// no such array (then whether the root is an object, and its line and column, say what it was). A syntax error anywhere is
    /// thrown, after `body` may have seen records before it.
    public static func forEachRecord(
        _ bytes: [UInt8], memberKeys: Set<String>,
        _ body: (RecordsPlace, Int, JSONNode) -> Void
    ) throws(JSONSyntaxError) -> (place: RecordsPlace?, rootIsObject: Bool, line: Int, column: Int) {
        var p = JSONDocument(bytes: bytes, source: nil)
        return try p.records(memberKeys: memberKeys, body)
    }

    /// `forEachRecord` over a text stream, read a piece at a time; a problem reading it (a NUL byte,
    /// a byte that is not UTF-8) is thrown as the stream threw it, not as the syntax error it cut.
    static func forEachRecord(
        _ text: TextStream, memberKeys: Set<String>,
        _ body: (RecordsPlace, Int, JSONNode) -> Void
    ) throws -> (place: RecordsPlace?, rootIsObject: Bool, line: Int, column: Int) {
        var p = JSONDocument(bytes: [], source: text)
        do {
            let shape = try p.records(memberKeys: memberKeys, body)
            if let failure = p.readFailure { throw failure }
            return shape
        } catch {
            throw p.readFailure ?? error
        }
    }

    private mutating func records(
        memberKeys: Set<String>, _ body: (RecordsPlace, Int, JSONNode) -> Void
    ) throws(JSONSyntaxError) -> (place: RecordsPlace?, rootIsObject: Bool, line: Int, column: Int) {
        if has(2), bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3; lineStart = 3 }
        skipSpace()
        guard has() else { throw error("the document ends where a value was expected") }
        let (line, column, rootIsObject) = (self.line, self.column(), bytes[i] == UInt8(ascii: "{"))
        var place: RecordsPlace?
        var count = 0
        func readArray(_ p: inout JSONDocument, _ place: RecordsPlace) throws(JSONSyntaxError) {
            try p.array { p throws(JSONSyntaxError) in
                body(place, count, try p.value())
                count += 1
                p.dropRead()
            }
        }
        switch bytes[i] {
        case UInt8(ascii: "["):
            place = .root
            try readArray(&self, .root)
        case UInt8(ascii: "{"):
            var decided = false
            try object { key, p throws(JSONSyntaxError) in
                if !decided, memberKeys.contains(key) {
                    decided = true
                    if p.has(), p.bytes[p.i] == UInt8(ascii: "[") {
                        place = .member(key)
                        try readArray(&p, .member(key))
                        return
                    }
                }
                _ = try p.value()
            }
        default:
            _ = try value()
        }
        skipSpace()
        guard !has() else { throw error("unexpected text after the JSON value") }
        return (place, rootIsObject, line, column)
    }

    /// Where the last column count stopped, so that each count continues from there: a document
    /// on one line (as programs write JSON) would otherwise be rescanned from its start for every value.
    private var countedTo = 0
    private var countedColumn = 1

    /// The 1-based column of the current position, in characters, not bytes.
    private mutating func column() -> Int {
        if countedTo < lineStart || countedTo > i { countedTo = lineStart; countedColumn = 1 + lineBase }
        while countedTo < i { if bytes[countedTo] & 0xC0 != 0x80 { countedColumn += 1 }; countedTo += 1 }
        return countedColumn
    }

    private mutating func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: column(), message: message)
    }

    private mutating func skipSpace() {
        while has() {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1; lineStart = i; lineBase = 0
            default: return
            }
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONNode {
        guard has() else { throw error("the document ends where a value was expected") }
        let (l, c) = (line, column())
        func node(_ v: JSONValue) -> JSONNode { JSONNode(value: v, line: l, column: c) }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            var members: [(key: String, value: JSONNode)] = []
            var keys = Set<String>()
            try object { key, p throws(JSONSyntaxError) in
                // Two members of one name: the last would win without a word, so the record is refused.
                guard keys.insert(key).inserted else { throw p.error("the key “\(key)” is given twice in one object") }
                members.append((key, try p.value()))
            }
            return node(.object(members))
        case UInt8(ascii: "["):
            var items: [JSONNode] = []
            try array { p throws(JSONSyntaxError) in items.append(try p.value()) }
            return node(.array(items))
        case UInt8(ascii: "\""):
            return node(.string(try string()))
        case UInt8(ascii: "t"): try literal("true"); return node(.bool(true))
        case UInt8(ascii: "f"): try literal("false"); return node(.bool(false))
        case UInt8(ascii: "n"): try literal("null"); return node(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return node(.number(try number()))
        default:
            throw error("unexpected character where a value was expected")
        }
    }

    /// Steps into the object or array at the current position (at most 200 deep); true when it is
    /// empty and already closed again.
    private mutating func enter(closedBy close: UInt8) throws(JSONSyntaxError) -> Bool {
        depth += 1
        guard depth < 200 else { throw error("nested too deeply") }
        i += 1
        skipSpace()
        guard has(), bytes[i] == close else { return false }
        i += 1
        depth -= 1
        return true
    }

    /// Walks an object at the current position: `member` reads each member's value (the parser is
    /// on it) after its key.
    private mutating func object(_ member: (String, inout JSONDocument) throws(JSONSyntaxError) -> Void)
        throws(JSONSyntaxError)
    {
        if try enter(closedBy: UInt8(ascii: "}")) { return }
        while true {
            skipSpace()
            guard has(), bytes[i] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try string()
            skipSpace()
            guard has(), bytes[i] == UInt8(ascii: ":") else {
                throw error("expected “:” after the key \"\(key)\"")
            }
            i += 1
            skipSpace()
            try member(key, &self)
            skipSpace()
            guard has() else { throw error("the object is never closed") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return }
            throw error("expected “,” or “}” in an object")
        }
    }

    /// Walks an array at the current position: `element` reads each element (the parser is on it).
    private mutating func array(_ element: (inout JSONDocument) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError)
    {
        if try enter(closedBy: UInt8(ascii: "]")) { return }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            guard has() else { throw error("the array is never closed") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return }
            throw error("expected “,” or “]” in an array")
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard has(w.count - 1), Array(bytes[i..<(i + w.count)]) == w else { throw error("unexpected word") }
        i += w.count
    }

    private mutating func number() throws(JSONSyntaxError) -> String {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int { let s = i; while has(), (48...57).contains(bytes[i]) { i += 1 }; return i - s }
        guard has() else { throw error("a number ends too early") }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { throw error("a number needs digits") }
        if has(), bytes[i] == UInt8(ascii: ".") {
            i += 1; if digits() == 0 { throw error("digits must follow “.”") }
        }
        if has(), bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if has(), bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { throw error("an exponent needs digits") }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        i += 1   // opening quote
        // Most strings have no escapes: made straight from the input's bytes.
        let start = i
        repeat {
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 {
                i += 1
            }
        } while i == bytes.count && has()
        if has(), bytes[i] == UInt8(ascii: "\"") {
            i += 1
            return bytes.withUnsafeBufferPointer { String(decoding: $0[start..<(i - 1)], as: UTF8.self) }
        }
        var out: [UInt8] = Array(bytes[start..<i])
        while true {
            guard has() else { throw error("a string is never closed") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw error("a control character inside a string") }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard has() else { throw error("a string is never closed") }
                switch bytes[i] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard has(2), bytes[i + 1] == UInt8(ascii: "\\"), bytes[i + 2] == UInt8(ascii: "u")
                        else {
                            throw error("a lone surrogate in \\u escape")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("a lone surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("an invalid \\u escape") }
                    out += Array(String(Character(u)).utf8)
                default: throw error("an unknown escape")
                }
                i += 1
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard has(4) else { throw error("a short \\u escape") }
        var v: UInt32 = 0
        for k in 1...4 {
            let b = bytes[i + k]
            let d: UInt32
            switch b {
            case 48...57: d = UInt32(b - 48)
            case 65...70: d = UInt32(b - 55)
            case 97...102: d = UInt32(b - 87)
            default: throw error("a bad hex digit in \\u escape")
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }
}
