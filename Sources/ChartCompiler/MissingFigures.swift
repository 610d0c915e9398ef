import Formatting

extension Chart {
    /// One note per series with missing figures, naming the categories that have none:
    /// `新邵县: 2019年、2021年、2022年 无数据`. Such a category gets no bar and no point, and a line
    /// is not joined across it.
    var missingFigures: [String] {
        series.compactMap { s in
            let missing = categories.indices.filter { s.values[$0] == nil }.map { categories[$0] }
            guard !missing.isEmpty else { return nil }
            return "\(s.name): " + missing.joined(separator: Typography.listComma) + " 无数据"
        }
    }
}
