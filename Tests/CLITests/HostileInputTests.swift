import CountyTestSupport
import Foundation
import Specs
import Testing

/// Issue 16: hostile, huge and careless input gives a clear error and the README's exit code — never a
/// signal, a hang or a silently replaced file. Every run here is under `timeout`, so a hang fails
/// (exit 124) instead of stopping the suite.
@Suite(.serialized) struct HostileInputTests {
    let dir = Repository.temporaryDirectory("hostile")

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try runProcess("/usr/bin/timeout", ["20", CLI.executable] + arguments, currentDirectory: Repository.root)
    }

    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    func fifo(_ name: String) -> String {
        #expect(mkfifo(path(name), 0o600) == 0)
        return path(name)
    }

    // MARK: Crashes

    @Test func decimalsOutOfRangeOnTheCommandLineIsAUsageError() throws {
        for d in ["-1", "7", "9223372036854775807"] {
            let r = try run(chartArguments(path("d.png"), ["--decimals=\(d)"]))
            #expect(r.status == 64, "--decimals=\(d): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("--decimals must be between 0 and 6"), "\(r.stderr)")
        }
    }

    @Test func pixelBudgetIsCheckedBeforeDrawing() throws {
        for (size, scale) in [("4095x4095", "8"), ("16000x16000", "8")] {
            let r = try run(chartArguments(path("p.png"), ["--size", size, "--scale", scale]))
            #expect(r.status == 64, "\(size)@\(scale): \(r.status) \(r.stderr)")
            #expect(
                r.stderr.contains("more than the maximum 100000000") && r.stderr.contains("--max-pixels"), "\(r.stderr)"
            )
        }
        #expect(!FileManager.default.fileExists(atPath: path("p.png")))
        // The budget can be lowered (and so raised) by the flag.
        let small = try run(chartArguments(path("q.png"), ["--size", "1600x900", "--max-pixels", "1000000"]))
        #expect(small.status == 64 && small.stderr.contains("maximum 1000000"), "\(small.stderr)")
        let ok = try run(chartArguments(path("q.png"), ["--size", "800x450", "--max-pixels", "1000000"]))
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func aYAMLAliasBombIsRefusedBeforeItIsExpanded() throws {
        var lines = ["  a0: &a0 [\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",\"1\"]"]
        for i in 1..<9 {
            lines.append("  a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]")
        }
        let spec = try write(
            "bomb.yaml",
            "categories: &c\n"
                + lines.joined(separator: "\n").replacingOccurrences(of: "  a0:", with: "  - a0:")
                .replacingOccurrences(of: "\n  a", with: "\n  - a")
                + "\ntype: bar\ntitle: T\nseries:\n  - {name: x, values: *a8}\n")
        let r = try run(["chart", spec, "-o", path("b.png")])
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("bomb.yaml:") && r.stderr.contains("expands to more than"), "\(r.stderr)")
        // A mapping for extract is read the same way (it used to expand every alias, and hang).
        let mapping = try write(
            "map.yaml", "region: 新邵县\nx:\n" + lines.joined(separator: "\n") + "\nindicators:\n  - {id: a, match: *a8}\n"
        )
        let text = try write("t.txt", "新邵县2023年地区生产总值100亿元。\n")
        let m = try run(["extract", text, "--mapping", mapping])
        #expect(
            m.status == 65 && m.stderr.contains("map.yaml:") && m.stderr.contains("expands to more than"),
            "\(m.status) \(m.stderr)")
    }

    /// A file whose every row conflicts with the first: the first 1,000 conflicts listed, the last one
    /// counting the rest, and the totals counting every one (a 90 MB such file took 1.7 GB).
    @Test func checkListsTheFirstThousandProblemsOfAKindAndCountsTheRest() throws {
        let rows = (0..<5_000).map { "新邵县,地区生产总值,2023,\($0 + 1)" }
        let data = try write("conflicts.csv", "地区,指标,年份,数值\n" + rows.joined(separator: "\n") + "\n")
        let r = try run(["check", data])
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1_002, "\(lines.count)")   // the summary, 1,000 problems, the totals
        #expect(lines[1_000].hasSuffix("(and 3999 more errors after it, not listed: Limits.problemsListed)"), "\(lines[1_000])")
        #expect(lines.last == "4999 errors, 0 warnings")
    }

    @Test func aSpecLargerThanTheLimitIsRefused() throws {
        let big =
            "type: bar\ntitle: T\ncategories: [a]\nseries:\n  - {name: x, values: [1]}\n"
            + String(repeating: "# padding\n", count: 500_000)
        let r = try run(["chart", try write("big.yaml", big), "-o", path("b.png")])
        #expect(r.status == 65 && r.stderr.contains("a spec may have at most 4194304"), "\(r.status) \(r.stderr)")
    }

    @Test func aFileLargerThanTheMemoryAllowedIsAnErrorNotAnAbort() throws {
        // A sparse 3 GB file under a 1 GB address-space limit: allocating it would abort the process.
        // Its first 64 KiB are text, so it is not refused as binary first.
        let big = try write("big.csv", String(repeating: "地区,指标,2023\n", count: 5000))
        #expect(truncate(big, 3 << 30) == 0)
        let r = try runProcess(
            "/usr/bin/prlimit", ["--as=1000000000", "/usr/bin/timeout", "20", CLI.executable, "check", big],
            currentDirectory: Repository.root)
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect((r.stdout + r.stderr).contains("big.csv: the file is 3.0 GB, too large to load"), "\(r.stdout)")
        unlink(big)
    }

    @Test func aTextOrATableReadInPiecesIsNotWeighedAgainstMemoryByItsSize() throws {
        // A sparse 3 GB text and table under a 1 GB address-space limit: extract reads a text a few blocks at a
        // time and chart --data a table row by row, so neither is refused as too large to load (as a
        // dataset still is, above): both read on to where the zeros start.
        let text = try write("big.txt", String(repeating: "新邵县地区生产总值100亿元。\n", count: 5000))
        let table = try write("big-table.csv", "地区,值\n" + (1...100).map { "地区\($0),\($0)\n" }.joined())
        defer { unlink(text); unlink(table) }
        for (file, args, place) in [
            (text, ["extract", "--format", "csv", text], "big.txt:5001:1"),
            (
                table, ["chart", "--data", table, "--x", "地区", "--y", "值", "--title", "T", "-o", path("t.svg")],
                "big-table.csv:102:1"
            ),
        ] {
            #expect(truncate(file, 3 << 30) == 0)
            let r = try runProcess(
                "/usr/bin/prlimit", ["--as=1000000000", "/usr/bin/timeout", "20", CLI.executable] + args,
                currentDirectory: Repository.root)
            #expect(r.status == 65, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("\(place): the file holds a NUL byte"), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("too large to load"), "\(r.stderr)")
        }
    }

    @Test func aHugeFileThatIsNotTextIsRefusedAtItsFirstNULByte() throws {
        // A sparse 7 GB file of NUL bytes: refused from its first bytes (it was read whole, 7.2 GB and 16 s, or
        // refused as too large to load), whatever memory the process may use.
        let big = path("zeros.csv")
        _ = FileManager.default.createFile(atPath: big, contents: Data("地区,指标\n新邵县,".utf8))
        #expect(truncate(big, 7 << 30) == 0)
        defer { unlink(big) }
        for args in [["check", big], ["metrics", big], chartArguments(path("z.png"), ["--data", big])] {
            let r = try runProcess(
                "/usr/bin/prlimit", ["--as=1000000000", "/usr/bin/timeout", "20", CLI.executable] + args,
                currentDirectory: Repository.root)
            #expect(r.status == 65, "\(args): \(r.status) \(r.stderr)")
            #expect(
                (r.stdout + r.stderr).contains(
                    "zeros.csv:2:5: the file holds a NUL byte: it is binary or UTF-16, not text"),
                "\(args): \(r.stdout) \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: path("z.png")))
    }

    @Test func aSpecSavedInGB18030IsNamedWithTheLineAndColumnOfItsFirstBadByte() throws {
        // 新邵县 in GBK/GB18030, as a Windows editor saves it: line 2, after the 7 characters of "title: ".
        var bytes = Array("type: bar\ntitle: ".utf8) + [0xD0, 0xC2, 0xC9, 0xDB, 0xCF, 0xD8]
        bytes += Array("\ncategories: [a]\nseries:\n  - {name: x, values: [1]}\n".utf8)
        let spec = path("gbk.yaml")
        try Data(bytes).write(to: URL(fileURLWithPath: spec))
        let text = try write("t.txt", "新邵县2023年地区生产总值100亿元。\n")
        for args in [
            ["chart", spec, "-o", path("g.png")], ["report", spec, "-o", path("g")],
            ["extract", text, "--mapping", spec],
        ] {
            let r = try run(args)
            #expect(r.status == 65, "\(args): \(r.status) \(r.stderr)")
            let lines = r.stderr.split(separator: "\n").filter { $0.contains("gbk.yaml") }
            #expect(lines.count == 1, "\(args): \(r.stderr)")
            #expect(
                lines.first?.contains(
                    "gbk.yaml:2:8: the file is not valid UTF-8 (byte 0xD0 at offset 17); it looks like GB18030 (GBK); save it as UTF-8"
                ) == true,
                "\(args): \(r.stderr)")
        }
    }

    @Test func aTitleOrSeriesNameTooLongForAnyChartIsRefusedNamingItsKey() throws {
        let long = String(repeating: "地", count: 58_000)
        for (key, yaml) in [
            ("title", "type: bar\ntitle: \(long)\ncategories: [a, b]\nseries:\n  - {name: x, values: [1, 2]}\n"),
            (
                "series[1].name",
                "type: bar\ntitle: T\ncategories: [a, b]\nseries:\n  - {name: x, values: [1, 2]}\n  - {name: \(long), values: [2, 1]}\n"
            ),
        ] {
            let r = try run(["chart", try write("long.yaml", yaml), "-o", path("l.png")])
            #expect(r.status == 65, "\(key): \(r.status) \(r.stderr)")
            #expect(
                r.stderr.contains("the chart's \(key) is 58000 characters long; a chart lays out at most 1000"),
                "\(key): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path("l.png")))
        }
    }

    @Test func aTableWithMoreCategoriesThanFitIsRefusedWhereTheyPassTheLimit() throws {
        // 60,000 rows, the last not a number: the chart refuses the row after the last that fits, where it
        // stands, and reads no further (it used to keep every bar — 1.55× a 966 MB file — and report the
        // last row's value first).
        func table(_ n: Int, last: String) -> String {
            "地区,值\n" + (1..<n).map { "地区\($0),\($0).5\n" }.joined() + "地区\(n),\(last)\n"
        }
        func chart(_ name: String, _ text: String) throws -> ProcessResult {
            let csv = try write(name, text)
            defer { unlink(csv) }
            return try run(["chart", "--data", csv, "--x", "地区", "--y", "值", "--title", "T", "-o", path("m.svg")])
        }
        let r = try chart("many.csv", table(60_000, last: "not a number"))
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        // At 1600×900 px, 138 fit: line 140 holds the 139th.
        #expect(
            r.stderr == "countyreport: error: \(path("many.csv")):140: the chart has more than 138 categories "
                + "(the table was read no further); at most 138 can be drawn legibly at this size "
                + "(a larger --size, or fewer categories)\n", "\(r.stderr)")
        // As many as fit are drawn; one more is refused at its line.
        #expect(try chart("fits.csv", table(138, last: "1")).status == 0)
        let over = try chart("over.csv", table(139, last: "1"))
        #expect(over.status == 65 && over.stderr.contains("over.csv:140: the chart has more than 138"), "\(over.stderr)")
    }

    // MARK: Hangs: a named pipe (or any non-regular file) as an input

    @Test func aNamedPipeAsAnyInputIsRefusedWithoutBlocking() throws {
        let pipe = fifo("pipe.csv")
        let text = try write("t.txt", "新邵县2023年地区生产总值100亿元。\n")
        let spec = try write(
            "s.yaml",
            "type: bar\ntitle: T\ndata: pipe.csv\ncategories: regions\nregions: [新邵县]\nperiod: 2023\nseries:\n  - {indicator: 地区生产总值, unit: 亿元}\n"
        )
        let runs: [[String]] = [
            ["check", pipe], ["metrics", pipe], ["extract", pipe], ["extract", text, "--mapping", pipe],
            ["chart", pipe, "-o", path("x.png")], ["chart", spec, "-o", path("x.png")],
            chartArguments(path("x.png"), ["--data", pipe]), ["report", pipe, "-o", path("out")],
        ]
        for args in runs {
            let r = try run(args)
            #expect(r.status == 66, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("a named pipe, not a file"), "\(args): \(r.stderr)")
        }
    }

    @Test func aFolderOrADeviceAsInputIsMissingInput() throws {
        for input in [dir.path, "/dev/null"] {
            for args in [["check", input], ["extract", input], chartArguments(path("x.png"), ["--data", input])] {
                let r = try run(args)
                #expect(r.status == 66, "\(args): \(r.status) \(r.stderr)")
            }
        }
    }

    @Test func aMissingMappingIsMissingInput() throws {
        let text = try write("t.txt", "新邵县2023年地区生产总值100亿元。\n")
        let r = try run(["extract", text, "--mapping", path("none.yaml")])
        #expect(r.status == 66 && r.stderr.contains("none.yaml: no such file"), "\(r.status) \(r.stderr)")
    }

    // MARK: Exit codes and messages of the chart flags

    @Test func scaleAndSizeMessagesSayWhatIsAllowed() throws {
        let zero = try run(chartArguments(path("s.png"), ["--scale", "0"]))
        #expect(zero.status == 64 && zero.stderr.contains("more than 0 and at most 8"), "\(zero.stderr)")
        let tiny = try run(chartArguments(path("s.png"), ["--scale", "1e-300"]))
        #expect(tiny.status == 64 && tiny.stderr.contains("less than one pixel"), "\(tiny.status) \(tiny.stderr)")
        let negative = try run(chartArguments(path("s.png"), ["--size", "-5x10"]))
        #expect(
            negative.status == 64 && negative.stderr.contains("'-5x10' is invalid")
                && negative.stderr.contains("16 to 16000"),
            "\(negative.stderr)")
    }

    // MARK: Silent data loss

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let data = path("data.svg")
        try FileManager.default.copyItem(atPath: Repository.root.appendingPathComponent(sampleCSV).path, toPath: data)
        let before = try Data(contentsOf: URL(fileURLWithPath: data))
        let r = try run(chartArguments(data, ["--data", data]))
        #expect(r.status == 64 && r.stderr.contains("it is also an input"), "\(r.status) \(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: data)) == before)
        // A spec whose data: is the output.
        try FileManager.default.copyItem(
            atPath: Repository.root.appendingPathComponent("Reports/data/shaoyang-counties.csv").path,
            toPath: path("d.pdf"))
        let spec = try write(
            "s.yaml",
            "type: bar\ntitle: T\ndata: d.pdf\ncategories: regions\nregions: [邵东市]\nperiod: 2020\nseries:\n  - {indicator: 地区生产总值, unit: 亿元}\n"
        )
        let kept = try Data(contentsOf: URL(fileURLWithPath: path("d.pdf")))
        let s = try run(["chart", spec, "-o", path("d.pdf")])
        #expect(s.status == 64 && s.stderr.contains("it is also an input"), "\(s.status) \(s.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("d.pdf"))) == kept)
    }

    @Test func staleTemporaryFilesOfAKilledRunAreRemoved() throws {
        // pid 999999 is above any pid_max default: its writer is gone.
        let stale = path(".c.png.countyreport-999999-0123456789abcdef.tmp")
        let other = path(".c.png.tmp")
        _ = FileManager.default.createFile(atPath: stale, contents: Data(count: 1000))
        _ = FileManager.default.createFile(atPath: other, contents: Data(count: 10))
        let r = try run(chartArguments(path("c.png")))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: other), "a file not of our naming is left alone")
    }

    @Test func overwritingKeepsTheOldFilesMode() throws {
        let out = path("m.png")
        #expect(try run(chartArguments(out)).status == 0)
        #expect(chmod(out, 0o640) == 0)
        #expect(try run(chartArguments(out)).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }
}

