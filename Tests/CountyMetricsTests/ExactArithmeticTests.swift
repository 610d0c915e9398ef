@testable import CountyData
import Formatting
import Foundation
import PropertyBased
import Testing

@testable import CountyMetrics

/// `Exact` against Foundation's Decimal: the same values, faster.
@Suite struct ExactArithmeticTests {
    static let mantissa = Gen.int(in: -999_999_999_999...999_999_999_999)
    /// Two exponents in −12…12, packed in one number.
    static let exponents = Gen.int(in: 0...624)

    static func decimals(_ m1: Int, _ m2: Int, _ e: Int) -> (Decimal, Decimal) {
        func d(_ m: Int, _ e: Int) -> Decimal {
            Decimal(sign: m < 0 ? .minus : .plus, exponent: e, significand: Decimal(m.magnitude))
        }
        return (d(m1, e % 25 - 12), d(m2, e / 25 - 12))
    }

    @Test func sumsDifferencesAndProductsAreExactlyFoundations() async {
        await propertyCheck(input: Self.mantissa, Self.mantissa, Self.exponents) { m1, m2, e in
            let (a, b) = Self.decimals(m1, m2, e)
            #expect(Exact.sum(a, b) == a + b)
            #expect(Exact.difference(a, b) == a - b)
            #expect(Exact.product(a, b) == a * b)
            #expect(Exact.shift(a, by: 3) == a * 1000)
            #expect(Exact.less(a, b) == (a < b))
            #expect((Exact.signum(a) < 0) == (a < 0) && (Exact.signum(a) > 0) == (a > 0))
            #expect(Exact.signum(Exact.difference(a, a)) == 0)
        }
    }

    @Test func quotientsAgreeWithFoundationTo35Digits() async {
        await propertyCheck(input: Self.mantissa, Self.mantissa, Self.exponents) { m1, m2, e in
            let (a, b) = Self.decimals(m1, m2, e)
            guard b != 0 else { #expect(Exact.quotient(a, b) == nil); return }
            let ours = Exact.quotient(a, b)!, theirs = a / b
            #expect(abs(ours - theirs) <= abs(theirs) * Decimal(sign: .plus, exponent: -34, significand: 1))   // Foundation keeps 36–38 digits
            #expect(Exact.quotient(a * b, b) == a)   // exact quotients are exact
        }
    }

    @Test func aCutQuotientRoundsForDisplayAsTheTrueRatioDoes() async {
        // Half away from zero to one decimal of a ÷ b (both ≥ 0), in integers: ⌊(20a + b) ÷ 2b⌋ tenths.
        await propertyCheck(
            input: Gen.int(in: 0...1_000_000_000_000), Gen.int(in: 1...1_000_000_000_000), Gen.int(in: 0...3)
        ) { a, b, k in
            let divisor = [b, 4, 40, 3 * b][k]   // 4 and 40 give exact ties (x.x5) often
            let expected = Decimal((20 * a + divisor) / (2 * divisor)) / 10
            #expect(Rounding.halfAwayFromZero(Exact.quotient(Decimal(a), Decimal(divisor))!, decimals: 1) == expected)
        }
        #expect(
            Rounding.halfAwayFromZero(Exact.quotient(Decimal(9), Decimal(4))!, decimals: 1) == Decimal(string: "2.3"))   // 2.25 exactly
        let third = Exact.quotient(Decimal(1), Decimal(3))!
        #expect(Exact.product(third, 3) < 1)   // cut, not rounded up
        #expect(third == Decimal(string: "0." + String(repeating: "3", count: 38)))
    }

    @Test func largeAndSmallValuesRoundTrip() {
        for text in [
            "340282366920938463463374607431768211455", "-1e-120", "1e125", "0", "-0.000123", "12345678901234567890.123",
        ] {
            let d = Decimal(string: text)!
            #expect(Exact.sum(d, 0) == d, "\(text)")
            #expect(Exact.product(d, 1) == d, "\(text)")
            #expect(Exact.quotient(d, 1) == d, "\(text)")
        }
        // Beyond 38 digits the sum falls back to Foundation.
        let big = Decimal(string: "340282366920938463463374607431768211455")!
        #expect(Exact.sum(big, big) == big + big)
    }

