import ArgumentParser

/// Exit codes, documented in the README (sysexits.h values, so cron mail and scripts can tell them apart).
public enum ExitStatus {
    /// Bad input data: unreadable values, missing columns, characters the fonts lack under --strict.
    public static let dataError = ExitCode(65)
    /// An input file does not exist or cannot be read.
    public static let noInput = ExitCode(66)
    /// Drawing or encoding failed.
    public static let software = ExitCode(70)
    /// The output file cannot be written.
    public static let cannotCreate = ExitCode(73)
}

import Foundation

/// Stops with exit 66 and one line on stderr when an input file does not exist.
func requireFiles(_ files: [String]) throws {
    for f in files where !FileManager.default.fileExists(atPath: f) {
        FileHandle.standardError.write(Data("countyreport: error: \(f): no such file\n".utf8))
        throw ExitStatus.noInput
    }
}
