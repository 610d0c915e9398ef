import CairoCanvas
import Foundation

/// Colour channels of a premultiplied ARGB pixel, 0–255.
public func channels(_ p: UInt32) -> (a: Int, r: Int, g: Int, b: Int) {
    (Int(p >> 24 & 0xFF), Int(p >> 16 & 0xFF), Int(p >> 8 & 0xFF), Int(p & 0xFF))
}

/// Root mean square of per-channel differences on a 0–255 scale (matplotlib's measure), or
/// nil when the sizes differ.
public func rmsDifference(_ a: Bitmap, _ b: Bitmap) -> Double? {
    guard a.width == b.width, a.height == b.height else { return nil }
    var sum = 0.0
    for (p, q) in zip(a.pixels, b.pixels) where p != q {
        let x = channels(p), y = channels(q)
        let d = [x.a - y.a, x.r - y.r, x.g - y.g, x.b - y.b]
        sum += Double(d.reduce(0) { $0 + $1 * $1 })
    }
    return (sum / Double(a.pixels.count * 4)).squareRoot()
}

/// A picture of where two bitmaps differ (differences amplified ten times), for failed comparisons.
public func differenceImage(_ a: Bitmap, _ b: Bitmap) -> Bitmap {
    var px = [UInt32](repeating: 0xFFFF_FFFF, count: a.pixels.count)
    for i in 0..<min(a.pixels.count, b.pixels.count) where a.pixels[i] != b.pixels[i] {
        let x = channels(a.pixels[i]), y = channels(b.pixels[i])
        let d = min(255, 10 * max(abs(x.r - y.r), abs(x.g - y.g), abs(x.b - y.b), abs(x.a - y.a)))
        px[i] = 0xFF00_0000 | UInt32(255) << 16 | UInt32(255 - d) << 8 | UInt32(255 - d)
    }
    return Bitmap(width: a.width, height: a.height, pixels: px)
}

/// Counts pixels of exactly `color` (0xAARRGGBB) inside a rectangle of the bitmap.
public func count(_ color: UInt32, in bitmap: Bitmap, x: Range<Int>? = nil, y: Range<Int>? = nil) -> Int {
    var n = 0
    for yy in y ?? 0..<bitmap.height { for xx in x ?? 0..<bitmap.width where bitmap[xx, yy] == color { n += 1 } }
    return n
}
