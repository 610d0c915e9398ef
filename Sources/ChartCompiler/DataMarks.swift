import ChartScene

/// What the marks phase hands to the labels phase: the marks drawn, what value labels must not
/// cover, the labels to place (each with its candidate places, best first), and notes.
struct DataMarks {
    var marks: [Mark] = []
    var obstacles: [Obstacle] = []
    var labels: [LabelRequest] = []
    var notes: [String] = []
}

/// A value label to place: its text, where it may go (best first), whose it is, and its colour.
struct LabelRequest {
    var text: String
    var candidates: [Rect]
    var owner: String
    var color: Color
    /// Places tried when no candidate is free: beside the point on a plate of the page colour, over a
    /// bar if need be (a growth point drawn inside its bar keeps its label), then `farther`.
    var boxed: [Rect] = []
    var farther: [Rect] = []
}

/// Something a value label must not cover unless it is its owner's (a bar, a marker, a line).
struct Obstacle {
    var rect: Rect
    var owner: String
    /// A bar: a label on a plate may cover it; a marker or a line never.
    var isBar = false
}
