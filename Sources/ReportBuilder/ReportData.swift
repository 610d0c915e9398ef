import CountyData
import CountyQuery
import Extraction
import Foundation
import Specs
import Workbooks

/// A report's inputs loaded, checked and reconciled: one dataset whose conflicts the definition
/// resolved (each resolution kept for 数据说明), and the query the blocks ask.
public struct ReportData: Sendable {
    public var query: DataQuery
    public var resolutions: [Resolution]
    /// Every input file, as the definition names them.
    public var files: [String]
    /// The source addresses each input file gives (its rows' `source_url`), sorted: found once, not per report.
    public var sources: [String: [String]]

    /// Loads every input; any load error stops the report (all errors are returned, in order).
    public static func load(_ def: ReportDefinition) throws -> ReportData {
        var dataset = Dataset()
        var errors: [DataError] = []
        var files: [String] = []
        for input in def.inputs {
            switch input {
            case .file(let path):
                files.append(path)
                let d = DataFiles.load(path)
                errors += d.errors
                dataset.append(d)
            case .text(let path, let mapping):
                files.append(path)
                do { dataset.append(try extracted(path, mapping: mapping, def: def)) } catch let e as DataError {
                    errors.append(e)
                }
            }
        }
        if !errors.isEmpty { throw ReportError.data(errors) }
        let rules = def.conflicts.map(rule)
        let (resolved, resolutions) = ConflictResolution.resolve(dataset, rules: rules)
        var urls: [String: Set<String>] = [:]
        for o in resolved.observations where o.provenance.source.hasPrefix("http") {
            urls[o.provenance.file, default: []].insert(o.provenance.source)
        }
        return ReportData(
            query: DataQuery(dataset: resolved), resolutions: resolutions, files: files,
            sources: urls.mapValues { $0.sorted() })
    }

    /// The figures `extract` finds in a text, as observations through the mapping (each keeps its
    /// sentence in the note and `file@start-end` as its source). The text is read as `extract` reads it,
    /// in blocks, never whole; a problem in it is reported before one in the mapping.
    static func extracted(_ path: String, mapping: String, def: ReportDefinition) throws -> Dataset {
        let map = Result { try Mapping.load(path: mapping) }
        let file = (path as NSString).lastPathComponent
        var csv = [Mapping.header.map(CSVOutput.field).joined(separator: ",")]
        try Extractor.forEachFigure(
            file: path, options: ExtractionOptions(year: def.year.year, region: (try? map.get())?.region ?? def.region)
        ) { figure in
            for row in try map.get().rows([figure], file: file).rows {
                csv.append(row.map(CSVOutput.field).joined(separator: ","))
            }
        }
        _ = try map.get()
        let d = DatasetLoader.loadCSV(Array((csv.joined(separator: "\n") + "\n").utf8), file: path)
        if let first = d.errors.first { throw first }
        return d
    }

    static func rule(_ spec: ReportDefinition.ConflictSpec) -> ConflictRule {
        switch spec {
        case .preferFile(let f): .preferFile(f)
        case .preferNote(let a, let b): .preferNote(a, over: b)
        case .choose(let r, let i, let p, let f, let l, let why):
            .choose(
                region: r, indicator: i, period: p,
                location: SourceLocation(file: f, line: l), why: why)
        }
    }
}

/// Why a report cannot be written: bad data (with every error), a template naming a figure the
/// data lacks, an unresolved conflict. Each prints as one line per problem.
public enum ReportError: Error, CustomStringConvertible {
    case data([DataError])
    case missingFigure(block: String, key: String, reason: String, location: SourceLocation)
    case strict(String)

    public var description: String {
        switch self {
        case .data(let errors): errors.map(\.description).joined(separator: "\n")
        case .missingFigure(let block, let key, let reason, let location):
            "\(location): block “\(block)” names “\(key)”, which the data cannot fill: \(reason)"
        case .strict(let message): message
        }
    }
}
