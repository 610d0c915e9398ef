import CountyTestSupport
import Foundation
import Testing

@testable import Regeneration

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func nistVectors(input: String, expected: String) {
        #expect(SHA256.hash(Array(input.utf8)).hex == expected)
    }

    @Test func millionAs() {
        var h = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        #expect(h.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every length around the padding boundaries, fed whole and in uneven pieces, agrees with sha256sum.
    @Test func agreesWithSha256sum() throws {
        let dir = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = SplitMix(seed: 7)
        for length in [1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 4097, 65_537, 1 << 20 | 13] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let path = dir + "/f\(length)"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let expected = String(try run("/usr/bin/sha256sum", [path]).stdout.prefix(64))
            #expect(SHA256.hash(bytes).hex == expected, "length \(length)")
            #expect(try SHA256.hash(fileAt: path).hex == expected, "file of length \(length)")
            var pieces = SHA256()
            var at = 0
            while at < bytes.count {
                let n = min(bytes.count - at, Int.random(in: 1...150, using: &rng))
                pieces.update(Array(bytes[at..<at + n]))
                at += n
            }
            #expect(pieces.finalize().hex == expected, "pieces of length \(length)")
        }
    }

    @Test func digestHexRoundTrip() {
        let d = SHA256.hash(Array("abc".utf8))
        #expect(SHA256.Digest(hex: d.hex) == d)
        #expect(SHA256.Digest(hex: d.hex.uppercased()) == d)
        #expect(SHA256.Digest(hex: "abc") == nil)
        #expect(SHA256.Digest(hex: String(repeating: "g", count: 64)) == nil)
    }

    /// Issue 16: an input that is a named pipe (a report's data, hashed for the manifest) is refused,
    /// not opened: opening it would block the run until a writer came.
    @Test func aNamedPipeIsRefusedWithoutBlocking() throws {
        let pipe = FileManager.default.temporaryDirectory.appendingPathComponent("sha-pipe-\(UUID().uuidString)").path
        #expect(mkfifo(pipe, 0o600) == 0)
        defer { unlink(pipe) }
        #expect(throws: RegenerationError.missingInput(path: pipe, reason: "a named pipe, not a file")) {
            try SHA256.hash(fileAt: pipe)
        }
    }

    @Test func missingFileNamesThePath() {
        #expect(throws: RegenerationError.missingInput(path: "/no/such/file", reason: "No such file or directory")) {
            try SHA256.hash(fileAt: "/no/such/file")
        }
    }
}
