import CountyTestSupport
import Foundation
import Testing

@testable import CountyData

#if canImport(Glibc)
    import Glibc
#endif

/// The UTF-8 text `text` saved as GB18030, through iconv.
func gb18030(_ text: String) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count, outLeft = output.count
    input.withUnsafeMutableBytes { i in
        output.withUnsafeMutableBytes { o in
            var ip = i.baseAddress?.assumingMemoryBound(to: CChar.self)
            var op: UnsafeMutablePointer<CChar>? = o.baseAddress!.assumingMemoryBound(to: CChar.self)
            precondition(iconv(cd, &ip, &inLeft, &op, &outLeft) != -1)
        }
    }
    return Array(output[..<(output.count - outLeft)])
}

/// Issue 16: every text input is read a piece at a time and checked as it is read (`TextStream`), UTF-8
/// or GB18030. Wherever a piece's end cuts a GB18030 character (two or four bytes), a UTF-8 character or
/// the byte-order mark, the text, the values and the errors' lines and columns are those of one read.
@Suite struct TextStreamTests {
    /// A BOM (four bytes in GB18030), two-byte characters, four-byte ones (𠀀 U+20000, © U+00A9), CRLF,
    /// a quoted field with `""` and a value that cannot be read (line 4, column 17).
    static let text =
        "\u{FEFF}地区,指标,年份,值,单位\r\n"
        + "𠀀县,地区生产总值,2022,166.86,亿元\n"
        + "©邵阳县,\"说\"\"明\",2021,7,亿元\n"
        + "隆回县,年末常住人口,2022,很多,万人\n"

    func read(_ bytes: [UInt8], _ encoding: TextEncoding, piece: Int) -> Result<[UInt8], Error> {
        Result { try TextStream(bytes: bytes, file: "t.csv", encoding: encoding, piece: piece).readAll(capacity: 0) }
    }

    /// The error `read` gives, as text (`file:line:column: message`).
    func failure(_ r: Result<[UInt8], Error>) -> String? {
        guard case .failure(let e) = r else { return nil }
        if let e = e as? TextStream.NotUTF8 { return "\(e.error)" }
        if let e = e as? TextStream.NotGB18030 { return "\(e.error)" }
        return "\(e)"
    }

    @Test func gb18030GivesTheSameTextAtEveryPieceSize() throws {
        let gb = gb18030(Self.text)
        #expect(gb.starts(with: [0x84, 0x31, 0x95, 0x33]))   // the BOM's four bytes
        #expect(gb.count < Self.text.utf8.count)
        for piece in 1...gb.count {
            #expect(try read(gb, .gb18030, piece: piece).get() == Array(Self.text.utf8), "piece \(piece)")
        }
    }

    @Test func aBadGB18030SequenceIsNamedAtEveryPieceSize() throws {
        // Line 3: "©邵" then 0xFF: the bad sequence is the third character.
        let head = gb18030("地区,值\n𠀀县,1\n©邵"), bad = head + [0xFF, 0x41] + gb18030("县,2\n")
        let expected = "t.csv:3:3: the file is neither UTF-8 nor GB18030 (bad byte sequence at offset \(head.count))"
        for piece in 1...bad.count { #expect(failure(read(bad, .gb18030, piece: piece)) == expected, "piece \(piece)") }
        // A four-byte character cut by the file's end, and a NUL byte (after a four-byte character).
        let cut = head + [0x95, 0x32, 0x82]
        for piece in 1...cut.count {
            #expect(
                failure(read(cut, .gb18030, piece: piece))
                    == "t.csv:3:3: the file is neither UTF-8 nor GB18030 (bad byte sequence at offset \(head.count))")
            #expect(failure(read(head + [0] + cut, .gb18030, piece: piece)) == "t.csv:3:3: \(TextFile.nulMessage)")
        }
    }

