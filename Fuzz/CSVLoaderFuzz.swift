import Foundation

// libFuzzer entry: any bytes as a CSV file must load and check without crashing; every
// observation points at a line that exists, and every problem names the file. Read in small
// windows (1–64 bytes, from the input's length) of a text stream read in small pieces (1–13 bytes),
// the file gives the same observations and problems as read in one piece, and the stream's check
// finds the first NUL byte, or byte that is not UTF-8, at the line and column a whole read names.
// Bytes that are not UTF-8 are read as GB18030 in the same pieces: the same text or the same error
// as one conversion, and the same observations in windows as in one piece. The bytes as JSON read in
// the same pieces give the records and problems of one read.
// A wide table's grid, read back as rows, gives the same observations and the same problems from the checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let window = 1 + size % 64, piece = 1 + size % 13
    let checked: Result<Dataset, Error> = Result {
        var windows = CSVWindows(try TextStream(bytes: bytes, file: "fuzz.csv", encoding: .utf8, piece: piece), size: size, windowSize: window)
        return try DatasetLoader.loadCSV(&windows, file: "fuzz.csv", options: LoadOptions())
    }
    if let bad = TextFile.firstInvalidUTF8(bytes) {
        switch checked {
        case .success: preconditionFailure("bytes that are not UTF-8 loaded")
        case .failure(let e as DataError):
            precondition(bytes[bad] == 0 && e == TextFile.nulError("fuzz.csv", bytes, at: bad), "\(e)")
        case .failure(let e as TextStream.NotUTF8):
            precondition(bytes[bad] != 0 && e.offset == bad && e.error.location == TextFile.location("fuzz.csv", bytes, at: bad), "\(e)")
        case .failure(let e): preconditionFailure("\(e)")
        }
        fuzzGB18030(bytes, piece: piece, window: window)
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
    // JSON read a piece at a time gives the records and problems of one read.
    let json = JSONDatasetLoader.load(bytes, file: "fuzz.json", options: LoadOptions())
    guard let pieces = try? JSONDatasetLoader.load(
        TextStream(bytes: bytes, file: "fuzz.json", encoding: .utf8, piece: piece), file: "fuzz.json", options: LoadOptions())
    else { preconditionFailure("UTF-8 JSON text refused") }
    precondition(Array(pieces.observations) == Array(json.observations) && pieces.problems == json.problems, "piece \(piece)")
    return 0
}

/// GB18030 read a piece at a time gives the text (or the error, at its line and column) of one
/// conversion, and its text loads in windows as in one piece.
func fuzzGB18030(_ bytes: [UInt8], piece: Int, window: Int) {
    func described(_ r: Result<[UInt8], Error>) -> String {
        switch r {
        case .success(let text): return "\(text)"
        case .failure(let e as TextStream.NotGB18030): return "\(e.error)"
        case .failure(let e): return "\(e)"
        }
    }
    let whole = Result { try TextStream(bytes: bytes, file: "fuzz.csv", encoding: .gb18030).readAll(capacity: 0) }
    let cut = Result { try TextStream(bytes: bytes, file: "fuzz.csv", encoding: .gb18030, piece: piece).readAll(capacity: 0) }
    precondition(described(whole) == described(cut), "piece \(piece): \(described(whole)) \(described(cut))")
    guard case .success(let text) = whole else { return }
    let one = DatasetLoader.loadCSV(text, file: "fuzz.csv", options: LoadOptions(), windowSize: 1 << 20)
    let windowed = Result {
        var windows = CSVWindows(try TextStream(bytes: bytes, file: "fuzz.csv", encoding: .gb18030, piece: piece), size: bytes.count, windowSize: window)
        return try DatasetLoader.loadCSV(&windows, file: "fuzz.csv", options: LoadOptions())
    }
    guard case .success(let w) = windowed else { preconditionFailure("\(windowed)") }
    precondition(Array(w.observations) == Array(one.observations) && w.problems == one.problems, "window \(window)")
}
