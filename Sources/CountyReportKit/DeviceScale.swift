import ChartScene

// A chart is laid out in points and drawn in pixels. Pango loads a font for each size and drawing
// scale it sets text at: text measured at 16.5 pt and drawn at 4/3 px per point would load every
// font twice (about 2% of a one-chart run). So text is measured at the device's size (22 px) and
// the scene is drawn with its lengths in pixels at scale 1: one font load, the same picture.

/// Measures text at `scale` times its size and reports the metrics back in scene units.
public final class DeviceMeasurer: TextMeasurer {
    public let base: TextMeasurer
    public let scale: Double

    public init(_ base: TextMeasurer, scale: Double) { self.base = base; self.scale = scale }

    public func measure(_ text: String, style: TextStyle, wrapWidth: Double?) -> TextMetrics {
        guard scale != 1 else { return base.measure(text, style: style, wrapWidth: wrapWidth) }
        var device = style
        device.size *= scale
        let m = base.measure(text, style: device, wrapWidth: wrapWidth.map { $0 * scale })
        return TextMetrics(
            width: m.width / scale, height: m.height / scale, baseline: m.baseline / scale, lineCount: m.lineCount)
    }

    public func lines(_ text: String, style: TextStyle, width: Double) -> [TextLine] {
        guard scale != 1 else { return base.lines(text, style: style, width: width) }
        return base.lines(text, style: style.scaled(by: scale), width: width * scale).map {
            TextLine(
                range: $0.range, x: $0.x / scale, width: $0.width / scale, top: $0.top / scale,
                height: $0.height / scale,
                baseline: $0.baseline / scale)
        }
    }
}

extension Scene {
    /// The scene with every length multiplied by `factor` (points → pixels).
    public func scaled(by factor: Double) -> Scene {
        if factor == 1 { return self }
        func rect(_ r: Rect) -> Rect {
            Rect(x: r.minX * factor, y: r.minY * factor, width: r.width * factor, height: r.height * factor)
        }
        let t = Transform(scaleX: factor, scaleY: factor)
        func path(_ p: Path) -> Path { p.transformed(by: t) }
        func mark(_ m: Mark) -> Mark {
            switch m {
            case .shape(var s):
                s.path = path(s.path)
                s.stroke = s.stroke.map {
                    StrokeStyle(color: $0.color, width: $0.width * factor, dash: $0.dash.map { $0 * factor })
                }
                return .shape(s)
            case .text(var t):
                t.style.size *= factor
                t.frame = rect(t.frame)
                t.wrapWidth = t.wrapWidth.map { $0 * factor }
                return .text(t)
            case .group(var g):
                g.clip = g.clip.map(rect)
                g.marks = g.marks.map(mark)
                return .group(g)
            }
        }
        return Scene(
            size: Size(size.width * factor, size.height * factor), background: background, marks: marks.map(mark),
            notes: notes)
    }
}

/// A picture's size in pixels, written `1600x900`. The scene is laid out in points at 96 px per inch
/// (0.75 pt a pixel) and drawn back at 4/3 px per point, so it is the PNG's and SVG's size in pixels
/// and the PDF's page at 96 px per inch.
public struct PixelSize: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public static let pixelsPerPoint = 4.0 / 3.0
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    /// The scene's size in points.
    public var points: Size { Size(Double(width) * 0.75, Double(height) * 0.75) }
    /// How the themes' type is scaled for this picture: the themes are sized for 1600×900 px
    /// (1200×675 pt), and type grows and shrinks with the picture, down to 0.4 of that.
    public var themeScale: Double { max(0.4, min(Double(width) / 1600, Double(height) / 900)) }
    /// `WIDTHxHEIGHT` (also `×` or `*`), each 16 to 16000 pixels; nil for anything else.
    public init?(argument: String) {
        let parts = argument.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" || $0 == "*" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (16...16000).contains(w),
            (16...16000).contains(h)
        else {
            return nil
        }
        width = w; height = h
    }
}
