import CairoCanvas
import ChartCompiler
import ChartScene
import CountyData
import Foundation
import PageLayout
import ReportBuilder
import Specs

/// Writes a report: its PDF, and on request every chart as a slide (PNG) and a 16:9 slide deck.
/// All outputs are made in memory first and written whole, so a failure leaves old files intact.
public struct ReportJob {
    public var definitionPath: String
    public var outputFolder: String?
    public var slidesFolder: String?
    public var strict = false
    public var renderers: RendererPool
    public var settings: Settings { renderers.settings }

    public init(
        definitionPath: String, outputFolder: String? = nil, slidesFolder: String? = nil, strict: Bool = false,
        renderers: RendererPool
    ) {
        self.definitionPath = definitionPath; self.outputFolder = outputFolder; self.slidesFolder = slidesFolder
        self.strict = strict; self.renderers = renderers
    }

    /// What a run made, for the command to print.
    public struct Result: Sendable {
        public var pdf: String
        public var pages: Int
        public var slides: [String]
        public var explanations: [Explanation]
        public var warnings: [String]
    }

    /// The default output folder: `out/<name>/`, `<name>` the definition's folder.
    public var outputPath: String {
        outputFolder ?? "out/" + URL(fileURLWithPath: definitionPath).deletingLastPathComponent().lastPathComponent
    }

    public func run() throws -> Result {
        let prepared = try PreparedReport.load(definitionPath: definitionPath)
        let made = try renderers.withRenderer { renderer in
            try ReportMaker(data: prepared.data, settings: settings, strict: strict, helpers: renderers)
                .make(prepared.definition, renderer: renderer, slides: slidesFolder != nil)
        }
        var outputs: [(String, Data)] = [(outputPath + "/report.pdf", made.pdf)]
        if let slides = slidesFolder { outputs += made.slides.map { (slides + "/" + $0.name, $0.bytes) } }
        try write(outputs)
        return Result(
            pdf: outputs[0].0, pages: made.pages, slides: outputs.dropFirst().map(\.0),
            explanations: made.explanations, warnings: made.warnings)
    }

    private func write(_ outputs: [(String, Data)]) throws {
        for (path, _) in outputs {
            let dir = (path as NSString).deletingLastPathComponent
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw JobError.output("\(dir): cannot create the folder: \(error.localizedDescription)")
            }
        }
        for (path, bytes) in outputs {
            do { try OutputFile.write(bytes, to: path) } catch { throw JobError.output("\(error)") }
        }
    }
}
