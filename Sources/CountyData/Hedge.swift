/// A word that qualifies a figure: 以上 (at least), 余/多 (more than), 约/左右 (about), 近 (nearly),
/// 超 (over), 不足 (under). Kept as written; `meaning` says how it bounds the value.
public struct Hedge: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Meaning: String, Sendable, Codable {
        /// The true figure is at least the value (以上).
        case atLeast
        /// The true figure is above the value (余, 多, 超, 逾, 突破).
        case moreThan
        /// The true figure is near the value, on either side (约, 左右).
        case about
        /// The true figure is just below the value (近, 将近, 接近).
        case nearly
        /// The true figure is below the value (不足, 不到, 以下).
        case lessThan
        /// The true figure is a few times the value, written as a round number (数百家, 几十人).
        case several
    }

    /// The word as written.
    public var word: String
    public var meaning: Meaning

    public init(word: String, meaning: Meaning) { self.word = word; self.meaning = meaning }
    public var description: String { word }

    /// Hedges written before the number, longest first.
    static let prefixes: [Hedge] = [
        Hedge(word: "大约", meaning: .about), Hedge(word: "约为", meaning: .about), Hedge(word: "约", meaning: .about),
        Hedge(word: "将近", meaning: .nearly), Hedge(word: "接近", meaning: .nearly), Hedge(word: "近", meaning: .nearly),
        Hedge(word: "超过", meaning: .moreThan), Hedge(word: "超", meaning: .moreThan),
        Hedge(word: "逾", meaning: .moreThan),
        Hedge(word: "突破", meaning: .moreThan), Hedge(word: "高达", meaning: .atLeast),
        Hedge(word: "不足", meaning: .lessThan), Hedge(word: "不到", meaning: .lessThan),
        Hedge(word: "不超过", meaning: .lessThan),
        Hedge(word: "上", meaning: .atLeast),   // 上百家, 上千人
        Hedge(word: "数", meaning: .several), Hedge(word: "几", meaning: .several),   // 数百家, 几十人
    ].sorted { $0.word.count > $1.word.count }

    /// The hedge of an approximate range written as neighbouring numerals (七八个, 两三千元) or of 百十户.
    public static let approximateRange = Hedge(word: "约", meaning: .about)

    /// Hedges written right after the digits, before a magnitude or unit (3000余人, 10余万元, 100多亿元,
    /// 十来万人, 二十来个).
    static let infixes: [Hedge] = [
        Hedge(word: "余", meaning: .moreThan), Hedge(word: "多", meaning: .moreThan), Hedge(word: "来", meaning: .about),
    ]

    /// Hedges written after the unit.
    static let suffixes: [Hedge] = [
        Hedge(word: "以上", meaning: .atLeast), Hedge(word: "左右", meaning: .about), Hedge(word: "上下", meaning: .about),
        Hedge(word: "以下", meaning: .lessThan), Hedge(word: "以内", meaning: .lessThan),
        Hedge(word: "有余", meaning: .moreThan),
        Hedge(word: "多", meaning: .moreThan), Hedge(word: "余", meaning: .moreThan),
    ]
}
