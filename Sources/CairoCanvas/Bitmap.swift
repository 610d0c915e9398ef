import CCairoPango
import ChartScene
import Foundation

/// An image as pixels: premultiplied ARGB, one `UInt32` a pixel (0xAARRGGBB), row by row.
public struct Bitmap: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt32]

    public init(width: Int, height: Int, pixels: [UInt32]) {
        self.width = width; self.height = height; self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> UInt32 { pixels[y * width + x] }

    /// Reads a PNG file's bytes.
    public init(png: Data) throws {
        let source = PNGSource(data: png)
        let handle = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream(PNGSource.read, Unmanaged.passUnretained(source).toOpaque())!   // an error surface, never NULL
        }
        let surface = try CairoSurface(handle, operation: "decoding a PNG")
        self.init(surface: surface)
    }

    init(surface: CairoSurface) {
        cairo_surface_flush(surface.handle)
        let w = Int(cairo_image_surface_get_width(surface.handle)),
            h = Int(cairo_image_surface_get_height(surface.handle))
        let stride = Int(cairo_image_surface_get_stride(surface.handle))
        let format = cairo_image_surface_get_format(surface.handle)
        var px = [UInt32](repeating: 0, count: w * h)
        if let data = cairo_image_surface_get_data(surface.handle) {
            for y in 0..<h {
                let row = UnsafeRawPointer(data + y * stride)
                for x in 0..<w {
                    if format == CAIRO_FORMAT_RGB24 {
                        px[y * w + x] = row.load(fromByteOffset: x * 4, as: UInt32.self) | 0xFF00_0000
                    } else {
                        px[y * w + x] = row.load(fromByteOffset: x * 4, as: UInt32.self)
                    }
                }
            }
        }
        self.init(width: w, height: h, pixels: px)
    }
}

/// Feeds PNG bytes to cairo's stream reader.
private final class PNGSource {
    let data: Data
    var offset = 0
    init(data: Data) { self.data = data }
    static let read: cairo_read_func_t = { closure, buffer, length in
        guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
        let src = Unmanaged<PNGSource>.fromOpaque(closure).takeUnretainedValue()
        let n = Int(length)
        guard src.offset + n <= src.data.count else { return CAIRO_STATUS_READ_ERROR }
        src.data.copyBytes(to: buffer, from: src.offset..<(src.offset + n))
        src.offset += n
        return CAIRO_STATUS_SUCCESS
    }
}
