/// A canvas that draws nothing and remembers every call, for tests and scene dumps.
public final class RecordingCanvas: Canvas {
    /// One recorded call.
    public enum Operation: Hashable, Sendable {
        case save
        case restore
        case clip(Rect)
        case fill(Path, Color)
        case stroke(Path, StrokeStyle)
        case text(String, TextStyle, Point, wrapWidth: Double?, rotation: Double)
    }

    public private(set) var operations: [Operation] = []
    private let measurer: TextMeasurer

    /// Measures with `measurer` (by default a fixed-advance one, so results do not depend on fonts).
    public init(measurer: TextMeasurer = FixedAdvanceMeasurer()) { self.measurer = measurer }

    public func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics {
        measurer.measure(text, style: style, wrapWidth: wrapWidth)
    }
    public func save() { operations.append(.save) }
    public func restore() { operations.append(.restore) }
    public func clip(to rect: Rect) { operations.append(.clip(rect)) }
    public func fill(_ path: Path, color: Color) { operations.append(.fill(path, color)) }
    public func stroke(_ path: Path, style: StrokeStyle) { operations.append(.stroke(path, style)) }
    public func drawText(_ text: String, style: TextStyle, at origin: Point, wrapWidth: Double?, rotation: Double) {
        operations.append(.text(text, style, origin, wrapWidth: wrapWidth, rotation: rotation))
    }

    /// The strings drawn, in order.
    public var texts: [String] {
        operations.compactMap { if case .text(let s, _, _, _, _) = $0 { s } else { nil } }
    }
}

/// Measures text as if every CJK character were one em wide and every other character
/// 0.55 em: font-independent, for layout tests.
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

    static func advance(of ch: Character) -> Double {
        guard let v = ch.unicodeScalars.first?.value else { return 0 }
        let wide = (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0x3000...0x303F).contains(v)
        return wide ? 1.0 : 0.55
    }
}
