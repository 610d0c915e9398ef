import Foundation

/// What an input is to a job; recorded, and named in rebuild reasons.
public enum InputRole: String, Codable, Sendable, Hashable, CaseIterable {
    case definition, data, font, other
}

/// One input file of a job.
public struct JobInput: Sendable, Hashable {
    public var role: InputRole
    public var path: String

    public init(_ role: InputRole, _ path: String) {
        self.role = role
        self.path = path
    }
}

/// One unit the report command may skip: a report (one region's, say) with the files it reads and
/// the files it writes. `id` is its key in the manifest (the region code, or the output's name);
/// `parameters` is whatever else changes the output (the region, the year, options).
public struct Job: Sendable, Hashable {
    public var id: String
    public var inputs: [JobInput]
    public var outputs: [String]
    public var toolVersion: String
    public var parameters: [String: String]

    public init(
        id: String, inputs: [JobInput], outputs: [String], toolVersion: String, parameters: [String: String] = [:]
    ) {
        self.id = id
        self.inputs = inputs
        self.outputs = outputs
        self.toolVersion = toolVersion
        self.parameters = parameters
    }

    /// A job from a definition, its data files and the fonts.
    public init(
        id: String, definition: String, data: [String], fonts: [String], outputs: [String],
        toolVersion: String, parameters: [String: String] = [:]
    ) {
        self.init(
            id: id,
            inputs: [JobInput(.definition, definition)] + data.map { JobInput(.data, $0) }
                + fonts.map { JobInput(.font, $0) },
            outputs: outputs, toolVersion: toolVersion, parameters: parameters)
    }
}

/// The record beside the outputs of what made each of them (JSON, written atomically): per job, the
/// tool's version, its parameters, the SHA-256 of every input (definition, data files, fonts) and of
/// every output, with each output's `FileStamp`. Paths are relative to the manifest's folder, so the
/// folder and its inputs can move together.
///
/// A run of shard K/N writes its own file (`Shard.manifestFileName`); `load(folder:)` reads every
/// `countyreport-manifest*.json` in the folder and keeps, per job, the most recently built entry.
public struct Manifest: Codable, Sendable, Equatable {
    public static let defaultFileName = "countyreport-manifest.json"
    /// The format written; a file of another format is read as empty (everything is rebuilt once).
    public static let currentFormat = 1

    public var format: Int
    public var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) {
        format = Self.currentFormat
        self.entries = entries
    }

    /// What made one job's outputs.
    public struct Entry: Codable, Sendable, Equatable {
        public var tool: String
        public var parameters: [String: String]
        public var inputs: [Input]
        public var outputs: [Output]
        /// When it was built, UTC ISO-8601 (sorts as text).
        public var built: String

        public init(tool: String, parameters: [String: String], inputs: [Input], outputs: [Output], built: String) {
            self.tool = tool
            self.parameters = parameters
            self.inputs = inputs
            self.outputs = outputs
            self.built = built
        }
    }

    /// An input as it was when the job was planned.
    public struct Input: Codable, Sendable, Equatable {
        public var role: InputRole
        public var path: String
        public var sha256: String
        public var size: Int64
        /// Its stamp when it was hashed, only when that was long enough after its last change to be
        /// trusted (see `Planner.reuseInputHashes`).
        public var stamp: FileStamp?
    }

    /// An output as it was written.
    public struct Output: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var stamp: FileStamp
    }

    /// The manifest in `file`; empty when there is no such file or it is of another format.
    public static func load(file: String) throws(RegenerationError) -> Manifest {
        guard let data = FileManager.default.contents(atPath: file) else {
            if FileManager.default.fileExists(atPath: file) { throw .badManifest(path: file, reason: "cannot read it") }
            return Manifest()
        }
        do {
            let m = try JSONDecoder().decode(Manifest.self, from: data)
            return m.format == currentFormat ? m : Manifest()
        } catch let e as DecodingError {
            throw .badManifest(path: file, reason: Self.describe(e))
        } catch {
            throw .badManifest(path: file, reason: "\(error)")
        }
    }

    /// Every manifest in `folder` merged, the most recently built entry of each job kept. A folder
    /// with none gives an empty manifest.
    public static func load(folder: String) throws(RegenerationError) -> Manifest {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("countyreport-manifest") && $0.hasSuffix(".json") }
            .sorted()
        var merged = Manifest()
        for name in names {
            let m = try load(file: folder + "/" + name)
            for (id, e) in m.entries {
                if let old = merged.entries[id], old.built >= e.built { continue }
                merged.entries[id] = e
            }
        }
        return merged
    }

    /// The manifest as JSON (keys sorted, one entry per line group, stable from run to run).
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and dictionaries cannot fail.
        return Array(try! encoder.encode(self)) + [0x0A]
    }

    /// Writes the manifest atomically as `folder/fileName` through `store`.
    public func write(folder: String, fileName: String = defaultFileName, store: OutputStore = OutputStore())
        throws(RegenerationError)
    {
        try store.write(encoded(), to: folder + "/" + fileName)
    }

    private static func describe(_ e: DecodingError) -> String {
        switch e {
        case .dataCorrupted(let c): c.codingPath.isEmpty ? "not JSON" : "\(path(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let k, let c): "\(path(c.codingPath + [k])) is missing"
        case .typeMismatch(_, let c), .valueNotFound(_, let c): "\(path(c.codingPath)) has the wrong type"
        @unknown default: "\(e)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { text, key in
            if let i = key.intValue { return text + "[\(i)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }
}
