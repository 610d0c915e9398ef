import Foundation
import Testing

@testable import CountyData

/// The packed columns of an `ObservationTable` give back every integer and every value exactly as put in,
/// bit for bit, whatever width a column grows to; and a long table of short rows takes a few bytes a row.
@Suite struct PackedColumnsTests {
    /// Values at every width, both signs and the ends of Int64, in an order that widens the column step by step.
    static let integers: [Int64] = [
        7, 7, 7, 8, -120, 300, -30_000, 70_000, -2_000_000_000, 7, Int64.max, Int64.min, 0, -1, 1 << 40,
    ]

    @Test func integersReadBackAtEveryWidth() {
        var column = PackedIntegers()
        var widths: [Int] = []
        for (k, v) in Self.integers.enumerated() {
            column.append(v)
            #expect((0...k).map { column[$0] } == Array(Self.integers[0...k]))
            widths.append(column.byteCount / column.count)
        }
        #expect(widths == [0, 0, 0, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8, 8, 8])
        #expect(column.last == 1 << 40)
    }

    /// A column appended to another, each value changed on the way, at every pair of widths (the empty one
    /// and one of a single repeated value too).
    @Test func columnsAppendedToColumns() {
        let parts: [[Int64]] = [
            [], [5, 5, 5], [3, -100, 90], [-100, 27], [1000, -1000], [120, 5000], [Int64.min, 0], [70_000, 7],
        ]
        for first in parts {
            for second in parts {
                var a = PackedIntegers(), b = PackedIntegers()
                for v in first { a.append(v) }
                for v in second { b.append(v) }
                a.append(contentsOf: b) { $0 == Int64.min ? $0 : $0 &* 3 }
                let expected = first + second.map { $0 == Int64.min ? $0 : $0 &* 3 }
                #expect(a.count == expected.count && (0..<a.count).map { a[$0] } == expected, "\(first) + \(second)")
                a.append(9)
                #expect(a[a.count - 1] == 9)
                for shift: Int64 in [0, -250, 1 << 20] {   // copied and shifted where it fits, else one by one
                    var c = PackedIntegers(), d = PackedIntegers()
                    for v in first { c.append(v) }
                    for v in second { d.append(v) }
                    c.append(contentsOf: d, adding: shift)
                    let shifted = first + second.map { $0 &+ shift }
                    #expect((0..<c.count).map { c[$0] } == shifted, "\(first) + \(second) + \(shift)")
                }
            }
        }
    }

    /// An offset from the first value that overflows Int64 widens to whole values, not a wrong offset.
    @Test func offsetsThatOverflowAreKeptWhole() {
        var column = PackedIntegers()
        column.append(Int64.max); column.append(Int64.min); column.append(Int64.max - 1)
        #expect([column[0], column[1], column[2]] == [Int64.max, Int64.min, Int64.max - 1])
        var constant = PackedIntegers(repeating: 42, count: 5)
        constant.append(42)
        #expect(constant.count == 6 && constant.byteCount == 0 && constant[5] == 42)
    }

    static func bits(_ d: Decimal) -> [UInt8] { withUnsafeBytes(of: d) { Array($0) } }

    /// Values that fit the packed form and values that do not: 38 digits, a mantissa of 64 bits, the
    /// smallest and largest exponents, negatives, zero, NaN.
    static let decimals: [(Decimal, packed: Bool)] = [
        (Decimal(string: "1234.5")!, true), (Decimal(sign: .minus, exponent: -2, significand: 12345), true),
        (Decimal(0), true), (Decimal(sign: .plus, exponent: -1, significand: 120), true),
        (Decimal(string: "-0.000001")!, true), (Decimal(sign: .plus, exponent: 127, significand: 9), true),
        (Decimal(sign: .minus, exponent: -128, significand: 3), true), (Decimal(Int64.max), true),
        (Decimal(-Int64.max), true), (Decimal(UInt64(Int64.max) + 1), false), (Decimal(UInt64.max), false),
        (Decimal(string: "12345678901234567890123456789012345678")!, false),
        (Decimal(string: "-9999999999999999999999999999999999999.9")!, false), (Decimal.nan, false),
        (Decimal(string: "0.12345678901234567890123456789012345678")!, false),
    ]

