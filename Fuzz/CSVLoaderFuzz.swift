import Foundation

// libFuzzer entry: any bytes as a CSV file must load and check without crashing; every
// observation points at a line that exists, and every problem names the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard TextFile.firstInvalidUTF8(bytes) == nil else {
        _ = try? GB18030.decode(bytes, file: "fuzz.csv")
        return 0
    }
    var dataset = DatasetLoader.loadCSV(bytes, file: "fuzz.csv")
    dataset.check()
    let lines = bytes.filter { $0 == 10 || $0 == 13 }.count + 1  // a lone CR ends a line too
    for o in dataset.observations { precondition((1...lines).contains(o.provenance.location.line ?? 0)) }
    for p in dataset.problems { precondition(p.location.file == "fuzz.csv") }
    _ = JSONDatasetLoader.load(bytes, file: "fuzz.json", options: LoadOptions())
    return 0
}
