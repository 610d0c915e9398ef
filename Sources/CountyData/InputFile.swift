import Foundation

/// What an input path must be: an existing regular file. Checked with `stat` before a file is opened,
/// so that a named pipe or a device never blocks a run; every command maps a path with a problem
/// here to exit 66 (an input is missing or unreadable) and any other input error to 65.
public enum InputFile {
    /// Why `path` cannot be an input (missing, a folder, a device, a named pipe), or nil when it is a
    /// regular file.
    public static func problem(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            return errno == ENOENT || errno == ENOTDIR
                ? "no such file" : "cannot read the file: \(String(cString: strerror(errno)))"
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder, not a file"
        case S_IFIFO: return "a named pipe, not a file"
        case S_IFCHR, S_IFBLK: return "a device, not a file"
        case S_IFSOCK: return "a socket, not a file"
        default: return "not a regular file"
        }
    }

    /// Whether an error about `path` is a missing or unreadable input (exit 66) rather than bad data (65).
    public static func isMissing(_ path: String) -> Bool {
        problem(path) != nil || access(path, R_OK) != 0
    }
}
