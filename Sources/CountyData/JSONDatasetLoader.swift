import Foundation

/// Loads observations from JSON: an array of objects with the long table's keys (region, indicator,
/// period, value, unit, …), or an object holding such an array under "observations" or "data".
/// Numbers keep their exact decimal digits. Problems name the JSON path, line and column.
enum JSONDatasetLoader {
    /// The records of JSON text read a piece at a time (never whole); a problem reading it is thrown.
    static func load(_ text: TextStream, file: String, options: LoadOptions) throws -> Dataset {
        try load(file: file, options: options) { try JSONDocument.forEachRecord(text, memberKeys: recordKeys, $0) }
    }

    static func load(_ bytes: [UInt8], file: String, options: LoadOptions) -> Dataset {
        // Bytes in memory cannot fail to be read: every error is a syntax error, in the dataset.
        (try? load(file: file, options: options) { body throws(JSONSyntaxError) in
            try JSONDocument.forEachRecord(bytes, memberKeys: recordKeys, body)
        }) ?? Dataset()
    }

    /// The keys of a root object whose array holds the records.
    static let recordKeys: Set<String> = ["observations", "data"]

    typealias Shape = (place: JSONDocument.RecordsPlace?, rootIsObject: Bool, line: Int, column: Int)

    /// The records `read` hands to its body, read into a dataset; a syntax error is the dataset's one
    /// problem, anything else `read` throws is thrown.
    private static func load(
        file: String, options: LoadOptions, _ read: ((JSONDocument.RecordsPlace, Int, JSONNode) -> Void) throws -> Shape
    ) throws -> Dataset {
        var dataset = Dataset()
        var problems = ProblemList()   // the records' problems, the first `Limits.problemsListed` listed
        // What each distinct key, period and unit text means, read once: objects repeat them.
        var roles: [String: ColumnRole?] = [:], periods: [String: Period?] = [:], units: [String: Unit?] = [:]
        var lastKeys: [(key: String, role: ColumnRole?)] = []
        let optionUnit = options.unit.flatMap { Unit($0) }
        var basePath = "$"
        // Each record is read into the dataset as soon as the parser has it; the document is never one tree.
        func record(_ n: Int, _ item: JSONNode) {
            let path = "\(basePath)[\(n)]"
            func at(_ node: JSONNode, _ key: String?) -> SourceLocation {
                SourceLocation(
                    file: file, line: node.line, column: node.column, key: key.map { "\(path).\($0)" } ?? path)
            }
            guard case .object(let members) = item.value else {
                problems.add(DataError(at(item, nil), "expected an object"))
                return
            }
            // By role, in `ColumnRole` order: an array, because a dictionary per object cost a tenth of the load.
            var fields = Fields()
            var bad = false
            for (k, (key, node)) in members.enumerated() {
                // Objects usually list the same keys in the same order: compare with the last one's first.
                let role: ColumnRole?
                if k < lastKeys.count, lastKeys[k].key == key {
                    role = lastKeys[k].role
                } else {
                    if roles[key] == nil { roles[key] = .some(ColumnRole.role(of: key)) }
                    role = roles[key]!   // set just above when absent
                    if k < lastKeys.count { lastKeys[k] = (key, role) } else { lastKeys.append((key, role)) }
                }
                guard let role else { continue }
                switch node.value {
                case .string(let s): fields[role] = (s.trimmingSpaces, node, key)
                case .number(let s): fields[role] = (s, node, key)
                case .null: fields[role] = ("", node, key)
                default:
                    problems.add(DataError(at(node, key), "expected a string or number"))
                    bad = true
                }
            }
            if bad { return }
            let indicator = fields[.indicator]?.0 ?? options.indicator ?? ""
            let regionName = fields[.region]?.0 ?? ""
            let code = fields[.regionCode]?.0 ?? ""
            guard !indicator.isEmpty else {
                problems.add(
                    DataError(
                        at(fields[.indicator]?.1 ?? item, fields[.indicator]?.2 ?? "indicator"),
                        "the indicator is missing"))
                return
            }
            guard !(regionName.isEmpty && code.isEmpty) else {
                problems.add(DataError(at(item, "region"), "the region of \(indicator) is missing"))
                return
            }
            let what = "\(indicator) of \(regionName.isEmpty ? code : regionName)"
            var period = options.period
            if let (raw, node, key) = fields[.period] {
                if periods[raw] == nil { periods[raw] = .some(Period(raw)) }
                guard let p = periods[raw]! else {   // the cache entry was filled above (nil inside means unreadable)
                    problems.add(DataError(at(node, key), "“\(raw)” is not a period (\(what))"))
                    return
                }
                period = p
            }
            guard let period else {
                problems.add(DataError(at(item, "period"), "the period of \(what) is missing"))
                return
            }
            var unit: Unit? = optionUnit
            if let (raw, node, key) = fields[.unit], !raw.isEmpty {
                if units[raw] == nil { units[raw] = .some(Unit(raw)) }
                guard let u = units[raw]! else {   // the cache entry was filled above (nil inside means unknown)
                    problems.add(
                        DataError(at(node, key), "“\(raw)” is not a unit CountyReport knows (\(what))"))
                    return
                }
                unit = u
            }
            guard let (raw, node, key) = fields[.value] else {
                problems.add(DataError(at(item, "value"), "the value of \(what) is missing"))
                return
            }
            let region = Region(
                code: code, name: regionName.isEmpty ? code : regionName, parent: fields[.parent]?.0 ?? "")
            let provenance = Provenance(
                location: SourceLocation(file: file, line: node.line, column: node.column, key: "\(path).\(key)"),
                source: fields[.source]?.0 ?? "")
            let note = fields[.note]?.0 ?? ""
            do {
                if let o = CellReader.observation(
                    try CellReader.read(raw, columnUnit: unit), region: region, indicator: indicator,
                    period: period, columnUnit: unit, note: note, provenance: provenance,
                    writtenDecimals: CellReader.writtenDecimals(raw))
                {
                    dataset.observations.append(o)
                }
            } catch {
                problems.add(DataError(at(node, key), "cannot read “\(raw)” as \(what): \(error.message)"))
            }
        }
        let shape: Shape
        do {
            shape = try read { place, n, item in
                if n == 0, case .member(let key) = place { basePath = "$.\(key)" }
                record(n, item)
            }
        } catch let error as JSONSyntaxError {
            return Dataset(problems: [
                DataError(SourceLocation(file: file, line: error.line, column: error.column), error.message)
            ])
        }
        switch shape.place {
        case .root, .member:
            dataset.problems += problems.problems
            return dataset
        case nil:
            return Dataset(problems: [
                DataError(
                    SourceLocation(file: file, line: shape.line, column: shape.column, key: "$"),
                    shape.rootIsObject
                        ? "expected an array of observations, or an object with an \"observations\" array"
                        : "expected an array of observations")
            ])
        }
    }

    /// The text, node and key of each role's member of one object.
    private struct Fields {
        private var entries: [(String, JSONNode, String)?] = Array(repeating: nil, count: ColumnRole.allCases.count)
        subscript(role: ColumnRole) -> (String, JSONNode, String)? {
            get { entries[role.ordinal] }
            set { entries[role.ordinal] = newValue }
        }
    }
}