/// Issue 16: `extract` on a long sentence without a full stop — each row quotes a bounded excerpt, the
/// JSON array is written as it goes, and the output grows with the figures, not figures × sentence.
@Suite struct ExtractLongSentenceTests {
    @Test func rowsQuoteABoundedExcerptAndTheJSONIsWhole() throws {
        let dir = Repository.temporaryDirectory("extract-long")
        let file = dir.appendingPathComponent("long.txt").path
        try (String(repeating: "新邵县地区生产总值100亿元，", count: 2000) + "。\n").write(
            toFile: file, atomically: true, encoding: .utf8)
        let csv = try CLI.run(["extract", file, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 2001)
        // 2,000 figures × the 30,000-character sentence would be 100 MB; each row is under 1 KB.
        #expect(lines.allSatisfy { $0.utf8.count < 1000 }, "longest row \(lines.map(\.utf8.count).max() ?? 0) bytes")
        #expect(
            lines[1000].contains("，新邵县地区生产总值100亿元") && lines[1000].contains("…,") && lines[1000].contains(",0,30001,"),
            "\(lines[1000])")
        let json = try CLI.run(["extract", file])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2000)
        #expect(rows.allSatisfy { ($0["sentence"] as? String).map { $0.count <= 202 } ?? false })
        #expect(rows[5]["start"] as? Int == 0 && rows[5]["end"] as? Int == 30001)
        // A short sentence is quoted whole.
        let short = dir.appendingPathComponent("short.txt").path
        try "新邵县2023年地区生产总值100亿元。\n".write(toFile: short, atomically: true, encoding: .utf8)
        let one = try #require(
            try JSONSerialization.jsonObject(with: Data(try CLI.run(["extract", short]).stdout.utf8))
                as? [[String: Any]])
        #expect(one.first?["sentence"] as? String == "新邵县2023年地区生产总值100亿元。")
    }
}

