import CountyTestSupport
import Foundation
import Testing

@testable import Regeneration

/// The kill-test harness: a helper process commits sets of outputs through OutputStore in a loop and
/// is killed with SIGKILL at random moments, 20 times. After every kill each output is byte-equal to
/// one complete version (the PDF passes `qpdf --check` when qpdf is installed), versions never go
/// back, and the next run leaves no temporary file.
@Suite struct KillTests {
    static let files = 6
    static let size = 1_000_000

    @Test func killedRunsLeaveCompleteOutputsAndTheNextRunCleansUp() throws {
        let dir = temporaryFolder("regen-kill")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = String(Self.files), size = String(Self.size)
        let qpdf = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first { FileManager.default.isExecutableFile(atPath: $0) }

        let first = try run(helperPath, ["write", dir, files, size, "1"])
        try #require(first.status == 0, "\(first.stderr)")
        var rng = SplitMix(seed: UInt64(UInt32(truncatingIfNeeded: time(nil))))
        var previous = [Int](repeating: 1, count: Self.files)
        var killsLeavingTemporaries = 0, killsBetweenRenames = 0
        for round in 1...20 {
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: helperPath)
            writer.arguments = ["write", dir, files, size, "0"]
            let progress = Pipe()
            writer.standardOutput = progress
            writer.standardError = FileHandle.nullDevice
            try writer.run()
            // Killed in its steady state, after its first set is committed (a kill during start-up,
            // before any temporary file exists, would prove little), at a random moment of its loop.
            _ = progress.fileHandleForReading.availableData
            usleep(UInt32.random(in: 0...200_000, using: &rng))
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            #expect(writer.terminationReason == .uncaughtSignal, "round \(round): the writer ended before the kill")

            let check = try run(helperPath, ["verify", dir, files, size])
            #expect(check.status == 0, "round \(round): \(check.stderr)")
            let fields = check.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" })
            let versions =
                fields.first { $0.hasPrefix("versions=") }.map {
                    $0.dropFirst(9).split(separator: ",").compactMap { Int($0) }
                } ?? []
            #expect(versions.count == Self.files)
            #expect(
                zip(versions, previous).allSatisfy { $0 >= $1 },
                "round \(round): a version went back: \(previous) → \(versions)")
            if Set(versions).count > 1 { killsBetweenRenames += 1 }
            if !fields.contains("temps=0") { killsLeavingTemporaries += 1 }
            if let qpdf {
                let r = try run(qpdf, ["--check", dir + "/out-0.pdf"])
                #expect(r.status == 0, "round \(round): qpdf --check: \(r.stdout) \(r.stderr)")
            }

            // The next run cleans up what the killed one left.
            let next = try run(helperPath, ["write", dir, files, size, "1"])
            #expect(next.status == 0, "round \(round): \(next.stderr)")
            let clean = try run(helperPath, ["verify", dir, files, size, "--no-temps"])
            #expect(clean.status == 0, "round \(round): \(clean.stderr)")
            previous =
                clean.stdout.split(separator: " ").first.map {
                    $0.dropFirst(9).split(separator: ",").compactMap { Int($0) }
                } ?? previous
        }
        // The kills landed while temporary files existed in at least some rounds (else they proved little).
        #expect(killsLeavingTemporaries > 0)
        print(
            "kill test: 20 kills, \(killsLeavingTemporaries) left temporary files, \(killsBetweenRenames) fell between two renames of one set; all outputs complete"
        )
    }
}
