import CountyData

/// The inputs a command names.
public enum InputFiles {
    /// Fails with a missing input (exit 66), naming the first of `files` that does not exist or is not
    /// a regular file (a folder, a device, a named pipe); a workbooks `#sheet` is not part of the path.
    public static func requireExisting(_ files: [String]) throws(JobError) {
        for f in files {
            if let problem = InputFile.problem(SheetAddress.split(f)?.path ?? f) {
                throw JobError.missingInput("\(f): \(problem)")
            }
        }
    }
}
