import CLibXML2
import CountyData
import Foundation

/// Reads a worksheet part's `<sheetData>` row by row into `SheetRow`s: each `<c>`'s value by its type,
/// references checked to run left to right and top to bottom, merged cells spread over their range.
struct SheetXMLReader {
    let stream: XMLStream
    let file: String
    let merges: MergedCells
    /// Styles whose numbers are dates, shown as their format shows them (`2024` for `yyyy`).
    let dates: DateFormats

    private enum Kind { case number, shared, inline, formulaString, boolean, error, date }

    init(stream: XMLStream, file: String, merges: MergedCells, dates: DateFormats = DateFormats()) {
        self.stream = stream; self.file = file; self.merges = merges; self.dates = dates
    }

    private func error(_ row: Int, _ column: Int, _ message: String) -> DataError {
        DataError(SourceLocation(file: file, line: row, column: column), message)
    }

    mutating func read(sharedStrings: () throws(DataError) -> SharedStrings?, _ body: (borrowing SheetRow) -> Void)
        throws(DataError)
    {
        let rowName = stream.intern("row"), cName = stream.intern("c"), vName = stream.intern("v"),
            isName = stream.intern("is")
        let tName = stream.intern("t"), rPhName = stream.intern("rPh"), rAttr = stream.intern("r"),
            tAttr = stream.intern("t"), sAttr = stream.intern("s")
        let hasDates = !dates.byStyle.isEmpty
        var style = 0
        var row = SheetRow()
        var rowNumber = 0, column = 0
        var kind = Kind.number
        var value: [UInt8] = []
        value.reserveCapacity(256)
        var inValue = false, inInline = false, inPhonetic = false, inRow = false
        var strings: SharedStrings?
        var stringsLoaded = false
        // Top-left texts of merged ranges, by range index, kept while rows below still need them.
        var mergeText: [Int: [UInt8]] = [:]
        let hasMerges = !merges.ranges.isEmpty
        var lastRef = ""

        func finishRow() {
            if hasMerges { spreadMerges(into: &row, texts: mergeText) }
            body(row)
        }

        func finishCell() throws(DataError) {
            switch kind {
            case .shared:
                if !stringsLoaded { strings = try sharedStrings(); stringsLoaded = true }
                guard let index = Int(String(decoding: value, as: UTF8.self)) else {
                    throw error(
                        rowNumber, column, "“\(String(decoding: value, as: UTF8.self))” is not a shared-string index")
                }
                guard let strings else {
                    throw error(
                        rowNumber, column,
                        "the cell refers to shared string \(index), but the workbook has no sharedStrings part")
                }
                guard index >= 0 && index < strings.count else {
                    throw error(
                        rowNumber, column,
                        "the cell refers to shared string \(index), but the workbook has \(strings.count)")
                }
                strings.withString(index) { append($0) }
            case .boolean:
                append(value == [UInt8(ascii: "1")] ? "TRUE" : "FALSE")
            case .number:
                if hasDates, let date = dates.text(value, style: style) {
                    append(date)
                } else if ExcelNumber.isPlain(value) {
                    value.withUnsafeBytes { append($0) }
                } else if let text = ExcelNumber.shown(value) {
                    append(text)
                } else {
                    throw error(rowNumber, column, "“\(String(decoding: value, as: UTF8.self))” is not a number")
                }
            case .inline, .formulaString, .error, .date:
                value.withUnsafeBytes { append($0) }
            }
        }

        func append(_ text: UnsafeRawBufferPointer) {
            row.append(column: column, text)
            if hasMerges { rememberMerge(text) }
        }

        func append(_ text: String) {
            var t = text
            t.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        }

        func rememberMerge(_ text: UnsafeRawBufferPointer) {
            for (k, r) in merges.ranges.enumerated() where r.top == rowNumber && r.left == column {
                mergeText[k] = Array(text)
            }
        }

        while try stream.next() {
            let type = stream.nodeType
            if type == XMLStream.element {
                let name = stream.localName
                if name == cName {
                    var ref: CellReference?
                    var refText = ""
                    kind = .number
                    style = 0
                    var bad: String?
                    try stream.forEachAttribute { (attr, text) throws(DataError) in
                        if attr == rAttr {
                            ref = CellReference(text)
                            if ref == nil { bad = String(decoding: text, as: UTF8.self) }
                            refText = String(decoding: text, as: UTF8.self)
                        } else if attr == tAttr {
                            switch String(decoding: text, as: UTF8.self) {
                            case "s": kind = .shared
                            case "inlineStr": kind = .inline
                            case "str": kind = .formulaString
                            case "b": kind = .boolean
                            case "e": kind = .error
                            case "d": kind = .date
                            default: kind = .number
                            }
                        } else if attr == sAttr, hasDates {
                            style = Int(String(decoding: text, as: UTF8.self)) ?? 0
                        }
                    }
                    if let bad { throw error(rowNumber, column + 1, "“\(bad)” is not a cell reference") }
                    if let ref {
                        guard ref.row == rowNumber, ref.column > column else {
                            throw error(
                                ref.row, ref.column,
                                "cell reference \(refText) is out of order (it follows \(lastRef.isEmpty ? "row \(rowNumber)'s start" : lastRef))"
                            )
                        }
                        column = ref.column
                        lastRef = refText
                    } else {
                        column += 1
                        lastRef = CellReference.name(column: column, row: rowNumber)
                    }
                    value.removeAll(keepingCapacity: true)
                    if stream.isEmptyElement { try finishCell() }
                } else if name == vName {
                    inValue = !stream.isEmptyElement
                } else if name == isName {
                    inInline = !stream.isEmptyElement
                } else if name == tName, inInline {
                    inValue = !stream.isEmptyElement && !inPhonetic
                } else if name == rPhName {
                    inPhonetic = !stream.isEmptyElement
                } else if name == rowName {
                    var number = rowNumber + 1
                    if let r = stream.attribute("r") {
                        guard let n = Int(r), n > 0 else { throw error(rowNumber + 1, 1, "“\(r)” is not a row number") }
                        guard n > rowNumber else {
                            throw error(n, 1, "row \(n) is out of order (it follows row \(rowNumber))")
                        }
                        number = n
                    }
                    rowNumber = number
                    column = 0
                    lastRef = ""
                    row.start(number: number)
                    inRow = !stream.isEmptyElement
                    if !inRow { finishRow() }
                }
            } else if type == XMLStream.text || type == XMLStream.cdata || type == XMLStream.whitespace {
                if inValue { value.append(contentsOf: stream.value) }
            } else if type == XMLStream.endElement {
                let name = stream.localName
                if name == vName || name == tName {
                    inValue = false
                } else if name == isName {
                    inInline = false
                } else if name == rPhName {
                    inPhonetic = false
                } else if name == cName {
                    try finishCell()
                } else if name == rowName {
                    inRow = false; finishRow()
                }
            }
        }

    }

