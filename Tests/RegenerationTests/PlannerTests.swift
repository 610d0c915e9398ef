import Foundation
import Synchronization
import Testing

@testable import Regeneration

@Suite final class PlannerTests: Sendable {
    let root = temporaryFolder()

    deinit { try? FileManager.default.removeItem(atPath: root) }
    var out: String { root + "/out" }
    let store = OutputStore()

    init() throws {
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        for (name, text) in [
            ("report.yaml", "title: x\n"), ("a.csv", "地区,值\n甲,1\n"), ("b.csv", "地区,值\n乙,2\n"), ("font.otf", "OTTO"),
        ] {
            _ = FileManager.default.createFile(atPath: root + "/" + name, contents: Data(text.utf8))
        }
    }

    func job(
        _ id: String, data: [String], tool: String = "1.0", parameters: [String: String] = [:], outputs: [String]? = nil
    ) -> Job {
        Job(
            id: id, definition: root + "/report.yaml", data: data.map { root + "/" + $0 }, fonts: [root + "/font.otf"],
            outputs: outputs ?? [out + "/\(id).pdf"], toolVersion: tool, parameters: parameters)
    }

    /// Builds the job: writes its outputs and records them.
    func build(_ job: Job, _ planner: Planner, text: String = "pdf") throws {
        let committed = try store.commit(job.outputs.map { ($0, Array("\(text) \($0)".utf8)) })
        try planner.record(job, outputs: committed)
    }

    func fresh() throws -> Planner { Planner(folder: out, manifest: try Manifest.load(folder: out)) }

