import Formatting
import Foundation
import Testing

@Suite struct NumberFormatTests {
    static let cases: [(String, Int, String)] = [
        ("233.0109", 2, "233.01"),
        ("166.8595", 2, "166.86"),
        ("2.345", 2, "2.35"),   // half away from zero on the exact decimal (a Double would give 2.34)
        ("2.344999", 2, "2.34"),
        ("-0.55", 1, "\u{2212}0.6"),   // half away from zero, true minus sign
        ("-0.04", 1, "0.0"),   // rounds to zero: no minus
        ("7", 1, "7.0"),
        ("616.74", 0, "617"),
        ("0.5", 0, "1"),
        ("1668595", 0, "1668595"),
    ]

    @Test(arguments: cases) func roundsHalfAwayFromZeroWithTrueMinus(_ c: (String, Int, String)) {
        #expect(NumberFormat(decimals: c.1).string(Decimal(string: c.0)!) == c.2)
    }

    @Test func grouping() {
        #expect(NumberFormat(decimals: 0, grouping: true).string(Decimal(1_668_595)) == "1,668,595")
        #expect(NumberFormat(decimals: 2, grouping: true).string(Decimal(string: "-1234.5")!) == "\u{2212}1,234.50")
    }

    @Test func roundingIsOneRuleOnTheExactDecimal() {
        #expect(Rounding.halfAwayFromZero(Decimal(string: "2.345")!, decimals: 2) == Decimal(string: "2.35"))
        #expect(Rounding.halfAwayFromZero(Decimal(string: "-2.345")!, decimals: 2) == Decimal(string: "-2.35"))
        #expect(Rounding.halfAwayFromZero(Decimal(string: "2.25")!, decimals: 1) == Decimal(string: "2.3"))   // not to even
        #expect(Rounding.halfAwayFromZero(Decimal(string: "1234.5")!, decimals: -1) == Decimal(1230))
        #expect(NumberFormat(decimals: 1).string(-0.55) == "\u{2212}0.6")   // a Double read back as its shortest decimal
    }

    /// What `string` prints reads back to the printed value and a format that prints it the same.
    @Test(arguments: cases) func aPrintedFigureReadsBackAsPrinted(_ c: (String, Int, String)) throws {
        let printed = NumberFormat(decimals: c.1).string(Decimal(string: c.0)!)
        let read = try #require(NumberFormat.reading(printed))
        #expect(read.format.decimals == c.1)
        #expect(read.value == Rounding.halfAwayFromZero(Decimal(string: c.0)!, decimals: c.1))
        #expect(read.format.string(read.value) == printed)
    }

    @Test func readingTakesOnlyFiguresAsPrinted() {
        #expect(NumberFormat.reading("\u{2212}1,234.50")?.value == Decimal(string: "-1234.5"))
        #expect(NumberFormat.reading("\u{2212}1,234.50")?.format == NumberFormat(decimals: 2, grouping: true))
        for text in ["—", "2023年", "19.4∶36.3∶44.3", "", "1.", ".5", "-3", "1,23", "6.9%", "1 000"] {
            #expect(NumberFormat.reading(text) == nil, "\(text)")
        }
    }
}
