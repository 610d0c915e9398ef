import CountyData
import Foundation
import Regeneration

/// Why a job failed, as one kind per exit code: the command line maps these, in one table.
public enum JobError: Error, CustomStringConvertible {
    /// Wrong usage (exit 64).
    case usage(String)
    /// Bad input data, a template naming a missing figure, a missing glyph under --strict (65).
    case data(String)
    /// An input file is missing or unreadable (66).
    case missingInput(String)
    /// Drawing or encoding failed (70).
    case drawing(String)
    /// An output cannot be written (73).
    case output(String)

    public var description: String {
        switch self {
        case .usage(let m), .data(let m), .missingInput(let m), .drawing(let m), .output(let m): m
        }
    }

    /// The outcome each kind is, in the one exit-code table (`RunOutcome`, sysexits.h values).
    public var outcome: RunOutcome {
        switch self {
        case .usage: .usage
        case .data: .badData
        case .missingInput: .missingInput
        case .drawing: .drawingFailed
        case .output: .outputError
        }
    }

    public var exitCode: Int32 { outcome.exitCode }

    /// A data error whose file is missing or not a regular file (a folder, a device, a pipe) is a
    /// missing input, else bad data.
    public static func from(_ e: DataError) -> JobError {
        InputFile.isMissing(e.location.file) ? .missingInput(e.description) : .data(e.description)
    }
}