    func write(_ name: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: root + "/" + name, contents: Data(text.utf8))
    }

    @Test func builtOnceThenUnchanged() throws {
        let jobs = [job("430521", data: ["a.csv"]), job("430522", data: ["b.csv"])]
        let p = Planner(folder: out, manifest: Manifest())
        #expect(p.plan(jobs) == [.rebuild([.notBuiltBefore]), .rebuild([.notBuiltBefore])])
        for j in jobs { try build(j, p) }
        #expect(try p.writeManifest())
        let manifestStamp = FileStamp.of(out + "/countyreport-manifest.json")
        let next = try fresh()
        #expect(next.plan(jobs) == [.unchanged, .unchanged])
        #expect(next.plan(jobs, force: true) == [.rebuild([.forced]), .rebuild([.forced])])
        // An unchanged run writes nothing, not even the manifest.
        #expect(try next.writeManifest() == false)
        #expect(FileStamp.of(out + "/countyreport-manifest.json") == manifestStamp)
        // Paths in the manifest are relative to its folder.
        let entry = try #require(next.manifest.entries["430521"])
        #expect(entry.inputs.map(\.path) == ["../report.yaml", "../a.csv", "../font.otf"])
        #expect(entry.inputs.map(\.role) == [.definition, .data, .font])
        #expect(entry.outputs.map(\.path) == ["430521.pdf"])
        #expect(entry.outputs[0].sha256 == SHA256.hash(Array("pdf \(out)/430521.pdf".utf8)).hex)
        #expect(entry.inputs[1].sha256 == SHA256.hash(Array("地区,值\n甲,1\n".utf8)).hex)
    }

    @Test func aChangedDataFileRebuildsExactlyTheJobsThatReadIt() throws {
        let jobs = [job("A", data: ["a.csv"]), job("B", data: ["b.csv"]), job("AB", data: ["a.csv", "b.csv"])]
        let p = Planner(folder: out, manifest: Manifest())
        for j in jobs { try build(j, p) }
        try p.writeManifest()
        write("a.csv", "地区,值\n甲,1.5\n")
        let a = root + "/a.csv"
        #expect(
            try fresh().plan(jobs) == [
                .rebuild([.inputChanged(.data, a)]), .unchanged, .rebuild([.inputChanged(.data, a)]),
            ])
        // Same bytes again (a new mtime, the old contents): nothing to do.
        write("a.csv", "地区,值\n甲,1\n")
        #expect(try fresh().plan(jobs) == [.unchanged, .unchanged, .unchanged])
        write("font.otf", "OTTO2")
        #expect(try fresh().plan(jobs).allSatisfy { $0 == .rebuild([.inputChanged(.font, root + "/font.otf")]) })
    }

    @Test func outputsDeletedOrChangedByHandAreRebuilt() throws {
        let jobs = [job("A", data: ["a.csv"]), job("B", data: ["b.csv"]), job("C", data: ["b.csv"])]
        let p = Planner(folder: out, manifest: Manifest())
        for j in jobs { try build(j, p) }
        try p.writeManifest()
        try FileManager.default.removeItem(atPath: out + "/A.pdf")
        // Same size, different bytes, written in place.
        let fd = open(out + "/B.pdf", O_WRONLY)
        _ = pwrite(fd, "P", 1, 0)
        close(fd)
        #expect(
            try fresh().plan(jobs) == [
                .rebuild([.outputMissing(out + "/A.pdf")]), .rebuild([.outputChanged(out + "/B.pdf")]), .unchanged,
            ])
    }

    @Test func aTouchedOutputIsIntactAndItsStampRecorded() throws {
        let j = job("A", data: ["a.csv"])
        let p = Planner(folder: out, manifest: Manifest())
        try build(j, p)
        try p.writeManifest()
        var times = [timespec(tv_sec: 1_500_000_000, tv_nsec: 0), timespec(tv_sec: 1_500_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, out + "/A.pdf", &times, 0)
        let next = try fresh()
        #expect(next.plan(j) == .unchanged)
        #expect(next.manifestChanged)
        try next.writeManifest()
        #expect(try fresh().manifest.entries["A"]?.outputs[0].stamp == FileStamp.of(out + "/A.pdf"))
    }

    @Test func everyReasonIsListed() throws {
        let j = job("A", data: ["a.csv", "b.csv"], parameters: ["region": "甲"])
        let p = Planner(folder: out, manifest: Manifest())
        try build(j, p)
        try p.writeManifest()
        let changed = job(
            "A", data: ["a.csv"], tool: "1.1", parameters: ["region": "乙"],
            outputs: [out + "/A.pdf", out + "/A-slides.pdf"])
        let d = try fresh().plan(changed, force: true)
        #expect(
            d
                == .rebuild([
                    .forced, .toolChanged(from: "1.0", to: "1.1"), .parametersChanged,
                    .inputRemoved(.data, "../b.csv"), .outputsDiffer,
                ]))
        #expect(
            d.description
                == "rebuild: forced; tool version changed (1.0 → 1.1); parameters changed; data ../b.csv no longer used; the set of outputs changed"
        )
        let added = job("A", data: ["a.csv", "b.csv", "font.otf"], parameters: ["region": "甲"])
        #expect(try fresh().plan(added) == .rebuild([.inputAdded(.data, root + "/font.otf")]))
    }

    @Test func aMissingInputFailsThatJobOnly() throws {
        let jobs = [job("A", data: ["a.csv"]), job("M", data: ["missing.csv"])]
        let p = Planner(folder: out, manifest: Manifest())
        let d = p.plan(jobs, force: true)
        #expect(d[0] == .rebuild([.forced, .notBuiltBefore]))
        #expect(d[1] == .failed(.missingInput(path: root + "/missing.csv", reason: "No such file or directory")))
        #expect(d[1].description == "cannot build: \(root)/missing.csv: cannot read: No such file or directory")
        #expect(
            throws: RegenerationError.missingInput(path: root + "/missing.csv", reason: "No such file or directory")
        ) {
            try p.record(jobs[1], outputs: [])
        }
    }

    /// Each distinct input is read once per planner: once hashed, a shared file is not read again for
    /// the next job (here it is gone by then, and the second job still plans from the first reading).
    @Test func eachInputIsHashedOncePerRun() throws {
        let jobs = [job("A", data: ["a.csv"]), job("B", data: ["a.csv"])]
        let p = Planner(folder: out, manifest: Manifest())
        for j in jobs { try build(j, p) }
        try p.writeManifest()
        let next = try fresh()
        #expect(next.plan(jobs[0]) == .unchanged)
        try FileManager.default.removeItem(atPath: root + "/a.csv")
        #expect(next.plan(jobs[1]) == .unchanged)
        #expect(
            try fresh().plan(jobs[1])
                == .failed(.missingInput(path: root + "/a.csv", reason: "No such file or directory")))
    }

    /// With `reuseInputHashes`, an input whose stamp is as recorded is not read: a recorded hash is
    /// taken as it stands. A file changed within the trust delay before hashing gets no stamp.
    @Test func reusingInputHashesTrustsOnlySettledStamps() throws {
        let j = job("A", data: ["a.csv"])
        let p = Planner(folder: out, manifest: Manifest(), reuseInputHashes: true)
        try build(j, p)
        // Just written: too fresh to trust.
        #expect(p.manifest.entries["A"]!.inputs.allSatisfy { $0.stamp == nil })
        let settled = Planner(folder: out, manifest: Manifest(), reuseInputHashes: true, trustDelay: 0)
        try build(j, settled)
        var manifest = settled.manifest
        #expect(manifest.entries["A"]!.inputs.allSatisfy { $0.stamp != nil })
        // Doctor the recorded hash of a.csv: reusing trusts it (the stamp still matches) …
        manifest.entries["A"]!.inputs[1].sha256 = String(repeating: "0", count: 64)
        #expect(Planner(folder: out, manifest: manifest, reuseInputHashes: true).plan(j) == .unchanged)
        // … hashing sees that the contents differ from the record.
        #expect(Planner(folder: out, manifest: manifest).plan(j) == .rebuild([.inputChanged(.data, root + "/a.csv")]))
        // A changed file has a new stamp, so it is read again.
        write("a.csv", "changed")
        #expect(
            Planner(folder: out, manifest: settled.manifest, reuseInputHashes: true).plan(j)
                == .rebuild([.inputChanged(.data, root + "/a.csv")]))
    }

    @Test func shardManifestsAreMergedNewestFirst() throws {
        let a = Manifest.Entry(tool: "1", parameters: [:], inputs: [], outputs: [], built: "2026-01-01T00:00:00.000Z")
        var b = a
        b.tool = "2"
        b.built = "2026-02-01T00:00:00.000Z"
        try Manifest(entries: ["x": a, "only1": a]).write(
            folder: out, fileName: "countyreport-manifest.shard-1-of-2.json")
        try Manifest(entries: ["x": b, "only2": b]).write(
            folder: out, fileName: "countyreport-manifest.shard-2-of-2.json")
        try Manifest(entries: ["x": a]).write(folder: out)
        _ = FileManager.default.createFile(
            atPath: out + "/.countyreport-manifest.json.countyreport-1-0000000000000001.tmp", contents: Data("{".utf8))
        let m = try Manifest.load(folder: out)
        #expect(m.entries["x"]?.tool == "2")
        #expect(Set(m.entries.keys) == ["x", "only1", "only2"])
        #expect(
            try Manifest.load(file: out + "/countyreport-manifest.shard-2-of-2.json")
                == Manifest(entries: ["x": b, "only2": b]))
    }

    @Test func aDamagedManifestIsReportedWithItsPath() throws {
        let path = out + "/countyreport-manifest.json"
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("{\"format\": 1, \"entries\": {\"x\": {\"tool\": 3}}}".utf8))
        do {
            _ = try Manifest.load(folder: out)
            Issue.record("a damaged manifest loaded")
        } catch {
            #expect(error.path == path)
            #expect(error.description.hasPrefix(path + ": not a CountyReport manifest: "))
            #expect(!error.description.contains("\n"))
            #expect(error.outcome == .badData)
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data("{\"format\": 99, \"entries\": {}}".utf8))
        #expect(try Manifest.load(folder: out) == Manifest())
        #expect(try Manifest.load(folder: out + "/none") == Manifest())
    }

    /// Jobs recorded from every core at once all land in the manifest.
    @Test func recordingFromManyThreads() throws {
        let jobs = (0..<200).map { job("J\($0)", data: [$0 % 2 == 0 ? "a.csv" : "b.csv"]) }
        let p = Planner(folder: out, manifest: Manifest())
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            do {
                #expect(p.plan(jobs[i]) == .rebuild([.notBuiltBefore]))
                try build(jobs[i], p)
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        try p.writeManifest()
        let next = try fresh()
        #expect(next.manifest.entries.count == 200)
        #expect(next.plan(jobs).allSatisfy { $0 == .unchanged })
    }

    @Test func stampsAreOneStringInTheManifest() throws {
        let stamp = FileStamp(
            size: 12, mtimeNs: 1_700_000_000_123_456_789, ctimeNs: 1_700_000_000_223_456_789, inode: 99)
        let m = Manifest(entries: [
            "x": .init(
                tool: "1", parameters: ["region": "新邵县"], inputs: [],
                outputs: [.init(path: "x.pdf", sha256: "ab", stamp: stamp)], built: "2026-01-01T00:00:00.000Z")
        ])
        let text = String(decoding: m.encoded(), as: UTF8.self)
        #expect(text.contains(#""stamp" : "12 1700000000123456789 1700000000223456789 99""#))
        #expect(text.contains("新邵县") && text.hasSuffix("}\n"))
        try m.write(folder: out)
        #expect(try Manifest.load(folder: out) == m)
        try Data(text.replacingOccurrences(of: "12 1700000000123456789", with: "12 x").utf8).write(
            to: URL(fileURLWithPath: out + "/countyreport-manifest.json"))
        #expect(
            throws: RegenerationError.badManifest(
                path: out + "/countyreport-manifest.json",
                reason:
                    "entries.x.outputs[0].stamp: not a stamp (SIZE MTIME_NS CTIME_NS INODE): 12 x 1700000000223456789 99"
            )
        ) {
            try Manifest.load(folder: out)
        }
    }

    @Test func relativePaths() {
        #expect(Paths.relative("/a/b/c.csv", to: "/a/out") == "../b/c.csv")
        #expect(Paths.relative("/a/out/x.pdf", to: "/a/out/") == "x.pdf")
        #expect(Paths.relative("/a/out", to: "/a/out") == ".")
        #expect(Paths.absolute("x/./y/../z", base: "/r") == "/r/x/z")
        #expect(Paths.absolute("/../x") == "/x")
        #expect(
            Paths.folder(of: "a.pdf") == "." && Paths.folder(of: "/a.pdf") == "/"
                && Paths.folder(of: "d/e/a.pdf") == "d/e")
    }
}

@Suite struct PathTests {
    @Test func normalAbsolutePathsAreRecognised() {
        for normal in ["/", "/a", "/a/b.csv", "/a/.hidden", "/a/...", "/a/b..c", "/中文/数据.csv"] {
            #expect(Paths.isNormalAbsolute(normal), "\(normal)")
            #expect(Paths.absolute(normal) == normal)
        }
        for other in ["", "a", "a/b", "//a", "/a//b", "/a/", "/a/.", "/a/..", "/./a", "/../a", "/a/./b", "/a/../b"] {
            #expect(!Paths.isNormalAbsolute(other), "\(other)")
        }
        #expect(Paths.absolute("/a//b/./c/../d/") == "/a/b/d")
    }
}
