import CairoCanvas
import CountyData
import Foundation
import Regeneration
import ReportBuilder
import Specs
import Synchronization
import Workbooks

/// The tool's version, recorded in every manifest entry: a new version rebuilds every report.
public enum ToolVersion {
    public static let current = "0.1.0"
    /// As recorded in a manifest: `countyreport 0.1.0 (binary 10483216 bytes, 1764541234.123)` — the
    /// running binary's size and modification time, so a rebuilt tool that may draw differently
    /// rebuilds the reports (a stat, not a hash: the unchanged check stays fast).
    public static let recorded: String = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return "countyreport " + current }
        let mtime = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
        return "countyreport \(current) (binary \(st.st_size) bytes, \(String(format: "%.3f", mtime)))"
    }()
}

/// What `countyreport report` was asked to do.
public struct ReportRunOptions: Sendable {
    public var definitionPath: String
    /// The output folder (default `out/<name>/`, `<name>` the definition's folder); with `eachRegion`,
    /// each region's report goes to `<folder>/<region code or name>/`.
    public var outputFolder: String?
    /// Also write every chart as a slide (and `slides.pdf`) into this folder (per region: a subfolder).
    public var slidesFolder: String?
    /// `--tables xlsx`: every table of a report also as a sheet of `tables.xlsx` beside its PDF, in the
    /// report's set of files (written and replaced together).
    public var tablesWorkbook = false
    public var strict = false
    /// Build even the unchanged reports, to trace every printed number (unchanged outputs are not rewritten).
    public var explain = false
    public var force = false
    /// Say what would be rebuilt and why; write nothing, take no lock.
    public var dryRun = false
    /// Seconds to wait for another run holding the output folder's lock.
    public var wait: Double = 0
    public var eachRegion = false
    /// `--regions`: see `RegionSelection`.
    public var regions: String?
    public var shard: Shard = .whole
    /// Worker threads (each with its own renderer); nil: one per core.
    public var workers: Int?
    public var settings: Settings

    public init(definitionPath: String, settings: Settings) {
        self.definitionPath = definitionPath
        self.settings = settings
    }

    /// The output folder used.
    public var outputPath: String {
        outputFolder ?? "out/" + URL(fileURLWithPath: definitionPath).deletingLastPathComponent().lastPathComponent
    }
}

/// How a run went, for the command to print and exit with.
public struct ReportRunResult: Sendable {
    public var outcome: RunOutcome
    public var written = 0
    public var unchanged = 0
    public var failed = 0
    public var seconds = 0.0
    /// With `explain`: every printed number of every report built, by region (in the run's order).
    public var explanations: [(region: String, items: [Explanation])] = []
    /// With `dryRun`: one line per report, `rebuild|unchanged|cannot-build <TAB> key <TAB> name <TAB> why`.
    public var plan: [String] = []
}

/// A report run for cron (`countyreport report`): one report, or one per region, each skipped when its
/// inputs and outputs are as the manifest recorded, written whole (all of a report's files as one set,
/// synced), with one run at a time per output folder (or per shard), in parallel over the cores.
///
/// The steps, in order: read the definition (and, per region, the data files' regions); plan against
/// the manifest without a lock for `--dry-run`; otherwise create the output folder, take the lock,
/// remove temporary files that killed runs left, plan; only if something needs building, load the
/// data (once) and build on every worker (one renderer each, the fonts and data shared), commit each report's files together and record them,
/// write the manifest once (only when something changed), log a summary. Every event is a log line.
public struct ReportRun: Sendable {
    public var options: ReportRunOptions
    public var log: RunLog
    /// The renderers the workers draw with: the process's pool, made with the same settings (a new pool
    /// from `options.settings` unless given).
    public var renderers: RendererPool

    public init(options: ReportRunOptions, log: RunLog, renderers: RendererPool? = nil) {
        self.options = options
        self.log = log
        self.renderers = renderers ?? RendererPool(settings: options.settings)
    }

    /// One report to plan and maybe build.
    struct Target: Sendable {
        var region: RegionRef
        var job: Job
        var pdf: String
        var slidesFolder: String?
        /// `tables.xlsx` beside the PDF, when asked for and the report has a table.
        var tables: String?
    }

    public func run() -> ReportRunResult {
        let start = Self.now()
        var result = run(start: start)
        result.seconds = Self.now() - start
        return result
    }

