@testable import ChartCompiler
import Foundation
import Testing

@Suite struct TicksTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var low: Double, high: Double, maxCount: Int, expected: [Double]
        var testDescription: String { "\(low)…\(high) ≤\(maxCount)" }
    }

    static let cases: [Case] = [
        Case(low: 0, high: 616.74, maxCount: 6, expected: [0, 200, 400, 600, 800]),
        Case(low: 0, high: 616.74, maxCount: 8, expected: [0, 100, 200, 300, 400, 500, 600, 700]),
        Case(low: 0, high: 100, maxCount: 5, expected: [0, 20, 40, 60, 80, 100]),
        Case(low: 20, high: 100, maxCount: 4, expected: [20, 40, 60, 80, 100]),
        Case(low: 0, high: 1, maxCount: 5, expected: [0, 0.2, 0.4, 0.6, 0.8, 1]),
        Case(low: 0, high: 0.3, maxCount: 3, expected: [0, 0.1, 0.2, 0.3]),
        Case(low: -25.7, high: 9.3, maxCount: 7, expected: [-30, -25, -20, -15, -10, -5, 0, 5, 10]),
        Case(low: -5, high: 0, maxCount: 5, expected: [-5, -4, -3, -2, -1, 0]),
        Case(low: 0, high: 2731.42, maxCount: 6, expected: [0, 500, 1000, 1500, 2000, 2500, 3000]),
        Case(low: 0, high: 9, maxCount: 4, expected: [0, 2.5, 5, 7.5, 10]),
        Case(low: 0, high: 0, maxCount: 5, expected: [0, 0.2, 0.4, 0.6, 0.8, 1]),
        Case(low: 5, high: 5, maxCount: 5, expected: [0, 1, 2, 3, 4, 5]),
        Case(low: 0, high: 1e12, maxCount: 5, expected: [0, 2e11, 4e11, 6e11, 8e11, 1e12]),
        Case(low: 0, high: 0.000_37, maxCount: 4, expected: [0, 0.0001, 0.0002, 0.0003, 0.0004]),
    ]

    @Test(arguments: cases) func niceTicks(_ c: Case) {
        #expect(Ticks.nice(low: c.low, high: c.high, maxCount: c.maxCount) == c.expected)
    }

    @Test(arguments: cases) func ticksCoverTheRangeInEqualSteps(_ c: Case) {
        let t = Ticks.nice(low: c.low, high: c.high, maxCount: c.maxCount)
        #expect(t.first! <= min(c.low, c.high) && t.last! >= max(c.low, c.high))
        let steps = zip(t.dropFirst(), t).map { $0 - $1 }
        #expect(steps.allSatisfy { abs($0 - steps[0]) < steps[0] * 1e-9 })
    }

    @Test func decimalsForLabels() {
        #expect(Ticks.decimals(for: [0, 200, 400]) == 0)
        #expect(Ticks.decimals(for: [0, 2.5, 5]) == 1)
        #expect(Ticks.decimals(for: [0, 0.25, 0.5]) == 2)
    }

    @Test func scalesMapLinearly() {
        let y = LinearScale(domain: 0...800, range: (500, 100))
        #expect(y(0) == 500 && y(800) == 100 && y(400) == 300)
        let band = BandScale(categories: ["甲", "乙", "丙", "丁"], start: 100, end: 500, padding: 0.5)
        #expect(band.step == 100 && band.bandwidth == 50)
        #expect(band.position(0) == 125 && band.center(3) == 450)
    }
}

@Suite struct NumberFormatTests {
    static let cases: [(String, Int, String)] = [
        ("233.0109", 2, "233.01"),
        ("166.8595", 2, "166.86"),
        ("2.345", 2, "2.35"),        // half up on the exact decimal (a Double would give 2.34)
        ("2.344999", 2, "2.34"),
        ("-0.55", 1, "\u{2212}0.6"), // half away from zero, true minus sign
        ("-0.04", 1, "0.0"),         // rounds to zero: no minus
        ("7", 1, "7.0"),
        ("616.74", 0, "617"),
        ("0.5", 0, "1"),
        ("1668595", 0, "1668595"),
    ]

    @Test(arguments: cases) func roundsHalfUpWithTrueMinus(_ c: (String, Int, String)) {
        #expect(NumberFormat(decimals: c.1).string(Decimal(string: c.0)!) == c.2)
    }

    @Test func grouping() {
        #expect(NumberFormat(decimals: 0, grouping: true).string(Decimal(1_668_595)) == "1,668,595")
        #expect(NumberFormat(decimals: 2, grouping: true).string(Decimal(string: "-1234.5")!) == "\u{2212}1,234.50")
    }

}
