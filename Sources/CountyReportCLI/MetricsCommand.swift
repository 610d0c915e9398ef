import ArgumentParser
import CountyData
import CountyMetrics
import Formatting
import Foundation
import Workbooks

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Compute the metrics of an annual summary: growth, 百分点 changes, CAGR, shares, structures, contributions, ranks, totals, per-capita values.",
        discussion: """
            Growth stated in the data (…增速, 按可比价格) is used as stated; growth computed from current-price levels \
            says so. Values keep full precision; table and csv round half away from zero (四舍五入) for display (亿元 2, % 1, 元 0).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, xlsx }

    @OptionGroup var data: DataOptions
    @Option(help: "Only this region (repeatable).") var region: [String] = []
    @Option(name: .customLong("for-period"), help: "Only this period, e.g. 2023 or 2023年1—9月.") var forPeriod: String?
    @Option(name: .customLong("break"), help: "A series break REGION:INDICATOR:PERIOD (* for all), e.g. 邵阳市:地区生产总值:2019.")
    var breaks: [String] = []
    @Option(help: "Ties in ranks: competition (1,2,2,4) or dense (1,2,2,3).") var ties: String = "competition"
    @Option(help: "table, csv, json, or xlsx (a workbook, with -o).") var format: Format = .table
    @Option(name: [.short, .customLong("output")], help: "The workbook to write with --format xlsx.") var output: String?
    @Flag(help: "Leave out metrics that are absent (no value, with a reason).") var hideAbsent = false
    @Argument(help: "CSV, JSON or workbook (.xlsx, .xls; book.xlsx#sheet) data files.") var files: [String]

    func validate() throws {
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx writes a workbook: give -o FILE.xlsx") }
        if format != .xlsx && output != nil { throw ValidationError("-o is for --format xlsx; the other formats go to standard output") }
    }

    func run() throws {
        try requireFiles(files)
        var options = MetricOptions()
        for b in breaks {
            guard let parsed = SeriesBreak(argument: b) else { throw ValidationError("“\(b)” is not REGION:INDICATOR:PERIOD") }
            options.breaks.append(parsed)
        }
        guard let tie = TieRule(rawValue: ties) else { throw ValidationError("--ties must be competition or dense") }
        options.tieRule = tie
        options.regions = Set(region)
        if let p = forPeriod {
            guard let parsed = Period(p) else { throw ValidationError("“\(p)” is not a period") }
            options.period = parsed
        }
        var dataset = DataFiles.load(files, options: try data.loadOptions())
        dataset.check()   // conflicting figures must be resolved first: a metric never picks one silently
        if !dataset.errors.isEmpty {
            for e in dataset.errors { FileHandle.standardError.write(Data("countyreport: error: \(e)\n".utf8)) }
            throw ExitStatus.dataError
        }
        Trace.mark("loaded")
        var metrics = MetricsEngine(dataset: dataset, options: options).all()
        if hideAbsent { metrics.removeAll { $0.isAbsent } }
        Trace.mark("computed \(metrics.count) metrics")
        if format == .xlsx, let output {
            do {
                try XLSXWriter.write([Self.sheet(metrics)], to: output)
            } catch {
                FileHandle.standardError.write(Data("countyreport: error: \(error)\n".utf8))
                throw ExitStatus.cannotCreate
            }
            return
        }
        // Written in chunks as it is made: millions of metrics never sit in memory as one text.
        var buffer = ""
        func emit(_ s: String) {
            buffer += s
            if buffer.utf8.count > 1 << 20 { FileHandle.standardOutput.write(Data(buffer.utf8)); buffer = "" }
        }
        switch format {
        case .table:
            for m in metrics { emit(tableRow(m) + "\n") }
        case .csv:
            emit("region,indicator,period,metric,value,display,unit,stated,reason,inputs\n")
            for m in metrics { emit(csvRow(m) + "\n") }
        case .xlsx:
            break
        case .json:
            emit("[")
            for (n, m) in metrics.enumerated() { emit((n == 0 ? "\n  " : ",\n  ") + json(m).rendered(pretty: false)) }
            emit(metrics.isEmpty ? "]\n" : "\n]\n")
        }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        Trace.mark("written")
    }

    /// The metrics as one sheet: a number rounded as `Display` rounds it (the cell's format), structures as text.
    static func sheet(_ metrics: [Metric]) -> SheetTable {
        var sources: [String] = [], seen = Set<String>()
        let rows: [[SheetTable.Cell]] = metrics.map { m in
            for o in m.inputs {
                let s = o.provenance.source.isEmpty ? (o.provenance.file as NSString).lastPathComponent : o.provenance.source
                if seen.insert(s).inserted { sources.append(s) }
            }
            let value: SheetTable.Cell = if m.parts != nil { .text(Display.text(m)) } else if let v = m.value {
                .number(v, decimals: Decimals.shown(unit: m.unit, values: CollectionOfOne<Decimal?>(v)))
            } else { .empty }
            return [.text(m.region), .text(m.indicator), .text(PeriodText.label(m.period)), .text(m.kind.rawValue), value, .text(m.unit),
                    .text(m.stated ? "stated" : m.isAbsent ? "absent" : "computed"), .text(m.reason ?? "")]
        }
        return SheetTable(name: "metrics", headings: ["地区", "指标", "时期", "指标类型", "数值", "单位", "来源", "说明"], rows: rows, sources: sources)
    }

    private func inputRef(_ location: SourceLocation) -> String {
        "\(location)"
    }

    private func json(_ m: Metric) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [
            ("region", .string(m.region)), ("indicator", .string(m.indicator)), ("period", .string(m.period.code)),
            ("metric", .string(m.kind.rawValue)), ("value", .decimal(m.value)),
        ]
        if let parts = m.parts { fields.append(("parts", .array(parts.map { .decimal($0) }))) }
        fields += [
            ("display", .string(Display.text(m))), ("unit", .string(m.unit)), ("stated", .bool(m.stated)),
            ("inputs", .array(m.inputs.map { o in
                .object([("file", .string(o.provenance.file)), ("line", .int(o.provenance.location.line)),
                         ("key", .text(o.provenance.key)), ("region", .string(o.region.name)), ("indicator", .string(o.indicator)),
                         ("period", .string(o.period.code)), ("value", .decimal(o.value)),
                         ("parts", o.parts.map { .array($0.map { .decimal($0) }) } ?? .null),
                         ("unit", .text(o.unit?.symbol))])
            })),
        ]
        if let r = m.reason { fields.append(("reason", .string(r))) }
        if let c = m.count { fields.append(("count", .int(c))) }
        if let b = m.basePeriod { fields.append(("base_period", .string(b.code))) }
        return .object(fields)
    }

    private func csvField(_ s: String) -> String {
        CSVOutput.field(s)
    }

    private func csvRow(_ m: Metric) -> String {
        let value = m.parts.map { $0.map(JSONOutput.exactString).joined(separator: ":") } ?? m.value.map(JSONOutput.exactString) ?? ""
        return [m.region, m.indicator, m.period.code, m.kind.rawValue, value, Display.text(m), m.unit, m.stated ? "true" : "false",
                m.reason ?? "", m.inputs.locations.map(inputRef).joined(separator: ";")].map(csvField).joined(separator: ",")
    }

    private func tableRow(_ m: Metric) -> String {
        let source = m.stated ? "stated" : m.isAbsent ? "absent" : "computed"
        let shown = m.isAbsent ? Display.text(m) : Typography.figure(Display.text(m), unit: m.unit)
        return [m.region, m.indicator, PeriodText.label(m.period), m.kind.rawValue, shown, source, m.reason ?? ""]
            .joined(separator: "\t")
    }
}
