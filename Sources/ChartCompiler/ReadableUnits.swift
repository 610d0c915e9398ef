import Formatting
import Foundation

extension Chart {
    /// The chart with large figures restated in 万 or 亿 (1668595万元 → 166.86亿元, 765000人 → 76.50万人),
    /// exactly, so that axis labels stay short (`Magnitudes`); each series keeps one unit.
    public func withReadableUnits() -> Chart {
        var out = self
        out.series = series.map { s in
            guard let unit = s.unit, let restated = Magnitudes.readable(s.values, unit: unit) else { return s }
            var t = s
            t.values = restated.values
            t.unit = restated.unit
            return t
        }
        return out
    }

    /// True when some figure is too long for a label in its own unit (100000 or more of it).
    var needsReadableUnits: Bool { series.contains { Magnitudes.tooLong($0.values, unit: $0.unit) } }
}
