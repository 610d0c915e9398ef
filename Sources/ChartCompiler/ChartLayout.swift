import ChartScene
import CountyData
import Formatting
import Foundation

/// Places value labels one at a time, in a fixed order, so that no two overlap, none covers a bar
/// it does not belong to, and none leaves the plot; a label with no free place is hidden.
struct LabelPlacer {
    let bounds: Rect
    var placed: [Rect] = []
    var obstacles: [(rect: Rect, owner: String)] = []

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

extension Chart {
    /// Lays the chart out at `size`, measuring text with `measurer`: a scene of marks, nothing drawn.
    public func compile(size: Size, theme: Theme? = nil, measurer: TextMeasurer) throws -> Scene {
        guard !categories.isEmpty, !series.isEmpty else { throw ChartError.noData }
        if needsReadableUnits {
            return try withReadableUnits().compileAsIs(size: size, theme: theme, measurer: measurer)
        }
        return try compileAsIs(size: size, theme: theme, measurer: measurer)
    }

    /// Lays out without restating units.
    func compileAsIs(size: Size, theme: Theme?, measurer: TextMeasurer) throws -> Scene {
        for s in series where s.values.count != categories.count {
            throw ChartError.mismatched(series: s.name, values: s.values.count, categories: categories.count)
        }
        let theme = theme ?? .standard(for: size)
        var marks: [Mark] = []
        var notes: [String] = []
        let frame = Rect(x: 0, y: 0, width: size.width, height: size.height).insetBy(dx: theme.margin, dy: theme.margin)
        let k = theme.labelSize / 22

        // Title and subtitle.
        var top = frame.minY
        for (text, style, role) in [(title, TextStyle(size: theme.titleSize, weight: theme.titleWeight, color: theme.text, alignment: .center), Role.title),
                                    (subtitle ?? "", TextStyle(size: theme.subtitleSize, color: theme.mutedText, alignment: .center), Role.subtitle)]
        where !text.isEmpty {
            let m = measurer.measure(text, style: style, wrapWidth: frame.width)
            marks.append(.text(TextMark(text: text, style: style, frame: Rect(x: frame.midX - m.width / 2, y: top, width: m.width, height: m.height),
                                        wrapWidth: frame.width, role: role)))
            top += m.height + theme.gap
        }
        // Legend: one entry per series when there are several.
        let labelStyle = TextStyle(size: theme.labelSize, color: theme.text)
        let lineHeight = measurer.measure("0", style: labelStyle, wrapWidth: nil).height
        if series.count >= 2 {
            let swatch = theme.labelSize * 1.2
            let entries = series.map { measurer.measure($0.name, style: labelStyle, wrapWidth: nil).width + swatch + theme.gap }
            let total = entries.reduce(0, +) + Double(entries.count - 1) * theme.gap * 2
            var x = frame.midX - min(total, frame.width) / 2
            for (i, s) in series.enumerated() {
                let color = theme.palette[i % theme.palette.count]
                let cy = top + lineHeight / 2
                if s.mark == .line {
                    marks.append(.shape(ShapeMark(path: Path(polyline: [Point(x, cy), Point(x + swatch, cy)]),
                                                  stroke: StrokeStyle(color: color, width: 3 * k), role: .legend, datum: s.name)))
                    marks.append(.shape(ShapeMark(path: Path(circleAt: Point(x + swatch / 2, cy), radius: 4 * k), fill: .white,
                                                  stroke: StrokeStyle(color: color, width: 2 * k), role: .legend, datum: s.name)))
                } else {
                    marks.append(.shape(ShapeMark(path: Path(rect: Rect(x: x, y: cy - swatch / 2 * 0.7, width: swatch, height: swatch * 0.7)),
                                                  fill: color, role: .legend, datum: s.name)))
                }
                let w = measurer.measure(s.name, style: labelStyle, wrapWidth: nil)
                marks.append(.text(TextMark(text: s.name, style: labelStyle,
                                            frame: Rect(x: x + swatch + theme.gap / 2, y: top, width: w.width, height: w.height), role: .legend, datum: s.name)))
                x += entries[i] + theme.gap * 2
            }
            top += lineHeight + theme.gap
        }
        // Source note, bottom left.
        var bottom = frame.maxY
        if let source, !source.isEmpty {
            let text = Typography.sourceNote(source)
            let style = TextStyle(size: theme.noteSize, color: theme.mutedText)
            let m = measurer.measure(text, style: style, wrapWidth: frame.width)
            bottom -= m.height
            marks.append(.text(TextMark(text: text, style: style, frame: Rect(x: frame.minX, y: bottom, width: m.width, height: m.height),
                                        wrapWidth: frame.width, role: .sourceNote)))
            bottom -= theme.gap
        }

        // Units above the value axes.
        let leftSeries = series.filter { $0.axis == .left }, rightSeries = series.filter { $0.axis == .right }
        let leftUnit = kind == .percentStackedBar ? "%" : leftSeries.first?.unit
        let rightUnit = rightSeries.first?.unit
        var unitRow = 0.0
        for (unit, alignRight) in [(leftUnit, false), (rightUnit, true)] {
            guard let unit, !unit.isEmpty, kind != .horizontalBar else { continue }
            let text = Typography.unitLabel(unit)
            let m = measurer.measure(text, style: labelStyle, wrapWidth: nil)
            marks.append(.text(TextMark(text: text, style: labelStyle,
                                        frame: Rect(x: alignRight ? frame.maxX - m.width : frame.minX, y: top, width: m.width, height: m.height),
                                        role: .unitLabel, datum: alignRight ? "right" : "left")))
            unitRow = max(unitRow, m.height + theme.gap)
        }
        top += unitRow

        if kind == .horizontalBar {
            return try horizontal(size: size, theme: theme, measurer: measurer, plotTop: top, plotBottom: bottom, frame: frame,
                                  marks: marks, notes: notes, unit: leftUnit)
        }

        // Value domains.
        func doubles(_ s: Series) -> [Double] { s.values.compactMap { $0.map { NSDecimalNumber(decimal: $0).doubleValue } } }
        var leftValues: [Double] = []
        switch kind {
        case .stackedBar:
            for c in categories.indices {
                let parts = leftSeries.compactMap { $0.values[c].map { NSDecimalNumber(decimal: $0).doubleValue } }
                leftValues += [parts.filter { $0 > 0 }.reduce(0, +), parts.filter { $0 < 0 }.reduce(0, +)]
            }
        case .percentStackedBar: leftValues = [0, 100]
        default: leftValues = leftSeries.flatMap(doubles)
        }
        guard !leftValues.isEmpty || !rightSeries.flatMap(doubles).isEmpty else { throw ChartError.noData }
        let valueStyle = TextStyle(size: theme.valueLabelSize, color: theme.text, alignment: .center)
        let valueHeight = measurer.measure("0", style: valueStyle, wrapWidth: nil).height
        let approxPlot = max(1, bottom - top - 3 * lineHeight)
        let maxTicks = max(2, min(8, Int(approxPlot / (lineHeight * 2.5))))
        let headroom = valueLabels ? (valueHeight + theme.gap) / approxPlot : 0
        let isLineOnly = kind == .line
        func padded(_ values: [Double], includeZero: Bool) -> ClosedRange<Double> {
            var lo = values.min() ?? 0, hi = values.max() ?? 1
            if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
            let span = max(hi - lo, abs(hi) * 0.1, 1e-9)
            if hi > 0 || !includeZero { hi += span * headroom * 1.2 }
            if lo < 0 { lo -= span * headroom * 1.2 }
            return lo...hi
        }
        var leftTicks: [Double]
        var rightTicks: [Double] = []
        if kind == .combo {
            // Room above the tallest bar for its label and a line label over it.
            var barRange = padded(leftValues, includeZero: true)
            if valueLabels, barRange.upperBound > 0 {
                barRange = barRange.lowerBound...(barRange.upperBound + (barRange.upperBound - barRange.lowerBound) * headroom * 1.5)
            }
            let aligned = DualAxis.align(left: barRange, right: padded(rightSeries.flatMap(doubles), includeZero: true),
                                         maxIntervals: maxTicks)
            leftTicks = aligned.left
            rightTicks = aligned.right
        } else if kind == .percentStackedBar {
            leftTicks = [0, 20, 40, 60, 80, 100]
        } else {
            let r = padded(leftValues, includeZero: !isLineOnly || (leftValues.min() ?? 0) <= 0)
            leftTicks = Ticks.nice(low: r.lowerBound, high: r.upperBound, maxCount: maxTicks)
        }
        let leftFormat = NumberFormat(decimals: Ticks.decimals(for: leftTicks))
        let rightFormat = NumberFormat(decimals: Ticks.decimals(for: rightTicks))
        let leftLabels = leftTicks.map { leftFormat.string($0) }, rightLabels = rightTicks.map { rightFormat.string($0) }
        let leftWidth = leftLabels.map { measurer.measure($0, style: labelStyle, wrapWidth: nil).width }.max() ?? 0
        let rightWidth = rightLabels.map { measurer.measure($0, style: labelStyle, wrapWidth: nil).width }.max() ?? 0
        let plotLeft = frame.minX + leftWidth + theme.gap
        let plotRight = frame.maxX - (rightTicks.isEmpty ? 0 : rightWidth + theme.gap)

        // Category labels: wrapped to the band; rotated when wrapping is not enough.
        let band0 = BandScale(categories: categories, start: plotLeft, end: plotRight, padding: 0.3)
        let categoryStyle = TextStyle(size: theme.labelSize, color: theme.text, alignment: .center)
        var categoryMetrics = categories.map { measurer.measure($0, style: categoryStyle, wrapWidth: band0.step) }
        let rotate = categoryMetrics.contains { $0.lineCount > 2 }
        if rotate { categoryMetrics = categories.map { measurer.measure($0, style: categoryStyle, wrapWidth: nil) } }
        let categoryHeight = rotate ? (categoryMetrics.map(\.width).max() ?? 0) * 0.71 + lineHeight * 0.71
            : categoryMetrics.map(\.height).max() ?? 0
        let plot = Rect(x: plotLeft, y: top + lineHeight / 2, width: plotRight - plotLeft,
                        height: bottom - categoryHeight - theme.gap - top - lineHeight / 2)
        guard plot.width > 20, plot.height > 20 else { throw ChartError.tooSmall(width: size.width, height: size.height) }
        let y = LinearScale(domain: leftTicks.first!...leftTicks.last!, range: (plot.maxY, plot.minY))
        let y2 = rightTicks.isEmpty ? y : LinearScale(domain: rightTicks.first!...rightTicks.last!, range: (plot.maxY, plot.minY))
        let band = BandScale(categories: categories, start: plot.minX, end: plot.maxX, padding: 0.3)

        // Gridlines, zero axis, tick labels on both sides.
        for (i, value) in leftTicks.enumerated() {
            let py = y(value)
            let isZero = abs(value) < 1e-12
            marks.append(.shape(ShapeMark(path: Path(polyline: [Point(plot.minX, py), Point(plot.maxX, py)]),
                                          stroke: StrokeStyle(color: isZero ? theme.axis : theme.gridline, width: isZero ? 1.5 * k : 1 * k),
                                          role: isZero ? .axis : .gridline, datum: leftLabels[i])))
            let m = measurer.measure(leftLabels[i], style: labelStyle, wrapWidth: nil)
            marks.append(.text(TextMark(text: leftLabels[i], style: labelStyle,
                                        frame: Rect(x: plot.minX - theme.gap - m.width, y: py - m.height / 2, width: m.width, height: m.height),
                                        role: .tickLabel, datum: "left")))
            if i < rightTicks.count {
                let r = measurer.measure(rightLabels[i], style: labelStyle, wrapWidth: nil)
                marks.append(.text(TextMark(text: rightLabels[i], style: labelStyle,
                                            frame: Rect(x: plot.maxX + theme.gap, y: py - r.height / 2, width: r.width, height: r.height),
                                            role: .tickLabel, datum: "right")))
            }
        }
        // Category labels.
        for (i, c) in categories.enumerated() {
            let m = categoryMetrics[i]
            if rotate {
                marks.append(.text(TextMark(text: c, style: TextStyle(size: theme.labelSize, color: theme.text),
                                            frame: Rect(x: band.center(i) - m.width * 0.71, y: plot.maxY + theme.gap + m.width * 0.71, width: m.width, height: m.height),
                                            rotation: -45, role: .categoryLabel, datum: c)))
            } else {
                marks.append(.text(TextMark(text: c, style: categoryStyle,
                                            frame: Rect(x: band.center(i) - m.width / 2, y: plot.maxY + theme.gap, width: m.width, height: m.height),
                                            wrapWidth: band.step, role: .categoryLabel, datum: c)))
            }
        }

        // Bars.
        var placer = LabelPlacer(bounds: plot)
        var labelRequests: [(text: String, candidates: [Rect], owner: String, color: Color)] = []
        let barSeries = series.enumerated().filter { $0.element.mark == .bar }
        let lineSeries = series.enumerated().filter { $0.element.mark == .line }
        let grouped = kind == .bar || kind == .combo
        for c in categories.indices {
            var positive = 0.0, negative = 0.0
            let total = barSeries.reduce(0.0) { $0 + abs($1.element.values[c].map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0) }
            for (n, (index, s)) in barSeries.enumerated() {
                guard let exact = s.values[c] else {
                    notes.append("“\(categories[c])”: no value of \(s.name), no bar drawn")
                    continue
                }
                var v = NSDecimalNumber(decimal: exact).doubleValue
                if kind == .percentStackedBar { v = total > 0 ? abs(v) / total * 100 : 0 }
                let rect: Rect
                if grouped {
                    let w = band.bandwidth / Double(barSeries.count)
                    let x = band.position(c) + w * Double(n)
                    rect = Rect(x: x, y: min(y(0), y(v)), width: w, height: abs(y(v) - y(0)))
                } else {
                    let base = v >= 0 ? positive : negative
                    if v >= 0 { positive += v } else { negative += v }
                    rect = Rect(x: band.position(c), y: min(y(base), y(base + v)), width: band.bandwidth, height: abs(y(base + v) - y(base)))
                }
                let owner = datum(c, s)
                let color = theme.palette[index % theme.palette.count]
                marks.append(.shape(ShapeMark(path: Path(rect: rect), fill: color, role: .bar, datum: owner)))
                placer.obstacles.append((rect, owner))
                guard valueLabels else { continue }
                let text = NumberFormat(decimals: decimals(s)).string(exact)
                let m = measurer.measure(text, style: valueStyle, wrapWidth: nil)
                let above = Rect(x: rect.midX - m.width / 2, y: (v >= 0 ? rect.minY - theme.gap / 2 - m.height : rect.maxY + theme.gap / 2),
                                 width: m.width, height: m.height)
                let inside = Rect(x: rect.midX - m.width / 2, y: rect.midY - m.height / 2, width: m.width, height: m.height)
                let fitsInside = inside.width <= rect.width && inside.height <= rect.height
                labelRequests.append((text, grouped ? [above] + (fitsInside ? [inside] : []) : (fitsInside ? [inside] : []), owner,
                                      grouped ? theme.text : .white))
            }
        }
        // Lines with markers; not joined across a series break.
        for (index, s) in lineSeries {
            let scale = s.axis == .right ? y2 : y
            let color = theme.palette[index % theme.palette.count]
            var segment: [Point] = []
            func flush() {
                // The line itself is an obstacle for every label: sample boxes along each segment.
                for (a, b) in zip(segment, segment.dropFirst()) {
                    let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                    let steps = max(1, Int(length / (3 * k)))
                    for j in 0...steps {
                        let t = Double(j) / Double(steps)
                        let c = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
                        placer.obstacles.append((Rect(x: c.x - 1.5 * k, y: c.y - 1.5 * k, width: 3 * k, height: 3 * k), "line"))
                    }
                }
                if segment.count >= 2 {
                    marks.append(.shape(ShapeMark(path: Path(polyline: segment), stroke: StrokeStyle(color: color, width: 3 * k),
                                                  role: .line, datum: s.name)))
                }
                segment = []
            }
            var points: [(Int, Point)] = []
            for c in categories.indices {
                if breaks.contains(categories[c]) { flush() }
                guard let exact = s.values[c] else { flush(); continue }
                let p = Point(band.center(c), scale(NSDecimalNumber(decimal: exact).doubleValue))
                segment.append(p)
                points.append((c, p))
            }
            flush()
            for (c, p) in points {
                let owner = datum(c, s)
                marks.append(.shape(ShapeMark(path: Path(circleAt: p, radius: 5 * k), fill: .white, stroke: StrokeStyle(color: color, width: 2.5 * k),
                                              role: .point, datum: owner)))
                placer.obstacles.append((Rect(x: p.x - 6 * k, y: p.y - 6 * k, width: 12 * k, height: 12 * k), owner))
                guard valueLabels, let exact = s.values[c] else { continue }
                let text = NumberFormat(decimals: decimals(s)).string(exact)
                let m = measurer.measure(text, style: valueStyle, wrapWidth: nil)
                let gap = 8 * k
                // Near the point first; then further up, clear of the bars below it.
                let near = [
                    Rect(x: p.x - m.width / 2, y: p.y - gap - m.height, width: m.width, height: m.height),
                    Rect(x: p.x - m.width / 2, y: p.y + gap, width: m.width, height: m.height),
                    Rect(x: p.x + gap, y: p.y - m.height / 2, width: m.width, height: m.height),
                    Rect(x: p.x - gap - m.width, y: p.y - m.height / 2, width: m.width, height: m.height),
                ]
                let further = (1...24).map { j in
                    Rect(x: p.x - m.width / 2, y: p.y - gap - m.height - Double(j) * m.height / 2, width: m.width, height: m.height)
                }
                labelRequests.append((text, near + further, owner, color))
            }
        }
        // Series breaks: a dashed separator between the two categories.
        for b in breaks {
            guard let c = categories.firstIndex(of: b), c > 0 else { continue }
            let x = (band.center(c - 1) + band.center(c)) / 2
            marks.append(.shape(ShapeMark(path: Path(polyline: [Point(x, plot.minY), Point(x, plot.maxY)]),
                                          stroke: StrokeStyle(color: theme.mutedText, width: 1.5 * k, dash: [6 * k, 4 * k]), role: "break", datum: b)))
            notes.append("series break before “\(b)”: lines are not joined across it")
        }
        // Value labels, in order: bars first, then line points.
        for request in labelRequests {
            if let chosen = placer.place(request.candidates, owner: request.owner) {
                var style = valueStyle
                style.color = request.color
                if chosen > 0 && request.candidates.count == 2 && request.color == theme.text { style.color = .white }  // inside a bar
                marks.append(.text(TextMark(text: request.text, style: style, frame: request.candidates[chosen], role: .valueLabel, datum: request.owner)))
            } else {
                notes.append("value label “\(request.text)” of \(request.owner) hidden: no room")
            }
        }
        return Scene(size: size, background: .white, marks: marks, notes: notes)
    }

