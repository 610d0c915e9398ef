import CountyData
import Foundation

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

    /// The exit code of each kind (sysexits.h, so cron mail and scripts can tell them apart).
    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .data: 65
        case .missingInput: 66
        case .drawing: 70
        case .output: 73
        }
    }

    /// A data error whose file does not exist is a missing input, else bad data.
    public static func from(_ e: DataError) -> JobError {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: e.location.file, isDirectory: &isDir) && !isDir.boolValue
        return exists ? .data(e.description) : .missingInput(e.description)
    }
}
