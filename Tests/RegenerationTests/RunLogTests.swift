import Foundation
import Testing

@testable import Regeneration

@Suite final class RunLogTests {
    let dir = temporaryFolder()

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// A log whose "stderr" is a file, and what was written to it.
    func capture(_ make: (Int32) throws -> RunLog, _ body: (RunLog) -> Void) throws -> String {
        let path = dir + "/stderr-\(UUID().uuidString)"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        let log = try make(fd)
        body(log)
        return String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    @Test func textLinesHaveTimeLevelMessageAndFields() throws {
        let text = try capture({ try RunLog(errorFD: $0) }) { log in
            log.info("rebuilt", ["region": "新邵县", "reason": "data ../a.csv changed", "quote": "a\"b", "empty": ""])
            log.warning("two\nlines")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        let iso = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d) /#
        #expect(lines[0].contains(iso) && lines[1].contains(iso))
        #expect(lines[0].hasSuffix(#" info rebuilt region=新邵县 reason="data ../a.csv changed" quote="a\"b" empty="""#))
        #expect(lines[1].hasSuffix(" warning two lines"))
    }

    @Test func jsonLinesParse() throws {
        let text = try capture({ try RunLog(format: .json, errorFD: $0) }) { log in
            log.error("failed", ["region": "隆回县", "error": "a\tb\u{1}\"c\"\\"])
        }
        #expect(text.hasSuffix("}\n") && text.split(separator: "\n").count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(object["level"] == "error" && object["message"] == "failed" && object["region"] == "隆回县")
        #expect(object["error"] == "a\tb\u{1}\"c\"\\")
        #expect(object["time"]?.count ?? 0 >= 24)
    }

    @Test func quietAndVerbose() throws {
        func levels(_ make: @escaping (Int32) throws -> RunLog) throws -> [String] {
            try capture(make) { log in
                for level in LogLevel.allCases { log.log(level, "m") }
            }.split(separator: "\n").map { String($0.split(separator: " ")[1]) }
        }
        #expect(try levels { try RunLog(errorFD: $0) } == ["info", "warning", "error"])
        #expect(try levels { try RunLog(quiet: true, errorFD: $0) } == ["warning", "error"])
        #expect(try levels { try RunLog(verbose: true, errorFD: $0) } == ["debug", "info", "warning", "error"])
    }

    @Test func aLogFileIsAppendedToWhateverStderrShows() throws {
        let file = dir + "/run.log"
        _ = FileManager.default.createFile(atPath: file, contents: Data("earlier line\n".utf8))
        let shown = try capture({ try RunLog(format: .json, quiet: true, file: file, errorFD: $0) }) { log in
            log.debug("not logged")
            log.info("started")
            log.error("failed")
        }
        #expect(shown.split(separator: "\n").count == 1)
        let second = try RunLog(file: file, errorFD: open("/dev/null", O_WRONLY))
        second.info("second run")
        let lines = String(decoding: FileManager.default.contents(atPath: file)!, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(
            lines[0] == "earlier line" && lines[1].contains("\"started\"") && lines[2].contains("\"failed\"")
                && lines[3].hasSuffix("info second run"))
        #expect(throws: RegenerationError.cannotWrite(path: dir + "/no/run.log", reason: "No such file or directory")) {
            _ = try RunLog(file: dir + "/no/run.log")
        }
    }

    @Test func noProgressBarWhenStderrIsNotATerminal() throws {
        let text = try capture({ try RunLog(errorFD: $0) }) { log in
            #expect(!log.showsProgress)
            log.progress(1, of: 2, "新邵县")
            log.endProgress()
        }
        #expect(text.isEmpty)
    }

    /// On a terminal (a pseudo-terminal here) the bar is drawn, erased before a log line and redrawn after it.
    @Test func aProgressBarOnATerminal() throws {
        let master = PTY.openpt(O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        defer { close(master) }
        #expect(PTY.grantpt(master) == 0 && PTY.unlockpt(master) == 0)
        let slave = open(String(cString: try #require(PTY.ptsname(master))), O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        defer { close(slave) }
        var attributes = termios()
        tcgetattr(slave, &attributes)
        cfmakeraw(&attributes)
        tcsetattr(slave, TCSANOW, &attributes)

        let log = try RunLog(errorFD: slave)
        #expect(log.showsProgress)
        log.progress(3, of: 10, "新邵县")
        log.info("rebuilt")
        log.endProgress()
        #expect(try RunLog(quiet: true, errorFD: slave).showsProgress == false)

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while poll(&pfd, 1, 200) > 0 {
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let bar = "\r\u{1B}[K[#########---------------------] 3/10 新邵县"
        #expect(text.hasPrefix(bar + "\r\u{1B}[K"))
        #expect(text.contains(" info rebuilt\n" + bar))
        #expect(text.hasSuffix(bar + "\r\u{1B}[K"))
    }
}

/// glibc's pseudo-terminal calls, which the Glibc module does not import (they need _XOPEN_SOURCE).
enum PTY {
    static func symbol<T>(_ name: String, as: T.Type) -> T { unsafeBitCast(dlsym(nil, name)!, to: T.self) }
    static let openpt = symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    static let grantpt = symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    static let unlockpt = symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    static let ptsname = symbol("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
}

@Suite struct RunOutcomeTests {
    @Test func exitCodes() {
        let codes = Dictionary(uniqueKeysWithValues: RunOutcome.allCases.map { ($0, $0.exitCode) })
        #expect(
            codes == [
                .done: 0, .unchanged: 0, .usage: 64, .badData: 65, .missingInput: 66, .someFailed: 69,
                .drawingFailed: 70, .outputError: 73, .locked: 75,
            ])
        let table = RunOutcome.helpTable.split(separator: "\n")
        #expect(table.count == 8)
        #expect(table.first == "   0  done, or nothing to do (inputs unchanged, outputs intact)")
        #expect(table.last == "  75  another run holds the lock (try again later)")
    }

    @Test func combined() {
        #expect(RunOutcome.combined([]) == .unchanged)
        #expect(RunOutcome.combined([.unchanged, .unchanged]) == .unchanged)
        #expect(RunOutcome.combined([.unchanged, .done]) == .done)
        #expect(RunOutcome.combined([.done, .badData]) == .someFailed)
        #expect(RunOutcome.combined([.badData, .badData]) == .badData)
        #expect(RunOutcome.combined([.badData, .missingInput]) == .someFailed)
        #expect(RunOutcome.combined([.unchanged, .drawingFailed, .done]) == .someFailed)
    }

    @Test func errorsMapToOutcomes() {
        #expect(RegenerationError.cannotWrite(path: "a", reason: "r").outcome.exitCode == 73)
        #expect(RegenerationError.lockFailed(path: "a", reason: "r").outcome.exitCode == 73)
        #expect(RegenerationError.missingInput(path: "a", reason: "r").outcome.exitCode == 66)
        #expect(RegenerationError.locked(lockFile: "a", holder: nil, waited: 0).outcome.exitCode == 75)
        #expect(RegenerationError.badShard(text: "a", reason: "r").outcome.exitCode == 64)
        #expect(RegenerationError.badManifest(path: "a", reason: "r").outcome.exitCode == 65)
    }
}
