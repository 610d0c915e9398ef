import CairoCanvas
import CountyTestSupport
import Foundation
import Testing

/// The environment variables, read once by the entry (`Settings`), reach what they control.
@Suite struct EnvironmentTests {
    let dir = Repository.temporaryDirectory("env")
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    let fixture = "Tests/Fixtures/malformed/13-duplicate-different.csv"

    @Test func traceTimingsOnlyWhenAsked() throws {
        let quiet = try CLI.run(["check", fixture])
        let traced = try CLI.run(["check", fixture], environment: ["COUNTYREPORT_TRACE": "1"])
        #expect(quiet.status == 65 && traced.status == 65)
        #expect(!quiet.stderr.contains("trace:"))
        #expect(traced.stderr.contains("trace: loaded") && traced.stderr.contains("trace: checked"))
        #expect(traced.stdout == quiet.stdout)
    }

    @Test func aMalformedSourceDateEpochStopsEveryCommandBeforeItWrites() throws {
        for args in [["check", fixture], ["chart", "Reports/examples/charts/bar.yaml", "-o", path("bad.pdf")]] {
            let r = try CLI.run(args, environment: ["SOURCE_DATE_EPOCH": "tomorrow"])
            #expect(r.status == 64, "\(args[0]): \(r.stderr)")
            #expect(
                r.stderr
                    == "countyreport: error: SOURCE_DATE_EPOCH must be whole seconds since 1970 up to year 9999, not “tomorrow”\n"
            )
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: path("bad.pdf")))
    }

    @Test func thePNGEncoderChangesBytesNotPixels() throws {
        let ours = try CLI.run(["bench-render", "png", "Reports/bench/w1.tsv", path("ours.png")])
        let cairo = try CLI.run(
            ["bench-render", "png", "Reports/bench/w1.tsv", path("cairo.png")],
            environment: ["COUNTYREPORT_PNG": "cairo"])
        #expect(ours.status == 0 && cairo.status == 0, "\(cairo.stderr)")
        let a = try Data(contentsOf: URL(fileURLWithPath: path("ours.png")))
        let b = try Data(contentsOf: URL(fileURLWithPath: path("cairo.png")))
        #expect(a != b)
        #expect(try Bitmap(png: a) == Bitmap(png: b))
    }
}
