import CCairoPango
import Foundation

/// Owns one cairo_surface_t; statuses become thrown errors.
final class CairoSurface {
    let handle: OpaquePointer
    /// Pixel memory the surface draws into, when it is ours; released after the surface.
    private let pixels: PixelMemory?

    init(_ handle: OpaquePointer, operation: String, pixels: PixelMemory? = nil) throws {
        self.handle = handle
        self.pixels = pixels
        try check(operation)
    }

    /// An ARGB32 image surface over memory mapped for it (see `PixelMemory`).
    static func image(width: Int32, height: Int32, operation: String) throws -> CairoSurface {
        let stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, width)
        guard stride > 0, let memory = PixelMemory(byteCount: Int(stride) * Int(height)) else {
            return try CairoSurface(
                cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), operation: operation)
        }
        let handle = cairo_image_surface_create_for_data(
            memory.base.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32, width, height, stride)!   // Cairo returns an error surface, never NULL
        return try CairoSurface(handle, operation: operation, pixels: memory)
    }

    deinit { cairo_surface_destroy(handle) }

    func check(_ operation: String) throws {
        let status = cairo_surface_status(handle)
        if status != CAIRO_STATUS_SUCCESS {
            throw RenderError.cairo(operation: operation, message: String(cString: cairo_status_to_string(status)))
        }
    }

    /// Flushes and closes the surface so that every byte is written; reports write errors.
    func finish(_ operation: String) throws {
        cairo_surface_finish(handle)
        try check(operation)
    }
}

/// Collects the bytes a Cairo stream surface writes.
final class ByteSink {
    /// An array, not `Data`: Cairo writes a PDF in many small pieces (a number, a keyword), and appending
    /// to `Data` cost several times as much per piece.
    var bytes: [UInt8] = []
    var data: Data { Data(bytes) }
    /// Closure for cairo's `cairo_write_func_t`; `closure` is an unretained ByteSink.
    static let write: cairo_write_func_t = { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
    var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

/// Zeroed memory for an image, mapped directly and marked for huge pages: a 1600×900 image is
/// 1,400 small pages, each a page fault on first touch (about 2 ms of a chart); with huge pages
/// the kernel maps it in a handful of faults.
final class PixelMemory {
    let base: UnsafeMutableRawPointer
    private let length: Int
    private static let hugePage = 2 << 20

    init?(byteCount: Int) {
        guard byteCount > 0 else { return nil }
        length = (byteCount + Self.hugePage - 1) / Self.hugePage * Self.hugePage
        // Over-allocate to align the start on a huge page, then unmap the slack on both sides.
        let raw = mmap(nil, length + Self.hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let raw, raw != MAP_FAILED else { return nil }
        let address = UInt(bitPattern: raw)
        let aligned = (address + UInt(Self.hugePage) - 1) / UInt(Self.hugePage) * UInt(Self.hugePage)
        let head = Int(aligned - address), tail = Self.hugePage - head
        if head > 0 { munmap(raw, head) }
        base = UnsafeMutableRawPointer(bitPattern: aligned)!   // aligned ≥ the mapping's address, which is not 0
        if tail > 0 { munmap(base + length, tail) }
        _ = madvise(base, length, MADV_HUGEPAGE)
    }

    deinit { munmap(base, length) }
}
