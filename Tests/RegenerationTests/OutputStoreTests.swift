import Foundation
import Testing

@testable import Regeneration

@Suite final class OutputStoreTests {
    let dir = temporaryFolder()

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func path(_ name: String) -> String { dir + "/" + name }
    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path(name)).map { String(decoding: $0, as: UTF8.self) }
    }
    func temporaries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".tmp") }
    }
    func mode(_ name: String) -> mode_t {
        var st = stat()
        stat(path(name), &st)
        return st.st_mode & 0o7777
    }

    @Test func writesAndReplacesWhole() throws {
        let store = OutputStore()
        let first = try store.write(Array("first".utf8), to: path("a.pdf"))
        #expect(read("a.pdf") == "first")
        #expect(first.sha256 == SHA256.hash(Array("first".utf8)))
        #expect(first.stamp == FileStamp.of(path("a.pdf")))
        try store.write(Data("second, longer".utf8), to: path("a.pdf"))
        #expect(read("a.pdf") == "second, longer")
        #expect(temporaries().isEmpty)
    }

    @Test func keepsTheOldFilesMode() throws {
        _ = FileManager.default.createFile(atPath: path("r.pdf"), contents: Data("old".utf8))
        chmod(path("r.pdf"), 0o640)
        try OutputStore().write(Array("new".utf8), to: path("r.pdf"))
        #expect(mode("r.pdf") == 0o640)
        chmod(path("r.pdf"), 0o604)
        try OutputStore().write(Array("newer".utf8), to: path("r.pdf"))
        #expect(mode("r.pdf") == 0o604)
    }

    @Test func keepsTheOwnerWhenPermitted() throws {
        guard geteuid() == 0 else { return }   // only root may give a file away
        _ = FileManager.default.createFile(atPath: path("o.pdf"), contents: Data("old".utf8))
        chown(path("o.pdf"), 65534, 65534)
        try OutputStore().write(Array("new".utf8), to: path("o.pdf"))
        var st = stat()
        stat(path("o.pdf"), &st)
        #expect(st.st_uid == 65534 && st.st_gid == 65534)
        #expect(read("o.pdf") == "new")
    }

    @Test func temporaryNamesFollowThePatternAndFit() {
        let t = OutputStore.temporaryName(for: "报告.pdf", pid: 4321, random: 0xabc)
        #expect(t == ".报告.pdf.countyreport-4321-0000000000000abc.tmp")
        #expect(OutputStore.parseTemporaryName(t)! == ("报告.pdf", 4321))
        for long in [
            String(repeating: "a", count: 255), String(repeating: "县", count: 85), String(repeating: "ab县", count: 51),
        ] {
            let name = OutputStore.temporaryName(for: long, pid: Int32.max, random: .max)
            #expect(name.utf8.count <= 255, "\(long.utf8.count)-byte name gives \(name.utf8.count) bytes")
            #expect(OutputStore.parseTemporaryName(name)?.pid == Int32.max)
            #expect(OutputStore.parseTemporaryName(name)?.name == OutputStore.shortName(long))
        }
        // Two long names that share their first 200 bytes get different temporary names.
        let a = String(repeating: "x", count: 240) + "a", b = String(repeating: "x", count: 240) + "b"
        #expect(OutputStore.shortName(a) != OutputStore.shortName(b))
        for other in [
            ".a.tmp", ".a.countyreport-12-zz.tmp", ".a.countyreport--0000000000000abc.tmp",
            "a.countyreport-1-0000000000000abc.tmp",
            ".a.countyreport-1-0000000000000abc.tmp.bak", "..countyreport-1-0000000000000abc.tmp",
        ] {
            #expect(OutputStore.parseTemporaryName(other) == nil, "\(other)")
        }
    }

    @Test(arguments: [String(repeating: "a", count: 251) + ".pdf", String(repeating: "县", count: 82) + "abcde.pdf"])
    func writesA255ByteName(name: String) throws {
        #expect(name.utf8.count == 255)
        try OutputStore().write(Array("x".utf8), to: path(name))
        try OutputStore().write(Array("y".utf8), to: path(name))
        #expect(read(name) == "y")
        #expect(temporaries().isEmpty)
    }

    @Test func aSetIsReplacedOnlyAtCommit() throws {
        let store = OutputStore()
        try store.commit([(path("a.pdf"), Array("a1".utf8)), (path("b.pdf"), Array("b1".utf8))])
        let batch = store.batch()
        try batch.stage(Array("a2".utf8), as: path("a.pdf"))
        try batch.stage(Array("b2".utf8), as: path("b.pdf"))
        try batch.stage(Array("c2".utf8), as: path("c.pdf"))
        #expect(read("a.pdf") == "a1" && read("b.pdf") == "b1" && read("c.pdf") == nil)
        #expect(temporaries().count == 3)
        let done = try batch.commit()
        #expect(done.map(\.path) == [path("a.pdf"), path("b.pdf"), path("c.pdf")])
        #expect(read("a.pdf") == "a2" && read("b.pdf") == "b2" && read("c.pdf") == "c2")
        #expect(temporaries().isEmpty)
    }

    @Test func aFailedStageRemovesEveryTemporaryAndKeepsTheOldFiles() throws {
        let store = OutputStore()
        try store.write(Array("old".utf8), to: path("a.pdf"))
        let target = path("no/such/folder/b.pdf")
        #expect(
            throws: RegenerationError.cannotWrite(
                path: target, reason: "the folder \(dir)/no/such/folder does not exist")
        ) {
            try store.commit([(path("a.pdf"), Array("new".utf8)), (target, Array("x".utf8))])
        }
        #expect(read("a.pdf") == "old")
        #expect(temporaries().isEmpty)
        _ = FileManager.default.createFile(atPath: path("file"), contents: Data())
        #expect(throws: RegenerationError.cannotWrite(path: path("file/c.pdf"), reason: "\(dir)/file is not a folder"))
        {
            try store.write(Array("x".utf8), to: path("file/c.pdf"))
        }
        #expect(throws: RegenerationError.cannotWrite(path: path("a.pdf"), reason: "given twice in one set of outputs"))
        {
            try store.commit([(path("a.pdf"), Array("1".utf8)), (path("a.pdf"), Array("2".utf8))])
        }
        #expect(read("a.pdf") == "old")
        #expect(temporaries().isEmpty)
    }

    @Test func aFailedRenameRemovesTheRestAndSaysHowFarItGot() throws {
        let store = OutputStore()
        let batch = store.batch()
        try batch.stage(Array("a".utf8), as: path("a.pdf"))
        try batch.stage(Array("b".utf8), as: path("b.pdf"))
        // Between staging and commit a folder appears where b.pdf goes: its rename must fail.
        try FileManager.default.createDirectory(atPath: path("b.pdf/inside"), withIntermediateDirectories: true)
        do {
            try batch.commit()
            Issue.record("commit over a folder succeeded")
        } catch {
            #expect(error.path == path("b.pdf"))
            #expect(error.description.contains("1 of 2 files already replaced"))
            #expect(!error.description.contains("\n"))
        }
        #expect(read("a.pdf") == "a")
        #expect(temporaries().isEmpty)
    }

    @Test func aDroppedBatchLeavesNothing() throws {
        do {
            let batch = OutputStore().batch()
            try batch.stage(Array("a".utf8), as: path("a.pdf"))
            #expect(temporaries().count == 1)
        }
        #expect(temporaries().isEmpty)
        #expect(read("a.pdf") == nil)
    }

    @Test func refusesToWriteOverAnInput() throws {
        try FileManager.default.createDirectory(atPath: path("data"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path("data/in.csv"), contents: Data("a,b\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: path("link.csv"), withDestinationPath: path("data/in.csv"))
        link(path("data/in.csv"), path("hard.csv"))
        let store = OutputStore(protecting: [path("data/in.csv"), path("not-yet.csv")])
        for spelling in ["data/in.csv", "data/../data/in.csv", "./data//in.csv", "link.csv", "hard.csv", "not-yet.csv"]
        {
            #expect(throws: RegenerationError.outputIsInput(path: path(spelling))) {
                try store.write(Array("oops".utf8), to: path(spelling))
            }
        }
        #expect(read("data/in.csv") == "a,b\n")
        #expect(read("not-yet.csv") == nil)
        #expect(RegenerationError.outputIsInput(path: "x.csv").outcome == .usage)
        try store.write(Array("fine".utf8), to: path("data/out.csv"))
    }

    @Test func aLinkIsWrittenWhereItPoints() throws {
        _ = FileManager.default.createFile(atPath: path("real.pdf"), contents: Data("old".utf8))
        try FileManager.default.createSymbolicLink(atPath: path("link.pdf"), withDestinationPath: "real.pdf")
        try OutputStore().write(Array("new".utf8), to: path("link.pdf"))
        #expect(read("real.pdf") == "new")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path("link.pdf"))) == "real.pdf")
    }

    @Test func cleanStaleRemovesOnlyOurDeadTemporaries() throws {
        // A pid that was alive and is now gone.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let deadPID = finished.processIdentifier
        // A process that started before the temporaries were written, and is still running.
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["60"]
        try sleeper.run()
        defer { kill(sleeper.processIdentifier, SIGKILL); sleeper.waitUntilExit() }
        usleep(20_000)

        func make(_ name: String) -> String {
            _ = FileManager.default.createFile(atPath: path(name), contents: Data("partial".utf8))
            return name
        }
        let dead = make(OutputStore.temporaryName(for: "a.pdf", pid: deadPID))
        let mineNotLive = make(OutputStore.temporaryName(for: "b.pdf", pid: getpid()))
        let aliveWriter = make(OutputStore.temporaryName(for: "c.pdf", pid: sleeper.processIdentifier))
        let reused = make(OutputStore.temporaryName(for: "d.pdf", pid: sleeper.processIdentifier))
        // Written long before the process with its pid started: that pid was reused.
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, path(reused), &times, 0)
        let otherName = make(OutputStore.temporaryName(for: "e.pdf", pid: deadPID))
        let notOurs = [
            make(".f.pdf.tmp"), make(".g.pdf.countyreport-1-xyz.tmp"),
            make("h.countyreport-\(deadPID)-0000000000000001.tmp"),
        ]
        // A temporary this process is writing right now.
        let batch = OutputStore().batch()
        try batch.stage(Array("staged".utf8), as: path("live.pdf"))

        let removedForNames = OutputStore.cleanStale(in: dir, names: ["a.pdf", "b.pdf", "c.pdf", "d.pdf", "live.pdf"])
        #expect(Set(removedForNames) == Set([dead, mineNotLive, reused].map(path)))
        let left = Set(temporaries())
        #expect(left.contains(aliveWriter) && left.contains(otherName))
        #expect(Set(notOurs).isSubset(of: Set(try FileManager.default.contentsOfDirectory(atPath: dir))))
        #expect(OutputStore.cleanStale(in: dir) == [path(otherName)])
        try batch.commit()
        #expect(read("live.pdf") == "staged")
        #expect(OutputStore.cleanStale(in: dir + "/missing").isEmpty)
    }

    @Test func errorsArePathFirstOneLine() {
        let errors: [RegenerationError] = [
            .cannotWrite(path: "out/a.pdf", reason: "Permission denied"),
            .outputIsInput(path: "data/x.csv"),
            .missingInput(path: "data/y.csv", reason: "No such file or directory"),
            .locked(
                lockFile: "out/.countyreport.lock",
                holder: LockHolder(pid: 42, started: "2026-01-01T00:00:00.000+08:00", host: "h"), waited: 2.5),
            .locked(lockFile: "out/.countyreport.lock", holder: nil, waited: 0),
            .lockFailed(path: "out/.countyreport.lock", reason: "Read-only file system"),
            .badManifest(path: "out/countyreport-manifest.json", reason: "not JSON"),
            .badShard(text: "4/3", reason: "K must be between 1 and 3"),
        ]
        for e in errors {
            #expect(e.description.hasPrefix(e.path.hasPrefix("4/") ? "--shard 4/3" : e.path + ": "), "\(e)")
            #expect(!e.description.contains("\n"))
        }
        #expect(
            errors[3].description
                == "out/.countyreport.lock: another run holds the lock (pid 42 on h, started 2026-01-01T00:00:00.000+08:00); waited 2.5 s"
        )
        #expect(errors[0].description == "out/a.pdf: cannot write: Permission denied")
    }
}
