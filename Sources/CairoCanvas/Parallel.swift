import Dispatch
import Foundation
import Synchronization

/// Work on every core for the PDF's last steps (compressing streams): pure functions of their input,
/// results kept in input order so the file's bytes do not depend on the number of cores.
enum Parallel {
    /// `transform` of every element, computed on up to all cores; in order.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, items.count > 1 else { return items.map(transform) }
        let results = Slots<R>(count: items.count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(cores, items.count)) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < items.count else { break }
                results.set(i, transform(items[i]))
            }
        }
        return results.values
    }

    /// One slot per item, each written once by one thread (no two threads touch one slot), read after
    /// every thread has ended.
    private final class Slots<R>: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<R?>
        init(count: Int) { slots = .allocate(capacity: count); slots.initialize(repeating: nil) }
        deinit { slots.deinitialize().deallocate() }
        func set(_ i: Int, _ value: R) { slots[i] = value }
        var values: [R] { slots.map { $0! } }
    }
}
