/// A page or image as a display list: what to draw, in points, decided before anything is drawn.
public struct Scene: Hashable, Sendable {
    public var size: Size
    /// Page colour; nil leaves the background transparent where the output allows it.
    public var background: Color?
    public var marks: [Mark]
    /// Things the compiler decided not to draw (a hidden label, say), each said in one line.
    public var notes: [String]

    public init(size: Size, background: Color? = .white, marks: [Mark] = [], notes: [String] = []) {
        self.size = size; self.background = background; self.marks = marks; self.notes = notes
    }

    /// Every mark, groups flattened, in drawing order.
    public var flattened: [Mark] {
        var out: [Mark] = []
        func walk(_ ms: [Mark]) {
            for m in ms {
                if case .group(let g) = m { walk(g.marks) } else { out.append(m) }
            }
        }
        walk(marks)
        return out
    }

    public func marks(_ role: Role) -> [Mark] { flattened.filter { $0.role == role } }

    public func shapes(_ role: Role) -> [ShapeMark] {
        flattened.compactMap { if case .shape(let s) = $0, s.role == role { s } else { nil } }
    }

    public func texts(_ role: Role? = nil) -> [TextMark] {
        flattened.compactMap { if case .text(let t) = $0, role == nil || t.role == role { t } else { nil } }
    }
}
