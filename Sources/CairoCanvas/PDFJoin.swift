import Foundation
import Parallelism

/// Joins the two PDFs Cairo draws of one long document on two cores (`Renderer.pdf(_:metadata:bookmarks:helper:)`).
///
/// The first file holds every page, but those from `start` on are blank save their named destinations,
/// so its outline and contents links resolve as Cairo checks them; the second file holds those pages
/// drawn. The joined file is the first with each of those pages' content stream, resources and
/// structure elements taken from the second: its objects numbered after the first's, its top-level
/// structure elements appended to the first's structure tree root, its parent-tree entries appended
/// under new keys. Fonts stay each file's own subsets. The result is laid out as Cairo writes a file
/// (objects in order, one cross-reference table), for `TaggedPDF.declare` to finish.
enum PDFJoin {
    /// A file read for the join (each half's on the thread that drew it); nil if it is not as Cairo writes one.
    static func part(_ bytes: [UInt8]) -> Part? { Part(PDFFile(bytes: bytes)) }

    /// The joined file, or nil when the files are not as Cairo writes them (the caller draws the document whole).
    static func join(_ a: Part, _ b: Part, at start: Int) -> PDFFile? {
        guard a.pages.count == start + b.pages.count, b.outlines == nil,
            let treeA = a.structTreeRoot, let treeB = b.structTreeRoot,
            let parentsA = a.parentTree, let parentsB = b.parentTree
        else { return nil }
        // The second file's objects to bring, numbered after the first's; its pages become the first's.
        let dropped = Set([b.catalog, b.pagesRoot, treeB, parentsB] + b.pages + [b.info, b.names, b.dests].compactMap { $0 })
        var map: [Int: Int] = [b.pagesRoot: a.pagesRoot, treeB: treeA]
        for (i, page) in b.pages.enumerated() { map[page] = a.pages[start + i] }
        var bodies = a.bodies
        for number in 1..<b.bodies.count where !dropped.contains(number) {
            map[number] = bodies.count
            bodies.append(b.bodies[number])
        }
        let brought = Parallel.map(Array(bodies[a.bodies.count...])) { [map] in renumbered($0, map) }   // on every core
        bodies.replaceSubrange(a.bodies.count..., with: brought)
        // Parent-tree keys: the second file's follow the first's.
        guard let keysA = numberTree(a.bodies[parentsA]), let keysB = numberTree(b.bodies[parentsB]) else { return nil }
        let offset = (keysA.map(\.key).max() ?? -1) + 1
        for (i, page) in b.pages.enumerated() {
            guard let body = shifted(renumbered(b.bodies[page], map), key: "/StructParents ", by: offset) else {
                return nil
            }
            bodies[a.pages[start + i]] = body
        }
        let entries = keysA + keysB.map { ($0.key + offset, map[$0.value] ?? $0.value) }
        bodies[parentsA] = Array(
            ("<< /Nums [\n" + entries.map { "   \($0.key) \($0.value) 0 R\n" }.joined() + "  ]\n>>").utf8)
        guard let kidsA = topElements(a.bodies[treeA]), let kidsB = topElements(b.bodies[treeB]) else { return nil }
        let kids = kidsA + kidsB.map { map[$0] ?? $0 }
        bodies[treeA] = Array(
            ("<< /Type /StructTreeRoot\n   /ParentTree \(parentsA) 0 R\n   /K [ "
                + kids.map { "\($0) 0 R " }.joined() + "]\n>>").utf8)
        return write(header: a.header, bodies: bodies, root: a.catalog, info: a.info)
    }

    /// A file of Cairo's: its objects' bodies by number and the objects the join reads or replaces.
    struct Part: Sendable {
        var header: [UInt8]
        var bodies: [[UInt8]]
        var catalog: Int, info: Int?, pagesRoot: Int, pages: [Int]
        var structTreeRoot: Int?, parentTree: Int?, outlines: Int?, names: Int?, dests: Int?

        init?(_ file: PDFFile) {
            guard let trailer = file.lastIndex(of: "trailer"), let size = file.number(after: "/Size ", from: trailer),
                let catalog = file.number(after: "/Root ", from: trailer),
                let objects = ObjectStreams.objects(of: file, size: size)
            else { return nil }
            let bodies = objects.bodies.map(\.0)
            func reference(_ key: String, in number: Int?) -> Int? {
                guard let number, bodies.indices.contains(number) else { return nil }
                return file.number(after: key, in: String(decoding: bodies[number], as: UTF8.self))
            }
            guard let pagesRoot = reference("/Pages ", in: catalog) else { return nil }
            let kids = String(decoding: bodies[pagesRoot], as: UTF8.self)
            guard let open = kids.range(of: "/Kids ["), let close = kids[open.upperBound...].firstIndex(of: "]")
            else { return nil }
            header = objects.header
            self.bodies = bodies
            self.catalog = catalog
            self.pagesRoot = pagesRoot
            info = file.number(after: "/Info ", from: trailer)
            pages = PDFJoin.references(in: String(kids[open.upperBound..<close]))
            structTreeRoot = reference("/StructTreeRoot ", in: catalog)
            parentTree = reference("/ParentTree ", in: structTreeRoot)
            outlines = reference("/Outlines ", in: catalog)
            names = reference("/Names ", in: catalog)
            dests = reference("/Dests ", in: names)
        }
    }

