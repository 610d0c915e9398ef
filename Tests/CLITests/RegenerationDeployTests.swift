import CountyTestSupport
import Foundation
import Regeneration
import Testing
import Yams

/// The files under deploy/: parsed, and the fields that must agree with one another and with the
/// command line checked (scripts/validate-deploy.sh validates the Kubernetes ones against the API schemas).
@Suite struct RegenerationDeployTests {
    func yaml(_ path: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: Repository.path(path), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(path) is not a YAML mapping")
    }

    func dig(_ value: Any?, _ keys: String...) -> Any? {
        var v = value
        for k in keys { v = (v as? [String: Any])?[k] }
        return v
    }

    @Test func theCronJobRunsOneShardPerCompletionIndexOnTheSharedVolume() throws {
        let cron = try yaml("deploy/kubernetes/cronjob.yaml")
        #expect(cron["apiVersion"] as? String == "batch/v1")
        #expect(cron["kind"] as? String == "CronJob")
        let schedule = try #require(dig(cron, "spec", "schedule") as? String)
        #expect(schedule.split(separator: " ").count == 5, "schedule: \(schedule)")
        #expect(dig(cron, "spec", "concurrencyPolicy") as? String == "Forbid")

        let job = dig(cron, "spec", "jobTemplate", "spec")
        #expect(dig(job, "completionMode") as? String == "Indexed")
        let completions = try #require(dig(job, "completions") as? Int)
        #expect(dig(job, "parallelism") as? Int == completions)
        #expect(completions >= 2)

        let pod = dig(job, "template", "spec")
        #expect(dig(pod, "restartPolicy") as? String == "Never")
        let containers = try #require(dig(pod, "containers") as? [[String: Any]])
        #expect(containers.count == 1)
        let c = containers[0]
        let command = ((c["command"] as? [String]) ?? []) + ((c["args"] as? [String]) ?? [])
        let line = command.joined(separator: " ")
        #expect(
            line.contains("--shard $((JOB_COMPLETION_INDEX+1))/\(completions)"),
            "the shard must be the completion index: \(line)")
        #expect(line.contains("countyreport report") && line.contains("--each-region"))
        #expect(command.first == "/bin/sh", "the shell expands $((…))")

        // The non-retryable exit codes are the table's, and 75 (locked) is retried.
        let rules = try #require(dig(job, "podFailurePolicy", "rules") as? [[String: Any]])
        let codes = rules.flatMap { (dig($0, "onExitCodes", "values") as? [Int]) ?? [] }
        #expect(Set(codes) == [64, 65, 66, 69, 70], "\(codes)")
        let table = Set(RunOutcome.allCases.map { Int($0.exitCode) })
        #expect(Set(codes).isSubset(of: table) && !codes.contains(Int(RunOutcome.locked.exitCode)))

