import CountyData
import Foundation

/// Growth arithmetic: pure functions on exact decimals.
public enum Growth {
    /// Year-on-year change in %: (current ÷ previous − 1) × 100, on base-unit values.
    /// Nil when the previous value is zero or the two are in different dimensions.
    public static func percentChange(from previous: Observation, to current: Observation) -> Decimal? {
        guard previous.unit?.dimension == current.unit?.dimension else { return nil }
        return percentChange(from: previous.baseValue, to: current.baseValue)
    }

    /// (current − previous) ÷ previous × 100; nil when previous is zero.
    public static func percentChange(from previous: Decimal, to current: Decimal) -> Decimal? {
        Exact.percentChange(from: previous, to: current)
    }

    /// Change in percentage points: current − previous (both rates or shares in %).
    public static func pointChange(from previous: Decimal, to current: Decimal) -> Decimal {
        Exact.difference(current, previous)
    }

    /// Why growth from `previous` to `current` is not a percentage, or nil when it is (a positive base).
    /// Statistical practice states a change on a negative or zero base in words (减亏, 扭亏), never as
    /// a percentage: −5 to −2 is not a fall of 60%.
    public static func undefinedGrowth(from previous: Decimal, to current: Decimal) -> String? {
        guard Exact.signum(previous) <= 0 else { return nil }
        if previous == 0 {
            return current == 0
                ? "zero in both periods: no growth rate"
                : current > 0
                    ? "扭亏: from zero to a gain, not a percentage"
                    : "from zero to a loss, not a percentage"
        }
        if current > 0 { return "扭亏: from a loss to a gain, not a percentage" }
        if current == 0 { return "扭亏: from a loss to zero, not a percentage" }
        return current > previous
            ? "减亏: a smaller loss on a negative base, not a percentage"
            : current < previous
                ? "增亏: a larger loss on a negative base, not a percentage" : "the same loss on a negative base"
    }

    /// Compound annual growth in % from `first` to `last` over `years` years.
    public static func cagr(first: Decimal, last: Decimal, years: Int) -> Decimal? {
        guard years > 0, first > 0, last >= 0 else { return nil }
        if last == 0 { return -100 }
        guard let ratio = Exact.quotient(last, first), let factor = ratio.power(1 / Double(years)) else { return nil }
        return Exact.shift(Exact.difference(factor, 1), by: 2)
    }

    /// 两年平均增长 in %: √((1 + g₁)(1 + g₂)) − 1, from two years' growth in %.
    public static func twoYearAverage(_ g1: Decimal, _ g2: Decimal) -> Decimal? {
        // √((100 + g₁)(100 + g₂)) − 100: the product exact, the root in binary floating point.
        let product = Exact.product(Exact.sum(100, g1), Exact.sum(100, g2))
        guard Exact.signum(product) > 0, let root = Exact.decimal(approximating: Exact.double(product).squareRoot()) else {
            return nil
        }
        return Exact.difference(root, 100)
    }
}

/// A point where a series changes definition (the 2019 economic-census revision, a boundary
/// change): values from `period` on cannot be compared with earlier ones.
public struct SeriesBreak: Hashable, Sendable {
    /// The region, or nil for every region.
    public var region: String?
    /// The indicator, or nil for every indicator.
    public var indicator: String?
    public var period: Period
    public var reason: String

    public init(region: String? = nil, indicator: String? = nil, period: Period, reason: String = "series break") {
        self.region = region; self.indicator = indicator; self.period = period; self.reason = reason
    }

    /// Whether the break lies between `earlier` and `later` for this series.
    public func separates(_ earlier: Period, _ later: Period, region r: String, indicator i: String) -> Bool {
        (region == nil || region == r) && (indicator == nil || indicator == i) && earlier < period && period <= later
    }

    /// Reads `REGION:INDICATOR:PERIOD` (either of the first two may be empty or *), as the CLI takes it.
    public init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let p = Period(parts[2]) else { return nil }
        self.init(
            region: parts[0].isEmpty || parts[0] == "*" ? nil : parts[0],
            indicator: parts[1].isEmpty || parts[1] == "*" ? nil : parts[1], period: p,
            reason: "series break before \(p)")
    }
}
