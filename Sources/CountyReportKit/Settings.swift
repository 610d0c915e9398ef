import CairoCanvas
import Foundation

/// What the environment decides, read once at the program's edge (`fromEnvironment`) and passed down
/// explicitly: no library reads the environment. The fonts folder, the PDF creation date
/// (reproducible builds), phase tracing and, for benchmarks, the PNG encoder.
public struct Settings: Sendable {
    /// `COUNTYREPORT_FONTS`: looked in first for the bundled fonts; nil: beside the binary or the source tree.
    public var fontsFolder: String?
    /// ISO 8601 creation date written into PDFs: `SOURCE_DATE_EPOCH` when set, else 2000-01-01.
    public var creationDate: String
    /// `creationDate` in seconds since 1970 (for files that store a time, such as a workbook's properties).
    public var creationSeconds: Int {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: creationDate).map { Int($0.timeIntervalSince1970) } ?? 946_684_800   // 2000-01-01
    }
    /// `COUNTYREPORT_TRACE` set: phase timings on stderr (`Trace`).
    public var trace: Bool
    /// `COUNTYREPORT_PNG`: how PNGs are encoded instead of the default, for benchmarks.
    public var png: PNGEncoding?

    public init(
        fontsFolder: String? = nil, creationDate: String = PDFMetadata.fixedCreationDate, trace: Bool = false,
        png: PNGEncoding? = nil
    ) {
        self.fontsFolder = fontsFolder; self.creationDate = creationDate; self.trace = trace; self.png = png
    }

    /// The settings `env` gives. The only error is a `SOURCE_DATE_EPOCH` that is not whole seconds
    /// between 1970 and the year 9999 (a usage error); an unreadable `COUNTYREPORT_PNG` is ignored.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(JobError)
        -> Settings
    {
        var s = Settings(
            fontsFolder: env["COUNTYREPORT_FONTS"], trace: env["COUNTYREPORT_TRACE"] != nil,
            png: env["COUNTYREPORT_PNG"].flatMap(PNGEncoding.init(setting:)))
        if let raw = env["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int(raw.trimmingCharacters(in: .whitespaces)), (0...253_402_300_799).contains(seconds)
            else {
                throw JobError.usage("SOURCE_DATE_EPOCH must be whole seconds since 1970 up to year 9999, not “\(raw)”")
            }
            let f = ISO8601DateFormatter()
            f.timeZone = TimeZone(identifier: "UTC")
            f.formatOptions = [.withInternetDateTime]
            s.creationDate = f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        return s
    }
}

/// How PNGs are encoded when not by the default (our encoder, zlib level 1, no row filter).
public enum PNGEncoding: Hashable, Sendable {
    /// Our encoder at this zlib level and row filter (0 none, 1 sub, 2 up, 4 paeth).
    case zlib(level: Int32, filter: Int32)
    /// Cairo's own PNG writer.
    case cairo

    /// `cairo`, or `LEVEL,FILTER` (`9,4`); nil for anything else.
    public init?(setting: String) {
        if setting == "cairo" { self = .cairo; return }
        let parts = setting.split(separator: ",").compactMap { Int32($0) }
        guard parts.count == 2 else { return nil }
        self = .zlib(level: parts[0], filter: parts[1])
    }

    /// Sets `renderer` to encode this way.
    public func apply(to renderer: Renderer) {
        switch self {
        case .cairo: renderer.pngUsesCairoWriter = true
        case .zlib(let level, let filter): renderer.pngLevel = level; renderer.pngFilter = filter
        }
    }
}