        // Every path the command uses is on the shared volume, a PVC that is ReadWriteMany.
        let mounts = try #require(c["volumeMounts"] as? [[String: Any]])
        let volumes = try #require(dig(pod, "volumes") as? [[String: Any]])
        let data = try #require(
            mounts.first { ($0["mountPath"] as? String).map { line.contains($0 + "/") } ?? false },
            "no mount holds the paths of \(line)")
        let volume = try #require(volumes.first { $0["name"] as? String == data["name"] as? String })
        let claim = try #require(dig(volume, "persistentVolumeClaim", "claimName") as? String)
        let pvc = try yaml("deploy/kubernetes/pvc.yaml")
        #expect(pvc["kind"] as? String == "PersistentVolumeClaim")
        #expect(dig(pvc, "metadata", "name") as? String == claim)
        #expect((dig(pvc, "spec", "accessModes") as? [String])?.contains("ReadWriteMany") == true)
        for m in mounts {
            #expect(volumes.contains { $0["name"] as? String == m["name"] as? String }, "mount \(m) has no volume")
        }
    }

    @Test func theShardArithmeticTakesEveryRegionOnceForOneToEightShards() throws {
        // The 邵阳 sample's codes and 1,000 generated ones (as scripts/gen_regions_csv.py writes them).
        var codes = [
            "430500", "430502", "430503", "430511", "430522", "430524", "430525", "430527", "430529", "430582",
        ]
        for p in 1...12 { for c in 1...84 { codes.append(String(format: "43%02d%02d", p, c)) } }
        codes = Array(Set(codes))
        for n in 1...8 {
            var count: [String: Int] = [:]
            for k in 1...n {
                for code in try Shard(k, of: n).filter(codes, code: { $0 }) { count[code, default: 0] += 1 }
            }
            #expect(count.count == codes.count && count.values.allSatisfy { $0 == 1 }, "N = \(n)")
        }
    }

    @Test func oneMachineCrontabAndSystemdUnits() throws {
        let crontab = try String(contentsOfFile: Repository.path("deploy/crontab"), encoding: .utf8)
        let jobs = crontab.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.contains("=") && !$0.isEmpty }
        #expect(jobs.count == 1)
        let fields = jobs[0].split(separator: " ", maxSplits: 6)
        #expect(fields.count == 7, "five time fields, the user, the command")
        #expect(fields[6].contains("countyreport report") && fields[6].contains("--wait") && !fields[6].contains("%"))

        func unit(_ name: String) throws -> [String: String] {
            var keys: [String: String] = [:]
            for line in try String(contentsOfFile: Repository.path("deploy/systemd/\(name)"), encoding: .utf8).split(
                separator: "\n")
            where !line.hasPrefix("#") && line.contains("=") {
                let kv = line.split(separator: "=", maxSplits: 1)
                keys[String(kv[0])] = String(kv[1])
            }
            return keys
        }
        let service = try unit("countyreport-regen.service"), timer = try unit("countyreport-regen.timer")
        #expect(service["Type"] == "oneshot")
        #expect(service["ExecStart"]?.hasPrefix("/usr/local/bin/countyreport report ") == true)
        #expect(service["SuccessExitStatus"] == String(RunOutcome.locked.exitCode))
        #expect(timer["OnCalendar"] != nil && timer["Persistent"] == "true")
        #expect(timer["WantedBy"] == "timers.target")
    }

    @Test func theImageBuildsTheBinaryAndShipsTheFontsWhereItLooks() throws {
        let docker = try String(contentsOfFile: Repository.path("deploy/Dockerfile"), encoding: .utf8)
        let froms = docker.split(separator: "\n").filter { $0.hasPrefix("FROM ") }
        #expect(froms.count == 2, "a build stage and a runtime stage")
        #expect(docker.contains("--static-swift-stdlib") && docker.contains("--product countyreport"))
        #expect(
            docker.contains("/usr/local/bin/countyreport") && docker.contains("/usr/local/share/countyreport/Fonts"))
        #expect(docker.contains("debian:bookworm"))
        for lib in ["libcairo2", "libpango-1.0-0", "libpangocairo-1.0-0"] { #expect(docker.contains(lib)) }
    }

    /// Every library the binary names (its NEEDED entries) but the C runtime, which the base image has,
    /// and Swift's, which the image links statically, comes from a Debian package the runtime stage installs.
    @Test func theRuntimeStageInstallsEveryLibraryTheBinaryNames() throws {
        let docker = try String(contentsOfFile: Repository.path("deploy/Dockerfile"), encoding: .utf8)
        let runtime = try #require(docker.components(separatedBy: "\nFROM ").last)
        let needed = try runProcess(try #require(which("objdump")), ["-p", CLI.executable]).stdout
            .split(separator: "\n").filter { $0.contains("NEEDED") }.compactMap { $0.split(separator: " ").last }
        // Where each is loaded from (ldd), then which package owns those files (one dpkg -S).
        var paths: [String] = []
        for line in try runProcess(try #require(which("ldd")), [CLI.executable]).stdout.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 3, parts[1] == "=>", needed.contains(parts[0]), !parts[2].contains("swift") else {
                continue
            }
            paths.append(URL(fileURLWithPath: String(parts[2])).resolvingSymlinksInPath().path)
        }
        let owners = try runProcess(try #require(which("dpkg")), ["-S"] + paths).stdout
        let packages = Set(owners.split(separator: "\n").compactMap { $0.split(separator: ":").first.map(String.init) })
        let base: Set<String> = ["libc6", "libgcc-s1"]
        #expect(packages.count >= 8, "\(packages.sorted())")
        for package in packages.subtracting(base).sorted() {
            #expect(
                runtime.contains(" \(package) ") || runtime.contains(" \(package)\n"),
                "the runtime stage lacks \(package)")
        }
    }
}
