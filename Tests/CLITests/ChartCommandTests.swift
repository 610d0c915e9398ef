import CairoCanvas
import CountyImageTestSupport
import CountyTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

let sampleCSV = "Reports/sample/gdp-2020.csv"
let sampleTitle = "2020年邵阳市部分县市区地区生产总值"

func chartArguments(_ output: String, _ extra: [String] = []) -> [String] {
    [
        "chart", "--data", sampleCSV, "--x", "地区", "--y", "地区生产总值（亿元）", "--title", sampleTitle,
        "--source", "各县市区统计公报", "-o", output,
    ] + extra
}

@Suite(.serialized) struct ChartCommandTests {
    let dir = Repository.temporaryDirectory("cli")

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @Test func pngHasRequestedSizeAndScale() throws {
        let r = try CLI.run(chartArguments(path("a.png"), ["--size", "1600x900"]))
        #expect(r.status == 0, "\(r.stderr)")
        let a = try Bitmap(png: Data(contentsOf: URL(fileURLWithPath: path("a.png"))))
        #expect(a.width == 1600 && a.height == 900)
        let r2 = try CLI.run(chartArguments(path("b.png"), ["--size", "1600x900", "--scale", "2"]))
        #expect(r2.status == 0, "\(r2.stderr)")
        let b = try Bitmap(png: Data(contentsOf: URL(fileURLWithPath: path("b.png"))))
        #expect(b.width == 3200 && b.height == 1800)
        // Same layout: the bar colour covers four times the pixels.
        let bar: UInt32 = 0xFF1F_5FA8
        let ratio = Double(count(bar, in: b)) / Double(count(bar, in: a))
        #expect(abs(ratio - 4) < 0.05)
    }

    @Test func pdfEmbedsTheBundledFontAsSubsetAndKeepsText() throws {
        let out = path("chart.pdf")
        let r = try CLI.run(chartArguments(out))
        #expect(r.status == 0, "\(r.stderr)")
        let fonts = try runProcess("/usr/bin/pdffonts", [out]).stdout
        let rows = fonts.split(separator: "\n").filter { $0.contains("NotoSansCJKsc") }
        #expect(rows.count >= 1)
        for row in rows {
            let cols = row.split(separator: " ", omittingEmptySubsequences: true)
            // name type... emb sub uni: the three yes columns before the object id.
            #expect(cols.suffix(5).prefix(3) == ["yes", "yes", "yes"], "\(row)")
        }
        let text = try runProcess("/usr/bin/pdftotext", [out, "-"]).stdout
        for s in [sampleTitle, "单位：亿元", "邵东市", "隆回县", "双清区", "新邵县", "616.74", "233.01", "资料来源：各县市区统计公报"] {
            #expect(text.contains(s), "pdftotext lacks \(s)")
        }
        let size = try FileManager.default.attributesOfItem(atPath: out)[.size] as! Int
        #expect(size < 20_000)
    }

    @Test func sameSourceDateEpochGivesIdenticalBytes() throws {
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        for ext in ["pdf", "png"] {
            _ = try CLI.run(chartArguments(path("1.\(ext)")), environment: env)
            _ = try CLI.run(chartArguments(path("2.\(ext)")), environment: env)
            let a = try Data(contentsOf: URL(fileURLWithPath: path("1.\(ext)")))
            let b = try Data(contentsOf: URL(fileURLWithPath: path("2.\(ext)")))
            #expect(!a.isEmpty && a == b, "\(ext) differs between runs")
        }
        let info = try runProcess("/usr/bin/pdfinfo", [path("1.pdf")]).stdout
        #expect(info.contains("2023"))
    }

    @Test func systemFontsDoNotMatter() throws {
        let empty = path("empty-fonts.conf")
        try "<?xml version=\"1.0\"?><fontconfig></fontconfig>\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let r1 = try CLI.run(chartArguments(path("sys.png")))
        let r2 = try CLI.run(chartArguments(path("nosys.png")), environment: ["FONTCONFIG_FILE": empty])
        #expect(r1.status == 0 && r2.status == 0, "\(r2.stderr)")
        let a = try Bitmap(png: Data(contentsOf: URL(fileURLWithPath: path("sys.png"))))
        let b = try Bitmap(png: Data(contentsOf: URL(fileURLWithPath: path("nosys.png"))))
        #expect(rmsDifference(a, b) == 0)
        #expect(!r2.stderr.contains("lack"))
    }

    @Test func unwritableOutputFailsCleanly() throws {
        let blocker = path("not-a-folder")
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        let target = blocker + "/chart.png"
        let r = try CLI.run(chartArguments(target))
        #expect(r.status == 73)
        #expect(r.stderr.contains("cannot write") && r.stderr.contains("chart.png"))
        #expect(!FileManager.default.fileExists(atPath: target))
        let missingDir = path("no/such/folder/chart.pdf")
        let r2 = try CLI.run(chartArguments(missingDir))
        #expect(r2.status == 73 && r2.stderr.contains("does not exist"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func badInputKeepsTheOldOutput() throws {
        let out = path("keep.png")
        try Data("old report".utf8).write(to: URL(fileURLWithPath: out))
        let csv = path("bad.csv")
        try "地区,地区生产总值（亿元）\n新邵县,166.86\n隆回县,约二百\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try CLI.run(["chart", "--data", csv, "--x", "地区", "--y", "地区生产总值（亿元）", "--title", "测试", "-o", out])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.csv:3:5") && r.stderr.contains("约二百"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old report")
    }

