import CountyData
import Foundation

/// How tied values share ranks.
public enum TieRule: String, Sendable, CaseIterable {
    /// 1, 2, 2, 4: tied values share the best rank and the next rank is skipped (并列, the usual rule
    /// of statistical bulletins).
    case competition
    /// 1, 2, 2, 3: tied values share a rank and none is skipped.
    case dense
}

/// Ranking of regions by value, largest first.
public enum Ranking {
    /// The rank of each entry, largest value first; ties follow `rule`, and entries with equal
    /// values keep their input order.
    public static func ranks<Key>(_ entries: [(key: Key, value: Decimal)], rule: TieRule = .competition) -> [(
        key: Key, rank: Int
    )] {
        // Doubles order values that are far apart; values within rounding of each other are
        // compared exactly.
        let approximate = entries.map { Exact.double($0.value) }
        func larger(_ a: Int, _ b: Int) -> Bool? {
            let x = approximate[a], y = approximate[b]
            if abs(x - y) > 1e-9 * max(abs(x), abs(y)) { return x > y }
            if Exact.less(entries[b].value, entries[a].value) { return true }
            if Exact.less(entries[a].value, entries[b].value) { return false }
            return nil
        }
        let order = entries.indices.sorted { a, b in larger(a, b) ?? (a < b) }
        var result: [(key: Key, rank: Int)] = []
        var rank = 0, dense = 0
        var previous: Int?
        for (position, i) in order.enumerated() {
            if previous.map({ larger($0, i) != nil }) ?? true {
                rank = position + 1
                dense += 1
                previous = i
            }
            result.append((entries[i].key, rule == .competition ? rank : dense))
        }
        return result
    }
}
