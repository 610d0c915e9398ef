import CLibXML2
import CountyData
import Foundation

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
                if name == t && !stream.isEmptyElement {
                    inText = !inPhonetic
                } else if name == rPh && !stream.isEmptyElement {
                    inPhonetic = true
                }
            case XMLStream.text, XMLStream.cdata, XMLStream.whitespace:
                if inText { bytes.append(contentsOf: stream.value) }
            case XMLStream.endElement:
                let name = stream.localName
                if name == t {
                    inText = false
                } else if name == rPh {
                    inPhonetic = false
                } else if name == si {
                    ends.append(bytes.count)
                }
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
            guard corners.count == 2, let a = CellReference(Array(corners[0].utf8)),
                let b = CellReference(Array(corners[1].utf8))
            else { continue }
            ranges.append(
                Range(
                    top: min(a.row, b.row), left: min(a.column, b.column), bottom: max(a.row, b.row),
                    right: max(a.column, b.column)))
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
            if digits == 0, b >= 65 && b <= 90 {
                column = column * 26 + Int(b - 64); letters += 1
            } else if b >= 48 && b <= 57, letters > 0 {
                row = row * 10 + Int(b - 48); digits += 1
            } else if b == UInt8(ascii: "$") {
                continue
            } else {
                return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        self.column = column; self.row = row
    }

    var name: String { SheetAddress.columnName(column) + String(row) }
}
