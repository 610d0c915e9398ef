import Foundation
import CountyData

// libFuzzer entry: any text must extract without crashing, whole and cut into small blocks; every
// figure's offsets lie inside the text and inside its sentence, and ranges never run backwards. A text
// that is UTF-8 without NUL, read from a file in 7-byte pieces and small blocks, gives what it gives in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtractor(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let length = text.unicodeScalars.count
    func check(_ f: ExtractedFigure) {
        precondition(0 <= f.start && f.start <= f.figureStart && f.figureEnd <= f.end && f.end <= length, "offsets outside the text")
        if let lo = f.low, let hi = f.high { precondition(lo <= hi || f.value == nil) }
    }
    for f in Extractor.extract(text) { check(f) }
    var copy = text
    var blocked: [String] = []
    copy.withUTF8 {
        Extractor.forEachFigure(utf8: $0, options: ExtractionOptions(), blockSize: 64) {
            check($0)
            blocked.append("\($0.start) \($0.figureStart) \($0.text) \($0.region ?? "")")
        }
    }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil {
        let path = NSTemporaryDirectory() + "extract-fuzz-\(getpid()).txt"
        precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { unlink(path) }
        var fromFile: [String] = []
        try! Extractor.forEachFigure(
            file: path, encoding: .utf8, options: ExtractionOptions(), blockSize: 64, piece: 7
        ) { fromFile.append("\($0.start) \($0.figureStart) \($0.text) \($0.region ?? "")") }
        precondition(fromFile == blocked, "a file read in pieces gives other figures than the text in memory")
    }
    return 0
}
