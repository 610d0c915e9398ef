import Foundation
import Regeneration

/// Writes a file whole or not at all, through Regeneration's `OutputStore`: bytes go to a temporary
/// file beside the target (`.NAME.countyreport-PID-RANDOM.tmp`), which is then renamed over it. An old
/// file stays intact until the new one is complete, and keeps its mode. One-off commands (`chart`,
/// `bench`) do not sync to the disk (`renameOnly`): about 7 ms a file saved; regeneration runs do.
public enum OutputFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    public static func write(_ data: Data, to path: String) throws {
        do throws(RegenerationError) {
            try OutputStore(durability: .renameOnly).write(data, to: path)
        } catch {
            switch error {
            case .cannotWrite(let p, let reason): throw WriteError(path: p, reason: reason)
            case .outputIsInput(let p): throw WriteError(path: p, reason: "it is also an input")
            default: throw WriteError(path: error.path, reason: error.message)   // a write throws neither of the others
            }
        }
    }
}
