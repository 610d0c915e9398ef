import Foundation
import PropertyBased
import Testing

@testable import CountyData

func records(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [(Int, [String])] {
    var out: [(Int, [String])] = []
    try CSVParser(bytes: Array(text.utf8), delimiter: delimiter).forEachRecord { out.append(($0.line, $0.strings)) }
    return out
}

@Suite struct CSVParserTests {
    @Test func plainRecordsWithLineNumbers() throws {
        let r = try records("a,b\n1,2\n3,4\n")
        #expect(r.map(\.1) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r.map(\.0) == [1, 2, 3])
    }

    @Test func crlfBomAndNoFinalNewline() throws {
        let r = try records("\u{FEFF}地区,值\r\n新邵县,1\r\n隆回县,2")
        #expect(r.map(\.1) == [["地区", "值"], ["新邵县", "1"], ["隆回县", "2"]])
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let r = try records("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"line1\nline2\"\nnext,2,3\n")
        #expect(r[1].1 == ["x,y", "say \"hi\"", "line1\nline2"])
        #expect(r[2].0 == 4)   // the quoted newline advanced the line count
        #expect(r[2].1 == ["next", "2", "3"])
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        #expect(try records("a,,c\n,\n").map(\.1) == [["a", "", "c"], ["", ""]])
        #expect(try records("a,b,\n").map(\.1) == [["a", "b", ""]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let r = try records("a\n\n\nb\n")
        #expect(r.map(\.1) == [["a"], ["b"]])
        #expect(r.map(\.0) == [1, 4])
    }

    @Test func tabsAndSniffing() throws {
        let text = "地区\t值\n新邵县\t1,5\n"
        #expect(CSVParser.sniffDelimiter(Array(text.utf8)) == 9)
        #expect(try records(text, delimiter: 9).map(\.1) == [["地区", "值"], ["新邵县", "1,5"]])
        #expect(CSVParser.sniffDelimiter(Array("a,b\tc,d\n".utf8)) == UInt8(ascii: ","))
    }

    @Test func unclosedQuoteNamesWhereItOpened() {
        #expect(throws: CSVSyntaxError(line: 2, column: 5, message: "a quoted field is never closed")) {
            try records("a,b\n新邵县,\"166.86\n")
        }
    }

    @Test func textAfterClosingQuoteIsAnError() {
        #expect(throws: CSVSyntaxError(line: 1, column: 6, message: "unexpected text after a closing quote")) {
            try records("a,\"b\"c\n")
        }
    }

    @Test func columnsCountCharactersNotBytes() throws {
        var columns: [[Int]] = []
        try CSVParser(bytes: Array("新邵县,隆回县,\"x\"\n".utf8)).forEachRecord { r in
            columns.append((0..<r.count).map { r.column($0) })
        }
        #expect(columns == [[1, 5, 9]])
    }
}

@Suite struct EncodingTests {
    @Test func detectsUTF8AndGB18030() throws {
        #expect(TextFile.detect(Array("地区,值".utf8)) == .utf8)
        // “新邵县” in GB18030.
        let gb: [UInt8] = [0xD0, 0xC2, 0xC9, 0xDB, 0xCF, 0xD8]
        #expect(TextFile.detect(gb) == .gb18030)
        #expect(try GB18030.decode(gb, file: "t.csv") == Array("新邵县".utf8))
    }

    @Test func invalidUTF8IsFoundAtItsOffset() {
        #expect(TextFile.firstInvalidUTF8(Array("ab".utf8) + [0xC3]) == 2)
        #expect(TextFile.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)   // a surrogate
        #expect(TextFile.firstInvalidUTF8([0xC0, 0x80]) == 0)   // overlong
        #expect(TextFile.firstInvalidUTF8(Array("新邵县".utf8)) == nil)
    }

    /// The fast check agrees with decoding scalar by scalar, on texts of every length around its
    /// 32-byte stretches, with one byte broken anywhere.
    @Test func fastCheckAgreesWithScalarDecoding() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = ["a", "1,", "新", "邵", "é", "😀", "\n", "—"].map { Array($0.utf8) }
        let breakers: [UInt8] = [0x00, 0x80, 0xBF, 0xC0, 0xC1, 0xE0, 0xED, 0xF4, 0xF5, 0xFF]
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            let length = round % 90
            while bytes.count < length { bytes += pieces.randomElement(using: &generator)! }
            if round % 3 != 0, !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = breakers.randomElement(using: &generator)!
            }
            #expect(TextFile.firstInvalidUTF8(bytes) == Self.firstInvalidByDecoding(bytes), "\(bytes)")
        }
    }

    /// The reference: decode each scalar and check its range.
    static func firstInvalidByDecoding(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0 { return i }
            if b < 0x80 { i += 1; continue }
            let len: Int, minScalar: UInt32
            if b & 0xE0 == 0xC0 {
                len = 2; minScalar = 0x80
            } else if b & 0xF0 == 0xE0 {
                len = 3; minScalar = 0x800
            } else if b & 0xF8 == 0xF0 {
                len = 4; minScalar = 0x10000
            } else {
                return i
            }
            guard i + len <= bytes.count else { return i }
            var scalar = UInt32(b) & (0xFF >> UInt32(len + 1))
            for k in 1..<len {
                guard bytes[i + k] & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += len
        }
        return nil
    }

    @Test func encodingNames() {
        #expect(TextEncoding(name: "GBK") == .gb18030)
        #expect(TextEncoding(name: "utf-8") == .utf8)
        #expect(TextEncoding(name: "latin1") == nil)
    }
}

