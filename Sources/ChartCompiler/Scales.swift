/// Maps a numeric domain linearly onto a range of points.
public struct LinearScale: Hashable, Sendable {
    public var domain: ClosedRange<Double>
    /// Output positions for the domain's lower and upper ends (may be reversed, as for a y axis).
    public var range: (Double, Double)

    public init(domain: ClosedRange<Double>, range: (Double, Double)) {
        self.domain = domain; self.range = range
    }

    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span != 0 else { return range.0 }
        return range.0 + (value - domain.lowerBound) / span * (range.1 - range.0)
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }
    public func hash(into h: inout Hasher) {
        h.combine(domain.lowerBound); h.combine(domain.upperBound); h.combine(range.0); h.combine(range.1)
    }
}

/// Places categories in equal bands along a range, with padding between and around them.
public struct BandScale: Hashable, Sendable {
    public var categories: [String]
    public var start: Double
    public var end: Double
    /// Fraction of each step left empty between bands (0...1).
    public var padding: Double

    public init(categories: [String], start: Double, end: Double, padding: Double = 0.35) {
        self.categories = categories; self.start = start; self.end = end; self.padding = padding
    }

    /// Distance between the starts of neighbouring bands.
    public var step: Double { categories.isEmpty ? 0 : (end - start) / Double(categories.count) }
    public var bandwidth: Double { step * (1 - padding) }

    /// Start of band `index`.
    public func position(_ index: Int) -> Double { start + step * Double(index) + step * padding / 2 }
    public func center(_ index: Int) -> Double { start + step * (Double(index) + 0.5) }
}