    @Test func doublesBecomeDecimalsOf16Digits() async {
        await propertyCheck(input: Gen.double(in: -1e6...1e6)) { x in
            let d = try #require(Exact.decimal(approximating: x))
            let shortest = Decimal(string: "\(x)", locale: Locale(identifier: "en_US_POSIX"))!
            #expect(abs(d - shortest) <= abs(shortest) * Decimal(sign: .plus, exponent: -15, significand: 1))
        }
        #expect(Exact.decimal(approximating: 1.2e-7) == Decimal(string: "0.00000012"))
        #expect(Exact.decimal(approximating: 1.085) == Decimal(string: "1.085"))
        #expect(
            Exact.decimal(approximating: -2.5e300) == Decimal(string: "-2.5e300")
                || Exact.decimal(approximating: -2.5e300) == nil)
        #expect(Exact.decimal(approximating: .infinity) == nil)
        #expect(Exact.double(Decimal(string: "176.3")!) == 176.3)
    }

    @Test func a128BitMantissaBecomesTheNearestDoubleAsTheGenericConversionMakesIt() async {
        // Random widths, so every shift is tried; all-ones tails and lone high bits make ties and carries.
        await propertyCheck(input: Gen.int(in: 0...127), Gen.uint64(), Gen.uint64(), Gen.int(in: 0...3)) { bits, a, b, k in
            let random = UInt128(a) << 64 | UInt128(b)
            let m: UInt128 =
                switch k {
                case 0: random >> (127 - bits)
                case 1: (UInt128(1) << bits) - 1   // all ones: rounds up to a power of two
                case 2: UInt128(1) << bits | UInt128(1) << max(0, bits - 53)   // exactly halfway when bits > 53
                default: (UInt128(1) << bits | UInt128(1) << max(0, bits - 53)) + 1   // just above halfway
                }
            #expect(Exact.nearestDouble(m) == Double(m), "\(m)")
        }
        #expect(Exact.nearestDouble(.max) == Double(UInt128.max))
        #expect(Exact.nearestDouble(0) == 0)
        // Through `double`: a 38-digit quotient, positive and negative, with its power of ten.
        let third = Exact.quotient(Decimal(-1), Decimal(3))!
        #expect(Exact.double(third) == -1.0 / 3)
    }

    @Test func roundingAndPrintingAgreeWithFoundation() async {
        await propertyCheck(input: Self.mantissa, Self.mantissa, Self.exponents) { m1, m2, e in
            let (a, b) = Self.decimals(m1, m2, e)
            for value in [a, b, Exact.quotient(a, b) ?? a] {
                for places in [0, 1, 2, 5] {
                    var v = value, r = Decimal()
                    NSDecimalRound(&r, &v, places, .plain)
                    #expect(Exact.rounded(value, decimals: places) == r)
                }
                #expect(Exact.plainString(value) == NSDecimalNumber(decimal: value).stringValue)
                #expect(MetricsEngine.digits(value) == value.description)   // the engine's reasons print it so
            }
        }
        #expect(Exact.plainString(Decimal(string: "-0.000123")!) == "-0.000123")
        for text in ["1e125", "-1e-120", "0", "340282366920938463463374607431768211455", "-99995000000"] {
            let d = Decimal(string: text)!
            #expect(MetricsEngine.digits(d) == d.description, "\(text)")
        }
        #expect(Exact.plainString(Decimal(string: "1e20")!) == "100000000000000000000")
        #expect(
            Exact.plainString(Decimal(string: "340282366920938463463374607431768211455")!)
                == "340282366920938463463374607431768211455")
        #expect(Exact.rounded(Decimal(string: "2.25")!, decimals: 1) == Decimal(string: "2.3"))
        #expect(Exact.rounded(Decimal(string: "-2.25")!, decimals: 1) == Decimal(string: "-2.3"))
        #expect(Exact.rounded(Decimal(string: "0.04")!, decimals: 1) == 0)
    }
}