@Suite struct PlainNumberTests {
    @Test func headingUnits() {
        #expect(HeadingUnit.split("地区生产总值（亿元）") == ("地区生产总值", "亿元"))
        #expect(HeadingUnit.split("增速(%)") == ("增速", "%"))
        #expect(HeadingUnit.split("地区") == ("地区", nil))
    }

    @Test(arguments: [
        ("233.0109", PlainNumber.Reading.value(Decimal(string: "233.0109")!)),
        ("-25.7", .value(Decimal(string: "-25.7")!)),
        ("−0.5", .value(Decimal(string: "-0.5")!)),
        ("1,668,595", .value(1_668_595)),
        (" 7 ", .value(7)),
        ("—", .missing), ("", .missing), ("…", .missing), ("-", .missing),
        ("约二百", .invalid), ("1.2.3", .invalid), ("12.", .invalid), ("2023年", .invalid), (",5", .invalid),
    ])
    func reads(_ c: (String, PlainNumber.Reading)) { #expect(PlainNumber.read(c.0) == c.1) }
}

@Suite struct CSVSplitTests {
    /// Pieces start after a line end outside quotes and know their first line: parsed one by one
    /// they give the records of the whole file, with the same lines.
    @Test func piecesGiveTheRecordsOfTheWholeFile() throws {
        var text = "a,b,c\n"
        for i in 0..<200_000 {
            text +=
                i % 7 == 0 ? "\(i),\"两行\n的\"\"备注\"\"\",x\n" : i % 11 == 0 ? "\(i),\"含,逗号\",\n" : "\(i),新邵县,\(i * 3)\n"
        }
        let parser = CSVParser(bytes: Array(text.utf8))
        func records(_ range: Range<Int>, _ line: Int) throws -> [[String]] {
            var out: [[String]] = []
            _ = try parser.records(in: range, firstLine: line) { r in
                out.append(["\(r.line)"] + r.strings); return true
            }
            return out
        }
        let whole = try records(0..<parser.bytes.count, 1)
        for parts in [2, 3, 4] {
            let pieces = parser.split(0..<parser.bytes.count, firstLine: 1, parts: parts)
            #expect(pieces.count == min(parts, parser.bytes.count >> 20))   // pieces of at least 1 MB
            var joined: [[String]] = []
            for (k, p) in pieces.enumerated() {
                joined += try records(p.range, p.firstLine)
                if k < pieces.count - 1 { #expect(parser.bytes[p.range.upperBound - 1] == 0x0A) }
            }
            #expect(joined == whole)
        }
    }
}

@Suite struct TrimmingTests {
    /// The fast trim agrees with Foundation's `trimmingCharacters(in: .whitespaces)` on texts built
    /// from spaces of every kind (ASCII, tab, U+3000, no-break, thin), Chinese, Latin and line ends.
    @Test func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [" ", "\t", "\u{3000}", "\u{00A0}", "\u{2009}", "\n", "\r", "新邵", "a", "1.5", "\u{0301}", "—"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...7, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
        #expect(" \u{3000}新邵县\t".trimmingSpaces == "新邵县")
        #expect("\n新邵县\n".trimmingSpaces == "\n新邵县\n")   // line ends are not spaces
    }
}

extension TrimmingTests {
    /// The spelled-out list of spaces is Unicode's category Zs (plus tab), scalar by scalar.
    @Test func spacesAreCategoryZs() {
        for value in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(value) else { continue }
            let text = String(Character(s)) + "x"
            let isSpace = s == "\t" || s.properties.generalCategory == .spaceSeparator
            if (text.trimmingSpaces == "x") != isSpace {
                Issue.record("U+\(String(value, radix: 16)): space \(isSpace)")
            }
        }
    }
}

extension TrimmingTests {
    /// What random byte strings are made of: every space (category Zs, and tab) as UTF-8, line ends,
    /// spaces cut short, their neighbours that are not spaces (U+200B, U+2010, U+2060, 、, ¡),
    /// Chinese and ASCII text; any other draw is one byte as itself, so most strings are not UTF-8.
    static let pieces: [[UInt8]] = {
        let spaces =
            "\u{20}\t\u{A0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{202F}\u{205F}\u{3000}"
        let others = ["\n", "\r", "\r\n", "\u{200B}", "\u{2010}", "\u{2060}", "、", "¡", "新邵县", "a", "1.5", "\u{301}"]
        return spaces.unicodeScalars.map { Array(String($0).utf8) } + others.map { Array($0.utf8) }
            + [[0xC2], [0xE2, 0x80], [0xE3, 0x80], [0xE1, 0x9A], [0xE2, 0x81], [0x80], [0xA0], [0xFF]]
    }()

