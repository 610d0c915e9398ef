import CSystemZlib
import Foundation
import Parallelism

/// Cairo 1.16 writes every object that is not a stream as plain text: a report's structure tree,
/// parent tree, annotations and outline are most of a long PDF's bytes. This writes the file again
/// in the PDF 1.5 way (ISO 32000 §7.5.7, §7.5.8): streams as Cairo wrote them, every other object
/// packed into compressed object streams, and a cross-reference stream in place of the table.
/// The objects themselves are unchanged, so the structure, bookmarks and links read as before.
enum ObjectStreams {
    /// Objects a stream holds: qpdf's choice is 100; more compress a little better, and a reader
    /// inflates one stream for any object in it.
    static let perStream = 200

    /// The file with `replacing`'s objects in place of theirs, packed; nil when `file` is not laid out
    /// as Cairo writes it (every object 1..<size listed in one cross-reference table, one after another).
    static func packed(
        _ file: PDFFile, replacing: [(number: Int, object: [UInt8])], size: Int, root: Int, info: Int?
    ) -> Data? {
        guard let objects = objects(of: file, size: size) else { return nil }
        var bodies = objects.bodies
        for (number, object) in replacing {
            guard bodies.indices.contains(number) else { return nil }
            bodies[number] = (object, isStream(object))
        }
        // Streams Cairo stored while drawing (`Renderer.cairoPDF`, CStoredStreams), compressed here on every core.
        let stored = bodies.indices.filter { bodies[$0].1 && StoredStream.isStored(bodies[$0].0) }
        let compressed = Parallel.map(stored.map { bodies[$0].0 }) { StoredStream.compressed($0) }
        for (number, body) in zip(stored, compressed) { bodies[number] = (body, true) }
        let out = write(header: objects.header, bodies: bodies, root: root, info: info, id: trailerID(file))
        // The cross-reference stream's offsets are 4 bytes: a larger file keeps Cairo's own layout.
        return out.count <= Int(UInt32.max) ? out : nil
    }

    /// Each object's body (between `N 0 obj` and `endobj`) by number, and the bytes before the first.
    static func objects(of file: PDFFile, size: Int) -> (header: [UInt8], bodies: [([UInt8], Bool)])? {
        let bytes = file.bytes
        if let known = file.bodies, known.count == size, let first = file.offsets[1] {
            return (Array(bytes[0...first]), known.map { ($0, isStream($0)) })
        }
        guard size > 1, file.offsets.count == size - 1, (1..<size).allSatisfy({ file.offsets[$0] != nil }),
            let startxref = file.lastIndex(of: "startxref\n"),
            let xref = file.number(after: "startxref\n", from: startxref)
        else { return nil }
        let order = file.offsets.sorted { $0.value < $1.value }
        guard let first = order.first?.value, order.last!.value < xref else { return nil }
        var bodies = Array(repeating: ([UInt8](), false), count: size)
        for (k, (number, at)) in order.enumerated() {
            let end = k + 1 < order.count ? order[k + 1].value : xref
            let from = at + "\n\(number) 0 obj\n".utf8.count
            guard let close = lastEndobj(in: bytes, from: from, before: end) else { return nil }
            var body = Array(bytes[from..<close])
            while let last = body.last, last == 10 || last == 13 || last == 32 { body.removeLast() }
            bodies[number] = (body, isStream(body))
        }
        return (Array(bytes[0...first]), bodies)
    }

