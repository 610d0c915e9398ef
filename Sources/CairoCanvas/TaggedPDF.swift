import Foundation

/// Cairo 1.16 writes a PDF's structure tree but not the catalog entries that declare it
/// (`/MarkInfo << /Marked true >>`) nor the document language. This appends them as a PDF
/// incremental update (ISO 32000 §7.5.6): a new catalog object, its cross-reference entry and a
/// trailer pointing back at Cairo's — Cairo's bytes are left as they are.
enum TaggedPDF {
    static func declare(_ pdf: Data, language: String) -> Data {
        let bytes = [UInt8](pdf)
        guard let trailer = lastIndex(of: "trailer", in: bytes), contains("/StructTreeRoot", in: bytes),
              let root = number(after: "/Root ", in: bytes, from: trailer),
              let size = number(after: "/Size ", in: bytes, from: trailer),
              let prev = number(after: "startxref\n", in: bytes, from: trailer),
              let start = firstIndex(of: "\n\(root) 0 obj\n<<", in: bytes, from: 0),
              let end = firstIndex(of: ">>\nendobj", in: bytes, from: start)
        else { return pdf }
        let info = number(after: "/Info ", in: bytes, from: trailer)
        let bodyStart = start + "\n\(root) 0 obj\n<<".utf8.count
        let body = String(decoding: bytes[bodyStart..<end], as: UTF8.self)
        let lang = language.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        var update = "\(root) 0 obj\n<<\(body)   /MarkInfo << /Marked true >>\n   /Lang (\(lang))\n"
            + "   /ViewerPreferences << /DisplayDocTitle true >>\n>>\nendobj\n"
        var out = pdf
        if out.last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        let offset = out.count
        let xref = out.count + update.utf8.count
        update += "xref\n\(root) 1\n" + String(format: "%010d 00000 n \n", offset)
        update += "trailer\n<< /Size \(size)\n   /Root \(root) 0 R\n" + (info.map { "   /Info \($0) 0 R\n" } ?? "")
            + "   /Prev \(prev)\n>>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(contentsOf: Array(update.utf8))
        return out
    }

    private static func matches(_ needle: [UInt8], _ bytes: [UInt8], at i: Int) -> Bool {
        i + needle.count <= bytes.count && bytes[i..<(i + needle.count)].elementsEqual(needle)
    }

    static func firstIndex(of text: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(text.utf8)
        var i = start
        while i + needle.count <= bytes.count {
            guard let j = bytes[i...].firstIndex(of: needle[0]) else { return nil }
            if matches(needle, bytes, at: j) { return j }
            i = j + 1
        }
        return nil
    }

    static func lastIndex(of text: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(text.utf8)
        var i = bytes.count - needle.count
        while i >= 0 {
            if bytes[i] == needle[0], matches(needle, bytes, at: i) { return i }
            i -= 1
        }
        return nil
    }

    static func contains(_ text: String, in bytes: [UInt8]) -> Bool { firstIndex(of: text, in: bytes, from: 0) != nil }

    private static func number(after key: String, in bytes: [UInt8], from start: Int) -> Int? {
        guard let i = firstIndex(of: key, in: bytes, from: start) else { return nil }
        let digits = bytes[(i + key.utf8.count)...].prefix { (48...57).contains($0) }
        return Int(String(decoding: digits, as: UTF8.self))
    }
}