    /// Copies each merged range's top-left text into the cells it covers on this row.
    private func spreadMerges(into row: inout SheetRow, texts: [Int: [UInt8]]) {
        var added: [(Int, [UInt8])] = []
        for (k, r) in merges.ranges.enumerated() where r.top <= row.number && row.number <= r.bottom {
            guard let text = texts[k] else { continue }
            for c in r.left...r.right where !(c == r.left && row.number == r.top) { added.append((c, text)) }
        }
        guard !added.isEmpty else { return }
        var cells: [(Int, [UInt8])] = (0..<row.count).map { (row.column($0), Array(row.text($0).utf8)) }
        for (c, t) in added where !cells.contains(where: { $0.0 == c }) { cells.append((c, t)) }
        cells.sort { $0.0 < $1.0 }
        row.start(number: row.number)
        for (c, t) in cells { t.withUnsafeBytes { row.append(column: c, $0) } }
    }
}

extension CellReference {
    static func name(column: Int, row: Int) -> String { SheetAddress.columnName(column) + String(row) }
}

/// How Excel shows a stored number: at most 15 significant digits, never in exponent form.
enum ExcelNumber {
    /// Digits with an optional sign and point, at most 15 significant digits: shown as stored.
    static func isPlain(_ bytes: [UInt8]) -> Bool {
        var digits = 0, leading = true
        for (i, b) in bytes.enumerated() {
            if b >= 48 && b <= 57 {
                if b != 48 { leading = false }
                if !leading { digits += 1 }
            } else if b == UInt8(ascii: ".") {
                continue
            } else if b == UInt8(ascii: "-") && i == 0 {
                continue
            } else {
                return false
            }
        }
        return !bytes.isEmpty && digits <= 15
    }

    /// The number rounded to 15 significant digits, written out in full (`1.5E-3` → `0.0015`).
    static func shown(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let d = Double(text), d.isFinite else { return nil }
        let g = String(format: "%.14e", d)   // -d.dddddddddddddde±XX: 15 significant digits
        guard let e = g.firstIndex(of: "e"), let exponent = Int(g[g.index(after: e)...]) else { return nil }
        let negative = g.hasPrefix("-")
        var digits = Array(g[..<e].filter { $0.isNumber })
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        if digits == ["0"] { return "0" }
        let point = exponent + 1   // digits before the point
        var out: String
        if point <= 0 {
            out = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            out = String(digits) + String(repeating: "0", count: point - digits.count)
        } else {
            out = String(digits[..<point]) + "." + String(digits[point...])
        }
        if negative { out = "-" + out }
        return out
    }
}