    /// Issue 16: `--data` is read as the loader reads a data file, in order and checked as it is read:
    /// a GB18030 copy draws the chart of the UTF-8 file, and a byte that is neither is named by line and column.
    @Test func chartDataInGB18030DrawsTheSameAndABadByteIsNamed() throws {
        let text = "地区,地区生产总值（亿元）\n新邵县,166.86\n隆回县,233.01\n"
        let utf8 = path("u.csv"), gb = path("g.csv"), bad = path("late.csv")
        try text.write(toFile: utf8, atomically: true, encoding: .utf8)
        let cd = iconv_open("GB18030", "UTF-8")
        var input = Array(text.utf8), output = [UInt8](repeating: 0, count: 256)
        var inLeft = input.count, outLeft = output.count
        input.withUnsafeMutableBytes { i in
            output.withUnsafeMutableBytes { o in
                var ip = i.baseAddress?.assumingMemoryBound(to: CChar.self)
                var op: UnsafeMutablePointer<CChar>? = o.baseAddress!.assumingMemoryBound(to: CChar.self)
                _ = iconv(cd, &ip, &inLeft, &op, &outLeft)
            }
        }
        iconv_close(cd)
        try Data(output[..<(256 - outLeft)]).write(to: URL(fileURLWithPath: gb))
        try Data(Array(text.utf8) + Array("洞口县,1".utf8) + [0xFF] + [0x0A]).write(to: URL(fileURLWithPath: bad))
        let args = ["chart", "--x", "地区", "--y", "地区生产总值（亿元）", "--title", "测试"]
        let a = try CLI.run(args + ["--data", utf8, "-o", path("u.svg")]), b = try CLI.run(args + ["--data", gb, "-o", path("g.svg")])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("u.svg"))) == Data(contentsOf: URL(fileURLWithPath: path("g.svg"))))
        let c = try CLI.run(args + ["--data", bad, "-o", path("late.svg")])
        #expect(c.status == 65 && c.stderr.contains("late.csv:4:6: the file is neither UTF-8 nor GB18030"), "\(c.stderr)")
    }

    @Test func missingColumnNamesTheColumnsThereAre() throws {
        let r = try CLI.run([
            "chart", "--data", sampleCSV, "--x", "县", "--y", "地区生产总值（亿元）", "--title", "t", "-o", path("x.png"),
        ])
        #expect(r.status == 65)
        #expect(r.stderr.contains("no column “县”") && r.stderr.contains("“地区”"))
        let r2 = try CLI.run([
            "chart", "--data", path("nope.csv"), "--x", "a", "--y", "b", "--title", "t", "-o", path("x.png"),
        ])
        #expect(r2.status == 66 && r2.stderr.contains("no such file"))
    }

    @Test func missingGlyphWarnsOrFailsUnderStrict() throws {
        let csv = path("glyph.csv")
        try "地区,值（亿元）\n龘县,1\n新邵县,2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let args = ["chart", "--data", csv, "--x", "地区", "--y", "值（亿元）", "--title", "测试"]
        let r = try CLI.run(args + ["-o", path("warn.png")])
        #expect(r.status == 0)
        #expect(
            r.stderr.contains("warning") && r.stderr.contains("“龘”") && r.stderr.contains("U+9F98")
                && r.stderr.contains("龘县"))
        let strict = try CLI.run(args + ["-o", path("strict.png"), "--strict"])
        #expect(strict.status == 65 && strict.stderr.contains("error"))
        #expect(!FileManager.default.fileExists(atPath: path("strict.png")))
    }

    /// County-level names outside GB2312 draw: the fonts hold the 通用规范汉字表 and every gazetteer name.
    @Test func placeNamesOutsideGB2312DrawUnderStrict() throws {
        let csv = path("places.csv")
        try "地区,生产总值（亿元）\n浉河区,120.5\n硚口区,98.2\n埇桥区,88\n鄠邑区,76.1\n猇亭区,40.3\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        for ext in ["png", "pdf"] {
            let r = try CLI.run([
                "chart", "--type", "bar", "--data", csv, "--x", "地区", "--y", "生产总值（亿元）", "--title", "浉河区",
                "-o", path("places.\(ext)"), "--strict",
            ])
            #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        }
        let text = try runProcess("/usr/bin/pdftotext", [path("places.pdf"), "-"])
        for name in ["浉河区", "硚口区", "埇桥区", "鄠邑区", "猇亭区"] { #expect(text.stdout.contains(name), "\(name)") }
    }

    @Test func pdfPageIsTheSizeInPointsAt96PixelsPerInch() throws {
        let r = try CLI.run(chartArguments(path("page.pdf"), ["--size", "1600x900"]))
        #expect(r.status == 0, "\(r.stderr)")
        let info = try runProcess("/usr/bin/pdfinfo", [path("page.pdf")]).stdout
        #expect(info.contains("Page size:") && info.contains("1200 x 675 pts"))
    }

    @Test func svgAndUnknownExtensions() throws {
        let r = try CLI.run(chartArguments(path("c.svg")))
        #expect(r.status == 0)
        let svg = try String(contentsOfFile: path("c.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("1600px"))
        let bad = try CLI.run(chartArguments(path("c.jpg")))
        #expect(bad.status == 64 && bad.stderr.contains(".png, .pdf or .svg"))
    }
}