    static let byteStrings = Gen.int(in: 0...(pieces.count + 255)).array(of: 0...10).map { draws in
        draws.flatMap { $0 < pieces.count ? pieces[$0] : [UInt8($0 - pieces.count)] }
    }

    /// Field bytes trimmed by the CSV reader, as the reader decodes them.
    static func trimmedByCSVReader(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var record = CSVRecord(buffer: buffer)
            record.append(start: 0, end: buffer.count, quoted: false, escaped: false)
            return record.trimmedString(0)
        }
    }

    /// One trimming rule: the CSV reader's byte-level trim and `String.trimmingSpaces` give the same
    /// text on any bytes, valid UTF-8 or not.
    @Test func byteLevelTrimAgreesWithStringTrim() async {
        await propertyCheck(count: 3000, input: Self.byteStrings) { bytes in
            // Compared byte for byte (String's == would take canonically equivalent texts as equal).
            #expect(
                Array(Self.trimmedByCSVReader(bytes).utf8)
                    == Array(String(decoding: bytes, as: UTF8.self).trimmingSpaces.utf8), "\(bytes)")
        }
        #expect(Self.trimmedByCSVReader(Array("\u{A0}新邵县\u{2009}".utf8)) == "新邵县")
        #expect(Self.trimmedByCSVReader(Array("\r新邵县\n".utf8)) == "\r新邵县\n")   // line ends are not spaces
    }
}

@Suite struct CSVOutputTests {
    @Test func quotesAFieldWhenItNeedsQuotes() {
        #expect(CSVOutput.field("新邵县") == "新邵县")
        #expect(CSVOutput.field("") == "")
        #expect(CSVOutput.field("新 邵\t县") == "新 邵\t县")   // spaces inside need no quotes
        #expect(CSVOutput.field("邵阳市,新邵县") == "\"邵阳市,新邵县\"")
        #expect(CSVOutput.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVOutput.field("a\rb") == "\"a\rb\"")
        #expect(CSVOutput.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVOutput.field("a\nb") == "\"a\nb\"")
        #expect(CSVOutput.field(",\u{301}") == "\",\u{301}\"")   // one Character, still a comma
        #expect(CSVOutput.field("\"\u{301}") == "\"\"\"\u{301}\"")   // and a quote, still doubled
        #expect(CSVOutput.field(" 新邵县") == "\" 新邵县\"")
        #expect(CSVOutput.field("新邵县\u{3000}") == "\"新邵县\u{3000}\"")
        #expect(CSVOutput.field("\t1") == "\"\t1\"")
    }

    static let texts = Gen.int(in: 0...11).array(of: 0...6).map { draws in
        draws.map { [",", "\"", "\r", "\n", "\r\n", " ", "\u{3000}", "\t", "新邵县", "a", "\u{301}", "\"\""][$0] }.joined()
    }

    /// Any three texts written as fields of a record read back as themselves.
    @Test func fieldsReadBackAsWritten() async {
        await propertyCheck(count: 2000, input: Self.texts, Self.texts, Self.texts) { a, b, c in
            let line = [a, b, c].map(CSVOutput.field).joined(separator: ",") + "\n"
            let read = (try? records(line))?.map { $0.1.map { Array($0.utf8) } }
            #expect(read == [[a, b, c].map { Array($0.utf8) }], "\(Array(line.unicodeScalars))")
        }
    }
}

/// Issue 16: the columns of a wide row are counted in one pass, the same as field by field.
@Suite struct CSVColumnsTests {
    @Test func columnsInOnePassAreEachFieldsColumn() throws {
        let text =
            "\u{FEFF}地区,年份,\"a\nb\",指标（亿元）,\"x,y\",\n新邵县,2023,\"多\n行\",1,2,3\n"
            + (0..<300).map { "列\($0)" }.joined(separator: ",") + "\n"
        var checked = 0
        try CSVParser(bytes: Array(text.utf8), delimiter: UInt8(ascii: ",")).forEachRecord { record in
            #expect(record.columns == (0..<record.count).map { record.column($0) }, "line \(record.line)")
            checked += record.count
        }
        #expect(checked == 6 + 6 + 300)
        // 新邵县 is 3 characters: 2023 starts at column 5; the field after a newline in quotes counts from it.
        try CSVParser(bytes: Array("新邵县,2023,\"多\n行\",1\n".utf8), delimiter: UInt8(ascii: ",")).forEachRecord {
            record in
            #expect(record.columns == [1, 5, 10, 4])
        }
    }
}
