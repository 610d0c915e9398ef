import CNumberPrinting
import CountyTestSupport
import Foundation
import Testing

/// The numbers Cairo prints into a PDF are printed by CNumberPrinting while pages are drawn: they must
/// be glibc's bytes exactly, for every double and precision Cairo uses (%f, %.3f, %.18f, %.Nf), every
/// integer (%d, %ld, %u, %010ld) and glyph code (%0*x, %04x, %04X).
@Suite struct NumberPrintingTests {

    @Test func doublesPrintAsGlibcPrintsThem() {
        var random = SplitMix(seed: 2026_12_01)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.0000005, 0.0000015, 1.0000005, 0.1, 0.125, 595.28, 841.89,
            1e-7, 1e-20, -1e-10, 9.2e18, 1.7976931348623157e308, .leastNonzeroMagnitude, 0.0005, 0.0015, 12.3455]
        for _ in 0..<300_000 {
            // Coordinates and widths as a page has them, exactly representable halves, and any bits at all.
            values.append(Double.random(in: -2000...2000, using: &random))
            values.append(Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 1024)
            values.append(Double(Int.random(in: -100_000_000...100_000_000, using: &random)) / 2_000_000)
            values.append(Double(bitPattern: random.next()))
        }
        var mismatches: [String] = []
        for v in values {
            for precision in [-1, 0, 1, 3, 6, 9, 12, 18] where ccr_fixed_matches_libc(v, Int32(precision)) == 0 {
                mismatches.append("\(v) at \(precision)")
            }
            if mismatches.count > 10 { break }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func integersPrintAsGlibcPrintsThem() {
        var random = SplitMix(seed: 7)
        var values: [Int] = [0, 1, -1, 9, 10, -10, Int(Int32.max), Int(Int32.min), Int.max, Int.min, Int.min + 1]
        for _ in 0..<200_000 {
            values.append(Int(truncatingIfNeeded: random.next()))
            values.append(Int.random(in: -100_000...100_000, using: &random))
        }
        #expect(values.allSatisfy { ccr_integer_matches_libc($0) != 0 })
    }

    @Test func glyphCodesPrintAsGlibcPrintsThem() {
        var random = SplitMix(seed: 11)
        var ok = true
        for value in [0, 1, 0xF, 0x10, 0xFFFF, 0x1_0000, UInt32.max] as [UInt32] {
            for width in [0, 1, 2, 4, 8, 32] { ok = ok && ccr_hex_matches_libc(value, Int32(width)) != 0 }
        }
        for _ in 0..<200_000 {
            let value = UInt32(truncatingIfNeeded: random.next())
            ok = ok && ccr_hex_matches_libc(value & 0xFFFF, 4) != 0 && ccr_hex_matches_libc(value, Int32(random.next() % 12)) != 0
        }
        #expect(ok)
    }
}
