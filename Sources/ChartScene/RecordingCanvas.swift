/// A canvas that draws nothing and remembers every call, for tests and scene dumps.
public final class RecordingCanvas: Canvas {
    /// One recorded call.
    public enum Operation: Hashable, Sendable {
        case save
        case restore
        case concat(Transform)
        case clip(Rect)
        case fill(Path, Color)
        case stroke(Path, StrokeStyle)
        case text(String, TextStyle, Point, wrapWidth: Double?, rotation: Double, lines: Range<Int>?)
        case beginTag(StructureTag)
        case endTag(StructureTag)
        case beginLink(String)
        case endLink
        case anchor(String, Point)
    }

    public private(set) var operations: [Operation] = []
    private let measurer: TextMeasurer

    /// Measures with `measurer` (by default a fixed-advance one, so results do not depend on fonts).
    public init(measurer: TextMeasurer = FixedAdvanceMeasurer()) { self.measurer = measurer }

    public func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics {
        measurer.measure(text, style: style, wrapWidth: wrapWidth)
    }
    public func lines(_ text: String, style: TextStyle, width: Double) -> [TextLine] {
        measurer.lines(text, style: style, width: width)
    }
    public func save() { operations.append(.save) }
    public func restore() { operations.append(.restore) }
    public func concat(_ transform: Transform) { operations.append(.concat(transform)) }
    public func clip(to rect: Rect) { operations.append(.clip(rect)) }
    public func fill(_ path: Path, color: Color) { operations.append(.fill(path, color)) }
    public func stroke(_ path: Path, style: StrokeStyle) { operations.append(.stroke(path, style)) }
    public func drawText(
        _ text: String, style: TextStyle, at origin: Point, wrapWidth: Double?, rotation: Double, lines: Range<Int>?
    ) {
        operations.append(.text(text, style, origin, wrapWidth: wrapWidth, rotation: rotation, lines: lines))
    }
    public func beginTag(_ tag: StructureTag) { operations.append(.beginTag(tag)) }
    public func endTag(_ tag: StructureTag) { operations.append(.endTag(tag)) }
    public func beginLink(to name: String) { operations.append(.beginLink(name)) }
    public func endLink() { operations.append(.endLink) }
    public func anchor(_ name: String, at point: Point) { operations.append(.anchor(name, point)) }

    /// The strings drawn, in order.
    public var texts: [String] {
        operations.compactMap { if case .text(let s, _, _, _, _, _) = $0 { s } else { nil } }
    }
}

/// Measures text as if every CJK character were one em wide and every other character
/// 0.55 em: font-independent, for layout tests. Lines break at any character (no rules).
public final class FixedAdvanceMeasurer: TextMeasurer {
    public init() {}

    public func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics {
        let lineHeight = style.size * 1.45 * style.lineSpacing
        var lines: [Double] = [0]
        for ch in text {
            if ch == "\n" { lines.append(0); continue }
            let w = Self.advance(of: ch) * style.size
            if let ww = wrapWidth, lines[lines.count - 1] + w > ww, lines[lines.count - 1] > 0 {
                lines.append(0)
            }
            lines[lines.count - 1] += w
        }
        return TextMetrics(
            width: lines.max() ?? 0, height: Double(lines.count) * lineHeight,
            baseline: style.size * 1.16, lineCount: lines.count)
    }

    public func lines(_ text: String, style: TextStyle, width: Double) -> [TextLine] {
        let pitch = style.size * 1.45 * style.lineSpacing
        var result: [TextLine] = []
        var start = 0, offset = 0, used = style.paragraph.firstLineIndent, lineStart = style.paragraph.firstLineIndent
        func close(at end: Int) {
            let top = Double(result.count) * pitch
            result.append(
                TextLine(
                    range: start..<end, x: lineStart, width: used - lineStart, top: top, height: pitch,
                    baseline: top + style.size * 1.16))
            start = end; used = 0; lineStart = 0
        }
        for ch in text {
            let w = Self.advance(of: ch) * style.size
            if ch == "\n" {
                close(at: offset)
                offset += 1; start = offset
                continue
            }
            if used + w > width, used > lineStart { close(at: offset) }
            used += w
            offset += ch.utf8.count
        }
        if start < offset || result.isEmpty { close(at: offset) }
        return result
    }

    static func advance(of ch: Character) -> Double {
        guard let v = ch.unicodeScalars.first?.value else { return 0 }
        let wide =
            (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0x3000...0x303F).contains(v)
        return wide ? 1.0 : 0.55
    }
}
