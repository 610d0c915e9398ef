import CLibXML2
import CountyData
import Foundation
import ZIPFoundation

/// An .xlsx workbook (Office Open XML): the ZIP container read with ZIPFoundation, each part streamed
/// through libxml2's xmlTextReader. Cells read as Excel shows them: shared and inline strings, numbers
/// (at Excel's 15 significant digits), booleans, formulas' cached values, error values as written
/// (`#DIV/0!`, which the loader reports), merged cells spread over the cells they cover.
public final class XLSXBook: Workbook {
    public let path: String
    public let sheetNames: [String]
    private let archive: Archive
    private let sheetParts: [String]
    private let sharedStringsPart: String?
    private var sharedStrings: SharedStrings?
    /// The most bytes one part may unpack to: a guard against zip bombs.
    let partBudget: Int
    public static let defaultPartBudget = 256 << 20

    public init(path: String, partBudget: Int = XLSXBook.defaultPartBudget) throws(DataError) {
        self.path = path
        self.partBudget = partBudget
        guard FileManager.default.fileExists(atPath: path) else { throw DataError(SourceLocation(file: path), "no such file") }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw DataError(SourceLocation(file: path), "not a readable .xlsx workbook (its ZIP directory is missing or damaged: truncated?)")
        }
        // xl/workbook.xml names the sheets; its relationships say which part holds each.
        let rels = try Self.relationships(archive, "xl/_rels/workbook.xml.rels", path: path, budget: partBudget)
        guard let book = try Self.part(archive, "xl/workbook.xml", path: path, budget: partBudget) else {
            throw DataError(SourceLocation(file: path), "not an .xlsx workbook: it has no xl/workbook.xml")
        }
        let stream = try XMLStream(owning: book, name: "\(path):xl/workbook.xml")
        let sheetName = stream.intern("sheet")
        var names: [String] = [], parts: [String] = []
        while try stream.next() {
            guard stream.nodeType == XMLStream.element, stream.localName == sheetName else { continue }
            let name = stream.attribute("name") ?? "Sheet\(names.count + 1)"
            let id = stream.attribute("id", namespace: "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
                ?? stream.attribute("id", namespace: "http://purl.oclc.org/ooxml/officeDocument/relationships") ?? ""
            guard let target = rels.first(where: { $0.id == id })?.target else {
                throw DataError(SourceLocation(file: "\(path):xl/workbook.xml", line: stream.line), "sheet “\(name)” names no part (relationship “\(id)”)")
            }
            names.append(name); parts.append(target)
        }
        sheetNames = names
        sheetParts = parts
        sharedStringsPart = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target
    }

    /// Reads sheet `index` (0-based) row by row; `sheetFile` names it in errors (`book.xlsx#Sheet1`). The part is
    /// read twice as it is unpacked, never whole: once for its merged ranges (after the cells), then for the cells.
    public func readRows(ofSheet index: Int, sheetFile: String, _ body: (borrowing SheetRow) -> Void) throws(DataError) {
        let name = sheetParts[index]
        guard let entry = archive[name] else {
            throw DataError(SourceLocation(file: sheetFile), "the workbook has no part \(name) for this sheet")
        }
        guard entry.uncompressedSize <= UInt64(partBudget) else {
            throw DataError(SourceLocation(file: path),
                            "\(name) unpacks to \(entry.uncompressedSize >> 20) MiB, more than the \(partBudget >> 20) MiB a part may (a zip bomb?)")
        }
        // The strings first: the archive is read by one thread at a time.
        let strings = try loadSharedStrings()
        let merges = try MergedCells(archive: archive, entry: entry, name: name, path: path)
        let stream = try XMLStream(streaming: PartStream(archive: archive, entry: entry, name: name, path: path, budget: partBudget),
                                   name: "\(path):\(name)")
        var reader = SheetXMLReader(stream: stream, file: sheetFile, merges: merges)
        try reader.read(sharedStrings: { () throws(DataError) -> SharedStrings? in strings }, body)
    }

    private func loadSharedStrings() throws(DataError) -> SharedStrings? {
        if let sharedStrings { return sharedStrings }
        guard let part = sharedStringsPart, let bytes = try Self.part(archive, part, path: path, budget: partBudget) else { return nil }
        let strings = try SharedStrings(XMLStream(owning: bytes, name: "\(path):\(part)"))
        sharedStrings = strings
        return strings
    }

    struct Relationship { var id: String; var target: String; var type: String }

