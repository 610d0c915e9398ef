import CLibXML2
import CountyData
import Foundation

/// An .xlsx workbook (Office Open XML): the ZIP container read with minizip, each part streamed
/// through libxml2's xmlTextReader. Cells read as Excel shows them: shared and inline strings, numbers
/// (at Excel's 15 significant digits), booleans, formulas' cached values, error values as written
/// (`#DIV/0!`, which the loader reports), merged cells spread over the cells they cover.
public final class XLSXBook: Workbook {
    public let path: String
    public let sheetNames: [String]
    private let archive: ZipArchive
    private let sheetParts: [String]
    private let sharedStringsPart: String?
    private var sharedStrings: SharedStrings?
    private let stylesPart: String?
    private let date1904: Bool
    private var dateFormats: DateFormats?
    /// The most bytes one part may unpack to: a guard against zip bombs.
    let partBudget: Int
    public static let defaultPartBudget = 256 << 20

    public init(path: String, partBudget: Int = XLSXBook.defaultPartBudget) throws(DataError) {
        self.path = path
        self.partBudget = partBudget
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError(SourceLocation(file: path), "no such file")
        }
        guard let archive = ZipArchive(path: path) else {
            throw DataError(
                SourceLocation(file: path),
                "not a readable .xlsx workbook (its ZIP directory is missing or damaged: truncated?)")
        }
        self.archive = archive
        // xl/workbook.xml names the sheets; its relationships say which part holds each.
        let rels = try Self.relationships(archive, "xl/_rels/workbook.xml.rels", path: path, budget: partBudget)
        guard let book = try Self.part(archive, "xl/workbook.xml", path: path, budget: partBudget) else {
            throw DataError(SourceLocation(file: path), "not an .xlsx workbook: it has no xl/workbook.xml")
        }
        let stream = try XMLStream(owning: book, name: "\(path):xl/workbook.xml")
        let sheetName = stream.intern("sheet"), workbookPr = stream.intern("workbookPr")
        var names: [String] = [], parts: [String] = []
        var date1904 = false
        while try stream.next() {
            guard stream.nodeType == XMLStream.element else { continue }
            if stream.localName == workbookPr {
                date1904 = ["1", "true"].contains(stream.attribute("date1904") ?? "")
                continue
            }
            guard stream.localName == sheetName else { continue }
            let name = stream.attribute("name") ?? "Sheet\(names.count + 1)"
            let id =
                stream.attribute("id", namespace: "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
                ?? stream.attribute("id", namespace: "http://purl.oclc.org/ooxml/officeDocument/relationships") ?? ""
            guard let target = rels.first(where: { $0.id == id })?.target else {
                throw DataError(
                    SourceLocation(file: "\(path):xl/workbook.xml", line: stream.line),
                    "sheet “\(name)” names no part (relationship “\(id)”)")
            }
            names.append(name); parts.append(target)
        }
        sheetNames = names
        sheetParts = parts
        sharedStringsPart = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target
        stylesPart = rels.first { $0.type.hasSuffix("/styles") }?.target
        self.date1904 = date1904
    }

    /// Reads sheet `index` (0-based) row by row; `sheetFile` names it in errors (`book.xlsx#Sheet1`). The part is
    /// read twice as it is unpacked, never whole: once for its merged ranges (after the cells), then for the cells.
    public func readRows(ofSheet index: Int, sheetFile: String, _ body: (borrowing SheetRow) -> Void) throws(DataError)
    {
        let name = sheetParts[index]
        guard let entry = try Self.entry(archive, name, path: path, budget: partBudget) else {
            throw DataError(SourceLocation(file: sheetFile), "the workbook has no part \(name) for this sheet")
        }
        let strings = try loadSharedStrings()
        let dates = try loadDateFormats()
        let merges = try MergedCells(archive: archive, entry: entry)
        let stream = try XMLStream(streaming: PartStream(path: path, entry: entry), name: "\(path):\(name)")
        var reader = SheetXMLReader(stream: stream, file: sheetFile, merges: merges, dates: dates)
        try reader.read(sharedStrings: { () throws(DataError) -> SharedStrings? in strings }, body)
    }

