import CountyData
import Foundation
import ZIPFoundation

/// A ZIP entry unpacked on a thread of its own and handed over in chunks, so that a sheet's XML is never
/// whole in memory: the reader pulls (`read`), the unpacking thread waits while two chunks are unread.
/// More than `budget` bytes, or more than the entry declares, stops the unpacking with an error.
final class PartStream: PartSource, @unchecked Sendable {
    private let lock = NSLock()
    private let slots = DispatchSemaphore(value: 2)
    private let items = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var queue: [Data?] = []
    private var current = Data()
    private var offset = 0
    private var finished = false
    private var cancelled = false
    /// Why the unpacking stopped, when it failed.
    private(set) var failure: DataError?

    private struct Cancelled: Error {}
    private struct Overrun: Error {}

    init(archive: Archive, entry: Entry, name: String, path: String, budget: Int) {
        let box = UncheckedBox(archive: archive, entry: entry)
        let limit = min(UInt64(budget), entry.uncompressedSize)
        Thread.detachNewThread { [self] in
            var total: UInt64 = 0
            do {
                _ = try box.archive.extract(box.entry, skipCRC32: false) { data in
                    total += UInt64(data.count)
                    if total > limit { throw Overrun() }
                    self.slots.wait()
                    if self.isCancelled { throw Cancelled() }
                    self.push(data)
                }
            } catch is Cancelled {
            } catch is Overrun {
                failure = DataError(
                    SourceLocation(file: path),
                    "\(name) unpacks to more than the \(limit) bytes its ZIP entry declares (a zip bomb?)")
            } catch {
                failure = DataError(
                    SourceLocation(file: path), "cannot unpack \(name): \(error) (a damaged or truncated workbook?)")
            }
            push(nil)
            done.signal()
        }
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    private func push(_ data: Data?) {
        lock.withLock { queue.append(data) }
        items.signal()
    }

    /// Copies up to `count` bytes into `buffer`; 0 at the end, -1 when the unpacking failed.
    func read(_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while offset == current.count {
            if finished { return failure == nil ? 0 : -1 }
            items.wait()
            let next = lock.withLock { queue.removeFirst() }
            slots.signal()
            if let next { current = next; offset = 0 } else { finished = true; current = Data(); offset = 0 }
        }
        let n = min(count, current.count - offset)
        current.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }

    /// Stops the unpacking (when the reader gave up early) and waits for its thread to end.
    func close() {
        lock.withLock { cancelled = true }
        slots.signal(); slots.signal()
        while !finished {
            items.wait()
            if lock.withLock({ queue.removeFirst() }) == nil { finished = true }
            slots.signal()
        }
        done.wait()
    }
}

private struct UncheckedBox: @unchecked Sendable {
    let archive: Archive
    let entry: Entry
}
