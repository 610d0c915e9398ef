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

extension Scene {
    /// Every mark, groups flattened and their transforms applied: where each lands on the scene
    /// (a chart placed on a page: its bars in page points, its labels at their placed size).
    public var placed: [Mark] {
        var out: [Mark] = []
        func walk(_ ms: [Mark], _ t: Transform) {
            for m in ms {
                if case .group(let g) = m {
                    walk(g.marks, t.concatenating(g.transform))
                } else {
                    out.append(m.transformed(by: t))
                }
            }
        }
        walk(marks, .identity)
        return out
    }
}

extension Mark {
    /// The mark as it lands under `t` (a uniform scale is assumed for text sizes).
    public func transformed(by t: Transform) -> Mark {
        if t.isIdentity { return self }
        switch self {
        case .shape(var s):
            s.path = s.path.transformed(by: t)
            if var st = s.stroke { st.width *= t.scaleY; st.dash = st.dash.map { $0 * t.scaleY }; s.stroke = st }
            return .shape(s)
        case .text(var m):
            m.frame = t.apply(m.frame)
            m.style = m.style.scaled(by: t.scaleY)
            m.wrapWidth = m.wrapWidth.map { $0 * t.scaleX }
            return .text(m)
        case .group(var g):
            g.transform = t.concatenating(g.transform)
            return .group(g)
        }
    }
}

extension Path {
    /// The same outline with every point mapped by `t`.
    public func transformed(by t: Transform) -> Path {
        var p = Path()
        for e in elements {
            switch e {
            case .move(let a): p.move(to: t.apply(a))
            case .line(let a): p.line(to: t.apply(a))
            case .curve(let a, let b, let c): p.curve(to: t.apply(c), control1: t.apply(a), control2: t.apply(b))
            case .close: p.close()
            }
        }
        return p
    }
}
