import CountyTestSupport
import Foundation
import Testing

@testable import CountyData

let samplePath = Repository.path("Reports/data/shaoyang-counties.csv")

func write(_ text: String, _ name: String) throws -> String {
    let path = Repository.temporaryDirectory("loader").appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite struct SampleDataTests {
    @Test func sampleLoadsAndItsOneInconsistencyIsNamedByLine() throws {
        var data = DatasetLoader.load(samplePath)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.count == 148)
        #expect(data.regions.count == 10)
        data.check()
        // The one real inconsistency: 新邵县 2020 GDP is 176.3亿元 (work report) and 1668595万元 (county page).
        #expect(data.errors.count == 1)
        let e = try #require(data.errors.first)
        #expect(e.location.line == 123)
        #expect(e.message.contains("地区生产总值 of 新邵县 for 2020年") && e.message.contains(":16"))
    }

    @Test func valuesAreExactAndKeepTheirUnitAsWritten() throws {
        let data = DatasetLoader.load(samplePath)
        let gdp = try #require(data.observations.first { $0.region.name == "隆回县" && $0.indicator == "地区生产总值" })
        #expect(gdp.value == 2_330_109 && gdp.unit?.symbol == "万元")
        #expect(gdp.baseValue == Decimal(string: "23301090000"))
        #expect(try gdp.value(in: #require(Unit("亿元"))) == Decimal(string: "233.0109"))
        #expect(gdp.provenance.location.line == 18)
        let fiscal = try #require(data.observations.first { $0.indicator == "地方财政收入增速" && $0.region.name == "新邵县" })
        #expect(fiscal.value == Decimal(string: "-25.7"))
        let structure = try #require(data.observations.first { $0.indicator == "三次产业结构" })
        #expect(structure.parts == [Decimal(string: "19.4")!, Decimal(string: "36.3")!, Decimal(string: "44.3")!])
        #expect(structure.region.code == "430522" && structure.region.parent == "邵阳市")
        #expect(structure.period == .year(2018))
    }

    @Test func gb18030CopyLoadsToTheSameObservations() throws {
        let utf8 = DatasetLoader.load(samplePath)
        let gb = DatasetLoader.load(Repository.path("Tests/Fixtures/shaoyang-counties.gb18030.csv"))
        #expect(gb.problems.isEmpty)
        #expect(gb.observations.count == utf8.observations.count)
        for (a, b) in zip(utf8.observations, gb.observations) {
            var b2 = b
            b2.provenance.location.file = a.provenance.location.file
            #expect(a == b2)
        }
        let forced = DatasetLoader.load(
            Repository.path("Tests/Fixtures/shaoyang-counties.gb18030.csv"), options: LoadOptions(encoding: .utf8))
        #expect(forced.errors.first?.message.contains("not valid UTF-8") == true)
    }
}