    private static func lastEndobj(in bytes: [UInt8], from: Int, before end: Int) -> Int? {
        let needle = Array("endobj".utf8)
        var i = end - needle.count
        while i >= from {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }

    /// A stream object ends with `endstream`; it stays outside object streams (§7.5.7).
    private static func isStream(_ body: [UInt8]) -> Bool {
        var end = body.count
        while end > 0, [10, 13, 32].contains(body[end - 1]) { end -= 1 }
        return end >= 9 && body[(end - 9)..<end].elementsEqual("endstream".utf8)
    }

    /// The trailer's `/ID [<…> <…>]`, kept as written.
    private static func trailerID(_ file: PDFFile) -> String? {
        guard let trailer = file.lastIndex(of: "trailer"), let at = file.firstIndex(of: "/ID", from: trailer),
            let close = file.bytes[at...].firstIndex(of: UInt8(ascii: "]"))
        else { return nil }
        return String(decoding: file.bytes[at...close], as: UTF8.self)
    }

    /// Where an object is: in the file at an offset, or the n-th of an object stream.
    private enum Entry { case free, inFile(Int), packed(stream: Int, index: Int) }

    private static func write(
        header: [UInt8], bodies: [([UInt8], Bool)], root: Int, info: Int?, id: String?
    ) -> Data {
        var out = Data(header)
        var entries = Array(repeating: Entry.free, count: bodies.count)
        func object(_ number: Int, _ body: [UInt8]) {
            entries[number] = .inFile(out.count)
            out.append(contentsOf: Array("\(number) 0 obj\n".utf8))
            out.append(contentsOf: body)
            out.append(contentsOf: Array("\nendobj\n".utf8))
        }
        var plain: [Int] = []
        for number in 1..<bodies.count {
            if bodies[number].1 { object(number, bodies[number].0) } else { plain.append(number) }
        }
        // Object streams: a line of “number offset” pairs, then the objects one after another;
        // compressed on every core, written in order, at zlib's fastest level (zlib's default made a
        // 126-page report 3 % smaller for twice the time).
        let groups = stride(from: 0, to: plain.count, by: perStream).map { plain[$0..<min(plain.count, $0 + perStream)] }
        let packed = Parallel.map(groups) { group in
            var index = "", content: [UInt8] = []
            for number in group {
                index += "\(number) \(content.count) "
                content += bodies[number].0
                content.append(10)
            }
            index.removeLast()
            index += "\n"
            return (first: index.utf8.count, data: Flate.deflate(Array(index.utf8) + content, level: Z_BEST_SPEED))
        }
        var next = bodies.count
        for (group, (first, data)) in zip(groups, packed) {
            for (i, number) in group.enumerated() { entries[number] = .packed(stream: next, index: i) }
            entries.append(.free)
            object(
                next,
                Array("<< /Type /ObjStm /N \(group.count) /First \(first) /Filter /FlateDecode /Length \(data.count) >>\nstream\n".utf8)
                    + data + Array("\nendstream".utf8))
            next += 1
        }
        // The cross-reference stream: a row of 1 + 4 + 2 bytes an object (type; offset or stream; 0 or index).
        entries.append(.inFile(out.count))
        var rows: [UInt8] = []
        rows.reserveCapacity(entries.count * 7)
        for entry in entries {
            let (type, field2, field3): (UInt8, Int, Int) =
                switch entry {
                case .free: (0, 0, 0)
                case .inFile(let offset): (1, offset, 0)
                case .packed(let stream, let index): (2, stream, index)
                }
            rows.append(type)
            for shift in [24, 16, 8, 0] { rows.append(UInt8(truncatingIfNeeded: field2 >> shift)) }
            for shift in [8, 0] { rows.append(UInt8(truncatingIfNeeded: field3 >> shift)) }
        }
        let data = Flate.deflate(rows)   // fastest: 7-byte rows of small numbers pack well at any level
        let xref = out.count
        let dictionary =
            "<< /Type /XRef /Size \(entries.count) /W [1 4 2] /Root \(root) 0 R"
            + (info.map { " /Info \($0) 0 R" } ?? "") + (id.map { " " + $0 } ?? "")
            + " /Filter /FlateDecode /Length \(data.count) >>\nstream\n"
        out.append(contentsOf: Array("\(next) 0 obj\n".utf8) + Array(dictionary.utf8) + data)
        out.append(contentsOf: Array("\nendstream\nendobj\nstartxref\n\(xref)\n%%EOF\n".utf8))
        return out
    }
}

/// A stream object whose data is a stored zlib stream (deflate's block type 0: framed, not compressed).
enum StoredStream {
    static func isStored(_ body: [UInt8]) -> Bool {
        guard let (from, to) = dataRange(body), to - from >= 3 else { return false }
        let cmf = Int(body[from]), flg = Int(body[from + 1])
        return cmf & 0x0F == 8 && (cmf * 256 + flg) % 31 == 0 && flg & 0x20 == 0 && body[from + 2] & 0x06 == 0
    }

    /// The object with its data compressed at zlib's fastest level and its `/Length` written in place
    /// (Cairo gives a stream's length as a separate object, written before the length was known).
    static func compressed(_ body: [UInt8]) -> [UInt8] {
        guard let (from, to) = dataRange(body), let data = Flate.inflate(Array(body[from..<to])) else { return body }
        let packed = Flate.deflate(data)
        let dictionary = body[..<(from - "stream\n".utf8.count)]
        guard let length = lengthEntry(in: dictionary) else { return body }
        return Array(dictionary[..<length.lowerBound]) + Array("/Length \(packed.count)".utf8)
            + dictionary[length.upperBound...] + Array("stream\n".utf8) + packed + Array("\nendstream".utf8)
    }

    /// Where `/Length N` or `/Length N 0 R` is written in a stream's dictionary.
    private static func lengthEntry(in dictionary: ArraySlice<UInt8>) -> Range<Int>? {
        let key = Array("/Length ".utf8), reference = Array(" 0 R".utf8)
        var i = dictionary.startIndex
        while let at = firstIndex(of: key, in: dictionary, from: i) {
            var end = at + key.count
            while end < dictionary.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(dictionary[end]) { end += 1 }
            if end > at + key.count {
                if dictionary[end...].starts(with: reference) { end += reference.count }
                return at..<end
            }
            i = at + 1
        }
        return nil
    }

    /// Where a stream object's data lies: after its dictionary's `stream` line, before `endstream`.
    private static func dataRange(_ body: [UInt8]) -> (Int, Int)? {
        let open = Array(">>\nstream\n".utf8), close = Array("\nendstream".utf8)
        guard body.count > open.count + close.count, body[(body.count - close.count)...].elementsEqual(close),
            let at = firstIndex(of: open, in: body[...], from: 0)
        else { return nil }
        return (at + open.count, body.count - close.count)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var i = start
        while i + needle.count <= bytes.endIndex, let j = bytes[i...].firstIndex(of: needle[0]) {
            if bytes[j...].starts(with: needle) { return j }
            i = j + 1
        }
        return nil
    }
}
