import Foundation
import Parallelism

/// Cairo 1.16 writes a PDF's structure tree but not the catalog entries that declare it
/// (`/MarkInfo << /Marked true >>`) nor the document language; it cannot give a figure its
/// alternative text, and it has no artifacts (page furniture that is not content). This writes
/// the objects that say what is missing, then the file again with its objects packed into object
/// streams (`ObjectStreams`; as an incremental update after Cairo's bytes, ISO 32000 §7.5.6, if the
/// file is not laid out as Cairo writes it):
/// - a new catalog with `/MarkInfo`, `/Lang` and `/DisplayDocTitle`;
/// - each `Figure` structure element again, with `/Alt`;
/// - page furniture, which the canvas tags `Private` (Cairo 1.16 refuses `Artifact`, and nothing
///   else of ours uses `Private`), made a true artifact: its marked content becomes
///   `/Artifact BMC … EMC` in the page's content stream, and its structure element leaves the tree
///   and the parent tree.
enum TaggedPDF {
    /// The structure type the canvas gives page furniture, for this update to make artifacts of.
    static let furnitureTag = "Private"

    /// `figureAlternatives` are the figures' texts in the order their tags were begun; Cairo numbers
    /// structure elements in that order, so the n-th `Figure` object by number is the n-th figure.
    static func declare(_ pdf: [UInt8], language: String, figureAlternatives: [String] = []) -> Data {
        declare(PDFFile(bytes: pdf), language: language, figureAlternatives: figureAlternatives)
    }

    static func declare(_ file: PDFFile, language: String, figureAlternatives: [String] = []) -> Data {
        var pdf: Data { Data(file.bytes) }   // the file as it came, where it is left so
        guard let trailer = file.lastIndex(of: "trailer"), let root = file.number(after: "/Root ", from: trailer),
            let size = file.number(after: "/Size ", from: trailer),
            let prev = file.number(after: "startxref\n", from: trailer)
        else { return pdf }
        let info = file.number(after: "/Info ", from: trailer)
        // A file without tags is packed as it is (its stored streams compressed).
        guard let catalog = file.body(of: root), let tree = file.number(after: "/StructTreeRoot ", in: catalog) else {
            return ObjectStreams.packed(file, replacing: [], size: size, root: root, info: info) ?? pdf
        }
        let lang = language.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        var update = IncrementalUpdate()
        update.replace(
            root,
            with: "<<\(catalog)   /MarkInfo << /Marked true >>\n   /Lang (\(lang))\n"
                + "   /ViewerPreferences << /DisplayDocTitle true >>\n>>")
        for (n, figure) in file.structureElements(of: "Figure").enumerated()
        where figureAlternatives.indices.contains(n) {
            update.replace(figure.number, with: "<<\(figure.body)   /Alt \(textString(figureAlternatives[n]))\n>>")
        }
        Artifacts(file: file, structTreeRoot: tree).replacements().forEach { update.replace($0.number, with: $0.object) }
        if let packed = ObjectStreams.packed(file, replacing: update.objects, size: size, root: root, info: info) {
            return packed
        }
        return update.appended(to: pdf, size: size, root: root, info: info, prev: prev)
    }

