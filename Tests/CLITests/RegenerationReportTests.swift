import CountyTestSupport
import Foundation
import Testing
import Workbooks

#if canImport(Glibc)
    import Glibc
#endif

/// `countyreport report` left to cron, through the built binary: skip when unchanged, rebuild what
/// changed, one run at a time, shards, a report per region, killed runs. Each test writes a small
/// dataset (a prefecture 甲市 with counties 4301NN) and a definition written for its first county.
@Suite(.serialized) final class RegenerationReportTests {
    let root: URL
    /// SOURCE_DATE_EPOCH: the same inputs give the same PDF bytes.
    static let env = ["SOURCE_DATE_EPOCH": "1704067200"]

    init() { root = Repository.temporaryDirectory("regen-report") }
    deinit { try? FileManager.default.removeItem(at: root) }

    // MARK: Fixture

    static let chars = Array("东西南北中新安平宁江山河阳城湖海泉兴华康永丰福昌乐")
    static func countyName(_ i: Int) -> String {
        String([chars[i % 25], chars[(i / 25) % 25 + 0], chars[(i * 7 + 3) % 25]]) + "县"
    }
    static func code(_ i: Int) -> String { String(format: "4301%02d", i + 1) }

    /// `Reports/data/NAME` with `counties` counties of 甲市 (the indicator in 2022 and 2023, its growth
    /// in 2023), `shift` added to every value.
    @discardableResult
    func writeData(_ name: String = "d.csv", counties: Int, shift: Int = 0, indicator x: String = "地区生产总值") throws
        -> String
    {
        var rows = [
            "region_code,region,parent,indicator,period,value,unit,note,source_url",
            "430100,甲市,湖南省,\(x),2022,\(900 + shift),亿元,,", "430100,甲市,湖南省,\(x),2023,\(960 + shift),亿元,,",
        ]
        for i in 0..<counties {
            let (c, n) = (Self.code(i), Self.countyName(i))
            rows += [
                "\(c),\(n),甲市,\(x),2022,\(50 + i * 3 + shift).5,亿元,,",
                "\(c),\(n),甲市,\(x),2023,\(53 + i * 3 + shift).25,亿元,,",
                "\(c),\(n),甲市,\(x)增速,2023,\(4 + i % 5).1,%,,",
            ]
        }
        let path = root.appendingPathComponent("Reports/data/\(name)").path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try rows.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `Reports/FOLDER/report.yaml`, written for county 0, reading `data` (names in Reports/data).
    @discardableResult
    func writeDefinition(_ folder: String = "r", data: [String] = ["d.csv"], table: Bool = false) throws -> String {
        let region = Self.countyName(0)
        let tableBlock = """
              - id: t1
                type: table
                caption: \(region)主要指标
                columns: [value, yoy, rank]
                unit: 亿元
                rows: [{figure: gdp, label: 地区生产总值}]

            """
        let text = """
            title: \(region)2023年统计摘要
            region: \(region)
            year: 2023
            data: [\(data.map { "{file: ../data/\($0)}" }.joined(separator: ", "))]
            figures: {gdp: {indicator: 地区生产总值}}
            blocks:
              - {id: h1, type: heading, level: 1, text: 综合}
              - {id: p1, type: paragraph, text: "2023年\(region)地区生产总值{{gdp.value}}，{{gdp.yoy.phrase}}，{{gdp.share.phrase}}，{{gdp.rank.phrase}}。"}
              - id: c1
                type: chart
                caption: \(region)地区生产总值
                chart: {type: bar, title: 地区生产总值, categories: periods, periods: [2022, 2023], series: [{indicator: 地区生产总值, unit: 亿元}]}

            """ + (table ? tableBlock : "")
        let path = root.appendingPathComponent("Reports/\(folder)/report.yaml").path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func out(_ name: String = "out") -> String { root.appendingPathComponent(name).path }

    /// `report DEFINITION -o OUT --each-region --regions 甲市/* ARGS`.
    func report(_ definition: String, _ out: String, _ args: [String] = []) throws -> ProcessResult {
        try CLI.run(
            ["report", definition, "-o", out, "--each-region", "--regions", "甲市/*"] + args, environment: Self.env)
    }

    // MARK: Reading what a run did

    /// The regions a run's log says it wrote.
    static func written(_ r: ProcessResult) -> [String] { written(r.stderr) }

    static func written(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains(" info wrote ") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("region=") }.map { String($0.dropFirst(7)) }
        }
    }

