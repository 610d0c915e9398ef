/// An affine map of the plane restricted to what placing a scene on a page needs: scale about the
/// origin, then translate. A group mark carries one, so a chart compiled at its own size can be
/// drawn in any frame of a page.
public struct Transform: Hashable, Sendable {
    public var scaleX: Double
    public var scaleY: Double
    public var translateX: Double
    public var translateY: Double

    public init(scaleX: Double = 1, scaleY: Double = 1, translateX: Double = 0, translateY: Double = 0) {
        self.scaleX = scaleX; self.scaleY = scaleY; self.translateX = translateX; self.translateY = translateY
    }

    public static let identity = Transform()

    public static func translation(_ x: Double, _ y: Double) -> Transform { Transform(translateX: x, translateY: y) }

    /// Maps a scene of `size` into `frame`, keeping its aspect ratio and centring it.
    public static func fit(_ size: Size, into frame: Rect) -> Transform {
        let k = min(frame.width / size.width, frame.height / size.height)
        return Transform(
            scaleX: k, scaleY: k,
            translateX: frame.minX + (frame.width - size.width * k) / 2,
            translateY: frame.minY + (frame.height - size.height * k) / 2)
    }

    public var isIdentity: Bool { self == .identity }

    public func apply(_ p: Point) -> Point { Point(p.x * scaleX + translateX, p.y * scaleY + translateY) }

    public func apply(_ r: Rect) -> Rect {
        let a = apply(r.origin)
        return Rect(x: a.x, y: a.y, width: r.width * scaleX, height: r.height * scaleY)
    }

    /// This transform applied after `inner` (inner first, then self).
    public func concatenating(_ inner: Transform) -> Transform {
        Transform(
            scaleX: scaleX * inner.scaleX, scaleY: scaleY * inner.scaleY,
            translateX: inner.translateX * scaleX + translateX, translateY: inner.translateY * scaleY + translateY)
    }
}
