import Foundation

/// What the environment decides, read once at the edge and passed down explicitly: the fonts
/// folder, the PDF creation date (reproducible builds), tracing.
public struct Settings: Sendable {
    /// `COUNTYREPORT_FONTS`, or nil to find the bundled fonts beside the binary or the source tree.
    public var fontsFolder: String?
    /// ISO 8601 creation date written into PDFs: `SOURCE_DATE_EPOCH` when set, else 2000-01-01.
    public var creationDate: String

    public init(fontsFolder: String? = nil, creationDate: String = "2000-01-01T00:00:00Z") {
        self.fontsFolder = fontsFolder; self.creationDate = creationDate
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var s = Settings(fontsFolder: env["COUNTYREPORT_FONTS"])
        if let raw = env["SOURCE_DATE_EPOCH"] {
            guard let seconds = Int(raw.trimmingCharacters(in: .whitespaces)), (0...253_402_300_799).contains(seconds) else {
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
