import CountyTestSupport
import Testing

@testable import Regeneration

@Suite struct ShardTests {
    @Test func parses() throws {
        #expect(try Shard(parsing: "2/3") == Shard(2, of: 3))
        #expect(try Shard(parsing: " 1 / 1 ") == Shard.whole)
        #expect(try Shard(parsing: "8/8").description == "8/8")
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/2/3", "", "/2"] {
            #expect(throws: RegenerationError.self) { try Shard(parsing: bad) }
            do { _ = try Shard(parsing: bad) } catch {
                #expect(error.description.hasPrefix("--shard \(bad): "))
                #expect(error.outcome.exitCode == 64)
            }
        }
    }

    @Test func fnv1aKnownValues() {
        #expect(Shard.stableHash("") == 0xcbf2_9ce4_8422_2325)
        #expect(Shard.stableHash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Shard.stableHash("foobar") == 0x8594_4171_f739_67e8)
    }

    static func codes(_ count: Int) -> [String] {
        var rng = SplitMix(seed: 2024)
        var seen = Set<String>(), out: [String] = []
        while out.count < count {
            let code = String(Int.random(in: 110_000...659_999, using: &rng))
            if seen.insert(code).inserted { out.append(code) }
        }
        return out
    }

    /// Shards 1…N together take every region exactly once, for N = 1…8, over 3,000 codes.
    @Test func shardsCoverEveryRegionExactlyOnce() throws {
        let codes = Self.codes(3000)
        for n in 1...8 {
            var taken = [String: Int]()
            for k in 1...n {
                for code in try Shard(k, of: n).filter(codes, code: { $0 }) { taken[code, default: 0] += 1 }
            }
            #expect(taken.count == codes.count, "N=\(n)")
            #expect(taken.values.allSatisfy { $0 == 1 }, "N=\(n)")
            // And roughly evenly: no shard with under half or over 1.5 times its share.
            for k in 1...n {
                let size = try Shard(k, of: n).filter(codes, code: { $0 }).count
                #expect(size * n * 2 > codes.count && size * n * 2 < codes.count * 3, "shard \(k)/\(n): \(size)")
            }
        }
    }

    /// Adding regions moves none of the others.
    @Test func addingARegionMovesNoOther() throws {
        let codes = Self.codes(3000)
        let before = Array(codes[0..<2000]), after = codes
        for n in 2...8 {
            for k in 1...n {
                let s = try Shard(k, of: n)
                let old = Set(s.filter(before, code: { $0 }))
                let new = Set(s.filter(after, code: { $0 }))
                #expect(old == new.intersection(before))
            }
        }
    }

    @Test func lockAndManifestNames() throws {
        #expect(Shard.whole.lockFileName == ".countyreport.lock")
        #expect(Shard.whole.manifestFileName == "countyreport-manifest.json")
        #expect(try Shard(2, of: 3).lockFileName == ".countyreport-shard-2-of-3.lock")
        #expect(try Shard(2, of: 3).manifestFileName == "countyreport-manifest.shard-2-of-3.json")
    }
}
