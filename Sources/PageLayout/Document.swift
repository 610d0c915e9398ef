import ChartScene

/// A report laid out: one scene per page in points, and the outline (PDF bookmarks).
public struct LaidOutDocument: Sendable {
    public var pages: [Scene]
    public var outline: [OutlineEntry]
    /// Things layout could not do as asked (a figure taller than a page, scaled down), one line each.
    public var notes: [String]
}

/// A bookmark: a heading's title, level and the destination its group anchors on its page.
public struct OutlineEntry: Hashable, Sendable {
    public var title: String
    public var level: Int
    /// Zero-based page index.
    public var page: Int
    public var anchor: String

    public init(title: String, level: Int, page: Int, anchor: String) {
        self.title = title; self.level = level; self.page = page; self.anchor = anchor
    }
}

/// Roles of report marks, so tests find them without knowing their geometry.
extension Role {
    public static let heading: Role = "heading"
    public static let body: Role = "body"
    public static let caption: Role = "caption"
    public static let tableCell: Role = "table-cell"
    public static let tableHeader: Role = "table-header"
    public static let tableRule: Role = "table-rule"
    public static let tile: Role = "tile"
    public static let contentsEntry: Role = "contents-entry"
    public static let runningHeader: Role = "running-header"
    public static let pageNumber: Role = "page-number"
    public static let cover: Role = "cover"
    public static let figure: Role = "figure"
}
