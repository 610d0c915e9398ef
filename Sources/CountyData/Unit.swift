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
    /// Spans of years; months and quarters are `months` (a month is no exact part of a year).
    public static let duration: Dimension = "duration"
    public static let months: Dimension = "months"
    /// Clock spans (天, 小时, 分钟, 秒); base 秒.
    public static let time: Dimension = "time"
    public static let length: Dimension = "length"
    public static let volume: Dimension = "volume"
    public static let power: Dimension = "power"
    public static let temperature: Dimension = "temperature"
    public static let airConcentration: Dimension = "air-concentration"
    public static let waterConcentration: Dimension = "water-concentration"
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

    /// Base units and units with their own factor; keys are how they are written. This is the one
    /// unit table of the project: the units of statistical bulletins and county profiles (money,
    /// people, mass, area, length, volume, energy, power, time, temperature, concentration) and the
    /// classifiers that count things (个 家 台 辆 艘 架 座 所 张 床 套 册 …, and places: 市 县 乡 镇 村).
    /// Words that are classifiers only sometimes and numerals' partners in names more often (角 of 三角洲,
    /// 方 of 三方协议, 级 of 三级医院, 期 届 门 班 轮 单) are left out.
    /// Exact factors are built from integers: `Decimal(string:)` would load ICU's number formats
    /// for the current locale, half a millisecond of a one-chart run.
    static let table: [String: (Dimension, Decimal, String)] = {
        func e(_ significand: UInt64, _ exponent: Int) -> Decimal {
            Decimal(sign: .plus, exponent: exponent, significand: Decimal(significand))
        }
        var t: [String: (Dimension, Decimal, String)] = [
            "元": (.money, 1, "元"), "块": (.money, 1, "元"),
            "人": (.people, 1, "人"), "位": (.people, 1, "人"), "人次": (.count("人次"), 1, "人次"),
            "吨": (.mass, 1, "吨"), "千克": (.mass, e(1, -3), "吨"), "公斤": (.mass, e(1, -3), "吨"),
            "克": (.mass, e(1, -6), "吨"),
            "毫克": (.mass, e(1, -9), "吨"), "斤": (.mass, e(5, -4), "吨"), "市斤": (.mass, e(5, -4), "吨"),
            "担": (.mass, e(5, -2), "吨"),
            "亩": (.area, 1, "亩"), "公顷": (.area, 15, "亩"), "平方米": (.area, e(15, -4), "亩"),
            "平方公里": (.area, 1500, "亩"), "平方千米": (.area, 1500, "亩"),
            "公里": (.length, 1, "公里"), "千米": (.length, 1, "公里"), "米": (.length, e(1, -3), "公里"),
            "厘米": (.length, e(1, -5), "公里"), "毫米": (.length, e(1, -6), "公里"), "里": (.length, e(5, -1), "公里"),
            "海里": (.length, e(1852, -3), "公里"),
            "立方米": (.volume, 1, "立方米"), "升": (.volume, e(1, -3), "立方米"),
            "毫升": (.volume, e(1, -6), "立方米"),
            "千瓦时": (.energy, 1, "千瓦时"), "度": (.energy, 1, "千瓦时"), "兆瓦时": (.energy, 1000, "千瓦时"),
            "吨标准煤": (Dimension("standard-coal"), 1, "吨标准煤"), "吨标煤": (Dimension("standard-coal"), 1, "吨标准煤"),
            "千瓦": (.power, 1, "千瓦"), "瓦": (.power, e(1, -3), "千瓦"), "兆瓦": (.power, 1000, "千瓦"),
            "吉瓦": (.power, 1_000_000, "千瓦"),
            "千伏安": (Dimension("apparent-power"), 1, "千伏安"),
            "千伏": (Dimension("voltage"), 1, "千伏"),
            "头": (.livestock, 1, "头"), "只": (.count("只"), 1, "只"), "羽": (.count("羽"), 1, "羽"),
            "%": (.ratio, 1, "%"), "％": (.ratio, 1, "%"), "‰": (.ratio, e(1, -1), "%"), "成": (.ratio, 10, "%"),
            "百分点": (.percentagePoint, 1, "百分点"), "个百分点": (.percentagePoint, 1, "百分点"),
            "倍": (.multiple, 1, "倍"),
            "年": (.duration, 1, "年"), "个月": (.months, 1, "个月"), "个季度": (.months, 3, "个月"),
            "天": (.time, 86400, "秒"), "日": (.time, 86400, "秒"), "小时": (.time, 3600, "秒"), "分钟": (.time, 60, "秒"),
            "秒": (.time, 1, "秒"), "秒钟": (.time, 1, "秒"),
            "℃": (.temperature, 1, "℃"), "°C": (.temperature, 1, "℃"), "摄氏度": (.temperature, 1, "℃"),
            "微克/立方米": (.airConcentration, 1, "微克/立方米"), "毫克/立方米": (.airConcentration, 1000, "微克/立方米"),
            "毫克/升": (.waterConcentration, 1, "毫克/升"), "微克/升": (.waterConcentration, e(1, -3), "毫克/升"),
            "分贝": (Dimension("sound-level"), 1, "分贝"),
            "元/人": (Dimension("money-per-person"), 1, "元/人"),
            "美元": (Dimension("money:USD"), 1, "美元"), "欧元": (Dimension("money:EUR"), 1, "欧元"),
            "港元": (Dimension("money:HKD"), 1, "港元"),
            "岁": (Dimension("age"), 1, "岁"),
            "吨公里": (Dimension("freight"), 1, "吨公里"), "人公里": (Dimension("passenger-distance"), 1, "人公里"),
            "标准箱": (.count("标准箱"), 1, "标准箱"),
        ]
        for c in [
            "名", "个", "家", "项", "户", "台", "支", "辆", "座", "所", "套", "件", "处", "次", "条", "艘", "架", "栋", "间",
            "张", "本", "部", "场", "批", "种", "类", "宗", "笔", "份", "片", "株", "棵", "册", "床", "幢", "层", "口", "眼",
            "匹", "尾", "枚", "篇", "首", "盏", "根", "颗", "副", "对", "双", "组", "队", "列", "趟", "款", "例", "所", "车次", "架次", "艘次",
            "户次", "辆次", "班次", "床位", "人日", "对开色令",
            "省", "市", "州", "县", "区", "乡", "镇", "村", "街道", "社区", "市州", "县市区", "县区", "乡镇", "行政村",
        ]
        where t[c] == nil {
            t[c] = (.count(c), 1, c)
        }
        return t
    }()

    /// One spelling for units written more than one way (个百分点 → 百分点, ％ → %, 圆 → 元).
    static let spellings: [String: String] = [
        "个百分点": "百分点", "％": "%", "圆": "元", "°C": "℃", "摄氏度": "℃", "吨标煤": "吨标准煤",
        "市斤": "斤", "秒钟": "秒",
    ]

    /// The unit's symbol spelled the one way this project prints it.
    public var spelled: String { Self.spellings[symbol] ?? symbol }

    /// Every unit written without a magnitude prefix that CountyReport knows (元, 吨, 个百分点 …).
    public static var knownSymbols: [String] { Array(table.keys) }

    /// Magnitude words that may stand before a unit or after a number, longest first.
    static let magnitudes: [(String, Decimal)] = [
        ("万亿", Decimal(1_000_000_000_000 as UInt64)), ("千亿", Decimal(100_000_000_000 as UInt64)),
        ("百亿", 10_000_000_000), ("十亿", 1_000_000_000), ("千万", 10_000_000), ("百万", 1_000_000),
        ("十万", 100_000), ("亿", 100_000_000), ("万", 10_000), ("千", 1000), ("百", 100), ("十", 10),
    ]

    /// Reads a unit as written (`亿元`, `万吨`, `%`, an index's base `上年＝100`); nil when it is not a known unit.
    public convenience init?(_ written: String) {
        let s = written.trimmingSpaces
        guard !s.isEmpty, s.unicodeScalars.count <= Limits.standard.unitCharacters else { return nil }
        if let base = Self.indexBase(s) {
            self.init(symbol: s, dimension: Dimension("index:\(base)"), factor: 1, base: s)
            return
        }
        if let (dim, factor, base) = Self.table[s] {
            self.init(symbol: s, dimension: dim, factor: factor, base: base)
            return
        }
        // A rate written X/Y or X每Y of two known units (元/斤, 元/头, 米/秒, 公斤/亩): its own dimension.
        if let slash = s.firstIndex(of: "/"), slash != s.startIndex, s.index(after: slash) != s.endIndex,
            let top = Unit(String(s[..<slash])), let per = Unit(String(s[s.index(after: slash)...])),
            !(top.dimension == .ratio || per.dimension == .ratio)
        {
            self.init(
                symbol: s, dimension: Dimension("rate:\(top.base)/\(per.base)"),
                factor: Exact.quotient(top.factor, per.factor) ?? top.factor / per.factor,
                base: top.base + "/" + per.base)
            return
        }
        // The longest magnitude word only: a shorter one that also starts `s` is part of it (十 of 十亿), and
        // trying each made a failing text of many magnitudes take exponential time (2 s for 440 bytes).
        if let (word, m) = Self.magnitudes.first(where: { s.hasPrefix($0.0) }) {
            let rest = String(s.dropFirst(word.count))
            guard let inner = Unit(rest), inner.dimension != .ratio, inner.dimension != .percentagePoint,
                inner.dimension != .multiple
            else { return nil }
            self.init(symbol: s, dimension: inner.dimension, factor: m * inner.factor, base: inner.base)
            return
        }
        return nil
    }

    /// The base period of an index written as its unit (`上年＝100`, `2018=100` → 上年, 2018); nil otherwise.
    /// An index is its own dimension per base: 上年＝100 and 2018=100 do not convert into each other.
    static func indexBase(_ s: String) -> String? {
        for sign in ["=100", "＝100"] where s.hasSuffix(sign) && s.count > sign.count {
            return String(s.dropLast(sign.count))
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
