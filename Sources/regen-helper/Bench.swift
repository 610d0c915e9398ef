import Foundation
import Regeneration

/// The unchanged-check benchmark: a folder of JOBS outputs recorded in a manifest, all reading one
/// definition, one 2 MiB data file and two 3 MiB "fonts" (the bundled fonts' size), plus a variant in
/// which every job has a definition of its own; then, in fresh planners as a new run would, the time to
/// load the manifest and plan every job (all unchanged). Build with `-c release`.
// A developer's benchmark: a failing file operation (`try!`) stops it at once, which is what it should do.
enum Bench {
    static func plan(jobs count: Int) {
        let root = NSTemporaryDirectory() + "regen-bench-\(getpid())"
        let out = root + "/out"
        try! FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer {
            if ProcessInfo.processInfo.environment["KEEP"] == nil { try? FileManager.default.removeItem(atPath: root) }
        }
        func file(_ name: String, _ size: Int, _ seed: UInt8) -> String {
            let path = root + "/" + name
            var bytes = [UInt8](repeating: 0, count: size)
            for i in stride(from: 0, to: size, by: 97) { bytes[i] = UInt8(truncatingIfNeeded: i) &+ seed }
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            return path
        }
        let definition = file("report.yaml", 4_000, 1)
        let data = file("data.csv", 2 << 20, 2)
        let fonts = [file("Regular.otf", 3 << 20, 3), file("Bold.otf", 3 << 20, 4)]
        let ownDefinitions = (0..<count).map { file("def-\($0).yaml", 2_000, UInt8(truncatingIfNeeded: $0)) }
        let store = OutputStore()

        for (label, perJobDefinition) in [("one shared definition", false), ("a definition per job", true)] {
            try? FileManager.default.removeItem(atPath: out + "/" + Manifest.defaultFileName)
            let jobs = (0..<count).map { i in
                Job(
                    id: "43\(String(format: "%04d", i))", definition: perJobDefinition ? ownDefinitions[i] : definition,
                    data: [data], fonts: fonts, outputs: [out + "/report-\(i).pdf"], toolVersion: "0.1.0",
                    parameters: ["region": "区县\(i)"])
            }
            let first = Planner(folder: out, manifest: Manifest())
            let start = Date()
            for job in jobs {
                let bytes = Array("%PDF-1.4 report \(job.id)\n".utf8) + [UInt8](repeating: 0x20, count: 20_000)
                let committed = try! store.commit([(job.outputs[0], bytes)])
                try! first.record(job, outputs: committed)
            }
            try! first.writeManifest(store: store)
            if !perJobDefinition {
                print(
                    "\(count) outputs of 20 KB committed one at a time, synced, and recorded: \(ms(Date().timeIntervalSince(start))) on one thread"
                )
            }
            let manifestSize = FileStamp.of(out + "/" + Manifest.defaultFileName)!.size
            for reuse in [false, true] {
                var times: [Double] = []
                for _ in 0..<7 {
                    let t0 = Date()
                    let manifest = try! Manifest.load(folder: out)
                    let t1 = Date()
                    let planner = Planner(folder: out, manifest: manifest, reuseInputHashes: reuse)
                    let decisions = planner.plan(jobs)
                    let t2 = Date()
                    precondition(decisions.allSatisfy { $0 == .unchanged }, "\(decisions.first { $0 != .unchanged }!)")
                    times.append(t2.timeIntervalSince(t0))
                    if times.count == 1 {
                        print("  load \(ms(t1.timeIntervalSince(t0))) + plan \(ms(t2.timeIntervalSince(t1))) (first)")
                    }
                    if reuse { try! planner.writeManifest(store: store) }   // input stamps recorded once old enough
                }
                times.sort()
                print(
                    "\(count) jobs, \(label), manifest \(manifestSize / 1024) KiB, \(reuse ? "reusing input hashes" : "hashing inputs"): "
                        + "median \(ms(times[times.count / 2])), min \(ms(times[0])) (unchanged check, load + plan)")
            }
        }
        var h = SHA256()
        let mib = [UInt8](repeating: 0x61, count: 1 << 20)
        let t0 = Date()
        for _ in 0..<64 { h.update(mib) }
        _ = h.finalize()
        print("SHA-256: \(Int(64 / Date().timeIntervalSince(t0))) MiB/s")
    }

    static func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
}
