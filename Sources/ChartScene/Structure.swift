/// What a group of marks is in the document's logical structure (a tagged PDF's structure tree),
/// so that screen readers and text extraction follow the reading order.
public enum StructureTag: Hashable, Sendable {
    case heading(level: Int)
    case paragraph
    case figure(alternative: String)
    case caption
    case table
    case tableRow
    case tableHeader
    case tableCell
    case list
    case listItem
    case toc
    case tocItem
    /// Page furniture (running header, footer, page numbers): not content.
    case artifact

    /// The PDF structure type (ISO 32000 §14.8.4).
    public var pdfName: String {
        switch self {
        case .heading(let level): "H\(min(max(level, 1), 6))"
        case .paragraph: "P"
        case .figure: "Figure"
        case .caption: "Caption"
        case .table: "Table"
        case .tableRow: "TR"
        case .tableHeader: "TH"
        case .tableCell: "TD"
        case .list: "L"
        case .listItem: "LI"
        case .toc: "TOC"
        case .tocItem: "TOCI"
        case .artifact: "Artifact"
        }
    }
}
