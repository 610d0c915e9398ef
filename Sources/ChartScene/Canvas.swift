/// The drawing surface every output goes through, in points with y pointing down.
///
/// Cairo (PNG, PDF, SVG) is one conformance, `RecordingCanvas` another. A canvas also
/// measures text, so layout uses the same engine that draws.
public protocol Canvas: TextMeasurer {
    func save()
    func restore()
    /// Multiplies the current transform by `transform` (until the matching `restore`).
    func concat(_ transform: Transform)
    func clip(to rect: Rect)
    func fill(_ path: Path, color: Color)
    func stroke(_ path: Path, style: StrokeStyle)
    /// Sets `text` with its box's top-left corner at `origin`, rotated `rotation` degrees
    /// clockwise about that corner; `lines` limits it to those lines of the wrapped text, the
    /// first of them with its top at `origin`.
    func drawText(
        _ text: String, style: TextStyle, at origin: Point, wrapWidth: Double?, rotation: Double, lines: Range<Int>?)
    /// Opens and closes a structure element (tagged PDF); other outputs ignore them.
    func beginTag(_ tag: StructureTag)
    func endTag(_ tag: StructureTag)
    /// What is drawn until `endLink` links to the destination `name`.
    func beginLink(to name: String)
    func endLink()
    /// A named destination at `point` of the current page.
    func anchor(_ name: String, at point: Point)
}

extension Canvas {
    /// Draws every mark of `scene`, in order. The background fills the whole scene.
    public func draw(_ scene: Scene) {
        if let bg = scene.background {
            fill(Path(rect: Rect(x: 0, y: 0, width: scene.size.width, height: scene.size.height)), color: bg)
        }
        for mark in scene.marks { draw(mark) }
    }

    public func draw(_ mark: Mark) {
        switch mark {
        case .shape(let s):
            if let f = s.fill { fill(s.path, color: f) }
            if let st = s.stroke { stroke(s.path, style: st) }
        case .text(let t):
            drawText(
                t.text, style: t.style, at: t.frame.origin, wrapWidth: t.wrapWidth, rotation: t.rotation, lines: t.lines
            )
        case .group(let g):
            draw(g)
        }
    }

    private func draw(_ g: GroupMark) {
        if let name = g.anchor { anchor(name, at: Mark.group(g).bounds.origin) }
        if let tag = g.tag { beginTag(tag) }
        if let name = g.link { beginLink(to: name) }
        save()
        if !g.transform.isIdentity { concat(g.transform) }
        if let c = g.clip { clip(to: c) }
        for m in g.marks { draw(m) }
        restore()
        if g.link != nil { endLink() }
        if let tag = g.tag { endTag(tag) }
    }
}