    private static func relationships(_ archive: Archive, _ name: String, path: String, budget: Int) throws(DataError) -> [Relationship] {
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
            all.append(Relationship(id: stream.attribute("Id") ?? "", target: target, type: stream.attribute("Type") ?? ""))
        }
        return all
    }

    private struct Overrun: Error {}

    /// The unpacked bytes of a part, nil when the workbook has none; more than `budget` bytes is an error.
    static func part(_ archive: Archive, _ name: String, path: String, budget: Int) throws(DataError) -> UnsafeMutableRawBufferPointer? {
        guard let entry = archive[name] else { return nil }
        let declared = entry.uncompressedSize
        guard declared <= UInt64(budget) else {
            throw DataError(SourceLocation(file: path),
                            "\(name) unpacks to \(declared >> 20) MiB, more than the \(budget >> 20) MiB a part may (a zip bomb?)")
        }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(declared), alignment: 16)
        var filled = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in
                guard filled + data.count <= bytes.count else { throw Overrun() }
                data.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: bytes[filled..<(filled + $0.count)]).copyMemory(from: $0) }
                filled += data.count
            }
        } catch is Overrun {
            bytes.deallocate()
            throw DataError(SourceLocation(file: path), "\(name) unpacks to more than the \(declared) bytes its ZIP entry declares (a zip bomb?)")
        } catch {
            bytes.deallocate()
            throw DataError(SourceLocation(file: path), "cannot unpack \(name): \(error) (a damaged or truncated workbook?)")
        }
        guard filled == bytes.count else {
            bytes.deallocate()
            throw DataError(SourceLocation(file: path), "\(name) unpacks to \(filled) bytes, not the \(declared) its ZIP entry declares")
        }
        return bytes
    }
}

/// The workbook's table of shared strings (xl/sharedStrings.xml): rich-text runs joined, phonetic runs left out.
struct SharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(_ stream: XMLStream) throws(DataError) {
        let si = stream.intern("si"), t = stream.intern("t"), rPh = stream.intern("rPh")
        var inText = false, inPhonetic = false
        while try stream.next() {
            switch stream.nodeType {
            case XMLStream.element:
                let name = stream.localName
                if name == t && !stream.isEmptyElement { inText = !inPhonetic } else if name == rPh && !stream.isEmptyElement { inPhonetic = true }
            case XMLStream.text, XMLStream.cdata, XMLStream.whitespace:
                if inText { bytes.append(contentsOf: stream.value) }
            case XMLStream.endElement:
                let name = stream.localName
                if name == t { inText = false } else if name == rPh { inPhonetic = false } else if name == si { ends.append(bytes.count) }
            default: break
            }
        }
    }

    var count: Int { ends.count }

    func withString<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = i == 0 ? 0 : ends[i - 1]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[i]])) }
    }
}

/// The merged ranges of a sheet (`<mergeCells>`, after the cells in the part), found before the cells are read.
struct MergedCells {
    struct Range { var top: Int; var left: Int; var bottom: Int; var right: Int }
    var ranges: [Range] = []

    /// Unpacks the part once, keeping only what follows `<mergeCells`.
    init(archive: Archive, entry: Entry, name: String, path: String) throws(DataError) {
        let marker = Array("<mergeCells".utf8)
        var tail: [UInt8] = []
        var section: [UInt8]?
        do {
            _ = try archive.extract(entry, skipCRC32: true) { data in
                if section != nil { section!.append(contentsOf: data); return }
                let window = tail + data
                if let at = window.withUnsafeBytes({ Self.find(marker, in: $0, from: 0) }) {
                    section = Array(window[at...])
                } else {
                    tail = Array(window.suffix(marker.count - 1))
                }
            }
        } catch {
            throw DataError(SourceLocation(file: path), "cannot unpack \(name): \(error) (a damaged or truncated workbook?)")
        }
        ranges = section.map { s in s.withUnsafeBytes { MergedCells($0).ranges } } ?? []
    }

    init() {}

    init(_ bytes: UnsafeRawBufferPointer) {
        let marker = Array("<mergeCell ".utf8)
        var offset = 0
        while let start = Self.find(marker, in: bytes, from: offset) {
            // ref="A1:C2" within the element.
            var j = start + marker.count
            let end = min(bytes.count, j + 200)
            var text: [UInt8] = []
            while j < end, bytes[j] != UInt8(ascii: ">") { text.append(bytes[j]); j += 1 }
            offset = j
            let element = String(decoding: text, as: UTF8.self)
            guard let r = element.range(of: "ref=\"") else { continue }
            let ref = element[r.upperBound...].prefix { $0 != "\"" }
            let corners = ref.split(separator: ":")
            guard corners.count == 2, let a = CellReference(Array(corners[0].utf8)), let b = CellReference(Array(corners[1].utf8)) else { continue }
            ranges.append(Range(top: min(a.row, b.row), left: min(a.column, b.column), bottom: max(a.row, b.row), right: max(a.column, b.column)))
        }
    }
}

extension MergedCells {
    /// The offset of the next `marker` at or after `from`.
    static func find(_ marker: [UInt8], in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = from
        while i + marker.count <= bytes.count {
            guard let hit = memchr(base + i, Int32(marker[0]), bytes.count - i - marker.count + 1) else { return nil }
            let at = base.distance(to: hit)
            if memcmp(hit, marker, marker.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}

/// A cell reference such as `C12`: 1-based column and row.
struct CellReference: Equatable {
    var column: Int
    var row: Int

    init?<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in bytes {
            if digits == 0, b >= 65 && b <= 90 { column = column * 26 + Int(b - 64); letters += 1 }
            else if b >= 48 && b <= 57, letters > 0 { row = row * 10 + Int(b - 48); digits += 1 }
            else if b == UInt8(ascii: "$") { continue }
            else { return nil }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        self.column = column; self.row = row
    }

    var name: String { SheetAddress.columnName(column) + String(row) }
}
