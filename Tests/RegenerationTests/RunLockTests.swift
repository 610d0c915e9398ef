import Foundation
import Testing

@testable import Regeneration

/// A helper process holding (or failing to take) the run lock; `release()` closes its stdin.
final class LockHolderProcess {
    let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()

    init(folder: String, wait: Double = 0) throws {
        process.executableURL = URL(fileURLWithPath: helperPath)
        process.arguments = ["hold-lock", folder, String(wait)]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
    }

    /// The first line it prints (`locked PID`), or nil when it exits first.
    func firstLine() -> String? {
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { return nil }
            if byte == Data([0x0A]) { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    func release() { try? input.fileHandleForWriting.close() }

    func finish() -> (status: Int32, stderr: String) {
        release()
        let e = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: e, as: UTF8.self))
    }
}

@Suite final class RunLockTests {
    let dir = temporaryFolder()

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    @Test func aSecondHolderIsRefusedAndToldWhoHoldsIt() throws {
        let first = try RunLock.acquire(in: dir)
        #expect(first.holder.pid == getpid())
        let text = String(decoding: FileManager.default.contents(atPath: first.path) ?? Data(), as: UTF8.self)
        #expect(text.hasPrefix("pid=\(getpid()) started=\(first.holder.started) host="))
        #expect(RunLock.currentHolder(of: first.path) == first.holder)
        do {
            _ = try RunLock.acquire(in: dir, wait: 0)
            Issue.record("a second lock was granted")
        } catch {
            #expect(error == .locked(lockFile: dir + "/.countyreport.lock", holder: first.holder, waited: 0))
            #expect(error.outcome == .locked && error.outcome.exitCode == 75)
            #expect(error.description.contains("pid \(getpid())") && error.description.contains(first.holder.started))
        }
        first.release()
        #expect(FileManager.default.contents(atPath: first.path)?.isEmpty == true)
        #expect(RunLock.currentHolder(of: first.path) == nil)
        let second = try RunLock.acquire(in: dir)
        #expect(second.holder.pid == getpid())
    }

    @Test func droppingTheLockReleasesIt() throws {
        do { _ = try RunLock.acquire(in: dir) }
        _ = try RunLock.acquire(in: dir)
    }

    @Test func aWaitingRunGetsTheLockWhenTheHolderLetsGo() throws {
        let first = try RunLock.acquire(in: dir, name: "w.lock")
        let thread = Thread {
            usleep(200_000); first.release()
        }
        thread.start()
        let second = try RunLock.acquire(in: dir, name: "w.lock", wait: 30)
        #expect(second.holder.pid == getpid())
    }

    @Test func aMissingFolderIsAnOutputError() {
        #expect(
            throws: RegenerationError.lockFailed(
                path: dir + "/none/.countyreport.lock", reason: "the folder \(dir)/none does not exist")
        ) {
            _ = try RunLock.acquire(in: dir + "/none")
        }
    }

    /// Two processes: while one holds the lock, the other (and this one) cannot take it and are told
    /// the holder's pid; once it lets go, a waiting run gets it.
    @Test func concurrentRunsExcludeEachOther() throws {
        let holder = try LockHolderProcess(folder: dir)
        let line = holder.firstLine()
        #expect(line == "locked \(holder.process.processIdentifier)")

        let other = try LockHolderProcess(folder: dir, wait: 0.3)
        #expect(other.firstLine() == nil)
        let refused = other.finish()
        #expect(refused.status == 75)
        #expect(
            refused.stderr.contains("another run holds the lock (pid \(holder.process.processIdentifier)"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("waited 0.3 s"))

        do {
            _ = try RunLock.acquire(in: dir)
            Issue.record("the lock was granted while another process held it")
        } catch {
            guard case .locked(_, let h, _) = error else { Issue.record("\(error)"); return }
            #expect(h?.pid == holder.process.processIdentifier)
            #expect(h?.started.isEmpty == false)
        }

        // A run waiting for it gets the lock once the holder ends.
        let waiter = try LockHolderProcess(folder: dir, wait: 60)
        holder.release()
        #expect(waiter.firstLine() == "locked \(waiter.process.processIdentifier)")
        #expect(waiter.finish().status == 0)
        #expect(holder.finish().status == 0)
    }

    @Test func aKilledHolderLeavesNoLock() throws {
        let holder = try LockHolderProcess(folder: dir)
        #expect(holder.firstLine() != nil)
        kill(holder.process.processIdentifier, SIGKILL)
        holder.process.waitUntilExit()
        let lock = try RunLock.acquire(in: dir)
        #expect(lock.holder.pid == getpid())
    }
}