    private func loadSharedStrings() throws(DataError) -> SharedStrings? {
        if let sharedStrings { return sharedStrings }
        guard let part = sharedStringsPart, let bytes = try Self.part(archive, part, path: path, budget: partBudget)
        else { return nil }
        let strings = try SharedStrings(XMLStream(owning: bytes, name: "\(path):\(part)"))
        sharedStrings = strings
        return strings
    }

    /// The styles whose number format is a date (none when the workbook has no styles part).
    private func loadDateFormats() throws(DataError) -> DateFormats {
        if let dateFormats { return dateFormats }
        var formats = DateFormats()
        formats.date1904 = date1904
        if let part = stylesPart, let bytes = try Self.part(archive, part, path: path, budget: partBudget) {
            formats = try DateFormats(styles: XMLStream(owning: bytes, name: "\(path):\(part)"), date1904: date1904)
        }
        dateFormats = formats
        return formats
    }

    struct Relationship { var id: String; var target: String; var type: String }

    private static func relationships(_ archive: ZipArchive, _ name: String, path: String, budget: Int)
        throws(DataError)
        -> [Relationship]
    {
        guard let bytes = try part(archive, name, path: path, budget: budget) else {
            throw DataError(SourceLocation(file: path), "not an .xlsx workbook: it has no \(name)")
        }
        let stream = try XMLStream(owning: bytes, name: "\(path):\(name)")
        let relationship = stream.intern("Relationship")
        var all: [Relationship] = []
        while try stream.next() {
            guard stream.nodeType == XMLStream.element, stream.localName == relationship else { continue }
            var target = stream.attribute("Target") ?? ""
            target = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            all.append(
                Relationship(id: stream.attribute("Id") ?? "", target: target, type: stream.attribute("Type") ?? ""))
        }
        return all
    }

    /// The entry `name`, nil when the workbook has none; one declaring more than `budget` bytes is an error.
    static func entry(_ archive: ZipArchive, _ name: String, path: String, budget: Int) throws(DataError)
        -> ZipArchive.Entry?
    {
        guard let entry = archive.entry(name) else { return nil }
        guard entry.uncompressedSize <= UInt64(budget) else {
            throw DataError(
                SourceLocation(file: path),
                "\(name) unpacks to \(entry.uncompressedSize >> 20) MiB, more than the \(budget >> 20) MiB a part may (a zip bomb?)"
            )
        }
        return entry
    }

    /// The unpacked bytes of a part, nil when the workbook has none; more than `budget` bytes is an error.
    static func part(_ archive: ZipArchive, _ name: String, path: String, budget: Int) throws(DataError)
        -> UnsafeMutableRawBufferPointer?
    {
        guard let entry = try entry(archive, name, path: path, budget: budget) else { return nil }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(entry.uncompressedSize), alignment: 16)
        var filled = 0
        do {
            // minizip unpacks no more than the entry declares, and checks that it unpacked that much.
            try archive.unpack(entry) { chunk in
                UnsafeMutableRawBufferPointer(rebasing: bytes[filled..<(filled + chunk.count)]).copyMemory(from: chunk)
                filled += chunk.count
            }
        } catch {
            bytes.deallocate()
            throw error
        }
        return bytes
    }
}

extension MergedCells {
    /// Unpacks the part once, keeping only what follows `<mergeCells`.
    init(archive: ZipArchive, entry: ZipArchive.Entry) throws(DataError) {
        let marker = Array("<mergeCells".utf8)
        var tail: [UInt8] = []
        var section: [UInt8]?
        try archive.unpack(entry) { data in
            if section != nil { section!.append(contentsOf: data); return }
            let window = tail + data
            if let at = window.withUnsafeBytes({ Self.find(marker, in: $0, from: 0) }) {
                section = Array(window[at...])
            } else {
                tail = Array(window.suffix(marker.count - 1))
            }
        }
        ranges = section.map { s in s.withUnsafeBytes { MergedCells($0).ranges } } ?? []
    }
}
