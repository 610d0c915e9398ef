import ChartScene
import Formatting

/// The row above the plot naming the value axes' units: 单位：亿元 at the left, 单位：% at the
/// right for a second axis.
public struct UnitRow: GuideBlock, Hashable {
    let left: TextBlock?
    let right: TextBlock?
    /// The row spans `width`; its height is the taller label's.
    public let size: Size

    /// Nil when neither axis has a unit.
    public init?(left: String?, right: String?, theme: Theme, width: Double, measurer: TextMeasurer) {
        let style = TextStyle(size: theme.labelSize, color: theme.text)
        func block(_ unit: String?) -> TextBlock? {
            guard let unit, !unit.isEmpty else { return nil }
            return TextBlock(
                Typography.unitLabel(unit), style: style, role: .unitLabel, wrapWidth: nil, measurer: measurer)
        }
        self.left = block(left); self.right = block(right)
        guard self.left != nil || self.right != nil else { return nil }
        size = Size(width, max(self.left?.size.height ?? 0, self.right?.size.height ?? 0))
    }

    public func marks(at origin: Point) -> [Mark] {
        var marks: [Mark] = []
        if let left { marks += Self.datum("left", left.marks(at: origin)) }
        if let right {
            marks += Self.datum("right", right.marks(at: Point(origin.x + size.width - right.size.width, origin.y)))
        }
        return marks
    }

    /// Tells the two labels apart: datum “left” or “right”.
    private static func datum(_ side: String, _ marks: [Mark]) -> [Mark] {
        marks.map { m in
            guard case .text(var t) = m else { return m }
            t.datum = side
            return .text(t)
        }
    }
}