@Suite struct FormatTests {
    @Test func wideTableWithYearsAsColumns() throws {
        let path = try write(
            "地区,指标,2019年,2020年,2021年\n新邵县,地区生产总值（亿元）,160.1,—,170.25\n隆回县,地区生产总值（亿元）,220,233.0109,\n", "wide.csv")
        let data = DatasetLoader.load(path)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.count == 4)   // — and empty are missing, not zero
        let o = try #require(data.observations.first { $0.region.name == "隆回县" && $0.period == .year(2020) })
        #expect(o.value == Decimal(string: "233.0109") && o.unit?.symbol == "亿元" && o.indicator == "地区生产总值")
        #expect(o.provenance.location.line == 3 && o.provenance.location.column == 20)
    }

    @Test func wideTableWithIndicatorsAsColumnsTabsBOMAndCRLF() throws {
        let path = try write("\u{FEFF}地区\t年份\t地区生产总值（亿元）\t年末常住人口（万人）\r\n新邵县\t2020\t166.86\t76.5\r\n", "wide2.tsv")
        let data = DatasetLoader.load(path)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.map(\.indicator) == ["地区生产总值", "年末常住人口"])
        #expect(data.observations[1].baseValue == 765_000)
    }

    @Test func wideTableOfOneIndicatorGivenOnTheCommandLine() throws {
        let path = try write("地区,2019,2020\n新邵县,160.1,166.86\n", "wide3.csv")
        let data = DatasetLoader.load(path, options: LoadOptions(indicator: "地区生产总值（亿元）"))
        #expect(data.problems.isEmpty)
        #expect(data.observations.map(\.value) == [Decimal(string: "160.1")!, Decimal(string: "166.86")!])
    }

    @Test func jsonKeepsExactDecimalsAndPaths() throws {
        let path = try write(
            """
            {"observations": [
              {"region_code": "430522", "region": "新邵县", "parent": "邵阳市", "indicator": "地区生产总值", "period": 2018, "value": 145.26, "unit": "亿元"},
              {"region": "新邵县", "indicator": "就业人数", "period": "2023年", "value": "3000余", "unit": "人"},
              {"region": "新邵县", "indicator": "三次产业结构", "period": "2018", "value": "19.4:36.3:44.3", "unit": "%"},
              {"region": "新邵县", "indicator": "税收", "period": "2018", "value": 0.30000000000000000001, "unit": "亿元"}
            ]}
            """, "data.json")
        let data = DatasetLoader.load(path)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.count == 4)
        #expect(data.observations[0].value == Decimal(string: "145.26"))
        #expect(data.observations[1].hedge?.word == "余")
        #expect(data.observations[2].parts?.count == 3)
        #expect(data.observations[3].value == Decimal(string: "0.30000000000000000001"))
        #expect(data.observations[0].provenance.location.key == "$.observations[0].value")
        #expect(data.observations[0].provenance.location.line == 2)
    }

    @Test func valueCellsWithUnitsAndMagnitudes() throws {
        let path = try write(
            "region,indicator,period,value,unit\n新邵县,到位资金,2023,18.65亿元,\n新邵县,奖补资金,2023,5763万,元\n新邵县,就业,2023,3000余人,\n",
            "cells.csv")
        let data = DatasetLoader.load(path)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.map(\.baseValue) == [1_865_000_000, 57_630_000, 3000])
        #expect(data.observations.map { $0.unit?.symbol } == ["亿元", "万元", "人"])
        #expect(data.observations[1].value == 5763)
    }
}

/// The decimals a figure was written with, which its exact value cannot keep (1286.40 is 1286.4).
@Suite struct WrittenDecimalsTests {
    @Test func longCSVKeepsThemForPlainAndQuotedAndUnitCells() throws {
        let path = try write(
            "region,indicator,period,value,unit\n新邵县,服装,2023,1286.40,万件\n新邵县,鞋,2023,\"364.10\",万双\n"
                + "新邵县,投资,2023,2.50亿元,\n新邵县,施工项目,2023,412,个\n新邵县,就业,2023,3000余人,\n",
            "written.csv")
        let data = DatasetLoader.load(path)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.map(\.writtenDecimals) == [2, 2, 2, 0, 0])
        #expect(data.observations[0].value == Decimal(string: "1286.4"))   // the value itself is exact, not rounded
    }

    @Test func wideCSVKeepsThem() throws {
        let path = try write("地区,指标,2022年,2023年\n新邵县,服装（万件）,1100.0,1286.40\n", "written-wide.csv")
        let data = DatasetLoader.load(path)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.map(\.writtenDecimals) == [1, 2])
    }

    @Test func jsonKeepsThemForStringsAndNumberLiterals() throws {
        let path = try write(
            """
            [{"region": "新邵县", "indicator": "服装", "period": 2023, "value": "1286.40", "unit": "万件"},
             {"region": "新邵县", "indicator": "鞋", "period": 2023, "value": 364.10, "unit": "万双"},
             {"region": "新邵县", "indicator": "茶", "period": 2023, "value": 1142, "unit": "吨"}]
            """, "written.json")
        let data = DatasetLoader.load(path)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.observations.map(\.writtenDecimals) == [2, 2, 0])
    }

    @Test func aTableOfObservationsKeepsThemThroughAppendAndMerge() {
        let region = Region(code: "1", name: "甲县", parent: "")
        func o(_ written: Int?) -> Observation {
            Observation(
                region: region, indicator: "x", period: .year(2023), value: 1, unit: nil,
                provenance: Provenance(location: SourceLocation(file: "f.csv", line: 2), source: ""),
                writtenDecimals: written)
        }
        var a: ObservationTable = [o(2), o(nil)]
        a.append(contentsOf: [o(0)] as ObservationTable)
        #expect(a.map(\.writtenDecimals) == [2, nil, 0])
    }

    @Test func countedInTheTextAsWritten() {
        #expect(CellReader.writtenDecimals("1,286.40万件") == 2)
        #expect(CellReader.writtenDecimals("１２．５０") == 2)
        #expect(CellReader.writtenDecimals("约3000人") == 0)
        #expect(CellReader.writtenDecimals("1.2e3") == nil && CellReader.writtenDecimals("三点五") == nil)
    }
}

