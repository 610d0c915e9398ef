import CountyData
import Foundation

// libFuzzer entry: any bytes as a worksheet part's XML must read without crashing, through the streaming
// xmlTextReader and into the sheet loader (merged ranges included); every observation is on a row the
// XML named, and every problem names the sheet.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheetXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    bytes.copyMemory(from: UnsafeRawBufferPointer(start: data, count: size))
    let merges = MergedCells(UnsafeRawBufferPointer(bytes))
    guard let stream = try? XMLStream(owning: bytes, name: "fuzz.xlsx:sheet1.xml") else { return 0 }
    let file = SheetAddress.name(path: "fuzz.xlsx", sheet: "表1")
    var loader = SheetLoader(file: file)
    var reader = SheetXMLReader(stream: stream, file: file, merges: merges)
    var rows = Set<Int>()
    do {
        try reader.read(sharedStrings: { () throws(DataError) -> SharedStrings? in nil }) { row in
            rows.insert(row.number)
            loader.read(row)
        }
    } catch {
        precondition(error.location.file == file || error.location.file == "fuzz.xlsx:sheet1.xml")
    }
    let dataset = loader.finish()
    for o in dataset.observations { precondition(rows.contains(o.provenance.location.line ?? 0)) }
    for p in dataset.problems { precondition(p.location.file == file) }
    return 0
}
