// Regeneration: what a report run left to cron needs, in the order a run uses it.
//
//     let log = try RunLog(format: .text, quiet: quiet, verbose: verbose, file: logFile)       // --log-format, --log
//     let shard = try Shard(parsing: shardText ?? "1/1")                                       // --shard K/N → 64 when bad
//     let lock = try RunLock.acquire(in: outFolder, name: shard.lockFileName, wait: wait)      // --wait; 75 when held
//     defer { lock.release() }
//     OutputStore.cleanStale(in: outFolder, names: shard.count == 1 ? nil : namesThisShardWrites)
//     let manifest: Manifest
//     do { manifest = try Manifest.load(folder: outFolder) } catch { log.warning("\(error)"); manifest = Manifest() }
//     let planner = Planner(folder: outFolder, manifest: manifest)
//     let regions = shard.filter(allRegions) { $0.code }
//     let jobs = regions.map { Job(id: $0.code, definition: definitionPath, data: dataPaths, fonts: fontPaths,
//                                  outputs: [outFolder + "/\($0.name).pdf"], toolVersion: version,
//                                  parameters: ["region": $0.name]) }
//     let decisions = planner.plan(jobs, force: force)                                        // --dry-run prints these
//     let store = OutputStore(protecting: definitionPath + dataPaths + fontPaths)
//     for (job, decision) in zip(jobs, decisions) where decision.needsBuild {                 // on every core
//         let committed = try store.commit([(job.outputs[0], renderPDF(job))])               // 73 when it fails
//         try planner.record(job, outputs: committed)
//     }
//     try planner.writeManifest(fileName: shard.manifestFileName, store: store)               // only if anything changed
//     exit(RunOutcome.combined(perJobOutcomes).exitCode)                                      // 0, 69 when some failed, …
//
// A `RegenerationError` prints as one line naming its file and carries its `outcome`; a `.failed`
// decision is one job's missing input (66 for that job, the others go on).