extension FormatTests {
    /// A name with a no-break space after it is the same region in a long table as in a wide one,
    /// so two values given for it conflict.
    @Test func aNoBreakSpaceAfterANameIsTrimmedInLongAndWideTables() throws {
        let long = try write(
            "region,indicator,period,value,unit\n新邵县\u{A0},地区生产总值,2023,1,亿元\n新邵县,地区生产总值,2023,2,亿元\n", "nbsp.csv")
        var data = DatasetLoader.load(long)
        #expect(data.problems.isEmpty, "\(data.problems)")
        #expect(data.regions.map(\.name) == ["新邵县"])
        data.check()
        #expect(data.errors.map(\.location.line) == [3])
        #expect(data.errors.first?.message.contains("地区生产总值 of 新邵县 for 2023年 is 2亿元 here but 1亿元") == true)
        let wide = try write("地区,地区生产总值（亿元）\n新邵县\u{A0},1\n新邵县\u{3000},2\n", "nbsp-wide.csv")
        let wideData = DatasetLoader.load(wide, options: LoadOptions(period: .year(2023)))
        #expect(wideData.regions.map(\.name) == ["新邵县"])
    }
}

@Suite struct MalformedCatalogueTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var file: String, location: String, fragment: String
        var testDescription: String { file }
    }

    static let directory = Repository.path("Tests/Fixtures/malformed")
    static let entries: [Entry] = {
        let text = (try? String(contentsOfFile: directory + "/expected.tsv", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let p = $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Entry(file: p[0], location: p[1], fragment: p[2])
        }
    }()

    @Test func everyFileHasAnExpectationAndThereAreAtLeast25() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory).filter { $0 != "expected.tsv" }
            .sorted()
        #expect(files.count >= 25)
        #expect(files == Self.entries.map(\.file).sorted())
    }

    @Test(arguments: entries) func producesItsError(_ entry: Entry) {
        let path = Self.directory + "/" + entry.file
        var data = DatasetLoader.load(path)
        data.check()
        #expect(!data.errors.isEmpty, "no error for \(entry.file)")
        let prefix = "\(path):\(entry.location)"
        let match = data.errors.contains { "\($0)".hasPrefix(prefix) && "\($0)".contains(entry.fragment) }
        #expect(match, "expected “\(prefix) … \(entry.fragment)”, got \(data.errors.map(\.description))")
    }
}