/// Issue 16: a spec's `data:` is resolved against the spec's own folder and may not lead outside the spec's
/// project (the nearest folder holding .git or .countyreport, else the spec folder's parent) unless
/// `--allow-outside-data` says so.
@Suite(.serialized) struct SpecDataConfinementTests {
    let root = Repository.temporaryDirectory("confine")
    let spec = "type: bar\ntitle: T\ndata: DATA\ncategories: regions\nregions: [甲]\nperiod: 2023\nseries:\n  - {indicator: 值}\n"

    /// project/.countyreport, project/specs/s.yaml, project/data/d.csv and outside.csv beside project/.
    func layout(data: String) throws -> (spec: String, project: String) {
        let project = root.appendingPathComponent("project")
        for folder in ["specs", "data"] {
            try FileManager.default.createDirectory(
                at: project.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let csv = "地区,指标,时期,数值\n甲,值,2023,1\n"
        try Data().write(to: project.appendingPathComponent(".countyreport"))
        try Data(csv.utf8).write(to: project.appendingPathComponent("data/d.csv"))
        try Data(csv.utf8).write(to: root.appendingPathComponent("outside.csv"))
        let path = project.appendingPathComponent("specs/s.yaml").path
        try Data(spec.replacingOccurrences(of: "DATA", with: data).utf8).write(to: URL(fileURLWithPath: path))
        return (path, project.path)
    }

    @Test func dataInsideTheProjectIsRead() throws {
        let (path, project) = try layout(data: "../data/d.csv")
        #expect(try ChartSpec.load(path: path).data == project + "/data/d.csv")
        #expect(ChartSpec.project(of: (path as NSString).deletingLastPathComponent) == project)
    }

    @Test(arguments: ["../../outside.csv", "/etc/passwd", "../../../../../../../../etc/passwd"])
    func dataOutsideTheProjectIsRefusedUnlessAllowed(_ data: String) throws {
        let (path, project) = try layout(data: data)
        #expect {
            _ = try ChartSpec.load(path: path)
        } throws: { error in
            "\(error)".contains("s.yaml:3:") && "\(error)".contains("leads outside the spec's project \(project)")
        }
        #expect(try ChartSpec.load(path: path, within: .anywhere).data != nil)
    }

    /// Without a marker above it, a spec's project is its folder's parent.
    @Test func withoutAMarkerTheProjectIsTheSpecFoldersParent() throws {
        let folder = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(ChartSpec.project(of: folder.path) == root.appendingPathComponent("a").path)
    }

    /// The issue's case: a spec run from its own folder (`./` then `../../data/…`) finds its data, as it
    /// does from the repository's root or from Reports/.
    @Test func aSpecFindsItsDataFromAnyWorkingFolder() throws {
        let out = root.appendingPathComponent("w.svg").path
        for (folder, spec) in [
            ("Reports/examples/charts", "bar.yaml"), ("Reports", "examples/charts/bar.yaml"),
            ("", "Reports/examples/charts/bar.yaml"), ("Reports/examples/charts", "./bar.yaml"),
        ] {
            let r = try runProcess(
                CLI.executable, ["chart", spec, "-o", out],
                currentDirectory: Repository.root.appendingPathComponent(folder))
            #expect(r.status == 0, "\(folder) \(spec): \(r.stderr)")
        }
        #expect(ChartSpec.resolve("../../data/x.csv", against: "/a/b/./c") == "/a/data/x.csv")
        #expect(ChartSpec.resolve("/x/../../y//z/.", against: "/q") == "/y/z")
    }

    @Test func theCommandRefusesItWithExit65AndReadsItWhenAllowed() throws {
        let (path, _) = try layout(data: "../../outside.csv")
        let out = root.appendingPathComponent("c.svg").path
        let refused = try CLI.run(["chart", path, "-o", out])
        #expect(refused.status == 65 && refused.stderr.contains("leads outside the spec's project"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let allowed = try CLI.run(["chart", path, "-o", out, "--allow-outside-data"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(FileManager.default.fileExists(atPath: out))
    }
}
