/// The line-breaking rules of Chinese running text that the text engine's own (Unicode) line
/// breaking does not know, as pure functions over the text.
///
/// Unicode line breaking already keeps closing punctuation （，。、；：？！）」』”》） off a line's
/// start and opening brackets （（「『“《） off its end. What it allows and a statistical report
/// must not: a break inside a figure with its unit (280.40|亿元, 6.9|%, 12.3万|人, 2023|年).
public enum TextRules {
    /// Characters that continue a figure as its magnitude or unit when they follow its digits.
    static let magnitudes: Set<Character> = ["万", "亿", "千", "百"]
    /// Units (and unit-like words) a figure keeps: the longest match is taken.
    static let units: [String] = [
        "个百分点", "百分点", "平方公里", "平方米", "立方米", "万千瓦时", "千瓦时", "公里", "公顷", "千克", "公斤",
        "元/人", "元", "人", "户", "家", "个", "项", "位", "倍", "年", "月", "日", "吨", "亩", "台", "辆", "件", "所", "座",
        "张", "套", "条", "名", "次", "册", "头", "只", "株", "斤", "米", "度", "%", "％", "‰", "℃",
    ]

    /// The UTF-8 byte ranges of `text` inside which no line may break: each figure from its first
    /// digit (or sign) through its magnitude and unit, e.g. `280.40亿元`, `−0.5%`, `19.4∶36.3∶44.3`.
    public static func unbreakableRuns(in text: String) -> [Range<Int>] {
        let chars = Array(text)
        var offsets: [Int] = [0]
        offsets.reserveCapacity(chars.count + 1)
        for c in chars { offsets.append(offsets[offsets.count - 1] + c.utf8.count) }
        var runs: [Range<Int>] = []
        var i = 0
        while i < chars.count {
            let startsFigure =
                chars[i].isASCIIDigit || (chars[i] == "−" && i + 1 < chars.count && chars[i + 1].isASCIIDigit)
            guard startsFigure else { i += 1; continue }
            var j = i + 1
            while j < chars.count, chars[j].continuesNumber { j += 1 }
            while j < chars.count, magnitudes.contains(chars[j]) { j += 1 }
            j += unitLength(chars, from: j)
            if j - i > 1 { runs.append(offsets[i]..<offsets[j]) }
            i = j
        }
        return runs
    }

    /// `units` as characters, in the same order, and the characters a unit can start with.
    private static let unitCharacters: [[Character]] = units.map { Array($0) }
    private static let unitStarts = Set(unitCharacters.compactMap(\.first))

    private static func unitLength(_ chars: [Character], from start: Int) -> Int {
        guard start < chars.count, unitStarts.contains(chars[start]) else { return 0 }
        for u in unitCharacters where start + u.count <= chars.count {
            if u.indices.allSatisfy({ chars[start + $0] == u[$0] }) { return u.count }
        }
        return 0
    }
}

extension Character {
    /// (An ASCII character is answered from its byte, without comparing strings.)
    fileprivate var isASCIIDigit: Bool {
        if let a = asciiValue { return a >= 0x30 && a <= 0x39 }
        return ("0"..."9").contains(self)
    }
    /// Digits and what sits inside a figure: decimal point, thousands comma, ratio colon, a range dash between digits is not.
    fileprivate var continuesNumber: Bool {
        if let a = asciiValue { return (a >= 0x30 && a <= 0x39) || a == 0x2E || a == 0x2C }
        return ("0"..."9").contains(self) || self == "." || self == "∶" || self == ","
    }
}
