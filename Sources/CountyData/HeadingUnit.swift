import Foundation

/// Reading a unit out of a column heading such as “地区生产总值（亿元）”.
public enum HeadingUnit {
    /// The name and unit of a heading written `名称（单位）` or `名称(单位)`; the unit is nil without brackets.
    public static func split(_ heading: String) -> (name: String, unit: String?) {
        let h = heading.trimmingSpaces
        for (open, close) in [("（", "）"), ("(", ")")] where h.hasSuffix(close) {
            if let r = h.range(of: open, options: .backwards) {
                let unit = String(h[r.upperBound..<h.index(before: h.endIndex)]).trimmingSpaces
                let name = String(h[..<r.lowerBound]).trimmingSpaces
                if !unit.isEmpty { return (name, unit) }
            }
        }
        return (h, nil)
    }
}
