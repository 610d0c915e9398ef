import CairoCanvas
import CountyReportKit
import Testing

/// The environment is read in one place: what each variable sets.
@Suite struct SettingsTests {
    @Test func sourceDateEpochSetsTheCreationDate() throws {
        #expect(
            try Settings.fromEnvironment(["SOURCE_DATE_EPOCH": "1700000000"]).creationDate == "2023-11-14T22:13:20Z")
        #expect(try Settings.fromEnvironment(["SOURCE_DATE_EPOCH": " 0 "]).creationDate == "1970-01-01T00:00:00Z")
        #expect(try Settings.fromEnvironment([:]).creationDate == "2000-01-01T00:00:00Z")
    }

    @Test(arguments: ["soon", "-1", "1.5", "253402300800"]) func aMalformedSourceDateEpochIsAUsageError(_ raw: String) {
        #expect {
            try Settings.fromEnvironment(["SOURCE_DATE_EPOCH": raw])
        } throws: { e in
            guard let e = e as? JobError else { return false }
            return e.exitCode == 64 && e.description.contains("“\(raw)”")
        }
    }

    @Test func fontsTraceAndPNGComeFromTheirVariables() throws {
        let none = try Settings.fromEnvironment([:])
        #expect(none.fontsFolder == nil && !none.trace && none.png == nil)
        let all = try Settings.fromEnvironment([
            "COUNTYREPORT_FONTS": "/opt/fonts", "COUNTYREPORT_TRACE": "", "COUNTYREPORT_PNG": "9,4",
        ])
        #expect(all.fontsFolder == "/opt/fonts" && all.trace && all.png == .zlib(level: 9, filter: 4))
        #expect(try Settings.fromEnvironment(["COUNTYREPORT_PNG": "cairo"]).png == .cairo)
        #expect(try Settings.fromEnvironment(["COUNTYREPORT_PNG": "fast"]).png == nil)   // unreadable: the default
        #expect(try Settings.fromEnvironment(["COUNTYREPORT_PNG": "9"]).png == nil)
    }

    @Test func aPNGEncodingSetsTheRenderer() throws {
        let renderer = Renderer(fonts: try FontLibrary.bundled())
        PNGEncoding.zlib(level: 9, filter: 4).apply(to: renderer)
        #expect(renderer.pngLevel == 9 && renderer.pngFilter == 4 && !renderer.pngUsesCairoWriter)
        PNGEncoding.cairo.apply(to: renderer)
        #expect(renderer.pngUsesCairoWriter)
    }
}
