import Foundation
import Testing

@testable import CountyData

/// The column store gives back exactly the observations put into it, alone and joined, and a
/// large file read in pieces on several cores gives every row in order with its own fields.
@Suite struct ObservationTableTests {
    static let county = Region(code: "430522", name: "新邵县", parent: "邵阳市")
    static let city = Region(code: "430500", name: "邵阳市", parent: "湖南省")

    static func observation(_ i: Int, file: String = "a.csv") -> Observation {
        let region = i % 3 == 0 ? city : county
        return Observation(
            region: region, indicator: i % 2 == 0 ? "地区生产总值" : "年末常住人口", period: .year(2000 + i % 20),
            value: Decimal(i) / 100, parts: i % 7 == 0 ? [Decimal(i), 100 - Decimal(i)] : nil,
            unit: i % 5 == 0 ? nil : Unit(i % 2 == 0 ? "亿元" : "万人"),
            hedge: i % 11 == 0 ? Hedge(word: "约", meaning: .about) : nil, note: i % 4 == 0 ? "" : "注\(i % 6)",
            provenance: Provenance(
                location: SourceLocation(
                    file: file, line: i + 2, column: i % 13 == 0 ? 5 : nil,
                    key: i % 17 == 0 ? "$[\(i)]" : nil),
                source: i % 9 == 0 ? "" : "http://tjj.example.gov.cn/\(i / 3).html"))
    }

    @Test func givesBackWhatWasPutIn() {
        let input = (0..<300).map { Self.observation($0) }
        let table = ObservationTable(input)
        #expect(table.count == 300)
        #expect(Array(table) == input)
        #expect(table.regions.count == 2 && table.indicatorNames == ["地区生产总值", "年末常住人口"])
        #expect(table[0].region === table[3].region)
        #expect(table.rowsWithParts == stride(from: 0, to: 300, by: 7).map { $0 })
    }

    /// Distinct periods, sorted, past the short list searched first (more than 64 of them).
    @Test func distinctPeriodsBeyondTheShortList() {
        let periods =
            (2001...2010).flatMap { y in (1...12).map { Period(year: y, kind: .month($0)) } }
            + (1990...2000).map { .year($0) }
        var table = ObservationTable()
        for (i, p) in (periods + periods.reversed()).enumerated() {
            var o = Self.observation(i)
            o.period = p
            table.append(o)
        }
        #expect(table.distinctPeriods == periods.sorted())
        #expect(table.distinctPeriods.count == 131)
    }

    @Test func joinedTablesKeepEveryRowAndShareTheirNames() {
        let a = (0..<150).map { Self.observation($0) }, b = (150..<400).map { Self.observation($0, file: "b.csv") }
        var table = ObservationTable(a)
        table.append(contentsOf: ObservationTable(b))
        #expect(Array(table) == a + b)
        #expect(table.regions.count == 2 && table.indicatorNames.count == 2)
        #expect(table.parts(at: 154) == b[4].parts && table.parts(at: 161) == b[11].parts)
        var more = table
        more.append(Self.observation(1000))
        #expect(more.count == 401 && more[400] == Self.observation(1000))
        #expect(table.count == 400)   // a value: the copy changed, not the original
    }

    @Test func aLargeFileReadInPiecesGivesEveryRowInOrder() throws {
        // More than 2 MB, so it is split and read on several cores.
        var text = "region_code,region,parent,indicator,period,value,unit,note,source_url\n"
        let rows = 40_000
        for i in 0..<rows {
            let value =
                i % 101 == 0
                ? "约\(i)"
                : i % 103 == 0 ? "\"19.4:36.3:44.3\"" : i % 107 == 0 ? "—" : String(format: "%d.%02d", i / 100, i % 100)
            let indicator = i % 103 == 0 ? "三次产业结构" : i % 2 == 0 ? "地区生产总值" : "规模工业增加值"
            let unit = i % 103 == 0 ? "%" : "亿元"
            let note = i % 5 == 0 ? "\"含, 逗号\"" : ""
            text +=
                "43\(String(format: "%04d", i % 97)),县\(i % 97),邵阳市,\(indicator),\(2000 + i % 24),\(value),\(unit),\(note),http://x.cn/\(i)\n"
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 2 << 20)
        let data = DatasetLoader.loadCSV(bytes, file: "big.csv")
        #expect(data.problems.isEmpty)
        let kept = (0..<rows).filter { $0 % 107 != 0 || $0 % 101 == 0 || $0 % 103 == 0 }
        #expect(data.observations.count == kept.count)
        for (o, i) in zip(data.observations, kept) {
            #expect(o.provenance.location.line == i + 2)
            #expect(o.provenance.source == "http://x.cn/\(i)")
            #expect(o.region.name == "县\(i % 97)" && o.region.code == "43\(String(format: "%04d", i % 97))")
            #expect(o.period == .year(2000 + i % 24))
            #expect(o.note == (i % 5 == 0 ? "含, 逗号" : ""))
            if i % 101 == 0 {
                #expect(o.value == Decimal(i) && o.hedge?.word == "约")
            } else if i % 103 == 0 {
                #expect(o.parts?.count == 3 && o.unit?.symbol == "%")
            } else {
                #expect(o.value == Decimal(i) / 100 && o.hedge == nil && o.unit?.symbol == "亿元")
            }
            if o.provenance.location.line != i + 2 { break }
        }
        #expect(data.observations.regions.count == 97)
    }
}

/// One id per region name, in order of first appearance (a region's name, then its parent's).
@Suite struct RegionNameIndexTests {
    static func row(_ region: Region, _ line: Int) -> Observation {
        Observation(
            region: region, indicator: "地区生产总值", period: .year(2023), value: Decimal(line), unit: Unit("亿元"),
            provenance: Provenance(location: SourceLocation(file: "a.csv", line: line)))
    }

    @Test func namesParentsAndChildren() {
        let xinshao = Region(code: "430522", name: "新邵县", parent: "邵阳市")
        let xinshaoWithoutCode = Region(name: "新邵县")   // another region of the table, the same name
        let longhui = Region(code: "430524", name: "隆回县", parent: "邵阳市")
        let city = Region(code: "430500", name: "邵阳市", parent: "湖南省")
        var table = ObservationTable([
            Self.row(xinshaoWithoutCode, 2), Self.row(xinshao, 3), Self.row(longhui, 4), Self.row(city, 5),
        ])
        _ = table.regionID(Region(name: "无数据县"))   // a region no row refers to
        let index = RegionNameIndex(table)
        #expect(index.names == ["新邵县", "邵阳市", "隆回县", "湖南省"])
        #expect(table.regions.count == 5 && index.ofTableRegion == [0, 0, 2, 1, -1])
        #expect(index.ofRows(table) == [0, 0, 2, 1])
        #expect(index.parentOf == [1, 3, 1, -1])   // the first row of 新邵县 names no parent, the second does
        #expect(index.childrenOf == [[], [0, 2], [], [1]])
        #expect(index.id("隆回县") == 2 && index.id("湖南省") == 3 && index.id("无数据县") == nil)
    }
}
