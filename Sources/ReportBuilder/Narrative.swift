import CountyData
import Foundation
import Mustache

/// Paragraph text from a Mustache template over the report's figures.
///
/// Before rendering, every `{{figure.key}}` outside a section is checked: a key the data cannot
/// fill is an error naming the block and the key — or, in an optional block, the sentence that
/// names it is left out. Text inside `{{#figure.key}}…{{/figure.key}}` prints only when the
/// figure exists. Nothing empty, zero or NaN reaches print.
struct Narrative {
    let figures: FigureStore

    init(figures: FigureStore) { self.figures = figures }

    /// What Mustache reads for `tags`: the printable values of each figure they name.
    private func context(for tags: [Tag]) throws -> [String: Any] {
        var context: [String: Any] = [:]
        for tag in tags {
            let name = String(tag.name.prefix { $0 != "." })
            if context[name] == nil, let figure = try figures.values(named: name) { context[name] = figure.context }
        }
        return context
    }

    struct Tag {
        var name: String
        var section: Bool
    }

    /// The variable tags of `template` (outside sections) and the section names.
    static func tags(_ template: String) -> [Tag] {
        var tags: [Tag] = []
        var depth = 0
        var rest = Substring(template)
        while let open = TextSearch.firstOffset(of: "{{", in: rest) {
            let afterOpen = rest.utf8.index(rest.startIndex, offsetBy: open + 2)
            guard let close = TextSearch.firstOffset(of: "}}", in: rest[afterOpen...]) else { break }
            let closeAt = rest.utf8.index(afterOpen, offsetBy: close)
            var body = rest[afterOpen..<closeAt].trimmingCharacters(in: .whitespaces)
            rest = rest[rest.utf8.index(closeAt, offsetBy: 2)...]
            guard let sigil = body.first else { continue }
            switch sigil {
            case "#", "^":
                depth += 1; body.removeFirst();
                tags.append(Tag(name: body.trimmingCharacters(in: .whitespaces), section: true))
            case "/": depth -= 1
            case "!", "%", ">", "=": continue
            case "&", "{":
                body.removeFirst();
                tags.append(
                    Tag(name: body.trimmingCharacters(in: CharacterSet(charactersIn: " }")), section: depth > 0))
            default: tags.append(Tag(name: body, section: depth > 0))
            }
        }
        return tags
    }

    /// `text` without white space and line ends at either end (Unicode's White_Space, the set
    /// `CharacterSet.whitespacesAndNewlines` holds), in the standard library: Foundation's trim of a
    /// long Chinese paragraph converts all of it to UTF-16 first.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }

    /// The value of `figure.key`.
    func lookup(_ name: String) throws -> KeyValue {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard let figure = try figures.values(named: parts[0]) else {
            return .absent("there is no figure named “\(parts[0])” under figures:")
        }
        return figure.lookup(parts.count > 1 ? parts[1] : "value")
    }

    /// The text of `template` for block `id`, and the explanation of every number it prints.
    func render(_ template: String, block id: String, optional: Bool, location: SourceLocation) throws -> (
        String, [Explanation]
    ) {
        // Text without a tag is printed as it is: no template to compile (most of a long report's paragraphs).
        guard TextSearch.contains(template, "{{") else { return (Self.trimmed(template), []) }
        var source = template
        let tags = Self.tags(template)
        for tag in tags where !tag.section {
            if case .absent(let reason) = try lookup(tag.name) {
                guard optional else {
                    throw ReportError.missingFigure(block: id, key: tag.name, reason: reason, location: location)
                }
                source = Self.dropSentences(naming: tag.name, in: source)
            }
        }
        let text = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source).render(context(for: tags))
        var explained: [Explanation] = []
        for tag in Self.tags(source) {
            if case .text(let t, let origin?) = try lookup(tag.name) {
                explained.append(Explanation(block: id, text: t, origin: origin))
            }
        }
        return (Self.trimmed(text), explained)
    }

    /// The template without the sentences (up to 。！？；) that contain `{{name}}`.
    static func dropSentences(naming name: String, in template: String) -> String {
        var sentences: [String] = []
        var current = ""
        for ch in template {
            current.append(ch)
            if "。！？；".contains(ch) { sentences.append(current); current = "" }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences.filter { s in !tags(s).contains { !$0.section && $0.name == name } }.joined()
    }
}
