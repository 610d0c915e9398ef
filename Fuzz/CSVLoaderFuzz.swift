import Foundation

// libFuzzer entry: any bytes as a CSV file must load and check without crashing; every
// observation points at a line that exists, and every problem names the file. Read in small
// windows (1–64 bytes, from the input's length), the file gives the same observations and problems
// as read in one piece, and the windows' text check finds the first NUL byte at the place a whole
// read names, and any other byte that is not UTF-8. A wide table's grid, read back as rows, gives the
// same observations and the same problems from the checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let window = 1 + size % 64
    var windows = CSVWindows(file: "fuzz.csv", size: size, windowSize: window, checksText: true) { into, count, offset in
        let n = max(0, min(count, bytes.count - offset))
        bytes.withUnsafeBytes { if n > 0 { into.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
        return n
    }
    let checked: Result<Dataset, Error> = Result { try DatasetLoader.loadCSV(&windows, file: "fuzz.csv", options: LoadOptions()) }
    if let bad = TextFile.firstInvalidUTF8(bytes) {
        switch checked {
        case .success: preconditionFailure("bytes that are not UTF-8 loaded")
        case .failure(let e as DataError):
            precondition(bytes[bad] == 0 && e == TextFile.nulError("fuzz.csv", bytes, at: bad), "\(e)")
        case .failure(let e): precondition(bytes[bad] != 0 && e is CSVWindows.NotUTF8, "\(e)")
        }
        _ = try? GB18030.decode(bytes, file: "fuzz.csv")
        return 0
    }
    var dataset = DatasetLoader.loadCSV(bytes, file: "fuzz.csv", options: LoadOptions(), windowSize: 1 << 20)
    guard case .success(let cut) = checked else { preconditionFailure("UTF-8 text refused") }
    precondition(Array(cut.observations) == Array(dataset.observations), "window \(window): other observations")
    precondition(cut.problems == dataset.problems, "window \(window): \(cut.problems) \(dataset.problems)")
    let small = DatasetLoader.loadCSV(bytes, file: "fuzz.csv", options: LoadOptions(), windowSize: 1)
    precondition(Array(small.observations) == Array(dataset.observations) && small.problems == dataset.problems)
    // A wide table is a grid: read back as rows, it gives the same observations, and the checks find the same.
    var rows = dataset.observations
    rows.materialize()
    precondition(Array(rows) == Array(dataset.observations), "the grid's rows differ")
    precondition(DatasetChecks.check(rows) == DatasetChecks.check(dataset.observations), "the grid's checks differ")
    dataset.check()
    let lines = bytes.filter { $0 == 10 || $0 == 13 }.count + 1  // a lone CR ends a line too
    for o in dataset.observations { precondition((1...lines).contains(o.provenance.location.line ?? 0)) }
    for p in dataset.problems { precondition(p.location.file == "fuzz.csv") }
    _ = JSONDatasetLoader.load(bytes, file: "fuzz.json", options: LoadOptions())
    return 0
}
