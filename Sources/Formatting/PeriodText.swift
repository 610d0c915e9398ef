import CountyData

/// Periods as Chinese statistics write them: 2023年, 2023年一季度, 2023年1—6月, and spans
/// 2018—2023年 (years) or 2023年1—3月—2023年1—6月 (anything else, written out in full).
public enum PeriodText {
    /// One period: `Period.description` is the wording (2023年, 2023年1—6月).
    public static func label(_ period: Period) -> String { period.description }

    /// From `first` to `last`: 2018—2023年 for years, one label when they are equal.
    public static func span(_ first: Period, _ last: Period) -> String {
        if first == last { return label(first) }
        if first.kind == .year && last.kind == .year { return "\(first.year)\(Typography.spanDash)\(last.year)年" }
        return label(first) + Typography.spanDash + label(last)
    }

    /// The span of sorted `periods` (first to last): years only are written 2018—2023年; empty
    /// without periods.
    public static func span(of periods: [Period]) -> String {
        guard let first = periods.first, let last = periods.last else { return "" }
        if first == last { return label(first) }
        if periods.allSatisfy({ $0.kind == .year }) { return "\(first.year)\(Typography.spanDash)\(last.year)年" }
        return label(first) + Typography.spanDash + label(last)
    }
}
