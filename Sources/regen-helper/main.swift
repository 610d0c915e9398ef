// The regeneration tests' helper process (the kill-test harness and the unchanged-check benchmark).
//
//   regen-helper write FOLDER FILES SIZE [RUNS]   cleans stale temporaries, then commits RUNS complete
//                                                 versions (0: forever) of FILES outputs of about SIZE
//                                                 bytes (out-0.pdf, a valid PDF, and out-1.bin …), and the
//                                                 manifest, through OutputStore; prints each version
//   regen-helper verify FOLDER FILES SIZE [--no-temps]
//                                                 exit 0 when every output is byte-equal to one complete
//                                                 version; prints `versions=… temps=N`
//   regen-helper hold-lock FOLDER [WAIT]          takes the run lock, prints `locked PID`, holds it until
//                                                 stdin closes; exit 75 with the error when locked
//   regen-helper bench-plan JOBS                  times an unchanged check of JOBS manifest entries
//   regen-helper sha256 FILE…                     prints SHA-256 digests as sha256sum does
import Foundation
import Regeneration

/// One line on stdout, written at once (a test reads it while the process runs).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func fail(_ message: String, _ code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("regen-helper: \(message)\n".utf8))
    exit(code)
}

/// Deterministic bytes: output `index` of version `version`, about `size` bytes.
func content(version: Int, index: Int, size: Int) -> [UInt8] {
    var state = UInt64(version) << 20 ^ UInt64(index) &+ 0x9E37_79B9_7F4A_7C15
    func random(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: (count + 7) / 8 * 8)
        out.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for i in 0..<words.count {   // splitmix64
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                words[i] = z ^ (z >> 31)
            }
        }
        return Array(out[0..<count])
    }
    let tag = "countyreport-kill-test v=\(version) i=\(index)\n"
    guard index == 0 else { return Array(tag.utf8) + random(max(0, size - tag.utf8.count)) }
    // A one-page PDF whose bulk is an unreferenced binary stream: `qpdf --check` passes it whole, and
    // fails on any cut.
    var pdf = Array("%PDF-1.4\n%\(tag)".utf8)
    var offsets: [Int] = []
    func object(_ body: [UInt8]) {
        offsets.append(pdf.count)
        pdf += Array("\(offsets.count) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
    }
    func stream(_ data: [UInt8]) -> [UInt8] {
        Array("<< /Length \(data.count) >>\nstream\n".utf8) + data + Array("\nendstream".utf8)
    }
    object(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
    object(Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8))
    object(Array("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".utf8))
    object(stream(Array("0.5 w 72 72 m 523 770 l S\n".utf8)))
    object(stream(random(max(0, size - 600))))
    let xref = pdf.count
    var tail = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
    for o in offsets {
        let s = String(o)
        tail += String(repeating: "0", count: 10 - s.count) + s + " 00000 n \n"
    }
    tail += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return pdf + Array(tail.utf8)
}

func outputName(_ i: Int) -> String { i == 0 ? "out-0.pdf" : "out-\(i).bin" }

/// The version written in a file's first bytes, or nil.
func version(of bytes: [UInt8]) -> Int? {
    let head = String(decoding: bytes.prefix(80), as: UTF8.self)
    guard let r = head.range(of: "countyreport-kill-test v=") else { return nil }
    return Int(head[r.upperBound...].prefix(while: \.isNumber))
}

func temporaries(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".tmp") }
}

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { fail("no command", 64) }

switch command {
case "write":
    guard args.count >= 4, let files = Int(args[2]), let size = Int(args[3]) else {
        fail("usage: write FOLDER FILES SIZE [RUNS]", 64)
    }
    let folder = args[1]
    let runs = args.count > 4 ? Int(args[4]) ?? 0 : 0
    OutputStore.cleanStale(in: folder)
    var v =
        (FileManager.default.contents(atPath: folder + "/" + outputName(0)).flatMap { version(of: Array($0)) } ?? 0) + 1
    let planner = Planner(folder: folder, manifest: (try? Manifest.load(folder: folder)) ?? Manifest())
    let store = OutputStore()
    var done = 0
    while runs == 0 || done < runs {
        let outputs = (0..<files).map {
            (path: folder + "/" + outputName($0), bytes: content(version: v, index: $0, size: size))
        }
        do throws(RegenerationError) {
            let committed = try store.commit(outputs)
            let job = Job(id: "kill-test", inputs: [], outputs: outputs.map(\.path), toolVersion: "v\(v)")
            try planner.record(job, outputs: committed)
            try planner.writeManifest(store: store)
        } catch {
            fail("\(error)", error.outcome.exitCode)
        }
        say(String(v))
        v += 1
        done += 1
    }

case "verify":
    guard args.count >= 4, let files = Int(args[2]), let size = Int(args[3]) else {
        fail("usage: verify FOLDER FILES SIZE", 64)
    }
    let folder = args[1]
    var versions: [Int] = []
    for i in 0..<files {
        let path = folder + "/" + outputName(i)
        guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): missing") }
        let bytes = Array(data)
        guard let v = version(of: bytes) else { fail("\(path): no version in its first bytes (\(bytes.count) bytes)") }
        guard bytes == content(version: v, index: i, size: size) else {
            fail("\(path): \(bytes.count) bytes, not the complete version \(v)")
        }
        versions.append(v)
    }
    if FileManager.default.fileExists(atPath: folder + "/" + Manifest.defaultFileName) {
        do throws(RegenerationError) { _ = try Manifest.load(folder: folder) } catch { fail("\(error)") }
    }
    let temps = temporaries(folder)
    if args.contains("--no-temps"), !temps.isEmpty { fail("temporary files left: \(temps.joined(separator: " "))") }
    say("versions=\(versions.map(String.init).joined(separator: ",")) temps=\(temps.count)")

case "hold-lock":
    guard args.count >= 2 else { fail("usage: hold-lock FOLDER [WAIT]", 64) }
    do throws(RegenerationError) {
        let lock = try RunLock.acquire(in: args[1], wait: args.count > 2 ? Double(args[2]) ?? 0 : 0)
        say("locked \(lock.holder.pid)")
        while readLine() != nil {}
        lock.release()
    } catch {
        fail("\(error)", error.outcome.exitCode)
    }

case "sha256":
    for path in args.dropFirst() {
        do throws(RegenerationError) { say("\(try SHA256.hash(fileAt: path).hex)  \(path)") } catch {
            fail("\(error)", error.outcome.exitCode)
        }
    }

case "bench-plan":
    let jobs = args.count > 1 ? Int(args[1]) ?? 1000 : 1000
    Bench.plan(jobs: jobs)

default:
    fail("unknown command \(command)", 64)
}
