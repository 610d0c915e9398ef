import Dispatch
import Foundation
import Synchronization

/// Independent work spread over every core (a report's figures, a PDF's streams): pure functions of
/// their input, results kept in input order, so what is made does not depend on the number of cores.
public enum Parallel {
    /// `transform` of every element, computed on up to all cores; in order.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
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

    /// `transform` of every element, computed on up to all cores; in order. The first error in the
    /// elements' order is thrown (every element is still computed).
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws
        -> [R]
    {
        try map(items) { item in Result { try transform(item) } }.map { try $0.get() }
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
