import Foundation

/// Cairo 1.16 writes a PDF's structure tree but not the catalog entries that declare it
/// (`/MarkInfo << /Marked true >>`) nor the document language, and it cannot give a figure its
/// alternative text. This appends them as a PDF incremental update (ISO 32000 §7.5.6): a new
/// catalog object, each `Figure` structure element again with `/Alt`, their cross-reference entries
/// and a trailer pointing back at Cairo's — Cairo's bytes are left as they are.
enum TaggedPDF {
    /// `figureAlternatives` are the figures' texts in the order their tags were begun; Cairo numbers
    /// structure elements in that order, so the n-th `Figure` object by number is the n-th figure.
    static func declare(_ pdf: Data, language: String, figureAlternatives: [String] = []) -> Data {
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
        var objects = [(number: root, text: "\(root) 0 obj\n<<\(body)   /MarkInfo << /Marked true >>\n   /Lang (\(lang))\n"
            + "   /ViewerPreferences << /DisplayDocTitle true >>\n>>\nendobj\n")]
        objects += figures(in: bytes, before: trailer).enumerated().compactMap { n, figure in
            guard figureAlternatives.indices.contains(n) else { return nil }
            return (figure.number, "\(figure.number) 0 obj\n<<\(figure.body)   /Alt \(textString(figureAlternatives[n]))\n>>\nendobj\n")
        }
        var out = pdf
        if out.last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        var update = ""
        var entries = ""
        for object in objects {
            entries += "\(object.number) 1\n" + String(format: "%010d 00000 n \n", out.count + update.utf8.count)
            update += object.text
        }
        let xref = out.count + update.utf8.count
        update += "xref\n" + entries
        update += "trailer\n<< /Size \(size)\n   /Root \(root) 0 R\n" + (info.map { "   /Info \($0) 0 R\n" } ?? "")
            + "   /Prev \(prev)\n>>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(contentsOf: Array(update.utf8))
        return out
    }

    /// The `Figure` structure elements Cairo wrote, by object number, with their dictionaries' bodies.
    private static func figures(in bytes: [UInt8], before limit: Int) -> [(number: Int, body: String)] {
        var found: [(number: Int, body: String)] = []
        var i = 0
        while let s = firstIndex(of: "/S /Figure\n", in: bytes, from: i), s < limit {
            i = s + 1
            guard let open = lastIndex(of: " 0 obj\n<<", in: bytes, before: s),
                  let end = firstIndex(of: ">>\nendobj", in: bytes, from: s) else { continue }
            var start = open
            while start > 0, (48...57).contains(bytes[start - 1]) { start -= 1 }
            guard let number = Int(String(decoding: bytes[start..<open], as: UTF8.self)) else { continue }
            let bodyStart = open + " 0 obj\n<<".utf8.count
            found.append((number, String(decoding: bytes[bodyStart..<end], as: UTF8.self)))
        }
        return found.sorted { $0.number < $1.number }
    }

    /// A PDF text string in UTF-16BE with its byte-order mark, as hex (ISO 32000 §7.9.2.2).
    static func textString(_ text: String) -> String {
        "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
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

    static func lastIndex(of text: String, in bytes: [UInt8], before end: Int? = nil) -> Int? {
        let needle = Array(text.utf8)
        var i = min(end ?? bytes.count, bytes.count) - needle.count
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
