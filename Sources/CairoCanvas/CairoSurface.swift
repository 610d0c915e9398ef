import CCairoPango
import Foundation

/// Owns one cairo_surface_t; statuses become thrown errors.
final class CairoSurface {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer, operation: String) throws {
        self.handle = handle
        try check(operation)
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
    var data = Data()
    /// Closure for cairo's `cairo_write_func_t`; `closure` is an unretained ByteSink.
    static let write: cairo_write_func_t = { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.data.append(bytes, count: Int(length))
        return CAIRO_STATUS_SUCCESS
    }
    var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
