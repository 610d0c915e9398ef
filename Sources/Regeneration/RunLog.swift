import CountyData
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A log line's level.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case debug, info, warning, error

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

/// How log lines are written: `text` for people, `json` (one object a line) for log collectors.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}

/// The run's log: one line per event on stderr with an ISO-8601 timestamp and level, optionally
/// appended to a log file too; a progress bar only when stderr is a terminal.
///
/// `text`: `2026-11-30T20:30:21.123+08:00 info rebuilt region=新邵县 reason="data ../d.csv changed"`.
/// `json`: `{"time":"…","level":"info","message":"rebuilt","region":"新邵县",…}`.
///
/// stderr shows `info` and above, only `warning` and above when `quiet`, `debug` too when `verbose`;
/// the log file gets `info` and above (`debug` when verbose) whether quiet or not. Each line is written
/// with one `write` (the file opened `O_APPEND`), so runs appending to one file never interleave
/// within a line. The progress bar is drawn on the terminal's line with `\r` and erased before a log
/// line and at `endProgress()`; it is never written to the log file, nor when `quiet`.
public final class RunLog: Sendable {
    public let format: LogFormat
    /// The lowest level shown on stderr.
    public let terminalLevel: LogLevel
    /// The lowest level written to the log file.
    public let fileLevel: LogLevel
    /// Whether stderr is a terminal, so the progress bar is drawn.
    public let showsProgress: Bool
    private let errorFD: Int32
    private let state: Mutex<State>

    private struct State {
        var fileFD: Int32 = -1
        var barVisible = false
        var lastBar = ""
    }

    /// A log writing to `errorFD` (stderr unless a test passes another), and appending to `file`
    /// when given (created when missing). Throws `.cannotWrite` naming the log file.
    public init(
        format: LogFormat = .text, quiet: Bool = false, verbose: Bool = false, file: String? = nil,
        errorFD: Int32 = STDERR_FILENO
    ) throws(RegenerationError) {
        self.format = format
        terminalLevel = quiet ? .warning : verbose ? .debug : .info
        fileLevel = verbose ? .debug : .info
        self.errorFD = errorFD
        showsProgress = !quiet && isatty(errorFD) == 1
        var s = State()
        if let file {
            let fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw .cannotWrite(path: file, reason: POSIXText.errno()) }
            s.fileFD = fd
        }
        state = Mutex(s)
    }

    deinit {
        state.withLock { if $0.fileFD >= 0 { close($0.fileFD) } }
    }

    public func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.warning, message, fields)
    }
    public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }

    /// Writes one event (when its level is shown anywhere).
    public func log(_ level: LogLevel, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        let toTerminal = level >= terminalLevel
        let toFile = level >= fileLevel
        guard toTerminal || toFile else { return }
        let line = Array(format(level, message, Array(fields)).utf8)
        state.withLock { s in
            if toTerminal {
                if s.barVisible { Self.writeAll(errorFD, Array("\r\u{1B}[K".utf8)) }
                Self.writeAll(errorFD, line)
                if s.barVisible { Self.writeAll(errorFD, Array(s.lastBar.utf8)) }
            }
            if toFile, s.fileFD >= 0 { Self.writeAll(s.fileFD, line) }
        }
    }

    /// Shows `done` of `total` on the progress bar (terminals only; nothing otherwise).
    public func progress(_ done: Int, of total: Int, _ label: String = "") {
        guard showsProgress, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        var text = "\r\u{1B}[K[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        text += "] \(done)/\(total)"
        if !label.isEmpty { text += " " + String(label.prefix(40)) }
        state.withLock { s in
            s.lastBar = text
            s.barVisible = true
            Self.writeAll(errorFD, Array(text.utf8))
        }
    }

    /// Erases the progress bar.
    public func endProgress() {
        state.withLock { s in
            guard s.barVisible else { return }
            Self.writeAll(errorFD, Array("\r\u{1B}[K".utf8))
            s.barVisible = false
            s.lastBar = ""
        }
    }

    /// One line (with its newline) as written.
    public func format(
        _ level: LogLevel, _ message: String, _ fields: [(key: String, value: String)], time: String? = nil
    ) -> String {
        let time = time ?? ISOTime.local()
        switch format {
        case .text:
            var s = time + " " + level.description + " " + message.replacingNewlines
            for (k, v) in fields { s += " " + k + "=" + Self.textValue(v) }
            return s + "\n"
        case .json:
            var s = "{\"time\":" + JSONOutput.quote(time) + ",\"level\":" + JSONOutput.quote(level.description)
            s += ",\"message\":" + JSONOutput.quote(message)
            for (k, v) in fields where !["time", "level", "message"].contains(k) {
                s += "," + JSONOutput.quote(k) + ":" + JSONOutput.quote(v)
            }
            return s + "}\n"
        }
    }

    /// A value as it appears after `key=` in text lines: bare when it has no space, quote, `=` or
    /// control character, otherwise in double quotes with `\"`, `\\` and `\n` escaped.
    static func textValue(_ v: String) -> String {
        let plain =
            !v.isEmpty
            && v.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" && $0.value != 0x7F
            }
        if plain { return v }
        var s = "\""
        for c in v.unicodeScalars {
            switch c {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\r": s += "\\r"
            case "\t": s += "\\t"
            default: s.unicodeScalars.append(c)
            }
        }
        return s + "\""
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)   // offset < count: the buffer has bytes
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}

extension String {
    fileprivate var replacingNewlines: String {
        contains(where: { $0.isNewline }) ? String(map { $0.isNewline ? " " : $0 }) : self
    }
}
