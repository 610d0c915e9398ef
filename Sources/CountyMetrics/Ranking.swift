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
    public static func ranks<Key>(_ entries: [(key: Key, value: Decimal)], rule: TieRule = .competition) -> [(key: Key, rank: Int)] {
        let order = entries.indices.sorted { a, b in
            entries[a].value != entries[b].value ? entries[a].value > entries[b].value : a < b
        }
        var result: [(key: Key, rank: Int)] = []
        var rank = 0, dense = 0
        var previous: Decimal?
        for (position, i) in order.enumerated() {
            if entries[i].value != previous {
                rank = position + 1
                dense += 1
                previous = entries[i].value
            }
            result.append((entries[i].key, rule == .competition ? rank : dense))
        }
        return result
    }
}