    /// The object numbers of the references `N 0 R` in `text`, in order.
    static func references(in text: String) -> [Int] {
        let tokens = text.split(whereSeparator: \.isWhitespace)
        return tokens.indices.dropLast(2).compactMap { i in
            tokens[i + 1] == "0" && tokens[i + 2] == "R" ? Int(tokens[i]) : nil
        }
    }

    /// A number tree written flat (`<< /Nums [ key N 0 R … ] >>`, as Cairo writes the parent tree).
    private static func numberTree(_ body: [UInt8]) -> [(key: Int, value: Int)]? {
        let text = String(decoding: body, as: UTF8.self)
        guard let open = text.range(of: "/Nums ["), let close = text[open.upperBound...].firstIndex(of: "]") else {
            return nil
        }
        let tokens = text[open.upperBound..<close].split(whereSeparator: \.isWhitespace)
        guard tokens.count % 4 == 0 else { return nil }
        return stride(from: 0, to: tokens.count, by: 4).compactMap { i in
            guard let key = Int(tokens[i]), let value = Int(tokens[i + 1]), tokens[i + 3] == "R" else { return nil }
            return (key, value)
        }
    }

    /// The structure tree root's children (`/K [ … ]` or a single `/K N 0 R`).
    private static func topElements(_ body: [UInt8]) -> [Int]? {
        let text = String(decoding: body, as: UTF8.self)
        guard let k = text.range(of: "/K ") else { return [] }
        let rest = text[k.upperBound...]
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            return references(in: String(rest[rest.index(after: rest.startIndex)..<close]))
        }
        return references(in: String(rest.prefix { $0 != "\n" && $0 != "/" && $0 != ">" }))
    }

    /// `body` with the integer after `key` raised by `offset`.
    private static func shifted(_ body: [UInt8], key: String, by offset: Int) -> [UInt8]? {
        let needle = Array(key.utf8)
        guard let at = body.indices.first(where: { body[$0...].starts(with: needle) }) else { return body }
        let from = at + needle.count
        let digits = body[from...].prefix { (48...57).contains($0) }
        guard let value = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
        return Array(body[..<from]) + Array(String(value + offset).utf8) + Array(body[(from + digits.count)...])
    }

    /// `body` with every reference `N 0 R` whose N is in `map` renumbered; a stream's bytes are kept
    /// as they are, only its dictionary is read (`PDFReferences`).
    static func renumbered(_ body: [UInt8], _ map: [Int: Int]) -> [UInt8] {
        PDFReferences.rewritten(body, before: streamStart(body)) { n in map[n].map { Array("\($0) 0 R".utf8) } }
    }

    /// Where a stream object's data begins (after its dictionary's `stream` keyword), if it is one.
    private static func streamStart(_ body: [UInt8]) -> Int? {
        let keyword = Array(">>\nstream\n".utf8)
        var i = 0
        while i + keyword.count <= body.count {
            guard let j = body[i...].firstIndex(of: keyword[0]) else { return nil }
            if j + keyword.count <= body.count, body[j..<(j + keyword.count)].elementsEqual(keyword) {
                return j + keyword.count
            }
            i = j + 1
        }
        return nil
    }

    /// A file as Cairo lays one out: the header, every object in order, a cross-reference table, the
    /// trailer; with its objects' places and bodies known, so `TaggedPDF` need not read them again.
    private static func write(header: [UInt8], bodies: [[UInt8]], root: Int, info: Int?) -> PDFFile {
        var out = header
        if out.last != 10 { out.append(10) }
        var offsets: [Int: Int] = [:]
        offsets.reserveCapacity(bodies.count)
        out.reserveCapacity(bodies.reduce(header.count + 20 * bodies.count + 200) { $0 + $1.count + 32 })
        let open = Array(" 0 obj\n".utf8), close = Array("\nendobj\n".utf8), entry = Array(" 00000 n \n".utf8)
        var starts: [Int] = [0]
        starts.reserveCapacity(bodies.count)
        for number in 1..<bodies.count {
            starts.append(out.count)
            offsets[number] = out.count - 1   // the newline before `N 0 obj`, as PDFFile keeps it
            appendDecimal(number, to: &out)
            out += open
            out += bodies[number]
            out += close
        }
        let xref = out.count
        out += "xref\n0 \(bodies.count)\n0000000000 65535 f \n".utf8
        for number in 1..<bodies.count {
            appendDecimal(starts[number], to: &out, width: 10)
            out += entry
        }
        out += ("trailer\n<< /Size \(bodies.count)\n   /Root \(root) 0 R\n" + (info.map { "   /Info \($0) 0 R\n" } ?? "")
            + ">>\nstartxref\n\(xref)\n%%EOF\n").utf8
        return PDFFile(bytes: out, offsets: offsets, bodies: bodies)
    }

    /// `n` in decimal digits, zero-padded to `width`.
    private static func appendDecimal(_ n: Int, to out: inout [UInt8], width: Int = 0) {
        var count = 1, v = n
        while v >= 10 { v /= 10; count += 1 }
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(48), count: max(count, width)))
        var i = out.count - 1
        v = n
        repeat {
            out[i] = UInt8(48 + v % 10)
            v /= 10
            i -= 1
        } while v > 0 && i >= start
    }
}
