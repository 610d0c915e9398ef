import ChartScene

/// One piece of a report's flow, measured and placed on pages by `Paginator`. Blocks carry text
/// already worded and numbered; what they say is decided before layout.
public enum Block: Sendable {
    /// The cover: a page of its own, without header or footer.
    case cover(Cover)
    /// The table of contents: its entries are the headings up to `depth`, page numbers filled
    /// in after pagination, each entry a link to its heading.
    case contents(title: String, depth: Int)
    case heading(Heading)
    case paragraph(Paragraph)
    /// Large figures in a row (18.65亿元 over its label); never split.
    case tiles([Tile])
    /// A chart scene placed in the type area's width; never split; caption below, source under it.
    case figure(Figure)
    /// A 三线表, split between rows with the header repeated under 续表N.
    case table(TableBlock)
    /// A new page; with an orientation, this page and the ones after it are turned so (a landscape
    /// section for a wide table) until another break says otherwise.
    case pageBreak(PageStyle.Orientation?)
}

public struct Cover: Sendable {
    public var title: String
    public var subtitle: String?
    public var lines: [String]
    public var dateLine: String?
    public init(title: String, subtitle: String? = nil, lines: [String] = [], dateLine: String? = nil) {
        self.title = title; self.subtitle = subtitle; self.lines = lines; self.dateLine = dateLine
    }
}

public struct Heading: Sendable {
    /// 1, 2 or 3.
    public var level: Int
    /// The number as printed (一、 （一） 1.), empty for none.
    public var number: String
    public var text: String
    /// The destination name that contents entries and bookmarks open.
    public var anchor: String
    public init(level: Int, number: String, text: String, anchor: String) {
        self.level = level; self.number = number; self.text = text; self.anchor = anchor
    }
    public var title: String { number + text }
}

public struct Paragraph: Sendable {
    public enum Kind: Sendable { case body, note }
    public var text: String
    public var kind: Kind
    public init(_ text: String, kind: Kind = .body) { self.text = text; self.kind = kind }
}

public struct Tile: Sendable {
    public var value: String
    public var label: String
    public var change: String?
    public init(value: String, label: String, change: String? = nil) {
        self.value = value; self.label = label; self.change = change
    }
}

public struct Figure: Sendable {
    /// The chart, compiled at `scene.size` (points); scaled to the type area's width if wider.
    public var scene: Scene
    /// 图1 2018—2023年地区生产总值 (number and title as printed).
    public var caption: String
    public var source: String?
    /// The chart's title and data as text, for the tagged PDF's alternative text.
    public var alternative: String
    public init(scene: Scene, caption: String, source: String? = nil, alternative: String) {
        self.scene = scene; self.caption = caption; self.source = source; self.alternative = alternative
    }
}

public struct TableBlock: Sendable {
    public enum Alignment: Sendable { case leading, trailing, center }
    public struct Row: Sendable {
        public var cells: [String]
        /// Sub-items (其中) are indented one character per level in their first cell.
        public var indent: Int
        public init(_ cells: [String], indent: Int = 0) { self.cells = cells; self.indent = indent }
    }
    /// 表1 (printed before the title, and as 续表1 on a continued page).
    public var number: String
    public var title: String
    /// 单位：亿元 at the top right when every figure shares it.
    public var unitNote: String?
    public var header: [String]
    public var alignments: [Alignment]
    /// Relative column widths (the first, names, usually widest).
    public var widths: [Double]
    public var rows: [Row]
    public var notes: [String]
    /// The unit of each column's figures when the page gives it only in `unitNote` (not printed in the
    /// column: a copy of the table outside the page, a workbook, puts it in the heading); nil elsewhere.
    public var units: [String?]
    public init(
        number: String, title: String, unitNote: String? = nil, header: [String], alignments: [Alignment],
        widths: [Double], rows: [Row], notes: [String] = [], units: [String?] = []
    ) {
        self.number = number; self.title = title; self.unitNote = unitNote; self.header = header
        self.alignments = alignments; self.widths = widths; self.rows = rows; self.notes = notes
        self.units = units
    }
}
