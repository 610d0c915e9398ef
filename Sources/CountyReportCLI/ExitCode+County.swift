import ArgumentParser
import CountyReportKit
import Regeneration
import Workbooks

/// Exit codes, documented in the README: the command line's names for the one table (`RunOutcome`).
public enum ExitStatus {
    /// Bad input data: unreadable values, missing columns, characters the fonts lack under --strict.
    public static let dataError = ExitCode(RunOutcome.badData.exitCode)
    /// An input file does not exist or cannot be read.
    public static let noInput = ExitCode(RunOutcome.missingInput.exitCode)
    /// Drawing or encoding failed.
    public static let software = ExitCode(RunOutcome.drawingFailed.exitCode)
    /// The output file cannot be written.
    public static let cannotCreate = ExitCode(RunOutcome.outputError.exitCode)
}

/// Stops with exit 66 and one line on stderr when an input file does not exist or is not a regular
/// file (a folder, a device, a named pipe).
func requireFiles(_ files: [String]) throws {
    do { try InputFiles.requireExisting(files) } catch { throw failure(error) }
}