    @Test func decimalsReadBackBitForBit() {
        var column = PackedDecimals()
        for (d, _) in Self.decimals { column.append(d) }
        for (k, (d, packed)) in Self.decimals.enumerated() {
            #expect(Self.bits(column[k]) == Self.bits(d), "\(d)")
            #expect("\(column[k])" == "\(d)")
            #expect((PackedDecimals.packed(d) != nil) == packed, "\(d)")
            #expect(column.isBelowZero(k) == (d.sign == .minus && !d.isZero), "\(d)")
        }
        #expect(column.wholeCount == Self.decimals.filter { !$0.packed }.count)
    }

    /// Every figure a plain decimal of up to 18 digits reads as is packed (none kept whole), and reads back exactly.
    @Test func plainFiguresArePacked() throws {
        var column = PackedDecimals()
        let texts = ["0", "-0", "0.0", "10.0", "48.1", "-25.70", "1668595", "999999999999999999", "-0.00000000000001"]
        for t in texts {
            let figure = try #require(Array(t.utf8).withUnsafeBufferPointer { CellReader.fastFigure($0) })
            column.append(figure.value)
            #expect(Self.bits(column[column.count - 1]) == Self.bits(figure.value), "\(t)")
        }
        #expect(column.wholeCount == 0)
    }

    /// Observations with values that do not fit, read back through the table, alone and joined.
    @Test func aTableKeepsValuesThatDoNotFit() {
        let observations = Self.decimals.enumerated().map { k, d in
            var o = ObservationTableTests.observation(k)
            o.value = d.0
            return o
        }
        var table = ObservationTable(observations)
        table.append(contentsOf: ObservationTable(observations.reversed()))
        for (k, o) in (observations + observations.reversed()).enumerated() {
            #expect(Self.bits(table[k].value) == Self.bits(o.value))
            #expect(table[k].provenance == o.provenance && table[k].writtenDecimals == o.writtenDecimals)
        }
        let below = (observations + observations.reversed()).enumerated().filter {
            $0.element.value.sign == .minus && !$0.element.value.isZero
        }
        #expect(table.rowsBelowZero == below.map(\.offset))
    }

    /// The short rows of a long table (`R12,指3,2020,57.3`, about 20 bytes) take under 8 bytes each in the table,
    /// every value, period and line read back as written.
    @Test func shortRowsTakeAFewBytes() {
        var text = "region,indicator,period,value\n"
        var expected: [(region: String, indicator: String, period: Int, value: String)] = []
        var r = 0
        while expected.count < 60_000 {
            for k in 0..<10 {
                for y in 1990..<2024 {
                    let value = "\((r * 7 + k * 131 + y * 17) % 1000 / 10).\((r + k + y) % 10)"
                    text += "R\(r),指\(k),\(y),\(value)\n"
                    expected.append(("R\(r)", "指\(k)", y, value))
                }
            }
            r += 1
        }
        let data = DatasetLoader.loadCSV(Array(text.utf8), file: "short.csv")
        #expect(data.problems.isEmpty)
        let table = data.observations
        #expect(table.count == expected.count)
        #expect(table.rowBytes <= 8 * table.count, "\(Double(table.rowBytes) / Double(table.count)) bytes a row")
        for (i, e) in expected.enumerated() {
            let o = table[i]
            guard
                o.region.name == e.region && o.indicator == e.indicator && o.period == .year(e.period)
                    && "\(o.value)" == "\(Decimal(string: e.value)!)" && o.writtenDecimals == 1
                    && o.provenance.location == SourceLocation(file: "short.csv", line: i + 2)
            else {
                Issue.record("row \(i): \(o) is not \(e)")
                break
            }
        }
    }
}
