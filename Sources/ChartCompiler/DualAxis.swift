import Foundation

/// Ticks for two value axes that share gridlines: the same number of intervals, and zero on the
/// same gridline on both — also when growth on the right axis turns negative.
public enum DualAxis {
    public struct Result: Equatable, Sendable {
        public var left: [Double]
        public var right: [Double]
    }

    /// Ticks covering `left` and `right` (each range widened to include zero), with at most
    /// `maxIntervals` intervals, choosing the layout that wastes the least space.
    public static func align(left: ClosedRange<Double>, right: ClosedRange<Double>, maxIntervals: Int = 6) -> Result {
        let l = (min(0, left.lowerBound), max(0, left.upperBound))
        let r = (min(0, right.lowerBound), max(0, right.upperBound))
        var best: (score: Double, result: Result)?
        for n in 2...max(2, maxIntervals) {
            for below in 0...n {
                let above = n - below
                // Each axis needs `below` intervals for its negative part and `above` for its positive part.
                guard let sl = step(negative: -l.0, positive: l.1, below: below, above: above),
                    let sr = step(negative: -r.0, positive: r.1, below: below, above: above)
                else { continue }
                let usedL = (l.1 - l.0) / (Double(n) * sl), usedR = (r.1 - r.0) / (Double(n) * sr)
                // Prefer filling both axes; then 4 to 6 intervals.
                let score = (1 - usedL) + (1 - usedR) + (n < 4 ? 0.3 : 0) + Double(n) * 0.01
                let result = Result(
                    left: (0...n).map { Ticks.clean(Double($0 - below) * sl, step: sl) },
                    right: (0...n).map { Ticks.clean(Double($0 - below) * sr, step: sr) })
                if score < (best?.score ?? .infinity) - 1e-12 { best = (score, result) }
            }
        }
        return best?.result ?? Result(left: [0, 1], right: [0, 1])
    }

    /// The smallest nice step such that `below` steps cover `negative` and `above` steps cover `positive`.
    static func step(negative: Double, positive: Double, below: Int, above: Int) -> Double? {
        if negative > 0 && below == 0 { return nil }
        if positive > 0 && above == 0 { return nil }
        let need = max(below > 0 ? negative / Double(below) : 0, above > 0 ? positive / Double(above) : 0)
        guard need > 0 else { return below + above > 0 ? 1 : nil }
        return NiceStep.atLeast(need)
    }
}
