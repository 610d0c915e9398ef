// swift-tools-version:6.1
import PackageDescription

// Data flows one way: CountyData → (Formatting) → ChartCompiler → ChartScene → CairoCanvas → files.
// Only CairoCanvas imports the C module CCairoPango.
let package = Package(
    name: "CountyReport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "countyreport", targets: ["countyreport"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairoPango",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CFreeXL", pkgConfig: "freexl", providers: [.apt(["libfreexl-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CMinizip", pkgConfig: "minizip", providers: [.apt(["libminizip-dev"])]),
        .target(name: "CountyData"),
        // Workbooks (.xlsx, .xls) read into CountyData's sheet loader, and tables written as .xlsx; the only
        // module that touches ZIP (minizip), libxml2, FreeXL and libxlsxwriter.
        .target(
            name: "Workbooks",
            dependencies: [
                "CountyData", "CMinizip", "CLibXML2", "CFreeXL", "CXLSXWriter",
            ]),
        .target(name: "Formatting", dependencies: ["CountyData"]),
        .target(name: "CountyMetrics", dependencies: ["CountyData", "Formatting"]),
        .target(name: "Extraction", dependencies: ["CountyData", "Specs"], exclude: ["Gazetteer/README.md"]),
        .target(name: "ChartScene"),
        // Independent work over every core, results in order (a report's figures, a PDF's streams).
        .target(name: "Parallelism"),
        .target(name: "ChartCompiler", dependencies: ["ChartScene", "CountyData", "Formatting"]),
        .target(name: "PageLayout", dependencies: ["ChartScene"]),
        // Specs are composed from the events of libyaml, the C parser Yams bundles (its CYaml module):
        // Yams' own tree costs nine times the parsing (YAMLDocument); the tests compare the two.
        .target(name: "Specs", dependencies: ["CountyData", "Parallelism", .product(name: "Yams", package: "Yams")]),
        .target(name: "CountyQuery", dependencies: ["CountyData", "CountyMetrics"]),
        .target(
            name: "ChartResolver",
            dependencies: ["CountyData", "CountyMetrics", "CountyQuery", "Specs", "ChartCompiler"]),
        .target(
            name: "ReportBuilder",
            dependencies: [
                "CountyData", "CountyMetrics", "CountyQuery", "Extraction", "Specs", "ChartCompiler", "ChartResolver",
                "ChartScene", "PageLayout", "Workbooks", "Parallelism",
                "Formatting", .product(name: "Mustache", package: "swift-mustache"),
            ]),
        // zlib, for the PDF streams the tagged-PDF update rewrites (Debian zlib1g-dev).
        .systemLibrary(name: "CSystemZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CPNGWriter", linkerSettings: [.linkedLibrary("z"), .linkedLibrary("pthread")]),
        // zlib's deflateInit_, defined by the program so that Cairo's page streams can be stored while a
        // page is drawn (the tagged-PDF update compresses them once): exported from every binary linked.
        // glibc's fortified __snprintf_chk, defined by the program so that the numbers Cairo prints into a
        // PDF are printed without glibc's printf while pages are drawn (the same bytes, tested).
        .target(name: "CNumberPrinting"),
        .target(
            name: "CStoredStreams",
            linkerSettings: [
                .linkedLibrary("z"), .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=deflateInit_"]),
            ]),
        // FreeType's FT_New_Face, defined by the program so that fonts are opened on a stream that keeps
        // only the bytes a report reads in memory, not every page of the files (font_streams.c).
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .target(
            name: "CFontStreams", dependencies: ["CFreeType"],
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=FT_New_Face"])]),
        .target(
            name: "CairoCanvas",
            dependencies: [
                "ChartScene", "CCairoPango", "CPNGWriter", "CSystemZlib", "CStoredStreams", "CNumberPrinting",
                "CFontStreams", "Parallelism",
            ]),
        // Regeneration from cron: atomic outputs, one run at a time, skip when unchanged, shards,
        // exit codes and logs. CountyData only for its one JSON quoting rule; the report command calls it.
        // Content hashes by swift-crypto.
        .target(name: "Regeneration", dependencies: ["CountyData", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "CountyReportKit",
            dependencies: [
                "CountyData", "CountyMetrics", "Formatting", "CountyQuery", "ChartScene", "ChartCompiler",
                "ChartResolver",
                "CairoCanvas", "PageLayout", "Specs", "Workbooks", "ReportBuilder", "Regeneration",
            ]),
        // glibc's malloc.h, for the report command's heap padding (HeapPadding).
        .systemLibrary(name: "CGlibcMalloc"),
        .target(
            name: "CountyReportCLI",
            dependencies: [
                "CountyReportKit", "Specs", "ChartResolver", "CountyQuery",
                "CountyData", "Formatting", "CountyMetrics", "Extraction", "ChartScene", "ChartCompiler", "CairoCanvas",
                "Regeneration", "Workbooks", "CGlibcMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "countyreport", dependencies: ["CountyReportCLI"]),
        // The kill-test harness's helper: writes output sets through OutputStore in a loop, holds the run lock.
        .executableTarget(name: "regen-helper", dependencies: ["Regeneration"]),
        // Test support in two parts: paths, processes and the CLI runner without Cairo (so the data,
        // metrics and extraction tests build without it), and image comparison, which needs CairoCanvas.
        .target(name: "CountyTestSupport", path: "Tests/CountyTestSupport"),
        .target(name: "CountyImageTestSupport", dependencies: ["CairoCanvas"], path: "Tests/CountyImageTestSupport"),
        .testTarget(
            name: "CountyDataTests",
            dependencies: [
                "CountyData", "CountyTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "WorkbooksTests", dependencies: ["Workbooks", "CountyData", "CountyTestSupport"]),
        .testTarget(name: "FormattingTests", dependencies: ["Formatting", "CountyData"]),
        .testTarget(
            name: "CountyMetricsTests",
            dependencies: [
                "CountyMetrics", "CountyData", "Formatting", "CountyTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ExtractionTests", dependencies: ["Extraction", "CountyData", "CountyTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "ChartSceneTests", dependencies: ["ChartScene", "CountyTestSupport"]),
        .testTarget(
            name: "ReportBuilderTests",
            dependencies: [
                "ReportBuilder", "Specs", "PageLayout", "ChartScene", "ChartCompiler", "CountyData", "CountyTestSupport",
                .product(name: "Yams", package: "Yams"),
            ]),
        .testTarget(name: "PageLayoutTests", dependencies: ["PageLayout", "ChartScene", "ChartCompiler"]),
        .testTarget(
            name: "ChartCompilerTests",
            dependencies: ["ChartCompiler", "CountyData", "Formatting", "CountyTestSupport"]),
        .testTarget(
            name: "CairoCanvasTests",
            dependencies: [
                "CairoCanvas", "CFontStreams", "ChartCompiler", "CountyTestSupport", "CountyImageTestSupport", "Extraction",
            ]),
        .testTarget(
            name: "CountyReportKitTests",
            dependencies: [
                "CountyReportKit", "CairoCanvas", "ChartCompiler", "ChartScene", "CountyData", "CountyMetrics",
                "CountyTestSupport", "PageLayout", "Workbooks",
                "CountyImageTestSupport",
            ]),
        .testTarget(name: "RegenerationTests", dependencies: ["Regeneration", "regen-helper", "CountyTestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "CountyReportCLI", "countyreport", "CountyTestSupport", "CountyImageTestSupport", "Specs",
                "ChartResolver", "CountyQuery",
                "Regeneration", "Workbooks", .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
