import CountyData

/// The inputs a command names.
public enum InputFiles {
    /// Fails with a missing input (exit 66), naming the first of `files` that does not exist or is not
    /// a regular file (a folder, a device, a named pipe).
    public static func requireExisting(_ files: [String]) throws(JobError) {
        for f in files {
            if let problem = InputFile.problem(f) { throw JobError.missingInput("\(f): \(problem)") }
        }
    }
}
