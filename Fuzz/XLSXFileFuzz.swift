import Foundation

// libFuzzer entry: any bytes as a whole .xlsx file — the ZIP container (minizip), the workbook, its
// relationships, styles and shared strings, every sheet — must open and read without crashing, into the sheet
// loader; every error names the workbook. Parts may unpack to 1 MiB here (256 MiB in the tool), so zip bombs
// are refused quickly.
private let path = NSTemporaryDirectory() + "countyreport-fuzz-\(getpid()).xlsx"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { return 0 }
    do {
        let book = try XLSXBook(path: path, partBudget: 1 << 20)
        for (i, name) in book.sheetNames.enumerated() {
            let file = SheetAddress.name(path: path, sheet: name)
            var loader = SheetLoader(file: file)
            do { try book.readRows(ofSheet: i, sheetFile: file) { loader.read($0) } } catch {
                precondition(error.location.file.hasPrefix(path), "\(error)")
            }
            for p in loader.finish().problems { precondition(p.location.file == file, "\(p)") }
        }
    } catch {
        precondition(error.location.file.hasPrefix(path), "\(error)")
    }
    return 0
}