    struct Stamp: Hashable { var size: Int64; var mtime: Int64; var inode: UInt64 }

    /// Every file under `folder` (relative path → size, mtime in ns, inode); with `locks: false`, not
    /// the lock files (a run writes its pid into the lock file even when it has nothing to do).
    static func files(_ folder: String, locks: Bool = true) -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        let e = FileManager.default.enumerator(atPath: folder)
        while let rel = e?.nextObject() as? String {
            var st = stat()
            guard locks || !rel.hasSuffix(".lock"),
                stat(folder + "/" + rel, &st) == 0, st.st_mode & S_IFMT == S_IFREG
            else { continue }
            out[rel] = Stamp(
                size: Int64(st.st_size), mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                inode: UInt64(st.st_ino))
        }
        return out
    }

    /// The bytes of every report file under `folder` (not the manifests and lock files).
    static func reports(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for rel in files(folder).keys {
            let name = (rel as NSString).lastPathComponent
            guard !name.hasPrefix("."), !name.hasPrefix("countyreport-manifest") else { continue }
            out[rel] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + rel))
        }
        return out
    }

    static func temporaries(_ folder: String) -> [String] {
        files(folder).keys.filter { $0.hasSuffix(".tmp") }.sorted()
    }

    // MARK: Tests

    @Test func anUnchangedSecondRunWritesNothingAndSaysSoInOneLine() throws {
        try writeData(counties: 6)
        let def = try writeDefinition()
        let first = try report(def, out())
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Set(Self.written(first)) == Set((0..<6).map(Self.countyName)))
        #expect(first.stderr.contains(" info summary written=6 unchanged=0 failed=0 "))
        for line in first.stderr.split(separator: "\n") {
            #expect(
                line.range(
                    of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d) (debug|info|warning|error) "#,
                    options: .regularExpression) != nil, "not a log line: \(line)")
        }
        let before = Self.files(out(), locks: false)
        #expect(before.keys.contains("430101/report.pdf") && before.keys.contains("countyreport-manifest.json"))

        let started = Date()
        let second = try report(def, out())
        let seconds = Date().timeIntervalSince(started)
        #expect(second.status == 0)
        let lines = second.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("unchanged: 6 reports up to date"), "\(second.stderr)")
        #expect(Self.files(out(), locks: false) == before, "an unchanged run rewrote a file")
        print("unchanged rerun of 6 reports (debug build, whole process): \(Int(seconds * 1000)) ms")
    }

    /// A rebuilt tool (here: the same binary copied, so another modification time) rebuilds the
    /// reports; the same binary run again finds them unchanged.
    @Test func aRebuiltToolRebuildsTheReports() throws {
        try writeData(counties: 3)
        let def = try writeDefinition()
        #expect(try report(def, out()).status == 0)
        let copy = root.appendingPathComponent("bin/countyreport").path
        try FileManager.default.createDirectory(
            atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.executable, toPath: copy)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: copy)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in Self.env { env[k] = v }
        env["COUNTYREPORT_FONTS"] = Repository.path("Fonts")
        let args = ["report", def, "-o", out(), "--each-region", "--regions", "甲市/*"]
        let rebuilt = try runProcess(copy, args, environment: env, currentDirectory: Repository.root)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(Self.written(rebuilt).count == 3, "\(rebuilt.stderr)")
        let again = try runProcess(copy, args, environment: env, currentDirectory: Repository.root)
        #expect(Self.written(again).isEmpty && again.stderr.contains("unchanged"), "\(again.stderr)")
    }

    @Test func anOutputDeletedOrEditedIsRebuiltAndDryRunSaysWhy() throws {
        try writeData(counties: 4)
        let def = try writeDefinition()
        #expect(try report(def, out()).status == 0)
        try FileManager.default.removeItem(atPath: out() + "/430102/report.pdf")
        let edited = out() + "/430103/report.pdf"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: edited))
        bytes[bytes.count / 2] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: edited))

        let dry = try report(def, out(), ["--dry-run"])
        #expect(dry.status == 0)
        let plan = dry.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(plan.count == 4)
        #expect(plan.contains { $0[0] == "rebuild" && $0[1] == "430102" && $0[3].contains("missing") }, "\(dry.stdout)")
        #expect(
            plan.contains { $0[0] == "rebuild" && $0[1] == "430103" && $0[3].contains("changed since it was written") })
        #expect(plan.filter { $0[0] == "unchanged" }.count == 2)
        #expect(!FileManager.default.fileExists(atPath: out() + "/430102/report.pdf"), "a dry run writes nothing")

        let r = try report(def, out())
        #expect(r.status == 0)
        #expect(Set(Self.written(r)) == [Self.countyName(1), Self.countyName(2)], "\(r.stderr)")
        let forced = try report(def, out(), ["--force"])
        #expect(Self.written(forced).count == 4)
    }

    @Test func changingOneDataFileRebuildsExactlyTheReportsThatReadIt() throws {
        let a = try writeData("a.csv", counties: 4)
        try writeData("b.csv", counties: 5)
        try writeData("c.csv", counties: 4, indicator: "社会消费品零售总额")
        let defA = try writeDefinition("ra", data: ["a.csv"]), defB = try writeDefinition("rb", data: ["b.csv"])
        let defAB = try writeDefinition("rab", data: ["c.csv", "a.csv"])
        for (d, o) in [(defA, "outA"), (defB, "outB"), (defAB, "outAB")] { #expect(try report(d, out(o)).status == 0) }
        let bBefore = Self.files(out("outB"), locks: false)

        // A touch changes no content: nothing is rebuilt.
        #expect(utime(a, nil) == 0)
        for (d, o) in [(defA, "outA"), (defB, "outB"), (defAB, "outAB")] {
            let r = try report(d, out(o))
            #expect(Self.written(r).isEmpty && r.stderr.contains("unchanged:"), "\(o): \(r.stderr)")
        }
        // A changed figure: every report reading a.csv, and only those.
        try writeData("a.csv", counties: 4, shift: 1)
        let rA = try report(defA, out("outA")), rB = try report(defB, out("outB")),
            rAB = try report(defAB, out("outAB"))
        #expect(Self.written(rA).count == 4 && rA.stderr.contains("a.csv changed"), "\(rA.stderr)")
        #expect(Self.written(rAB).count == 4, "\(rAB.stderr)")
        #expect(Self.written(rB).isEmpty && rB.stderr.contains("unchanged: 5 reports"))
        #expect(Self.files(out("outB"), locks: false) == bBefore)
    }

    /// Starts `report` without waiting; its stdout and stderr go to files.
    func start(_ arguments: [String], log: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.executable)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(Self.env) { $1 }
        p.currentDirectoryURL = Repository.root
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        p.standardError = FileHandle(forWritingAtPath: log)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits until the lock file names a holder (the run has taken the lock), for as long as the run lives
    /// (up to a minute: a debug build on a loaded machine can take seconds to get there).
    func waitForHolder(_ lockFile: String, _ p: Process) throws -> String {
        for _ in 0..<6000 {
            if let text = try? String(contentsOfFile: lockFile, encoding: .utf8), text.hasPrefix("pid=") { return text }
            if !p.isRunning { break }
            usleep(10_000)
        }
        Issue.record("the first run never held the lock")
        return ""
    }

    @Test func twoConcurrentRunsOneRendersTheOtherExits75OrWaits() throws {
        try writeData(counties: 60)
        let def = try writeDefinition()
        let args = ["report", def, "-o", out(), "--each-region", "--regions", "甲市/*", "--jobs", "1"]
        #expect(try report(def, out(), ["--jobs", "2"]).status == 0)

        // Refused: exit 75 naming the holder's pid and start time; it writes nothing.
        let first = try start(args + ["--force"], log: out("first.log"))
        let holder = try waitForHolder(out() + "/.countyreport.lock", first)
        let refused = try CLI.run(args, environment: Self.env)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(refused.status == 75, "\(refused.stderr)")
        #expect(
            refused.stderr.contains("another run holds the lock (pid \(first.processIdentifier)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("started 20") && holder.contains("started=20"))
        #expect(Self.written(refused).isEmpty)
        let firstLog = try String(contentsOfFile: out("first.log"), encoding: .utf8)
        #expect(firstLog.contains("summary written=60 "), "\(firstLog)")

        // Waiting: the second run starts when the first is done, and finds nothing to do.
        let again = try start(args + ["--force"], log: out("again.log"))
        _ = try waitForHolder(out() + "/.countyreport.lock", again)
        let waited = try CLI.run(args + ["--wait", "120"], environment: Self.env)
        again.waitUntilExit()
        #expect(again.terminationStatus == 0)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.stderr.contains("unchanged: 60 reports"), "\(waited.stderr)")
        let lockText = (try? String(contentsOfFile: out() + "/.countyreport.lock", encoding: .utf8)) ?? ""
        #expect(lockText.isEmpty, "the lock file is emptied on release")
    }

    @Test func shardsTogetherWriteExactlyTheReportsOfOneFullRunByteForByte() throws {
        try writeData(counties: 12)
        let def = try writeDefinition()
        let full = try report(def, out("full"))
        #expect(full.status == 0)
        #expect(Self.written(full).count == 12)

        let shards = try (1...3).map { k in
            try start(
                [
                    "report", def, "-o", out("sharded"), "--each-region", "--regions", "甲市/*",
                    "--shard", "\(k)/3",
                ], log: out("shard-\(k).log"))
        }
        var all: [String] = []
        for (k, p) in shards.enumerated() {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            let log = try String(contentsOfFile: out("shard-\(k + 1).log"), encoding: .utf8)
            let mine = Self.written(log)
            #expect(!mine.isEmpty, "shard \(k + 1)/3 got no region")
            all += mine
        }
        #expect(all.count == 12 && Set(all).count == 12, "every region once: \(all)")
        let a = try Self.reports(out("full")), b = try Self.reports(out("sharded"))
        #expect(a.count == 12 && Set(a.keys) == Set(b.keys))
        for (path, bytes) in a { #expect(b[path] == bytes, "\(path) differs") }
        let manifests = try FileManager.default.contentsOfDirectory(atPath: out("sharded")).filter {
            $0.hasPrefix("countyreport-manifest")
        }
        #expect(manifests.sorted() == (1...3).map { "countyreport-manifest.shard-\($0)-of-3.json" })
        // The whole run reads the shards' manifests: nothing to do.
        let whole = try report(def, out("sharded"))
        #expect(whole.status == 0 && whole.stderr.contains("unchanged: 12 reports"), "\(whole.stderr)")
    }

    /// SIGKILL at a random moment of a forced run (20 reports with slides, 60 files committed in sets of
    /// three), 10 times: every output is still a complete version (the same bytes, as the inputs did not
    /// change; a PDF the killed run replaced passes `qpdf --check`), and the next run leaves no temporary
    /// file — neither the killed run's nor an older one of a writer long gone — and rebuilds nothing.
    @Test func aKilledRunLeavesThePreviousPDFsIntactAndTheNextRunNoTemporaryFile() throws {
        let counties = 20
        try writeData(counties: counties)
        let def = try writeDefinition(table: true)
        let slides = out("slides")
        #expect(try report(def, out(), ["--slides", slides, "--tables", "xlsx"]).status == 0)
        func outputs() throws -> [String: Data] {
            try Self.reports(out()).merging(try Self.reports(slides).mapKeys { "slides/" + $0 }) { a, _ in a }
        }
        func stamps() -> [String: Stamp] {
            Self.files(out()).merging(Self.files(slides).mapKeys { "slides/" + $0 }) { a, _ in a }
        }
        let original = try outputs()
        #expect(original.count == counties * 4)   // report.pdf, tables.xlsx, c1.png, slides.pdf
        let qpdf = which("qpdf")
        if let qpdf {
            for path in original.keys where path.hasSuffix(".pdf") {
                let full = path.hasPrefix("slides/") ? slides + "/" + path.dropFirst(7) : out() + "/" + path
                #expect(try runProcess(qpdf, ["--check", full]).status == 0, "\(path)")
            }
        }
        var rng = SystemRandomNumberGenerator()
        var killedMidRun = 0, leftTemporaries = 0, replacedBeforeTheKill = 0
        for round in 1...10 {
            let before = stamps()
            let p = try start(
                [
                    "report", def, "-o", out(), "--each-region", "--regions", "甲市/*", "--slides", slides,
                    "--tables", "xlsx", "--force", "--jobs", "2",
                ],
                log: out("killed.log"))
            usleep(UInt32.random(in: 50_000...700_000, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if p.terminationReason == .uncaughtSignal { killedMidRun += 1 }
            if !(Self.temporaries(out()) + Self.temporaries(slides)).isEmpty { leftTemporaries += 1 }
            #expect(try outputs() == original, "round \(round): an output is not a complete version")
            let replaced = stamps().filter { path, stamp in
                !path.hasSuffix(".tmp") && before[path].map { $0.inode != stamp.inode } ?? false
            }
            replacedBeforeTheKill += replaced.count
            if let qpdf {
                for path in replaced.keys where path.hasSuffix(".pdf") {
                    let full = path.hasPrefix("slides/") ? slides + "/" + path.dropFirst(7) : out() + "/" + path
                    let check = try runProcess(qpdf, ["--check", full])
                    #expect(check.status == 0, "round \(round): \(path): \(check.stdout)")
                }
            }
            if round == 1 {
                // What a writer killed on another occasion left (its pid is gone): removed by the next run too.
                var dead: Int32 = 4_000_000
                while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
                try Data("partial".utf8).write(
                    to: URL(fileURLWithPath: out() + "/430101/.report.pdf.countyreport-\(dead)-0123456789abcdef.tmp"))
                try Data("partial".utf8).write(
                    to: URL(fileURLWithPath: slides + "/430101/.c1.png.countyreport-\(dead)-0123456789abcdef.tmp"))
            }
            let next = try report(def, out(), ["--slides", slides, "--tables", "xlsx"])
            #expect(next.status == 0, "round \(round): \(next.stderr)")
            #expect(!next.stderr.contains("warning"), "round \(round): \(next.stderr)")
            #expect(
                Self.temporaries(out()).isEmpty && Self.temporaries(slides).isEmpty,
                "round \(round): temporary files remain")
            #expect(
                Self.written(next).isEmpty,
                "round \(round): what the killed run committed is identical, so nothing is rebuilt")
        }
        #expect(killedMidRun >= 5, "most kills should land while the run writes (\(killedMidRun) of 10 did)")
        print(
            "kill test: 10 SIGKILLs, \(killedMidRun) mid-run, \(leftTemporaries) left temporary files, \(replacedBeforeTheKill) files replaced "
                + "before a kill; every output a complete version, no temporary file after the next run")
    }

    /// `--tables xlsx` with `--each-region`: each region's workbook beside its PDF, with its own figures, part of
    /// the report's set: recorded in the manifest (a deleted workbook rebuilds that report alone), and a run
    /// that cannot build leaves the old PDF and workbook as they were.
    @Test func eachRegionsTablesAreAWorkbookInTheReportsSet() throws {
        try writeData(counties: 3)
        let def = try writeDefinition(table: true)
        let first = try report(def, out(), ["--tables", "xlsx"])
        #expect(first.status == 0, "\(first.stderr)")
        for i in 0..<3 {
            let path = out() + "/\(Self.code(i))/tables.xlsx"
            let book = try XLSXBook(path: path)
            #expect(book.sheetNames == ["表1 \(Self.countyName(i))主要指标"])
            var rows: [[Int: String]] = []
            try book.readRows(ofSheet: 0, sheetFile: path) { row in
                rows.append(Dictionary(uniqueKeysWithValues: (0..<row.count).map { (row.column($0), row.text($0)) }))
            }
            #expect(rows.first == [1: "指标", 2: "2023年（亿元）", 3: "比上年增长（%）", 4: "全市位次"])
            // The county's 2023 value (53.25 + 3i) and its stated growth (4.1 + i); ranks among three: 3, 2, 1.
            #expect(rows.dropFirst().first == [1: "地区生产总值", 2: "\(53 + i * 3).25", 3: "\(4 + i).1", 4: "\(3 - i)"])
            #expect(rows.last?[1] == "资料来源：d.csv")
        }
        #expect(Self.written(try report(def, out(), ["--tables", "xlsx"])).isEmpty, "an unchanged run writes nothing")
        // The same inputs and SOURCE_DATE_EPOCH give the same workbook bytes, a second later too (its creation time
        // is the epoch's), so a rebuilt report's set is byte-identical.
        let workbookBytes = try Data(contentsOf: URL(fileURLWithPath: out() + "/430101/tables.xlsx"))
        usleep(1_100_000)
        #expect(try report(def, out(), ["--tables", "xlsx", "--force"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out() + "/430101/tables.xlsx")) == workbookBytes)
        try FileManager.default.removeItem(atPath: out() + "/430102/tables.xlsx")
        let again = try report(def, out(), ["--tables", "xlsx"])
        #expect(Self.written(again) == [Self.countyName(1)], "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: out() + "/430102/tables.xlsx"))

        // Bad data: nothing is built, the old files stay as they were, no temporary file is left.
        let before = try Self.reports(out())
        try writeData(counties: 3, indicator: "工业增加值")   // the figure the definition asks for is gone
        let failed = try report(def, out(), ["--tables", "xlsx", "--force"])
        #expect(failed.status != 0)
        #expect(try Self.reports(out()) == before)
        #expect(Self.temporaries(out()).isEmpty)
    }

    @Test func oneRegionsFailureIsReportedAndDoesNotStopTheOthers() throws {
        let r = try CLI.run(
            ["report", "Reports/xinshao-2023/report.yaml", "-o", out(), "--each-region", "--regions", "邵阳市/*"],
            environment: Self.env)
        #expect(r.status == 69, "\(r.stderr)")
        #expect(Self.written(r) == ["新邵县"])
        let failures = r.stderr.split(separator: "\n").filter { $0.contains(" error ") && !$0.contains(" summary ") }
        let failedRegions = Set(failures.compactMap { $0.split(separator: " ").last.map(String.init) })
        #expect(failedRegions.count == 8 && failedRegions.allSatisfy { $0.hasPrefix("region=") }, "\(r.stderr)")
        #expect(r.stderr.contains("error summary written=1 unchanged=0 failed=8 "))
        #expect(FileManager.default.fileExists(atPath: out() + "/430522/report.pdf"))
        let title = try runProcess(try #require(which("pdfinfo")), [out() + "/430522/report.pdf"]).stdout
        #expect(title.contains("新邵县2023年"))
    }

    @Test func aSiblingsReportNamesTheSibling() throws {
        try writeData(counties: 3)
        let def = try writeDefinition()
        #expect(try report(def, out()).status == 0)
        let text = try runProcess(try #require(which("pdftotext")), [out() + "/430102/report.pdf", "-"]).stdout
        let sibling = Self.countyName(1), original = Self.countyName(0)
        #expect(text.contains("\(sibling)2023年统计摘要") && text.contains("2023年\(sibling)地区生产总值"))
        #expect(!text.contains(original), "the report of \(sibling) names \(original): \(text)")
    }

    @Test func logsAsJSONLinesToAFileAndQuietStaysQuiet() throws {
        try writeData(counties: 3)
        let def = try writeDefinition()
        let log = out("run.log")
        let r = try report(def, out(), ["--log-format", "json", "--log", log, "--quiet"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            #expect(object?["time"] != nil && object?["level"] != nil && object?["message"] != nil, "\(line)")
        }
        #expect(lines.filter { $0.contains(#""message":"wrote""#) && $0.contains(#""region":""#) }.count == 3)
    }

    @Test func helpListsTheExitCodes() throws {
        let help = try CLI.run(["report", "--help"]).stdout
        for code in ["0", "64", "65", "66", "69", "70", "73", "75"] {
            #expect(
                help.range(of: "\n *\(code)  ", options: .regularExpression) != nil,
                "exit code \(code) is not in --help")
        }
        for flag in [
            "--force", "--dry-run", "--wait", "--each-region", "--regions", "--shard", "--jobs", "--log",
            "--log-format", "--quiet", "--verbose",
        ] {
            #expect(help.contains(flag))
        }
    }

    @Test func badArgumentsAreUsageErrors() throws {
        try writeData(counties: 2)
        let def = try writeDefinition()
        for args in [["--shard", "4/3"], ["--shard", "x"], ["--regions", "乙市/*"], ["--regions", "没有县"]] {
            let r = try report(def, out(), args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count <= 3, "\(args): \(r.stderr)")
        }
        let noRegion = try CLI.run(["report", def, "-o", out(), "--each-region"])
        #expect(noRegion.status == 64 && noRegion.stderr.contains("--regions '甲市/*'"), "\(noRegion.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out()), "a refused run creates no folder")
    }

    /// Shards 1…N of the 邵阳 sample regions take each region once, for N = 1…8 (through --dry-run).
    @Test func shardsOfTheSampleTakeEveryRegionOnce() throws {
        let args = [
            "report", "Reports/xinshao-2023/report.yaml", "-o", out(), "--each-region", "--regions", "邵阳市/*",
            "--dry-run",
        ]
        let all = try CLI.run(args).stdout.split(separator: "\n").map { $0.split(separator: "\t")[1] }
        #expect(all.count == 9)
        for n in 1...8 {
            var taken: [Substring] = []
            for k in 1...n {
                taken += try CLI.run(args + ["--shard", "\(k)/\(n)"]).stdout.split(separator: "\n").map {
                    $0.split(separator: "\t")[1]
                }
            }
            #expect(taken.sorted() == all.sorted(), "N = \(n)")
        }
    }
}

extension Dictionary where Key == String {
    fileprivate func mapKeys(_ f: (String) -> String) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: map { (f($0.key), $0.value) })
    }
}