@Suite struct PeriodTests {
    @Test(arguments: [
        ("2023", Period.year(2023)), ("2023年", .year(2023)), ("２０２３年", .year(2023)),
        ("2023Q1", Period(year: 2023, kind: .quarter(1))), ("2023年一季度", Period(year: 2023, kind: .quarter(1))),
        ("2023年第三季度", Period(year: 2023, kind: .quarter(3))),
        ("2023-03", Period(year: 2023, kind: .month(3))), ("2023年3月", Period(year: 2023, kind: .month(3))),
        ("2023年12月", Period(year: 2023, kind: .month(12))),
        ("2023年1—9月", Period(year: 2023, kind: .yearToDate(throughMonth: 9))),
        ("2023年1-6月", Period(year: 2023, kind: .yearToDate(throughMonth: 6))),
        ("2023M1-3", Period(year: 2023, kind: .yearToDate(throughMonth: 3))),
        ("2023年上半年", Period(year: 2023, kind: .yearToDate(throughMonth: 6))),
        ("2023年前三季度", Period(year: 2023, kind: .yearToDate(throughMonth: 9))),
    ])
    func reads(_ c: (String, Period)) { #expect(Period(c.0) == c.1) }

    @Test(arguments: ["", "23", "2023年13月", "2023Q5", "1850", "去年", "2023年2-9月", "abc"])
    func rejects(_ s: String) { #expect(Period(s) == nil) }

    @Test func writesTheChineseWay() {
        #expect(Period(year: 2023, kind: .yearToDate(throughMonth: 9)).description == "2023年1—9月")
        #expect(Period(year: 2023, kind: .quarter(2)).description == "2023年二季度")
        #expect(Period.year(2023).previousYear == .year(2022))
        #expect(
            [Period.year(2023), Period(year: 2023, kind: .month(3)), .year(2022)].sorted()
                == [.year(2022), Period(year: 2023, kind: .month(3)), .year(2023)])
    }
}

@Suite struct LargeGB18030Tests {
    /// A file of many pieces gives the same UTF-8 as the UTF-8 file, and a bad byte three quarters in
    /// is reported by its line and column (the line starts with a region code: column 3).
    @Test func aLargeFileConvertsToTheUTF8Text() throws {
        func lines(_ path: String) throws -> [[UInt8]] {
            try Array(Data(contentsOf: URL(fileURLWithPath: Repository.path(path)))).split(
                separator: 0x0A, omittingEmptySubsequences: false
            ).map(Array.init)
        }
        let gb = try lines("Tests/Fixtures/shaoyang-counties.gb18030.csv"),
            utf8 = try lines("Reports/data/shaoyang-counties.csv")
        #expect(gb.count == utf8.count)
        func repeated(_ l: [[UInt8]], _ times: Int) -> [UInt8] {
            let body = l.dropFirst().filter { !$0.isEmpty }
            return Array((l[0...0] + (0..<times).flatMap { _ in body }).joined(separator: [0x0A])) + [0x0A]
        }
        let big = repeated(gb, 800)
        #expect(big.count > 4 << 20)
        #expect(try GB18030.decode(big, file: "big.csv") == repeated(utf8, 800))
        var broken = big
        let start = big[(big.count * 3 / 4)...].firstIndex(of: 0x0A)! + 1   // a line in the second half
        let line = 1 + big[..<start].count { $0 == 0x0A }
        broken[start + 2] = 0xFF
        #expect(
            throws: DataError(
                SourceLocation(file: "big.csv", line: line, column: 3),
                "the file is neither UTF-8 nor GB18030 (bad byte sequence at offset \(start + 2))")
        ) {
            try GB18030.decode(broken, file: "big.csv")
        }
    }
}

/// Issue 16: a file that is not text is refused at its first NUL byte, named by line and column, before
/// the rest of it is read.
@Suite struct BinaryInputTests {
    func binary(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = Repository.temporaryDirectory("binary").appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aNULByteIsNamedByLineAndColumn() throws {
        // "地区\n新邵\0…": the NUL is the third character of line 2.
        let path = try binary(Array("地区\n新邵".utf8) + [0, 0x89, 0x50, 0x4E, 0x47], "small.bin")
        let error = try #require(DatasetLoader.load(path).errors.first)
        #expect(error.location == SourceLocation(file: path, line: 2, column: 3))
        #expect(error.message == "the file holds a NUL byte: it is binary or UTF-16, not text")
    }

    @Test func aBinaryFileIsRefusedBeforeItsSizeIsEvenConsidered() throws {
        // 100 KB of an executable's kind of bytes: the NUL in its first bytes is found before the file is
        // read, so a limit of 10 bytes (as a 7 GB file against the memory there is) is never reached.
        let path = try binary(
            [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array(repeating: 0x41, count: 100_000), "a.out")
        #expect(throws: DataError.self) { try TextFile.readUTF8(path: path, limit: 10, what: "spec") }
        do { _ = try TextFile.readUTF8(path: path, limit: 10, what: "spec") } catch let e as DataError {
            #expect(e.location.line == 1 && e.location.column == 8 && e.message.contains("NUL byte"), "\(e)")
        }
    }
}
