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
    static func place(
        _ requests: [LabelRequest], obstacles: [Obstacle], in plot: Rect, theme: Theme,
        valueStyle: TextStyle
    ) -> (marks: [Mark], notes: [String]) {
        var placer = LabelPlacer(bounds: plot, obstacles: obstacles)
        var marks: [Mark] = [], hidden: [LabelRequest] = []
        for request in requests {
            guard let chosen = placer.place(request.candidates, owner: request.owner) else {
                hidden.append(request)
                continue
            }
            var style = valueStyle
            style.color = request.color
            if chosen > 0 && request.candidates.count == 2 && request.color == theme.text { style.color = .white }   // inside a bar
            marks.append(
                .text(
                    TextMark(
                        text: request.text, style: style, frame: request.candidates[chosen], role: .valueLabel,
                        datum: request.owner)))
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
