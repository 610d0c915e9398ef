import CountyData
import Foundation

extension Chart {
    /// The chart with large figures restated in 万 or 亿 (1668595万元 → 166.86亿元, 765000人 → 76.5万人),
    /// exactly, so that axis labels stay short; each series keeps one unit.
    public func withReadableUnits() -> Chart {
        var out = self
        out.series = series.map { s in
            guard let name = s.unit, let unit = Unit(name) else { return s }
            let plain: [String: [String]] = ["元": ["元", "万元", "亿元"], "人": ["人", "万人"], "吨": ["吨", "万吨"], "亩": ["亩", "万亩"],
                                             "千瓦时": ["千瓦时", "万千瓦时", "亿千瓦时"], "户": ["户", "万户"], "头": ["头", "万头"]]
            guard let ladder = plain[unit.base] else { return s }
            let largest = s.values.compactMap { $0.map { abs(unit.toBase($0)) } }.max() ?? 0
            // The largest step in which the biggest figure is still at least 10.
            var target = unit
            for symbol in ladder.reversed() {
                guard let u = Unit(symbol) else { continue }
                if largest >= u.factor * 10 || symbol == ladder.first { target = u; break }
            }
            guard target.symbol != unit.symbol, target.factor > unit.factor else { return s }
            var t = s
            t.values = s.values.map { $0.flatMap { try? unit.convert($0, to: target) } }
            t.unit = target.symbol
            if t.decimals == nil { t.decimals = HeadingUnit.defaultDecimals(for: target.symbol) ?? 1 }
            return t
        }
        return out
    }
}