    private func run(start: Double) -> ReportRunResult {
        let o = options
        // The definition, the fonts, and (per region) the data and its regions.
        let def: ReportDefinition
        let fonts: [String]
        var regions: [RegionRef]
        do throws(JobError) {
            def = try PreparedReport.loadDefinition(o.definitionPath)
            fonts = try renderers.fontFiles()
            if o.eachRegion {
                regions = try RegionSelection.select(
                    o.regions, definitionRegion: def.region, data: PreparedReport.regions(def))
            } else {
                if o.regions != nil { throw JobError.usage("--regions needs --each-region") }
                regions = [RegionRef(code: "", name: def.region, parent: "")]
            }
        } catch {
            logError(error, region: nil)
            return ReportRunResult(outcome: error.outcome, failed: 1)
        }
        let all = regions.count
        regions = o.shard.filter(regions) { $0.key }
        let out = o.outputPath
        let targets = regions.map { target($0, def: def, fonts: fonts, out: out) }
        let inputs = Set(targets.flatMap { $0.job.inputs.map(\.path) })

        if o.dryRun { return dryRun(targets, out: out) }

        // The output folder, its lock, and what killed runs left in it.
        let created = !FileManager.default.fileExists(atPath: out)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            let e = JobError.output("\(out): cannot create the folder: \(error.localizedDescription)")
            logError(e, region: nil)
            return ReportRunResult(outcome: e.outcome, failed: 1)
        }
        let lock: RunLock
        do throws(RegenerationError) {
            lock = try RunLock.acquire(in: out, name: o.shard.lockFileName, wait: o.wait)
        } catch {
            log.error(error.description)
            removeIfUnused(out, created: created)
            return ReportRunResult(outcome: error.outcome)
        }
        log.debug(
            "start",
            [
                "definition": o.definitionPath, "output": out, "reports": String(targets.count),
                "regions": String(all), "shard": o.shard.description, "lock": lock.path,
            ])
        var result = locked(targets, def: def, out: out, inputs: inputs, start: start)
        lock.release()
        if result.written == 0 { removeIfUnused(out, created: created) }
        result.seconds = Self.now() - start
        return result
    }

    /// The job of one region's report: its inputs, its outputs, what else changes its bytes.
    private func target(_ r: RegionRef, def: ReportDefinition, fonts: [String], out: String) -> Target {
        let o = options
        let folder = o.eachRegion ? out + "/" + r.folderName : out
        let slides = o.slidesFolder.map { o.eachRegion ? $0 + "/" + r.folderName : $0 }
        let pdf = folder + "/report.pdf"
        let tables = o.tablesWorkbook && def.hasTables ? folder + "/" + ReportTables.fileName : nil
        let outputs =
            [pdf] + (tables.map { [$0] } ?? []) + (slides.map { s in def.slideFileNames.map { s + "/" + $0 } } ?? [])
        var inputs: [JobInput] = []
        let chartFiles = Set(
            def.blocks.compactMap { b -> String? in if case .chart(let c, _, _, _) = b.kind { c.file } else { nil } })
        for (i, f) in def.inputFiles.enumerated() {
            inputs.append(JobInput(i == 0 ? .definition : chartFiles.contains(f) ? .other : .data, f))
        }
        inputs += fonts.map { JobInput(.font, $0) }
        var parameters = ["region": r.name, "created": o.settings.creationDate]
        if !r.code.isEmpty { parameters["code"] = r.code }
        if o.strict { parameters["strict"] = "yes" }
        if tables != nil { parameters["tables"] = "xlsx" }
        let job = Job(
            id: r.key, inputs: inputs, outputs: outputs, toolVersion: ToolVersion.recorded, parameters: parameters)
        return Target(region: r, job: job, pdf: pdf, slidesFolder: slides, tables: tables)
    }

    private func dryRun(_ targets: [Target], out: String) -> ReportRunResult {
        var manifest = Manifest()
        do { manifest = try Manifest.load(folder: out) } catch {
            log.warning("\(error); every report would be rebuilt")
        }
        let planner = Planner(folder: out, manifest: manifest, reuseInputHashes: true)
        var r = ReportRunResult(outcome: .unchanged)
        var outcomes: [RunOutcome] = []
        for t in targets {
            let decision = planner.plan(t.job, force: options.force)
            let head = t.region.key + "\t" + t.region.name
            switch decision {
            case .unchanged:
                r.unchanged += 1
                r.plan.append("unchanged\t" + head + "\t-")
                outcomes.append(.unchanged)
            case .rebuild(let reasons):
                r.written += 1
                r.plan.append("rebuild\t" + head + "\t" + reasons.map(\.description).joined(separator: "; "))
                outcomes.append(.done)
            case .failed(let e):
                r.failed += 1
                r.plan.append("cannot-build\t" + head + "\t" + e.description)
                outcomes.append(e.outcome)
            }
        }
        r.outcome = r.failed > 0 ? RunOutcome.combined(outcomes) : .unchanged
        return r
    }

    /// The run, with the lock held.
    private func locked(
        _ targets: [Target], def: ReportDefinition, out: String,
        inputs: Set<String>, start: Double
    ) -> ReportRunResult {
        let o = options
        // Temporary files of killed runs: in the output folder (for a shard, only its own manifest's) and
        // in every folder this run writes to.
        var swept = OutputStore.cleanStale(in: out, names: o.shard.count == 1 ? nil : [o.shard.manifestFileName])
        var folders = Set<String>()
        for t in targets {
            for f in t.job.outputs.map(Self.folder(of:)) where f != out && folders.insert(f).inserted {
                swept += OutputStore.cleanStale(in: f)
            }
        }
        for path in swept { log.info("removed a temporary file a killed run left", ["file": path]) }

        var manifest = Manifest()
        do { manifest = try Manifest.load(folder: out) } catch { log.warning("\(error); every report is rebuilt") }
        if o.shard.count > 1 { manifest.entries = manifest.entries.filter { o.shard.contains($0.key) } }
        let planner = Planner(folder: out, manifest: manifest, reuseInputHashes: true)
        let store = OutputStore(protecting: inputs, durability: .synced)

        var outcomes = [RunOutcome](repeating: .unchanged, count: targets.count)
        var work: [(index: Int, reasons: [RebuildReason]?)] = []   // nil reasons: build only, to explain
        for (i, t) in targets.enumerated() {
            switch planner.plan(t.job, force: o.force) {
            case .unchanged:
                log.debug("unchanged", ["region": t.region.name, "pdf": t.pdf])
                if o.explain { work.append((i, nil)) }
            case .rebuild(let reasons):
                log.debug(
                    "rebuild", ["region": t.region.name, "reason": reasons.map(\.description).joined(separator: "; ")])
                work.append((i, reasons))
            case .failed(let e):
                log.error(e.description, ["region": t.region.name])
                outcomes[i] = e.outcome
            }
        }
        var result = ReportRunResult(outcome: .unchanged)
        let toWrite = work.filter { $0.reasons != nil }.count
        if toWrite == 0 && outcomes.allSatisfy({ $0 == .unchanged }) && !o.explain {
            writeManifest(planner, out: out, store: store)
            result.unchanged = targets.count
            log.info(
                "unchanged: \(targets.count) report\(targets.count == 1 ? "" : "s") up to date (inputs unchanged, outputs intact); nothing written",
                ["output": out])
            return result
        }

        // The data (loaded once for every region) and the workers.
        var data: ReportData? = nil
        if !work.isEmpty {
            // The fonts load and the first renderer is made on another core while the data is read.
            renderers.prepare()
            do throws(JobError) { data = try PreparedReport.loadData(def) } catch {
                logError(error, region: nil)
                for w in work where w.reasons != nil { outcomes[w.index] = error.outcome }
                work = []
            }
        }
        let built = Mutex<[Int: Built]>([:])
        if let data, !work.isEmpty {
            // One report alone: its PDF may take a second renderer to draw half of it on the idle core.
            let maker = ReportMaker(
                data: data, settings: o.settings, strict: o.strict, helpers: work.count == 1 ? renderers : nil)
            let workers = max(1, min(o.workers ?? renderers.capacity, work.count))
            let finished = Atomic<Int>(0)
            let items = work
            log.debug("building", ["reports": String(items.count), "workers": String(workers)])
            do throws(JobError) {
                try renderers.forEach(items.count, workers: workers) { renderer, k in
                    let (i, reasons) = items[k]
                    let b = build(
                        targets[i], def: def, maker: maker, renderer: renderer, reasons: reasons, planner: planner,
                        store: store)
                    built.withLock { $0[i] = b }
                    let n = finished.add(1, ordering: .relaxed).newValue
                    log.progress(n, of: items.count, targets[i].region.name)
                }
            } catch {
                logError(error, region: nil)
                for w in items where w.reasons != nil { outcomes[w.index] = error.outcome }
            }
            log.endProgress()
        }
        let results = built.withLock { $0 }
        for (i, b) in results.sorted(by: { $0.key < $1.key }) {
            outcomes[i] = b.outcome
            if o.explain, let e = b.explanations { result.explanations.append((targets[i].region.name, e)) }
        }
        if !writeManifest(planner, out: out, store: store) {
            // The reports are written, but the next run will not know it: say so in the exit code.
            if let i = outcomes.firstIndex(where: { $0 == .done }) { outcomes[i] = .outputError }
        }
        result.written = outcomes.filter { $0 == .done }.count
        result.unchanged = outcomes.filter { $0 == .unchanged }.count
        result.failed = outcomes.filter { !$0.succeeded }.count
        result.outcome = RunOutcome.combined(outcomes)
        let level: LogLevel = result.outcome.succeeded ? .info : .error
        log.log(
            level, "summary",
            [
                "written": String(result.written), "unchanged": String(result.unchanged),
                "failed": String(result.failed), "seconds": Self.seconds(Self.now() - start),
                "exit": String(result.outcome.exitCode),
            ])
        return result
    }

    /// What one worker made of one report.
    struct Built: Sendable {
        var outcome: RunOutcome
        var explanations: [Explanation]?
    }

    /// Builds one report and, unless it is only explained, commits its files as one set and records it.
    private func build(
        _ t: Target, def: ReportDefinition, maker: ReportMaker, renderer: Renderer, reasons: [RebuildReason]?,
        planner: Planner, store: OutputStore
    ) -> Built {
        let o = options
        let region = t.region.name
        let started = Self.now()
        do {
            let d = o.eachRegion ? def.substitutingRegion(with: region) : def
            let made = try maker.make(d, renderer: renderer, slides: t.slidesFolder != nil, tables: t.tables != nil)
            for w in made.warnings { log.warning(w, ["region": region]) }
            guard let reasons else { return Built(outcome: .unchanged, explanations: made.explanations) }
            var files: [(path: String, bytes: Data)] = [(t.pdf, made.pdf)]
            if let s = t.slidesFolder { files += made.slides.map { (s + "/" + $0.name, $0.bytes) } }
            for folder in Set(files.map { Self.folder(of: $0.path) }) {
                do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch
                {
                    throw JobError.output("\(folder): cannot create the folder: \(error.localizedDescription)")
                }
            }
            if let path = t.tables {
                // Made in the report's folder as a temporary file (libxlsxwriter writes only files), committed with the rest.
                do {
                    files.append(
                        (
                            path,
                            try XLSXWriter.bytes(
                                made.tables, name: ReportTables.fileName, scratchFolder: Self.folder(of: path),
                                created: o.settings.creationSeconds)
                        ))
                } catch { throw JobError.output(error.description) }
            }
            let committed = try store.commit(files)
            try planner.record(t.job, outputs: committed)
            log.info(
                "wrote",
                [
                    "region": region, "pdf": t.pdf, "pages": String(made.pages),
                    "files": String(files.count), "seconds": Self.seconds(Self.now() - started),
                    "reason": reasons.map(\.description).joined(separator: "; "),
                ])
            return Built(outcome: .done, explanations: o.explain ? made.explanations : nil)
        } catch let e as JobError {
            logError(e, region: region)
            return Built(outcome: e.outcome)
        } catch let e as RegenerationError {
            log.error(e.description, ["region": region])
            return Built(outcome: e.outcome)
        } catch {
            log.error("\(error)", ["region": region])
            return Built(outcome: .drawingFailed)
        }
    }

    @discardableResult
    private func writeManifest(_ planner: Planner, out: String, store: OutputStore) -> Bool {
        do throws(RegenerationError) {
            try planner.writeManifest(fileName: options.shard.manifestFileName, store: store)
            return true
        } catch {
            log.error(error.description)
            return false
        }
    }

    /// One error event per line of the message (a data error lists every bad row).
    private func logError(_ e: JobError, region: String?) {
        for line in e.description.split(separator: "\n") {
            if let region { log.error(String(line), ["region": region]) } else { log.error(String(line)) }
        }
    }

    /// A folder this run created and wrote nothing into goes again (its lock file with it), so a
    /// failed first run leaves no trace.
    private func removeIfUnused(_ folder: String, created: Bool) {
        guard created, let names = try? FileManager.default.contentsOfDirectory(atPath: folder),
            names.allSatisfy({ $0 == options.shard.lockFileName })
        else { return }
        for n in names { unlink(folder + "/" + n) }
        rmdir(folder)
    }

    static func folder(of path: String) -> String { (path as NSString).deletingLastPathComponent }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f", s) }
}
