/// A deterministic share of the regions, for splitting one run over N machines with no coordination:
/// shard K of N (1 ≤ K ≤ N, written `K/N`) takes the regions whose `stableHash(code) % N == K - 1`.
///
/// The hash is FNV-1a 64 over the region code's UTF-8 bytes as written (no normalisation: use the
/// administrative division code, e.g. `430522`, where there is one). It depends on nothing but the
/// code, so adding or removing a region moves no other region to another shard, and every machine,
/// every Swift version and every run agrees (Swift's own `hashValue` is seeded per process).
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// K, from 1.
    public let index: Int
    /// N.
    public let count: Int

    /// The whole run: shard 1 of 1.
    public static let whole = Shard(validIndex: 1, count: 1)

    private init(validIndex: Int, count: Int) {
        index = validIndex
        self.count = count
    }

    /// Shard `index` of `count`; throws `.badShard` unless 1 ≤ index ≤ count.
    public init(_ index: Int, of count: Int) throws(RegenerationError) {
        guard count >= 1 else { throw .badShard(text: "\(index)/\(count)", reason: "N must be at least 1") }
        guard index >= 1, index <= count else {
            throw .badShard(text: "\(index)/\(count)", reason: "K must be between 1 and \(count)")
        }
        self.init(validIndex: index, count: count)
    }

    /// Parses `K/N`, as given to `--shard`.
    public init(parsing text: String) throws(RegenerationError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let k = Int(parts[0].trimmingSpaces), let n = Int(parts[1].trimmingSpaces)
        else {
            throw .badShard(text: text, reason: "expected K/N, e.g. 2/3")
        }
        try self.init(k, of: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// True when the region with this code belongs to this shard.
    public func contains(_ regionCode: String) -> Bool {
        count == 1 || Int(Self.stableHash(regionCode) % UInt64(count)) == index - 1
    }

    /// The regions of `all` that belong to this shard, in their order; `code` gives a region's code.
    public func filter<T>(_ all: some Sequence<T>, code: (T) -> String) -> [T] {
        all.filter { contains(code($0)) }
    }

    /// The lock file for this shard's runs: `.countyreport.lock` for the whole run, else
    /// `.countyreport-shard-K-of-N.lock` — shards of one split run at once on one output folder, each
    /// excluding only a second run of the same shard.
    public var lockFileName: String {
        count == 1 ? RunLock.defaultName : ".countyreport-shard-\(index)-of-\(count).lock"
    }

    /// The manifest this shard writes: `countyreport-manifest.json` for the whole run, else
    /// `countyreport-manifest.shard-K-of-N.json` (so machines never rewrite one another's file;
    /// `Manifest.load(folder:)` reads them all).
    public var manifestFileName: String {
        count == 1 ? Manifest.defaultFileName : "countyreport-manifest.shard-\(index)-of-\(count).json"
    }

    /// FNV-1a, 64 bits, over the UTF-8 bytes of `text`.
    public static func stableHash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
