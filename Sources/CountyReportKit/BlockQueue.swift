import Foundation
import PageLayout

/// Blocks handed from the thread that builds a report to the thread that lays it out: the layout reads
/// them in order as they come, waiting for the next one, and ends when the builder says it is done.
final class BlockQueue: Sequence, @unchecked Sendable {
    private let condition = NSCondition()
    private var blocks: [Block] = []
    private var finished = false

    func push(_ block: Block) {
        condition.lock()
        blocks.append(block)
        condition.signal()
        condition.unlock()
    }

    /// No block follows (the builder is done, or failed).
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Block `index`, waiting for it; nil once the queue is finished without it.
    fileprivate func block(at index: Int) -> Block? {
        condition.lock()
        defer { condition.unlock() }
        while index >= blocks.count, !finished { condition.wait() }
        return index < blocks.count ? blocks[index] : nil
    }

    struct Iterator: IteratorProtocol {
        let queue: BlockQueue
        var index = 0
        mutating func next() -> Block? {
            defer { index += 1 }
            return queue.block(at: index)
        }
    }

    func makeIterator() -> Iterator { Iterator(queue: self) }
}