    /// A PDF text string in UTF-16BE with its byte-order mark, as hex (ISO 32000 §7.9.2.2).
    static func textString(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(text.utf16.count * 4)
        for unit in text.utf16 {   // four upper-case hex digits a unit (String(format:) took 2 % of a report)
            for shift in [12, 8, 4, 0] { hex.append(digits[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        return "<FEFF" + String(decoding: hex, as: UTF8.self) + ">"
    }
}

/// Objects written again after a PDF's end, with their cross-reference section and trailer.
struct IncrementalUpdate {
    private(set) var objects: [(number: Int, object: [UInt8])] = []

    mutating func replace(_ number: Int, with object: String) { replace(number, with: Array(object.utf8)) }
    mutating func replace(_ number: Int, with object: [UInt8]) {
        objects.removeAll { $0.number == number }
        objects.append((number, object))
    }

    func appended(to pdf: Data, size: Int, root: Int, info: Int?, prev: Int) -> Data {
        var out = pdf
        if out.last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        var entries = ""
        for (number, object) in objects.sorted(by: { $0.number < $1.number }) {
            entries += "\(number) 1\n" + String(format: "%010d 00000 n \n", out.count)
            out.append(contentsOf: Array("\(number) 0 obj\n".utf8))
            out.append(contentsOf: object)
            out.append(contentsOf: Array("\nendobj\n".utf8))
        }
        let xref = out.count
        let trailer =
            "xref\n" + entries + "trailer\n<< /Size \(size)\n   /Root \(root) 0 R\n"
            + (info.map { "   /Info \($0) 0 R\n" } ?? "") + "   /Prev \(prev)\n>>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(contentsOf: Array(trailer.utf8))
        return out
    }
}

/// Turns the structure elements Cairo wrote for page furniture into artifacts.
struct Artifacts {
    let file: PDFFile
    let structTreeRoot: Int

    struct Element { var number: Int; var parent: Int?; var page: Int? }

    /// The objects to write again: the artifacts' parents without them, the parent tree's page
    /// arrays with `null` in their place, and the pages' content streams with `/Artifact BMC`.
    func replacements() -> [(number: Int, object: [UInt8])] {
        let elements = file.structureElements(of: TaggedPDF.furnitureTag).map { e in
            Element(
                number: e.number, parent: file.number(after: "/P ", in: e.body),
                page: file.number(after: "/Pg ", in: e.body))
        }
        guard !elements.isEmpty else { return [] }
        let refs = Set(elements.map(\.number))
        var out: [(number: Int, object: [UInt8])] = []
        for parent in Set(elements.compactMap(\.parent)).sorted() {
            guard let body = file.body(of: parent) else { continue }
            out.append((parent, Array("<<\(Self.replacing(refs, in: body, with: ""))>>".utf8)))
        }
        for array in parentTreeArrays() {
            guard let body = file.body(of: array, opening: "[") else { continue }
            let replaced = Self.replacing(refs, in: body, with: "null")
            if replaced != body { out.append((array, Array("[\(replaced)]".utf8))) }
        }
        let streams = Set(elements.compactMap(\.page)).sorted().compactMap { page in
            file.body(of: page).flatMap { file.number(after: "/Contents ", in: $0) }
        }
        return out + Parallel.map(streams) { contents in
            guard let stream = file.stream(contents), let content = Flate.inflate(stream) else { return nil }
            let data = Flate.deflate(Self.unmarked(content))
            return (
                contents,
                Array("<< /Length \(data.count)\n   /Filter /FlateDecode\n>>\nstream\n".utf8) + data
                    + Array("\nendstream".utf8)
            )
        }.compactMap { $0 }
    }

    /// The objects the parent tree's number tree points at (arrays of a page's elements by MCID).
    private func parentTreeArrays() -> [Int] {
        guard let root = file.body(of: structTreeRoot), let tree = file.number(after: "/ParentTree ", in: root),
            let body = file.body(of: tree), let nums = body.range(of: "/Nums [")
        else { return [] }
        let tokens = body[nums.upperBound...].prefix { $0 != "]" }.split(whereSeparator: \.isWhitespace)
        // Pairs of “key value”, a value written “N 0 R”: every fourth token from the second.
        return stride(from: 1, to: tokens.count - 2, by: 4).compactMap { tokens[$0 + 2] == "R" ? Int(tokens[$0]) : nil }
    }

    /// `body` with each reference `N 0 R` of `refs` replaced by `replacement`.
    static func replacing(_ refs: Set<Int>, in body: String, with replacement: String) -> String {
        let new = Array(replacement.utf8)
        return String(decoding: PDFReferences.rewritten(Array(body.utf8)) { refs.contains($0) ? new : nil }, as: UTF8.self)
    }

    /// A content stream with every `/Private <<…>> BDC` (Cairo's marking, with an MCID) made
    /// `/Artifact BMC`: marked as an artifact, outside the structure tree. Content streams are
    /// bytes, not UTF-8: they are scanned as bytes and every other byte is kept as it was.
    static func unmarked(_ content: [UInt8]) -> [UInt8] {
        let marker = Array("/Private".utf8), artifact = Array("/Artifact BMC".utf8)
        let gt = UInt8(ascii: ">"), lt = UInt8(ascii: "<")
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var copied = 0, i = 0
        while let at = next(marker, in: content, from: i) {
            i = at + 1
            // `<<`, the dictionary up to its first `>`, which must be `>>`, then `BDC`.
            var j = skippingSpace(content, from: at + marker.count)
            guard j + 1 < content.count, content[j] == lt, content[j + 1] == lt,
                let close = content[(j + 2)...].firstIndex(of: gt), close + 1 < content.count, content[close + 1] == gt
            else { continue }
            j = skippingSpace(content, from: close + 2)
            guard content[j...].starts(with: "BDC".utf8) else { continue }
            out += content[copied..<at]
            out += artifact
            copied = j + 3
            i = copied
        }
        out += content[copied...]
        return out
    }

    /// Where `needle` next starts in `bytes` at or after `start`.
    private static func next(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + needle.count <= bytes.count, let j = bytes[i...].firstIndex(of: needle[0]) {
            if bytes[j...].starts(with: needle) { return j }
            i = j + 1
        }
        return nil
    }

    /// The first index at or after `start` that is not white space (the bytes read as Latin-1,
    /// as a regular expression's `\s` reads them: ASCII space and controls, NEL and no-break space).
    private static func skippingSpace(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, [9, 10, 11, 12, 13, 32, 0x85, 0xA0].contains(bytes[i]) { i += 1 }
        return i
    }
}

/// Cairo's PDF output, searched as bytes: objects by number, their dictionaries and streams.
struct PDFFile {
    let bytes: [UInt8]
    /// Where each object's `\nN 0 obj\n` starts, from the file's cross-reference table: found
    /// once, so looking up an object does not scan the file from its start (quadratic in pages).
    let offsets: [Int: Int]
    /// Each object's body by number (as `ObjectStreams.objects` reads them), when the writer knew them.
    let bodies: [[UInt8]]?

    init(bytes: [UInt8]) {
        self.bytes = bytes
        offsets = Self.crossReferences(bytes)
        bodies = nil
    }

    /// A file whose objects' places and bodies its writer knows (`PDFJoin`).
    init(bytes: [UInt8], offsets: [Int: Int], bodies: [[UInt8]]?) {
        self.bytes = bytes
        self.offsets = offsets
        self.bodies = bodies
    }

    /// The in-use entries of the last cross-reference table (`xref`, subsections of 20-byte
    /// entries `OOOOOOOOOO GGGGG n`), each kept only if an object of its number starts there.
    private static func crossReferences(_ bytes: [UInt8]) -> [Int: Int] {
        let file = PDFFile(bytes: bytes, offsets: [:], bodies: nil)
        guard let startxref = file.lastIndex(of: "startxref\n"),
            let xref = file.number(after: "startxref\n", from: startxref),
            xref < bytes.count, bytes[xref...].starts(with: "xref\n".utf8)
        else { return [:] }
        var found: [Int: Int] = [:]
        var at = xref + "xref\n".utf8.count
        func integer() -> Int? {
            let start = at
            var value = 0
            while at < bytes.count, at - start < 18, (48...57).contains(bytes[at]) {
                value = value * 10 + Int(bytes[at] - 48)
                at += 1
            }
            return at > start ? value : nil
        }
        // Subsections: a line `FIRST COUNT`, then COUNT entries of 20 bytes.
        while let first = integer(), at < bytes.count, bytes[at] == 32 {
            at += 1
            guard let count = integer() else { break }
            while at < bytes.count, bytes[at] == 13 || bytes[at] == 10 || bytes[at] == 32 { at += 1 }
            for number in first..<(first + count) {
                guard at + 20 <= bytes.count else { return found }
                let entryStart = at
                if bytes[at + 17] == UInt8(ascii: "n"), let offset = integer(), at - entryStart == 10, offset > 0,
                    Self.objectStarts(number, in: bytes, at: offset - 1)
                {
                    found[number] = offset - 1
                }
                at = entryStart
                at += 20
            }
        }
        return found
    }

    /// Whether `\nN 0 obj\n` stands at `at`: read as bytes (a string made per object took a tenth of a long report's update).
    private static func objectStarts(_ number: Int, in bytes: [UInt8], at: Int) -> Bool {
        guard at >= 0, at < bytes.count, bytes[at] == 10 else { return false }
        var digits = 1, n = number
        while n >= 10 { n /= 10; digits += 1 }
        let end = at + 1 + digits
        guard end + 7 <= bytes.count else { return false }
        var value = number
        for i in stride(from: end - 1, through: at + 1, by: -1) {
            guard bytes[i] == UInt8(48 + value % 10) else { return false }
            value /= 10
        }
        return bytes[end..<(end + 7)].elementsEqual(" 0 obj\n".utf8)
    }



    /// Where `\nN 0 obj\n` + `opening` starts: from the cross-reference table, else the first such bytes.
    private func start(of number: Int, opening: String) -> Int? {
        let head = "\n\(number) 0 obj\n\(opening)"
        if let at = offsets[number] { return bytes[at...].starts(with: head.utf8) ? at : nil }
        return firstIndex(of: head, from: 0)
    }

    /// The text between an object's opening `<<` (or `opening`) and its `>>\nendobj`.
    func body(of number: Int, opening: String = "<<") -> String? {
        guard let head = start(of: number, opening: opening) else { return nil }
        let bodyStart = head + "\n\(number) 0 obj\n\(opening)".utf8.count
        let closing = opening == "[" ? "]\nendobj" : ">>\nendobj"
        guard let end = firstIndex(of: closing, from: bodyStart) else { return nil }
        return String(decoding: bytes[bodyStart..<end], as: UTF8.self)
    }

    /// A stream object's raw (still encoded) bytes; its `/Length` direct or an indirect object.
    func stream(_ object: Int) -> [UInt8]? {
        guard let head = start(of: object, opening: "<<"),
            let open = firstIndex(of: "stream\n", from: head)
        else { return nil }
        let dictionary = String(decoding: bytes[head..<open], as: UTF8.self)
        guard let lengthAt = dictionary.range(of: "/Length ") else { return nil }
        let after = dictionary[lengthAt.upperBound...].split(separator: "\n")[0].split(separator: " ")
        var length = Int(after[0])
        if after.count >= 3, after[2] == "R", let ref = length {
            length = start(of: ref, opening: "").flatMap { at in
                let digits = bytes[(at + "\n\(ref) 0 obj\n".utf8.count)...].drop { $0 == 32 }.prefix {
                    (48...57).contains($0)
                }
                return Int(String(decoding: digits, as: UTF8.self))
            }
        }
        let from = open + "stream\n".utf8.count
        guard let length, from + length <= bytes.count else { return nil }
        return Array(bytes[from..<(from + length)])
    }

    /// The structure elements of type `type`, by object number, with their dictionaries' bodies.
    func structureElements(of type: String) -> [(number: Int, body: String)] {
        guard !offsets.isEmpty else { return scannedStructureElements(of: type) }
        // As Cairo writes one: `N 0 obj\n<< /Type /StructElem\n   /S /TYPE\n`.
        let head = Array("<< /Type /StructElem\n   /S /\(type)\n".utf8), close = Array(">>\nendobj".utf8)
        var found: [(number: Int, body: String)] = []
        for (number, at) in offsets {
            var from = at + 1
            while from < bytes.count, bytes[from] != 10 { from += 1 }
            from += 1   // past `N 0 obj\n`
            guard from + head.count <= bytes.count, bytes[from..<(from + head.count)].elementsEqual(head) else { continue }
            var end = from + head.count
            while end + close.count <= bytes.count, !bytes[end..<(end + close.count)].elementsEqual(close) { end += 1 }
            guard end + close.count <= bytes.count else { continue }
            found.append((number, String(decoding: bytes[(from + 2)..<end], as: UTF8.self)))
        }
        return found.sorted { $0.number < $1.number }
    }

    /// `structureElements(of:)` for a file without a usable cross-reference table: every byte searched.
    private func scannedStructureElements(of type: String) -> [(number: Int, body: String)] {
        var found: [(number: Int, body: String)] = []
        var i = 0
        while let s = firstIndex(of: "/S /\(type)\n", from: i) {
            i = s + 1
            guard let open = lastIndex(of: " 0 obj\n<<", before: s), let end = firstIndex(of: ">>\nendobj", from: s)
            else { continue }
            var start = open
            while start > 0, (48...57).contains(bytes[start - 1]) { start -= 1 }
            guard let number = Int(String(decoding: bytes[start..<open], as: UTF8.self)),
                String(decoding: bytes[open..<s], as: UTF8.self).contains("/Type /StructElem")
            else { continue }
            found.append((number, String(decoding: bytes[(open + " 0 obj\n<<".utf8.count)..<end], as: UTF8.self)))
        }
        return found.sorted { $0.number < $1.number }
    }

    func number(after key: String, from start: Int) -> Int? {
        guard let i = firstIndex(of: key, from: start) else { return nil }
        let digits = bytes[(i + key.utf8.count)...].prefix { (48...57).contains($0) }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    func number(after key: String, in text: String) -> Int? {
        guard let r = text.range(of: key) else { return nil }
        return Int(text[r.upperBound...].prefix { $0.isNumber })
    }

    private func matches(_ needle: [UInt8], at i: Int) -> Bool {
        i + needle.count <= bytes.count && bytes[i..<(i + needle.count)].elementsEqual(needle)
    }

    func firstIndex(of text: String, from start: Int) -> Int? {
        let needle = Array(text.utf8)
        var i = start
        while i + needle.count <= bytes.count {
            guard let j = bytes[i...].firstIndex(of: needle[0]) else { return nil }
            if matches(needle, at: j) { return j }
            i = j + 1
        }
        return nil
    }

    func lastIndex(of text: String, before end: Int? = nil) -> Int? {
        let needle = Array(text.utf8)
        var i = min(end ?? bytes.count, bytes.count) - needle.count
        while i >= 0 {
            if bytes[i] == needle[0], matches(needle, at: i) { return i }
            i -= 1
        }
        return nil
    }

    func contains(_ text: String) -> Bool { firstIndex(of: text, from: 0) != nil }
}
