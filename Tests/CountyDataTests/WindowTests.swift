import CountyTestSupport
import Foundation
import Testing

@testable import CountyData

/// Issue 16: a CSV file is read in windows (16 MiB), checked as it is read. Whatever the window size,
/// and wherever a window cuts a record, a character, a CRLF or the byte-order mark, the values, lines,
/// columns and errors are those of reading the file in one piece.
@Suite struct WindowTests {
    /// A long table with a BOM, CRLF and LF lines, a lone CR, quoted fields with a line end and `""`,
    /// Chinese text, a U+FEFF starting a later line (a character there, not a BOM), a value that cannot
    /// be read (its column is in the error) and no line end at the end.
    static let long =
        "\u{FEFF}地区,指标,年份,值,单位,备注\r\n"
        + "新邵县,地区生产总值,2022,166.86,亿元,\"初步\r\n核算\"\r\n"
        + "隆回县,地区生产总值,2022,233.0109,亿元,\"说\"\"明\"\n"
        + "\u{FEFF}洞口县,地区生产总值,2022,很多,亿元,\n"
        + "邵东市,地区生产总值,2022,12.5,亿元,x\r邵阳县,地区生产总值,2022,7,亿元,\n"
        + "\n"
        + "绥宁县,年末常住人口,2022,27.1,万人,末行"

    /// A wide table (indicators as columns) with a BOM, CRLF, an unreadable cell and Chinese headings.
    static let wide =
        "\u{FEFF}地区,年份,地区生产总值（亿元）,年末常住人口（万人）\r\n"
        + "新邵县,2022,166.86,76.5\r\n"
        + "\u{FEFF}隆回县,2022,\"233.0109\",很多\n"
        + "洞口县,2021,\"1234.5\",\n"
        + "邵东市,2022,12.5,90"

    func load(_ text: String, window: Int, file: String = "w.csv") -> Dataset {
        DatasetLoader.loadCSV(Array(text.utf8), file: file, options: LoadOptions(), windowSize: window)
    }

    func expectSameAtEveryWindowSize(_ text: String) {
        let whole = load(text, window: 1 << 20)
        for window in 1...text.utf8.count {
            let cut = load(text, window: window)
            #expect(Array(cut.observations) == Array(whole.observations), "window \(window)")
            #expect(cut.problems == whole.problems, "window \(window)")
        }
    }

    @Test func aLongTableReadsTheSameAtEveryWindowSize() throws {
        let whole = load(Self.long, window: 1 << 20)
        #expect(whole.observations.count == 5)
        // The lone CR ends a record (line 7) as the parser counts lines.
        #expect(whole.observations.map(\.provenance.location.line) == [2, 4, 6, 7, 9])
        // The U+FEFF starting line 5 is a character: 很多 is in column 18, not 17.
        #expect(whole.problems.map(\.location) == [SourceLocation(file: "w.csv", line: 5, column: 18)])
        #expect(whole.observations[0].note == "初步\r\n核算" && whole.observations[1].note == "说\"明")
        expectSameAtEveryWindowSize(Self.long)
    }

