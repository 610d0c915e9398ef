import Foundation
import Testing

@testable import ChartCompiler

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
        // 5 would need 8 intervals (−30…10) once both ends are rounded out: more than 7.
        Case(low: -25.7, high: 9.3, maxCount: 7, expected: [-30, -20, -10, 0, 10]),
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

    @Test func neverMoreIntervalsThanPromised() {
        var ranges: [(Double, Double)] = []
        for lo in stride(from: -97.0, through: 40, by: 13.7) {
            for hi in stride(from: 0.3, through: 900, by: 37.1) { ranges.append((lo, hi)) }
        }
        ranges += [(-25.7, 9.3), (3.6, 9.3), (0.001, 0.0171), (-1e6, 3.3e6)]
        for (lo, hi) in ranges {
            for maxCount in 2...10 {
                let t = Ticks.nice(low: lo, high: hi, maxCount: maxCount)
                #expect(t.count - 1 <= maxCount, "\(lo)…\(hi) ≤\(maxCount): \(t)")
                #expect(t.first! <= lo && t.last! >= hi)
            }
        }
    }

    @Test func oneStaircaseOfNiceSteps() {
        #expect(
            [0.7, 1, 1.2, 2, 2.1, 2.5, 2.6, 5, 5.1, 10].map(NiceStep.atLeast) == [1, 1, 2, 2, 2.5, 2.5, 5, 5, 10, 10])
        #expect(NiceStep.atLeast(0.0031) == 0.005 && NiceStep.atLeast(310) == 500)
        #expect([1.0, 2, 2.5, 5, 10].map(NiceStep.after) == [2, 2.5, 5, 10, 20])
        #expect(Ticks.niceStep(span: 35, maxIntervals: 7) == 5)
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
