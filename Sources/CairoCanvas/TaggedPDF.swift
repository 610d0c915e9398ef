import Foundation

/// Cairo 1.16 writes a PDF's structure tree but not the catalog entries that declare it
/// (`/MarkInfo << /Marked true >>`) nor the document language. This appends them as a PDF
/// incremental update (ISO 32000 §7.5.6): a new catalog object, its cross-reference entry and a
/// trailer pointing back at Cairo's — Cairo's bytes are left as they are.
enum TaggedPDF {
    static func declare(_ pdf: Data, language: String) -> Data {
        let text = String(decoding: pdf, as: UTF8.self)
        guard text.contains("/StructTreeRoot"),
              let trailer = text.range(of: "trailer", options: .backwards),
              let root = number(after: "/Root ", in: text[trailer.upperBound...]),
              let size = number(after: "/Size ", in: text[trailer.upperBound...]),
              let prev = number(after: "startxref\n", in: text[trailer.upperBound...]),
              let start = text.range(of: "\n\(root) 0 obj\n<<"),
              let end = text.range(of: ">>\nendobj", range: start.upperBound..<text.endIndex)
        else { return pdf }
        let info = number(after: "/Info ", in: text[trailer.upperBound...])
        let body = text[start.upperBound..<end.lowerBound]
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

    private static func number(after key: String, in text: Substring) -> Int? {
        guard let r = text.range(of: key) else { return nil }
        return Int(text[r.upperBound...].prefix { $0.isNumber })
    }
}