    @Test func aWideTableReadsTheSameAtEveryWindowSize() throws {
        let whole = load(Self.wide, window: 1 << 20)
        #expect(whole.observations.count == 6)
        #expect(
            whole.observations.map(\.provenance.location.column) == [10, 17, 11, 10, 10, 15],
            "\(whole.observations.map(\.provenance.location))")
        #expect(whole.problems.map(\.location) == [SourceLocation(file: "w.csv", line: 3, column: 22)])
        expectSameAtEveryWindowSize(Self.wide)
    }

    @Test func aSyntaxErrorIsTheSameAtEveryWindowSize() throws {
        let text = "地区,指标,年份,值\n新邵县,\"地区\"生产总值,2022,1\n隆回县,人口,2022,2\n"
        let whole = load(text, window: 1 << 20)
        #expect(whole.problems.map(\.location) == [SourceLocation(file: "w.csv", line: 2, column: 9)])
        expectSameAtEveryWindowSize(text)
        expectSameAtEveryWindowSize("地区,指标,年份,值\n新邵县,\"地区生产总值,2022,1\n隆回县,人口,2022,2\n")
        expectSameAtEveryWindowSize("\u{FEFF}\"地区\n")
        expectSameAtEveryWindowSize("\u{FEFF}")
        expectSameAtEveryWindowSize("\r\r\n\n")
    }

    /// Writes `text` and loads the file with a small window, as `check` reads it.
    func loadFile(_ bytes: [UInt8], window: Int, options: LoadOptions = LoadOptions()) throws -> (String, Dataset) {
        let path = Repository.temporaryDirectory("window").appendingPathComponent("late.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, DatasetLoader.load(path, options: options, windowSize: window))
    }

    @Test func aFileReadInWindowsGivesTheSameObservationsAsOneRead() throws {
        for window in [1, 2, 3, 5, 7, 64] {
            let (path, cut) = try loadFile(Array(Self.long.utf8), window: window)
            let whole = load(Self.long, window: 1 << 20, file: path)
            #expect(Array(cut.observations) == Array(whole.observations) && cut.problems == whole.problems)
        }
    }

    /// 20,000 lines, then a NUL byte (or a byte that is not UTF-8) on line 20,001 in column 4, after a
    /// Chinese character cut by a window's end.
    func late(_ bad: UInt8) -> [UInt8] {
        var bytes = Array("地区,指标,年份,值\n".utf8)
        for i in 0..<20_000 { bytes += Array("县\(i),人口,2022,\(i)\n".utf8) }
        return bytes + Array("新邵县".utf8) + [bad] + Array(",人口,2022,1\n".utf8)
    }

    @Test(arguments: [7, 4096, 1 << 20])
    func aLateNULByteIsNamedByLineAndColumn(window: Int) throws {
        let (path, data) = try loadFile(late(0), window: window)
        #expect(data.observations.isEmpty)
        #expect(data.problems == [DataError(SourceLocation(file: path, line: 20_002, column: 4), TextFile.nulMessage)])
    }

    @Test func aLateByteThatIsNotUTF8IsNamedByLineAndColumn() throws {
        let (path, data) = try loadFile(late(0xFF), window: 4096, options: LoadOptions(encoding: .utf8))
        #expect(data.observations.isEmpty)
        let e = try #require(data.errors.first)
        #expect(data.problems.count == 1 && e.location == SourceLocation(file: path, line: 20_002, column: 4), "\(e)")
        #expect(e.message.contains("not valid UTF-8"))
    }

    @Test func aNULByteIsFoundWithoutReadingTheRestOfTheFile() throws {
        // A 1 GB file of text lines with a NUL on line 1,002 after one character: reading stops in the
        // window that holds it.
        let header = Array("地区,指标,年份,值\n".utf8), line = Array("新邵县,人口,2022,1\n".utf8)
        let nulAt = header.count + 1000 * line.count + 3
        var served = 0
        let text = try TextStream(file: "big.csv", encoding: .utf8, piece: 64 << 10) { into, count, offset in
            let n = min(count, (1 << 30) - offset)
            let out = into.assumingMemoryBound(to: UInt8.self)
            for k in 0..<n {
                let at = offset + k
                out[k] = at == nulAt ? 0 : at < header.count ? header[at] : line[(at - header.count) % line.count]
            }
            served += n
            return n
        }
        var windows = CSVWindows(text, size: 1 << 30, windowSize: 64 << 10)
        var error: DataError?
        do { _ = try DatasetLoader.loadCSV(&windows, file: "big.csv", options: LoadOptions()) } catch let e as DataError {
            error = e
        }
        #expect(error == DataError(SourceLocation(file: "big.csv", line: 1002, column: 2), TextFile.nulMessage))
        #expect(served <= 2 * (64 << 10), "read \(served) bytes")
    }

    /// Serves `text` through a `CSVWindows` that says the file has `size` bytes, recording each read's request.
    func served(_ text: String, size: Int) throws -> (rows: Int, lines: [Int?], largestRead: Int) {
        let bytes = Array(text.utf8)
        var largest = 0
        var windows = CSVWindows(file: "f.csv", size: size) { into, count, offset in
            largest = max(largest, count)
            let n = max(0, min(count, bytes.count - offset))
            bytes.withUnsafeBytes { if n > 0 { into.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
            return n
        }
        let data = try DatasetLoader.loadCSV(&windows, file: "f.csv", options: LoadOptions())
        return (data.observations.count, data.observations.map(\.provenance.location.line), largest)
    }

    @Test func aSmallFileIsReadInAWindowOfItsSizeNotSixteenMiB() throws {
        let text = "地区,指标,年份,值,单位\n" + (0..<300).map { "县\($0),地区生产总值,2022,\($0).5,亿元\n" }.joined()
        let read = try served(text, size: text.utf8.count)
        #expect(read.rows == 300 && read.lines.last == 301)
        #expect(read.largestRead <= 64 << 10, "asked for \(read.largestRead) bytes")
    }

    @Test func aFileThatGrewPastItsStatedSizeIsReadToItsEnd() throws {
        // Stated as 10 bytes, holding 20,000 rows (about 700 KB): every row is read, in order.
        let text = "地区,指标,年份,值,单位\n" + (0..<20_000).map { "县\($0),地区生产总值,2022,\($0),亿元\n" }.joined()
        let read = try served(text, size: 10)
        #expect(read.rows == 20_000)
        #expect(read.lines == (2...20_001).map { Optional($0) })
    }

    @Test func aWideTableHoldsTheValuesOfItsLongForm() throws {
        var wide = "地区,年份"
        var long = "地区,年份,指标,值,单位\n"
        let indicators = (0..<7).map { "产值\($0)" }
        for name in indicators { wide += ",\(name)（万元）" }
        wide += "\n"
        for r in 0..<30 {
            wide += "县\(r),\(2000 + r % 3)"
            for (k, name) in indicators.enumerated() {
                let v = "\(r * 100 + k).\(k)5"
                wide += ",\(v)"
                long += "县\(r),\(2000 + r % 3),\(name),\(v),万元\n"
            }
            wide += "\n"
        }
        let a = load(wide, window: 97), b = load(long, window: 1 << 20)
        #expect(a.problems.isEmpty && b.problems.isEmpty)
        func key(_ o: Observation) -> String { "\(o.region.name) \(o.indicator) \(o.period) \(o.value) \(o.unit?.symbol ?? "")" }
        #expect(a.observations.count == 210)
        #expect(a.observations.map(key) == b.observations.map(key))
    }
}
