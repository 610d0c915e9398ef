/// What a mark stands for, so tests and tools can find marks without knowing their geometry.
public struct Role: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { name = value }
    public var description: String { name }

    public static let background: Role = "background"
    public static let title: Role = "title"
    public static let subtitle: Role = "subtitle"
    public static let bar: Role = "bar"
    public static let line: Role = "line"
    public static let point: Role = "point"
    public static let gridline: Role = "gridline"
    public static let axis: Role = "axis"
    public static let tick: Role = "tick"
    public static let tickLabel: Role = "tick-label"
    public static let categoryLabel: Role = "category-label"
    public static let valueLabel: Role = "value-label"
    /// The plate of the page colour behind a value label drawn over a bar.
    public static let labelPlate: Role = "label-plate"
    public static let unitLabel: Role = "unit-label"
    public static let legend: Role = "legend"
    public static let sourceNote: Role = "source-note"
    public static let text: Role = "text"
}

/// A filled and/or stroked outline.
public struct ShapeMark: Hashable, Sendable {
    public var path: Path
    public var fill: Color?
    public var stroke: StrokeStyle?
    public var role: Role
    /// The datum this mark shows (a category or series key), for tracing and tests.
    public var datum: String?

    public init(path: Path, fill: Color? = nil, stroke: StrokeStyle? = nil, role: Role, datum: String? = nil) {
        self.path = path; self.fill = fill; self.stroke = stroke; self.role = role; self.datum = datum
    }
}

/// A run of text set in a box. `frame` is the measured text box; the canvas sets the text so
/// that its box's top-left corner lands on `frame.origin` (before rotation). With a wrap width,
/// lines are aligned within that width as `style.alignment` says.
public struct TextMark: Hashable, Sendable {
    public var text: String
    public var style: TextStyle
    public var frame: Rect
    /// Wrap width in points, or nil for a single unwrapped line.
    public var wrapWidth: Double?
    /// Rotation in degrees, clockwise, about the frame's origin.
    public var rotation: Double
    /// Only these lines of the wrapped text (a paragraph split across pages), the first of them
    /// with its top at `frame.origin`; nil draws every line.
    public var lines: Range<Int>?
    public var role: Role
    public var datum: String?

    public init(
        text: String, style: TextStyle, frame: Rect, wrapWidth: Double? = nil, rotation: Double = 0,
        lines: Range<Int>? = nil, role: Role, datum: String? = nil
    ) {
        self.text = text; self.style = style; self.frame = frame; self.wrapWidth = wrapWidth
        self.rotation = rotation; self.lines = lines; self.role = role; self.datum = datum
    }
}

/// Marks drawn together: placed by a transform (a chart scene set into a frame of a page),
/// optionally clipped, tagged in the document structure, a link, or a link's destination.
public struct GroupMark: Hashable, Sendable {
    /// Maps the group's coordinates to its parent's; the clip is in the group's coordinates.
    public var transform: Transform
    public var clip: Rect?
    public var marks: [Mark]
    public var role: Role
    /// The group's place in a tagged PDF's structure tree.
    public var tag: StructureTag?
    /// A named destination the group's marks link to (a contents entry to its heading).
    public var link: String?
    /// A named destination at the group's top-left corner (a heading links and bookmarks land here).
    public var anchor: String?

    public init(
        transform: Transform = .identity, clip: Rect? = nil, marks: [Mark], role: Role,
        tag: StructureTag? = nil, link: String? = nil, anchor: String? = nil
    ) {
        self.transform = transform; self.clip = clip; self.marks = marks; self.role = role
        self.tag = tag; self.link = link; self.anchor = anchor
    }
}

/// One drawable element of a scene: pure values in points, no drawing.
public enum Mark: Hashable, Sendable {
    case shape(ShapeMark)
    case text(TextMark)
    case group(GroupMark)

    public var role: Role {
        switch self {
        case .shape(let m): m.role
        case .text(let m): m.role
        case .group(let m): m.role
        }
    }

    /// The mark's extent in points (text: its measured frame, ignoring rotation).
    public var bounds: Rect {
        switch self {
        case .shape(let m): m.path.bounds
        case .text(let m): m.frame
        case .group(let g):
            g.transform.apply(
                g.marks.map(\.bounds).reduce(nil as Rect?) { acc, r in
                    guard let a = acc else { return r }
                    let x0 = min(a.minX, r.minX), y0 = min(a.minY, r.minY)
                    return Rect(x: x0, y: y0, width: max(a.maxX, r.maxX) - x0, height: max(a.maxY, r.maxY) - y0)
                } ?? Rect(x: 0, y: 0, width: 0, height: 0))
        }
    }
}
