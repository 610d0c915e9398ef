import Foundation

/// Writes a file whole or not at all: bytes go to a temporary file beside the target, which is
/// then renamed over it. An old file stays intact until the new one is complete.
public enum OutputFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) || !isDir.boolValue {
            throw WriteError(path: path, reason: "the folder \(dir.path) does not exist")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try writeNew(data, to: temp.path, reportingAs: path)
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Creates `path` (which must not exist) holding exactly `data`; removes it on any failure.
    private static func writeNew(_ data: Data, to path: String, reportingAs target: String) throws {
        unlink(path)   // a temporary file left by an earlier run killed with the same process id
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw WriteError(path: target, reason: "\(String(cString: strerror(errno))) in \((path as NSString).deletingLastPathComponent)")
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw WriteError(path: target, reason: String(cString: strerror(failure)))
        }
    }
}
