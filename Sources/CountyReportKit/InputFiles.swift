import Foundation

/// The inputs a command names.
public enum InputFiles {
    /// Fails with a missing input (exit 66), naming the first of `files` that does not exist.
    public static func requireExisting(_ files: [String]) throws(JobError) {
        for f in files where !FileManager.default.fileExists(atPath: f) {
            throw JobError.missingInput("\(f): no such file")
        }
    }
}
