/// Heading numbers of Chinese reports: 一、 at level 1, （一） at level 2, 1. at level 3, each
/// level counting again under its parent.
struct Numbering {
    private var counters = [0, 0, 0]

    mutating func next(level: Int) -> String {
        let l = min(max(level, 1), 3) - 1
        counters[l] += 1
        for deeper in (l + 1)..<counters.count { counters[deeper] = 0 }
        let n = counters[l]
        switch l {
        case 0: return Self.chinese(n) + "、"
        case 1: return "（" + Self.chinese(n) + "）"
        default: return "\(n). "
        }
    }

    /// 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99).
    static func chinese(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n >= 1, n < 100 else { return "\(n)" }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
