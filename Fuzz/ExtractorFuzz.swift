import Foundation
import CountyData

// libFuzzer entry: any text must extract without crashing, whole and cut into small blocks; every
// figure's offsets lie inside the text and inside its sentence, and ranges never run backwards.
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
    copy.withUTF8 { Extractor.forEachFigure(utf8: $0, options: ExtractionOptions(), blockSize: 64) { check($0) } }
    return 0
}
