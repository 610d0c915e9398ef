import Foundation

/// Nice round tick values for a numeric axis: steps of 1, 2, 2.5 or 5 times a power of ten.
public enum Ticks {
    /// Ticks covering `low...high` with at most `maxCount` intervals (and at least 2 when possible).
    /// The first tick is at or below `low` and the last at or above `high`.
    /// A degenerate range (`low == high`) is widened around the value.
    public static func nice(low: Double, high: Double, maxCount: Int = 6) -> [Double] {
        precondition(low.isFinite && high.isFinite, "tick range must be finite")
        var lo = min(low, high), hi = max(low, high)
        if lo == hi {
            if lo == 0 {
                hi = 1
            } else {
                let pad = abs(lo) * 0.1
                if lo > 0 { lo = 0 } else { hi = 0 }
                if lo == hi { lo -= pad; hi += pad }
            }
        }
        let count = max(1, maxCount)
        var step = niceStep(span: hi - lo, maxIntervals: count)
        // Rounding both ends out to the step can add an interval: climb until the promise holds.
        while (hi / step).rounded(.up) - (lo / step).rounded(.down) > Double(count) { step = NiceStep.after(step) }
        let first = (lo / step).rounded(.down), last = (hi / step).rounded(.up)
        var ticks: [Double] = []
        var k = first
        while k <= last + 1e-9 {
            ticks.append(clean(k * step, step: step))
            k += 1
        }
        return ticks
    }

    /// The smallest step of the form {1, 2, 2.5, 5}×10ⁿ that covers `span` in `maxIntervals` steps
    /// (before the ends are rounded out to it).
    public static func niceStep(span: Double, maxIntervals: Int) -> Double {
        NiceStep.atLeast(span / Double(maxIntervals))
    }

    /// Removes binary noise (0.30000000000000004 → 0.3) by rounding to the step's decimals.
    static func clean(_ v: Double, step: Double) -> Double {
        let decimals = max(0, -Int((log10(step)).rounded(.down)) + 2)
        let f = pow(10, Double(decimals))
        let r = (v * f).rounded() / f
        return r == 0 ? 0 : r
    }

    /// How many decimals a tick label needs to tell `ticks` apart (0 for whole steps).
    public static func decimals(for ticks: [Double]) -> Int {
        guard ticks.count > 1 else { return 0 }
        let step = abs(ticks[1] - ticks[0])
        for d in 0...6 {
            let f = pow(10, Double(d))
            if abs((step * f).rounded() - step * f) < 1e-6 { return d }
        }
        return 6
    }
}
