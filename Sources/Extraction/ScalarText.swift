/// Text as an array of Unicode scalars and back, done byte by byte: extraction turns every block into
/// scalars and thousands of slices a block back into strings, where the standard library's generic
/// paths (a scalar view's count, then its copy; appending scalar by scalar) cost a tenth of the run.
enum ScalarText {
    /// The scalars of `text`.
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { u in
            var count = 0
            for b in u where b & 0xC0 != 0x80 { count += 1 }   // every byte but a continuation starts a scalar
            return [Unicode.Scalar](unsafeUninitializedCapacity: count) { out, n in
                var i = 0
                var k = 0
                while i < u.count, k < count {
                    let b0 = UInt32(u[i])
                    var v: UInt32
                    if b0 < 0x80 {
                        v = b0; i += 1
                    } else if b0 < 0xE0 {
                        v = (b0 & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F); i += 2
                    } else if b0 < 0xF0 {
                        v = (b0 & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F); i += 3
                    } else {
                        v = (b0 & 0x07) << 18 | UInt32(u[i + 1] & 0x3F) << 12 | UInt32(u[i + 2] & 0x3F) << 6
                            | UInt32(u[i + 3] & 0x3F)
                        i += 4
                    }
                    // A String's bytes are valid UTF-8, so each sequence is a scalar.
                    out[k] = Unicode.Scalar(v) ?? "\u{FFFD}"
                    k += 1
                }
                n = k
            }
        }
    }

    /// The string of `scalars`.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes = 0
        for c in scalars { bytes += c.value < 0x80 ? 1 : c.value < 0x800 ? 2 : c.value < 0x10000 ? 3 : 4 }
        return String(unsafeUninitializedCapacity: bytes) { out in
            var k = 0
            for c in scalars {
                let v = c.value
                if v < 0x80 {
                    out[k] = UInt8(v); k += 1
                } else if v < 0x800 {
                    out[k] = UInt8(0xC0 | v >> 6); out[k + 1] = UInt8(0x80 | v & 0x3F); k += 2
                } else if v < 0x10000 {
                    out[k] = UInt8(0xE0 | v >> 12); out[k + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                    out[k + 2] = UInt8(0x80 | v & 0x3F); k += 3
                } else {
                    out[k] = UInt8(0xF0 | v >> 18); out[k + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                    out[k + 2] = UInt8(0x80 | v >> 6 & 0x3F); out[k + 3] = UInt8(0x80 | v & 0x3F); k += 4
                }
            }
            return k
        }
    }
}
