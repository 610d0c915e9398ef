import ChartScene

/// Places value labels one at a time, in a fixed order, so that no two overlap, none covers a bar
/// it does not belong to, and none leaves the plot; a label with no free place is hidden.
struct LabelPlacer {
    let bounds: Rect
    var placed: [Rect] = []
    var obstacles: [Obstacle] = []

    /// The first candidate that fits, which is then taken; nil when none does. `overBars` lets it
    /// cover other series' bars (a label on a plate), never a marker, a line or another label.
    mutating func place(_ candidates: [Rect], owner: String, overBars: Bool = false) -> Int? {
        for (k, c) in candidates.enumerated() where bounds.contains(c) {
            if placed.contains(where: { $0.intersects(c) }) { continue }
            if obstacles.contains(where: { $0.owner != owner && !(overBars && $0.isBar) && $0.rect.intersects(c) }) {
                continue
            }
            placed.append(c)
            return k
        }
        return nil
    }
}

/// The labels phase: every requested value label placed in order (bars first, then line points),
/// or named in a note when it has no room.
enum ValueLabels {
    static func place(
        _ requests: [LabelRequest], obstacles: [Obstacle], in plot: Rect, theme: Theme,
        valueStyle: TextStyle
    ) -> (marks: [Mark], notes: [String]) {
        var placer = LabelPlacer(bounds: plot, obstacles: obstacles)
        var marks: [Mark] = [], hidden: [LabelRequest] = []
        for request in requests {
            var style = valueStyle
            style.color = request.color
            let frame: Rect
            if let chosen = placer.place(request.candidates, owner: request.owner) {
                frame = request.candidates[chosen]
                if chosen > 0 && request.candidates.count == 2 && request.color == theme.text { style.color = .white }   // inside a bar
            } else if let chosen = placer.place(request.boxed, owner: request.owner, overBars: true) {
                frame = request.boxed[chosen]
                let pad = 2 * theme.strokeUnit
                let plate = Rect(
                    x: frame.minX - pad, y: frame.minY - pad / 2, width: frame.width + 2 * pad,
                    height: frame.height + pad)
                marks.append(
                    .shape(ShapeMark(path: Path(rect: plate), fill: .white, role: .labelPlate, datum: request.owner)))
            } else if let chosen = placer.place(request.farther, owner: request.owner) {
                frame = request.farther[chosen]
            } else {
                hidden.append(request)
                continue
            }
            marks.append(
                .text(TextMark(text: request.text, style: style, frame: frame, role: .valueLabel, datum: request.owner))
            )
        }
        return (marks, hiddenNotes(hidden))
    }

    /// One note for the labels left out: each named when there are a few, else the first few and the count.
    static func hiddenNotes(_ hidden: [LabelRequest]) -> [String] {
        let named = hidden.prefix(5).map { "“\($0.text)” of \($0.owner)" }
        switch hidden.count {
        case 0: return []
        case 1: return ["value label \(named[0]) hidden: no room"]
        case ...5: return ["value labels hidden, no room: " + named.joined(separator: ", ")]
        default:
            return [
                "\(hidden.count) value labels hidden, no room: " + named.joined(separator: ", ")
                    + " and \(hidden.count - 5) more"
            ]
        }
    }
}
