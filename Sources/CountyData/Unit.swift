import Foundation

/// What a unit measures; values convert only within one dimension.
public struct Dimension: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }
    public var description: String { name }

    public static let money: Dimension = "money"
    public static let people: Dimension = "people"
    public static let mass: Dimension = "mass"
    public static let area: Dimension = "area"
    public static let energy: Dimension = "energy"
    public static let livestock: Dimension = "livestock"
    public static let ratio: Dimension = "ratio"
    public static let percentagePoint: Dimension = "percentage-point"
    public static let multiple: Dimension = "multiple"
    public static let duration: Dimension = "duration"
    /// A count of things named by the unit (个, 家, 项 …): each its own dimension.
    public static func count(_ unit: String) -> Dimension { Dimension("count:\(unit)") }
}

/// A unit as written, with its dimension and its exact factor to the dimension's base unit.
///
/// `万元` is 10⁴ 元, `千公顷` is 15 000 亩, `‰` is 0.1 %. Magnitude prefixes (十 百 千 万 亿 and their
/// combinations) combine with any base unit: 万吨, 亿千瓦时, 万户. Immutable and shared.
public final class Unit: Hashable, Sendable, CustomStringConvertible {
    public let symbol: String
    public let dimension: Dimension
    /// How many base units one of this unit is.
    public let factor: Decimal
    /// The dimension's base unit (元, 人, 吨, 亩, %, …).
    public let base: String

    public static func == (a: Unit, b: Unit) -> Bool {
        a === b || (a.symbol == b.symbol && a.dimension == b.dimension && a.factor == b.factor)
    }
    public func hash(into h: inout Hasher) { h.combine(symbol) }

    public var description: String { symbol }

    /// Base units and units with their own factor; keys are how they are written.
    /// Exact factors are built from integers: `Decimal(string:)` would load ICU's number formats
    /// for the current locale, half a millisecond of a one-chart run.
    static let table: [String: (Dimension, Decimal, String)] = {
        let thousandth = Decimal(sign: .plus, exponent: -3, significand: 1)
        var t: [String: (Dimension, Decimal, String)] = [
            "元": (.money, 1, "元"), "块": (.money, 1, "元"),
            "人": (.people, 1, "人"), "位": (.people, 1, "人"), "人次": (.count("人次"), 1, "人次"),
            "吨": (.mass, 1, "吨"), "千克": (.mass, thousandth, "吨"), "公斤": (.mass, thousandth, "吨"),
            "斤": (.mass, Decimal(sign: .plus, exponent: -4, significand: 5), "吨"),
            "亩": (.area, 1, "亩"), "公顷": (.area, 15, "亩"), "平方米": (.area, Decimal(sign: .plus, exponent: -4, significand: 15), "亩"),
            "平方公里": (.area, 1500, "亩"), "平方千米": (.area, 1500, "亩"),
            "千瓦时": (.energy, 1, "千瓦时"), "度": (.energy, 1, "千瓦时"),
            "头": (.livestock, 1, "头"), "只": (.count("只"), 1, "只"), "羽": (.count("羽"), 1, "羽"),
            "%": (.ratio, 1, "%"), "％": (.ratio, 1, "%"), "‰": (.ratio, Decimal(sign: .plus, exponent: -1, significand: 1), "%"),
            "百分点": (.percentagePoint, 1, "百分点"), "个百分点": (.percentagePoint, 1, "百分点"),
            "倍": (.multiple, 1, "倍"),
            "年": (.duration, 1, "年"), "个月": (.duration, 1, "个月"), "天": (.duration, 1, "天"),
            "元/人": (Dimension("money-per-person"), 1, "元/人"),
        ]
        for c in ["名", "个", "家", "项", "户", "台", "支", "辆", "座", "所", "套", "件", "处", "次", "条", "艘", "架", "栋", "间",
                  "张", "本", "部", "场", "批", "种", "类", "宗", "笔", "份", "片", "株", "棵", "公里", "千米", "米", "立方米", "千瓦", "万千瓦"]
        where t[c] == nil {
            t[c] = (.count(c), 1, c)
        }
        t["千米"] = (.count("公里"), 1, "公里")
        t["万千瓦"] = nil
        return t
    }()

    /// Every unit written without a magnitude prefix that CountyReport knows (元, 吨, 个百分点 …).
    public static var knownSymbols: [String] { Array(table.keys) }

    /// Magnitude words that may stand before a unit or after a number, longest first.
    static let magnitudes: [(String, Decimal)] = [
        ("万亿", Decimal(1000000000000 as UInt64)), ("千亿", Decimal(100000000000 as UInt64)),
        ("百亿", 10_000_000_000), ("十亿", 1_000_000_000), ("千万", 10_000_000), ("百万", 1_000_000),
        ("十万", 100_000), ("亿", 100_000_000), ("万", 10_000), ("千", 1000), ("百", 100), ("十", 10),
    ]

    /// Reads a unit as written (`亿元`, `万吨`, `%`); nil when it is not a known unit.
    public convenience init?(_ written: String) {
        let s = written.trimmingSpaces
        guard !s.isEmpty else { return nil }
        if let (dim, factor, base) = Self.table[s] {
            self.init(symbol: s, dimension: dim, factor: factor, base: base)
            return
        }
        for (word, m) in Self.magnitudes where s.hasPrefix(word) {
            let rest = String(s.dropFirst(word.count))
            guard let inner = Unit(rest), inner.dimension != .ratio, inner.dimension != .percentagePoint,
                inner.dimension != .multiple
            else { continue }
            self.init(symbol: s, dimension: inner.dimension, factor: m * inner.factor, base: inner.base)
            return
        }
        return nil
    }

    public init(symbol: String, dimension: Dimension, factor: Decimal, base: String) {
        self.symbol = symbol; self.dimension = dimension; self.factor = factor; self.base = base
    }

    /// `value` of this unit in the base unit, exactly.
    public func toBase(_ value: Decimal) -> Decimal { Exact.product(value, factor) }

    /// `value` of this unit expressed in `other`; an error across dimensions.
    public func convert(_ value: Decimal, to other: Unit) throws -> Decimal {
        guard dimension == other.dimension else { throw UnitError.incompatible(from: symbol, to: other.symbol) }
        return value * factor / other.factor
    }
}

/// A conversion that cannot be made.
public enum UnitError: Error, Equatable, CustomStringConvertible {
    case incompatible(from: String, to: String)
    public var description: String {
        switch self {
        case .incompatible(let a, let b): "cannot convert \(a) to \(b): they measure different things"
        }
    }
}