    /// What a mark shows: the category, or “category/series” when there are several series.
    func datum(_ c: Int, _ s: Series) -> String { series.count == 1 ? categories[c] : "\(categories[c])/\(s.name)" }

    /// Horizontal bars: categories down the left, values along the bottom, labels at the bar ends.
    private func horizontal(size: Size, theme: Theme, measurer: TextMeasurer, plotTop: Double, plotBottom: Double, frame: Rect,
                            marks initial: [Mark], notes initialNotes: [String], unit: String?) throws -> Scene
    {
        var marks = initial, notes = initialNotes
        let s = series[0]
        let k = theme.labelSize / 22
        let labelStyle = TextStyle(size: theme.labelSize, color: theme.text)
        let valueStyle = TextStyle(size: theme.valueLabelSize, color: theme.text)
        let values = s.values.map { $0.map { NSDecimalNumber(decimal: $0).doubleValue } }
        let categoryWidth = categories.map { measurer.measure($0, style: labelStyle, wrapWidth: nil).width }.max() ?? 0
        let lineHeight = measurer.measure("0", style: labelStyle, wrapWidth: nil).height
        let texts = s.values.map { $0.map { NumberFormat(decimals: decimals(s)).string($0) } ?? "" }
        let valueWidth = texts.map { measurer.measure($0, style: valueStyle, wrapWidth: nil).width }.max() ?? 0
        let plot = Rect(x: frame.minX + categoryWidth + theme.gap, y: plotTop,
                        width: frame.width - categoryWidth - theme.gap - valueWidth - theme.gap,
                        height: plotBottom - plotTop - lineHeight - theme.gap)
        guard plot.width > 20, plot.height > 20 else { throw ChartError.tooSmall(width: size.width, height: size.height) }
        let ticks = Ticks.nice(low: min(0, values.compactMap { $0 }.min() ?? 0), high: max(0, values.compactMap { $0 }.max() ?? 1),
                               maxCount: max(2, min(8, Int(plot.width / (valueWidth + 4 * theme.gap)))))
        let x = LinearScale(domain: ticks.first!...ticks.last!, range: (plot.minX, plot.maxX))
        let format = NumberFormat(decimals: Ticks.decimals(for: ticks))
        for t in ticks {
            let px = x(t)
            let isZero = abs(t) < 1e-12
            marks.append(.shape(ShapeMark(path: Path(polyline: [Point(px, plot.minY), Point(px, plot.maxY)]),
                                          stroke: StrokeStyle(color: isZero ? theme.axis : theme.gridline, width: isZero ? 1.5 * k : 1 * k),
                                          role: isZero ? .axis : .gridline)))
            let label = t == ticks.last ? Typography.figure(format.string(t), unit: unit) : format.string(t)
            let m = measurer.measure(label, style: labelStyle, wrapWidth: nil)
            marks.append(.text(TextMark(text: label, style: labelStyle,
                                        frame: Rect(x: min(px - m.width / 2, frame.maxX - m.width), y: plot.maxY + theme.gap, width: m.width, height: m.height),
                                        role: .tickLabel)))
        }
        let band = BandScale(categories: categories, start: plot.minY, end: plot.maxY, padding: 0.3)
        for (i, c) in categories.enumerated() {
            let m = measurer.measure(c, style: labelStyle, wrapWidth: nil)
            marks.append(.text(TextMark(text: c, style: labelStyle,
                                        frame: Rect(x: plot.minX - theme.gap - m.width, y: band.center(i) - m.height / 2, width: m.width, height: m.height),
                                        role: .categoryLabel, datum: c)))
            guard let v = values[i] else { notes.append("“\(c)”: no value, no bar drawn"); continue }
            let rect = Rect(x: min(x(0), x(v)), y: band.position(i), width: abs(x(v) - x(0)), height: band.bandwidth)
            marks.append(.shape(ShapeMark(path: Path(rect: rect), fill: theme.palette[0], role: .bar, datum: c)))
            if valueLabels {
                let t = measurer.measure(texts[i], style: valueStyle, wrapWidth: nil)
                marks.append(.text(TextMark(text: texts[i], style: valueStyle,
                                            frame: Rect(x: v >= 0 ? rect.maxX + theme.gap / 2 : rect.minX - theme.gap / 2 - t.width,
                                                        y: rect.midY - t.height / 2, width: t.width, height: t.height),
                                            role: .valueLabel, datum: c)))
            }
        }
        return Scene(size: size, background: .white, marks: marks, notes: notes)
    }
}
