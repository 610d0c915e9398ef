import ChartScene

/// Places value labels one at a time, in a fixed order, so that no two overlap, none covers a bar
/// it does not belong to, and none leaves the plot; a label with no free place is hidden.
struct LabelPlacer {
    let bounds: Rect
    var placed: [Rect] = []
    var obstacles: [Obstacle] = []

    /// The first candidate that fits, which is then taken; nil when none does.
    mutating func place(_ candidates: [Rect], owner: String) -> Int? {
        for (k, c) in candidates.enumerated() where bounds.contains(c) {
            if placed.contains(where: { $0.intersects(c) }) { continue }
            if obstacles.contains(where: { $0.owner != owner && $0.rect.intersects(c) }) { continue }
            placed.append(c)
            return k
        }
        return nil
    }
}

/// The labels phase: every requested value label placed in order (bars first, then line points),
/// or named in a note when it has no room.
enum ValueLabels {
    static func place(_ requests: [LabelRequest], obstacles: [Obstacle], in plot: Rect, theme: Theme,
                      valueStyle: TextStyle) -> (marks: [Mark], notes: [String])
    {
        var placer = LabelPlacer(bounds: plot, obstacles: obstacles)
        var marks: [Mark] = [], notes: [String] = []
        for request in requests {
            guard let chosen = placer.place(request.candidates, owner: request.owner) else {
                notes.append("value label “\(request.text)” of \(request.owner) hidden: no room")
                continue
            }
            var style = valueStyle
            style.color = request.color
            if chosen > 0 && request.candidates.count == 2 && request.color == theme.text { style.color = .white }  // inside a bar
            marks.append(.text(TextMark(text: request.text, style: style, frame: request.candidates[chosen], role: .valueLabel, datum: request.owner)))
        }
        return (marks, notes)
    }
}
