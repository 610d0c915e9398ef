import CountyData
import Foundation

/// Large figures restated in 万 or 亿 (1668595万元 → 166.8595亿元, 765000人 → 76.5万人), exactly,
/// so that labels stay short. Only units with a ladder of magnitudes are restated.
public enum Magnitudes {
    /// Units that may be restated, by base unit, smallest first.
    static let ladders: [String: [String]] = [
        "元": ["元", "万元", "亿元"], "人": ["人", "万人"], "吨": ["吨", "万吨"], "亩": ["亩", "万亩"],
        "千瓦时": ["千瓦时", "万千瓦时", "亿千瓦时"], "户": ["户", "万户"], "头": ["头", "万头"],
    ]

    /// True when a figure of `values` in `unit` reaches 100000 of that unit: too long for a label.
    public static func tooLong(_ values: [Decimal?], unit: String?) -> Bool {
        guard let u = unit.flatMap({ Unit($0) }) else { return false }
        let limit = u.factor * 100_000
        return values.contains { ($0.map { abs(u.toBase($0)) } ?? 0) >= limit }
    }

    /// `values` in `unit` restated in the largest step of the unit's ladder in which the biggest
    /// figure is still at least 10; nil when no larger step applies.
    public static func readable(_ values: [Decimal?], unit symbol: String) -> (values: [Decimal?], unit: String)? {
        guard let unit = Unit(symbol), let ladder = ladders[unit.base] else { return nil }
        let largest = values.compactMap { $0.map { abs(unit.toBase($0)) } }.max() ?? 0
        var target = unit
        for step in ladder.reversed() {
            guard let u = Unit(step) else { continue }
            if largest >= u.factor * 10 || step == ladder.first { target = u; break }
        }
        guard target.symbol != unit.symbol, target.factor > unit.factor else { return nil }
        return (values.map { $0.flatMap { try? unit.convert($0, to: target) } }, target.symbol)
    }
}
