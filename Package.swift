// swift-tools-version:6.1
import PackageDescription

// Data flows one way: CountyData → ChartCompiler → ChartScene → CairoCanvas → files.
// Only CairoCanvas imports the C module CCairoPango.
let package = Package(
    name: "CountyReport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "countyreport", targets: ["countyreport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairoPango",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .target(name: "CountyData"),
        .target(name: "CountyMetrics", dependencies: ["CountyData"]),
        .target(name: "Extraction", dependencies: ["CountyData", .product(name: "Yams", package: "Yams")]),
        .target(name: "ChartScene"),
        .target(name: "ChartCompiler", dependencies: ["ChartScene", "CountyData", .product(name: "Yams", package: "Yams")]),
        .target(name: "CPNGWriter", linkerSettings: [.linkedLibrary("z"), .linkedLibrary("pthread")]),
        .target(name: "CairoCanvas", dependencies: ["ChartScene", "CCairoPango", "CPNGWriter"]),
        .target(
            name: "CountyReportCLI",
            dependencies: [
                "CountyData", "CountyMetrics", "Extraction", "ChartScene", "ChartCompiler", "CairoCanvas",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "countyreport", dependencies: ["CountyReportCLI"]),
        // Test support in two parts: paths, processes and the CLI runner without Cairo (so the data,
        // metrics and extraction tests build without it), and image comparison, which needs CairoCanvas.
        .target(name: "CountyTestSupport", path: "Tests/CountyTestSupport"),
        .target(name: "CountyImageTestSupport", dependencies: ["CairoCanvas"], path: "Tests/CountyImageTestSupport"),
        .testTarget(
            name: "CountyDataTests",
            dependencies: ["CountyData", "CountyTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CountyMetricsTests",
            dependencies: ["CountyMetrics", "CountyData", "CountyTestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "CountyData", "CountyTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ChartSceneTests", dependencies: ["ChartScene", "CountyTestSupport"]),
        .testTarget(name: "ChartCompilerTests", dependencies: ["ChartCompiler", "CountyData", "CountyTestSupport"]),
        .testTarget(name: "CairoCanvasTests", dependencies: ["CairoCanvas", "ChartCompiler", "CountyTestSupport", "CountyImageTestSupport"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["CountyReportCLI", "countyreport", "CountyTestSupport", "CountyImageTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
