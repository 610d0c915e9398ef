import Foundation
import Regeneration

/// Writes a file whole or not at all, through Regeneration's `OutputStore`: bytes go to a temporary
/// file beside the target (`.NAME.countyreport-PID-RANDOM.tmp`), which is then renamed over it. An old
/// file stays intact until the new one is complete, and keeps its mode. One-off commands (`chart`,
/// `bench`) do not sync to the disk (`renameOnly`): about 7 ms a file saved; regeneration runs do.
/// Every command's one-off output goes through here: before writing, the temporary files that killed
/// runs left in the output's folder are removed, and an output that is one of the run's `inputs`
/// is refused (a usage error, exit 64) rather than written over.
public enum OutputFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The output is one of the run's inputs: a usage error, not a failed write.
        public var isInput = false
        public var description: String { "\(path): cannot write: \(reason)" }
        /// The exit code's kind: usage (64) for an output that is an input, else an output error (73).
        public var jobError: JobError { isInput ? .usage(description) : .output(description) }
    }

    public static func write(_ data: Data, to path: String, inputs: [String] = []) throws {
        OutputStore.cleanStale(
            in: (path as NSString).deletingLastPathComponent.isEmpty
                ? "." : (path as NSString).deletingLastPathComponent)
        do throws(RegenerationError) {
            try OutputStore(protecting: inputs, durability: .renameOnly).write(data, to: path)
        } catch {
            switch error {
            case .cannotWrite(let p, let reason): throw WriteError(path: p, reason: reason)
            case .outputIsInput(let p):
                throw WriteError(path: p, reason: "it is also an input of this run", isInput: true)
            default: throw WriteError(path: error.path, reason: error.message)   // a write throws neither of the others
            }
        }
    }
}