    @Test func utf8IsCheckedAtEveryPieceSize() throws {
        let utf8 = Array(Self.text.utf8)
        for piece in 1...utf8.count { #expect(try read(utf8, .utf8, piece: piece).get() == utf8) }
        // After the BOM (not a character) and "地区": column 3 of line 1; on line 3 after "©邵": column 3.
        let first = Array("\u{FEFF}地区".utf8) + [0xFF] + Array(",值\n".utf8)
        let third = Array("地区,值\n𠀀县,1\n©邵".utf8) + [0xE4, 0xB8] + Array(",值\n".utf8)
        for piece in 1...third.count {
            #expect(
                failure(read(first, .utf8, piece: piece))
                    == "t.csv:1:3: the file is not valid UTF-8 (byte 0xFF at offset 9)")
            #expect(
                failure(read(third, .utf8, piece: piece))
                    == "t.csv:3:3: the file is not valid UTF-8 (byte 0xE4 at offset \(third.count - 7))")
            #expect(failure(read(Array("\u{FEFF}地".utf8) + [0], .utf8, piece: piece)) == "t.csv:1:2: \(TextFile.nulMessage)")
            // Stray continuation bytes after a whole character (found by the fuzzer): the first of them is named.
            #expect(
                failure(read(Array("地区\n亿".utf8) + [0xAD, 0x85, 0x83, 0x2C], .utf8, piece: piece))
                    == "t.csv:2:2: the file is not valid UTF-8 (byte 0xAD at offset 10)")
        }
    }

    func temporaryFile(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = Repository.temporaryDirectory("stream").appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aGB18030FileLoadsAsItsUTF8CopyAtEveryPieceAndWindowSize() throws {
        let utf8 = try temporaryFile(Array(Self.text.utf8), "u.csv"), gb = try temporaryFile(gb18030(Self.text), "g.csv")
        let whole = DatasetLoader.load(utf8)
        #expect(whole.observations.count == 2 && whole.observations.map(\.region.name) == ["𠀀县", "©邵阳县"])
        #expect(whole.problems.map(\.location.description) == ["\(utf8):4:17"])
        func same(_ d: Dataset) -> Bool {
            Array(d.observations).map { "\($0.region.name) \($0.indicator) \($0.value) \($0.provenance.location.line ?? 0)" }
                == Array(whole.observations).map {
                    "\($0.region.name) \($0.indicator) \($0.value) \($0.provenance.location.line ?? 0)"
                }
                && d.problems.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message)" }
                    == whole.problems.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message)" }
        }
        for piece in 1...40 {
            for window in [1, 5, 1 << 20] {
                #expect(same(DatasetLoader.load(gb, options: LoadOptions(), windowSize: window, piece: piece)), "\(piece) \(window)")
                #expect(same(DatasetLoader.load(utf8, options: LoadOptions(), windowSize: window, piece: piece)), "\(piece) \(window)")
            }
        }
    }

    @Test func chartDataIsReadInWindowsAsOneRead() throws {
        let utf8 = Array(Self.text.utf8)
        let whole = try Table.parse(utf8, file: "t.csv")
        #expect(whole.header == ["地区", "指标", "年份", "值", "单位"] && whole.rows.count == 3)
        #expect(whole.rows.map(\.line) == [2, 3, 4] && whole.rows[1].fields[1] == "说\"明" && whole.rows[2].columns[3] == 17)
        let u = try temporaryFile(utf8, "u.csv"), g = try temporaryFile(gb18030(Self.text), "g.csv")
        for piece in [1, 2, 3, 5, 7, 64] {
            for window in [1, 2, 3, 7, 1 << 20] {
                for path in [u, g] {
                    let t = try Table.load(path: path, encoding: nil, windowSize: window, piece: piece)
                    #expect(t.header == whole.header && t.rows.map(\.fields) == whole.rows.map(\.fields))
                    #expect(t.rows.map(\.line) == whole.rows.map(\.line) && t.rows.map(\.columns) == whole.rows.map(\.columns))
                }
            }
        }
        // A syntax error and a bad byte are named by line and column, at every window size.
        let broken = try temporaryFile(Array("地区,值\n新邵县,\"1\"x\n".utf8), "b.csv")
        let lateHead = Array("地区,值\n新邵县,1\n隆回县,".utf8)
        let late = try temporaryFile(lateHead + [0xFF, 0x0A], "l.csv")
        for window in 1...12 {
            #expect(throws: DataError(SourceLocation(file: broken, line: 2, column: 8), "unexpected text after a closing quote")) {
                try Table.load(path: broken, encoding: nil, windowSize: window, piece: window)
            }
            #expect(throws: DataError(SourceLocation(file: late, line: 3, column: 5), "the file is neither UTF-8 nor GB18030 (byte 0xFF at offset \(lateHead.count) is not UTF-8)")) {
                try Table.load(path: late, encoding: nil, windowSize: window, piece: window)
            }
        }
    }

    /// A file of `size` bytes of UTF-8 lines ("新邵县,人口,2022,1") with byte `bad` at offset `at`, served
    /// through `TextFile.withText` as the loader reads it; the error and how many bytes were read.
    func lateByte(size: Int, at: Int, _ bad: UInt8) -> (error: String, read: Int) {
        let header = Array("地区,指标,年份,值\n".utf8), line = Array("新邵县,人口,2022,1\n".utf8)
        var served = 0
        let source: TextStream.Read = { into, count, offset in
            let n = max(0, min(count, size - offset))
            let out = into.assumingMemoryBound(to: UInt8.self)
            for k in 0..<n {
                let i = offset + k
                out[k] = i == at ? bad : i < header.count ? header[i] : line[(i - header.count) % line.count]
            }
            served += n
            return n
        }
        do {
            _ = try TextFile.withText(path: "big.csv", encoding: nil, source: source) { text in
                var windows = CSVWindows(text, size: size)
                return try DatasetLoader.loadCSV(&windows, file: "big.csv", options: LoadOptions())
            }
            return ("loaded", served)
        } catch { return ("\(error)", served) }
    }

    @Test func aBadByteAtOneMegabyteOfAGigabyteStopsTheReadingThere() throws {
        let header = "地区,指标,年份,值\n".utf8.count, line = "新邵县,人口,2022,1\n".utf8.count
        let at = header + 40_000 * line + 3   // line 40,002, after "新": column 2
        let r = lateByte(size: 1 << 30, at: at, 0xFF)
        #expect(r.error == "big.csv:40002:2: the file is neither UTF-8 nor GB18030 (byte 0xFF at offset \(at) is not UTF-8)")
        #expect(r.read < 4 << 20, "read \(r.read) bytes")
    }

    @Test func aBadByteAtTheEndIsNamedAfterOneReading() throws {
        let header = "地区,指标,年份,值\n".utf8.count, line = "新邵县,人口,2022,1\n".utf8.count
        let size = header + 200_000 * line
        let r = lateByte(size: size, at: size - 2, 0xC3)   // the last line's "1" replaced by a lead byte without its trail
        #expect(r.error == "big.csv:200001:13: the file is neither UTF-8 nor GB18030 (byte 0xC3 at offset \(size - 2) is not UTF-8)")
        // UTF-8 read to its end, GB18030 given up at the first line (E5 8E BF 2C is not GB18030): about once.
        #expect(r.read < size + (2 << 20), "read \(r.read) of \(size) bytes")
    }

    /// A document on one line and one over many, with a BOM, escapes (a surrogate pair), a record that
    /// cannot be read and records under "observations".
    static let json = [
        "\u{FEFF}[{\"region\":\"𠀀县\",\"indicator\":\"地区生产总值\",\"period\":2022,\"value\":166.86,\"unit\":\"亿元\"},"
            + "{\"region\":\"\\u00a9\\ud840\\udc00\\\"县\",\"indicator\":\"人口\",\"period\":\"2021\",\"value\":\"很多\",\"unit\":\"万人\"},"
            + "{\"region\":\"隆回县\",\"indicator\":\"人口\",\"period\":\"2021\",\"value\":-150.5,\"unit\":\"万人\",\"note\":null}]",
        "{\"meta\": {\"a\": [1, true, false]},\n \"observations\": [\n  {\"region\": \"新邵县\", \"indicator\": \"地区生产总值\",\n"
            + "   \"period\": 2022, \"value\": \"166.86\", \"unit\": \"亿元\"},\n  {\"region\": \"新邵县\", \"indicator\": 7}\n ]\n}\n",
    ]

    func describe(_ d: Dataset) -> [String] {
        Array(d.observations).map { "\($0.region.name) \($0.indicator) \($0.value) \($0.provenance.location)" }
            + d.problems.map { "\($0)" }
    }

    @Test func jsonReadInPiecesGivesTheRecordsOfOneRead() throws {
        for (doc, records) in zip(Self.json, [2, 1]) {
            let bytes = Array(doc.utf8)
            let whole = JSONDatasetLoader.load(bytes, file: "t.json", options: LoadOptions())
            #expect(whole.observations.count == records && whole.problems.count == 1, "\(describe(whole))")
            for piece in 1...bytes.count {
                let cut = try JSONDatasetLoader.load(
                    TextStream(bytes: bytes, file: "t.json", encoding: .utf8, piece: piece), file: "t.json",
                    options: LoadOptions())
                #expect(describe(cut) == describe(whole), "piece \(piece)")
            }
        }
        let one = JSONDatasetLoader.load(Array(Self.json[0].utf8), file: "t.json", options: LoadOptions())
        #expect(one.observations.map(\.region.name) == ["𠀀县", "隆回县"])
        #expect(one.problems.map(\.location.description) == ["t.json:1:155 ($[1].value)"])
    }

    @Test func jsonErrorsAreNamedAtEveryPieceSize() throws {
        let cases: [([UInt8], String)] = [
            (Array("[{\"region\": \"新邵县\"},\n {\"a\": 1,}]".utf8), "t.json:2:10: expected a quoted key"),
            (Array("[{\"region\": \"新邵".utf8) + [0xFF] + Array("\"}]".utf8), "t.json:1:16: the file is not valid UTF-8 (byte 0xFF at offset 19)"),
            (Array("[{\"region\": \"新邵\"}] [".utf8), "t.json:1:20: unexpected text after the JSON value"),
            (Array("[{\"region\": \"新邵\"}, \u{0}]".utf8), "t.json:1:20: \(TextFile.nulMessage)"),
        ]
        for (bytes, expected) in cases {
            for piece in 1...bytes.count {
                var got = ""
                do {
                    let d = try JSONDatasetLoader.load(
                        TextStream(bytes: bytes, file: "t.json", encoding: .utf8, piece: piece), file: "t.json",
                        options: LoadOptions())
                    got = d.problems.first.map { "\($0)" } ?? "loaded"
                } catch let e as TextStream.NotUTF8 { got = "\(e.error)" } catch { got = "\(error)" }
                #expect(got == expected, "piece \(piece)")
            }
        }
    }
}
