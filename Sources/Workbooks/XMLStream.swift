import CLibXML2
import CountyData
import Foundation

/// A part of a workbook read node by node with libxml2's xmlTextReader, never as a tree. Owns the
/// part's bytes; element names are compared as libxml2's interned pointers.
final class XMLStream {
    private let reader: xmlTextReaderPtr
    private let bytes: UnsafeMutableRawBufferPointer?
    private let source: (any PartSource)?
    /// The part's name in errors: `book.xlsx:xl/worksheets/sheet1.xml`.
    let name: String

    /// Takes ownership of `bytes` (allocated with `UnsafeMutableRawBufferPointer.allocate`).
    init(owning bytes: UnsafeMutableRawBufferPointer, name: String) throws(DataError) {
        self.bytes = bytes
        self.source = nil
        self.name = name
        let options = Self.options
        guard let base = bytes.baseAddress, bytes.count > 0,
            let r = xmlReaderForMemory(
                base.assumingMemoryBound(to: CChar.self), Int32(clamping: bytes.count), nil, nil, options)
        else {
            bytes.deallocate()
            throw DataError(
                SourceLocation(file: name), bytes.count == 0 ? "the part is empty" : "cannot start reading the XML")
        }
        reader = r
        xmlTextReaderSetErrorHandler(reader, { _, _, _, _ in }, nil)
    }

    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue)

    /// Reads a part as it is unpacked.
    init(streaming source: any PartSource, name: String) throws(DataError) {
        self.bytes = nil
        self.source = source
        self.name = name
        let read: xmlInputReadCallback = { context, buffer, count in
            guard let context, let buffer else { return -1 }
            let source = Unmanaged<AnyObject>.fromOpaque(context).takeUnretainedValue() as! any PartSource
            return Int32(source.read(UnsafeMutableRawPointer(buffer), Int(count)))
        }
        guard
            let r = xmlReaderForIO(
                read, nil, Unmanaged.passUnretained(source as AnyObject).toOpaque(), nil, nil, Self.options)
        else {
            source.close()
            throw DataError(SourceLocation(file: name), "cannot start reading the XML")
        }
        reader = r
        xmlTextReaderSetErrorHandler(reader, { _, _, _, _ in }, nil)
    }

    deinit {
        xmlFreeTextReader(reader)
        bytes?.deallocate()
        source?.close()
    }

    /// The interned pointer of an element name, for comparing with `localName`.
    func intern(_ s: String) -> UnsafePointer<xmlChar>? { xmlTextReaderConstString(reader, s) }

    /// Moves to the next node; false at the end of the part. A malformed part is an error with its line.
    func next() throws(DataError) -> Bool {
        let r = xmlTextReaderRead(reader)
        if r == 1 { return true }
        if r == 0 { return false }
        if let failure = source?.failure { throw failure }
        var message = "malformed XML"
        var line: Int?
        if let e = xmlGetLastError() {
            if let m = e.pointee.message {
                message = "malformed XML: " + String(cString: m).trimmingCharacters(in: [" ", "\n"])
            }
            if e.pointee.line > 0 { line = Int(e.pointee.line) }
        }
        throw DataError(SourceLocation(file: name, line: line), message)
    }

    var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    var localName: UnsafePointer<xmlChar>? { xmlTextReaderConstLocalName(reader) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The text of the current text node.
    var value: UnsafeRawBufferPointer {
        guard let v = xmlTextReaderConstValue(reader) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: v, count: strlen(UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self)))
    }

    /// Calls `body` with each attribute of the current element: its interned local name and its value.
    func forEachAttribute(_ body: (UnsafePointer<xmlChar>?, UnsafeRawBufferPointer) throws(DataError) -> Void)
        throws(DataError)
    {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            try body(xmlTextReaderConstLocalName(reader), value)
        }
        xmlTextReaderMoveToElement(reader)
    }

    /// The value of the attribute `name` (no namespace) of the current element.
    func attribute(_ name: String) -> String? {
        guard let v = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { free(v) }
        return String(cString: v)
    }

    /// The value of the attribute `local` in namespace `namespace`.
    func attribute(_ local: String, namespace: String) -> String? {
        guard let v = xmlTextReaderGetAttributeNs(reader, local, namespace) else { return nil }
        defer { free(v) }
        return String(cString: v)
    }
}

/// Where a streamed part's bytes come from (`PartStream`: a ZIP entry unpacked as it is read).
protocol PartSource: AnyObject {
    /// Copies up to `count` bytes into `buffer`; 0 at the end, -1 on failure.
    func read(_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int
    /// Why the bytes stopped, when they failed.
    var failure: DataError? { get }
    func close()
}

extension XMLStream {
    static let element: Int32 = 1
    static let text: Int32 = 3
    static let cdata: Int32 = 4
    static let whitespace: Int32 = 14
    static let endElement: Int32 = 15
}
