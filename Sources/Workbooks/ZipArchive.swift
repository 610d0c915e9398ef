import CMinizip
import CountyData

/// A ZIP file read with minizip: its directory when opened, then one entry at a time, unpacked as it is read and
/// never past the entry's compressed size (a deflate stream that does not end is an error, not a wait). An entry
/// that unpacks to another size than it declares, or fails its CRC, is an error naming the file and the entry.
final class ZipArchive {
    /// The file, as errors name it.
    let path: String
    private let handle: unzFile
    /// The entry open for reading, and how many bytes it has given so far.
    private var current: (entry: Entry, unpacked: UInt64)?

    /// An entry as the ZIP directory declares it.
    struct Entry {
        let name: String
        let uncompressedSize: UInt64
        let encrypted: Bool
        /// 0 stored, 8 deflate: the two minizip reads.
        let method: UInt
    }

    /// Nil when the file has no readable ZIP directory (not a ZIP file, or truncated).
    init?(path: String) {
        guard let handle = unzOpen64(path) else { return nil }
        self.path = path
        self.handle = handle
    }

    deinit {
        if current != nil { unzCloseCurrentFile(handle) }
        unzClose(handle)
    }

    /// The entry called exactly `name`, nil when there is none.
    func entry(_ name: String) -> Entry? {
        guard unzLocateFile(handle, name, 1) == UNZ_OK else { return nil }
        var info = unz_file_info64()
        guard unzGetCurrentFileInfo64(handle, &info, nil, 0, nil, 0, nil, 0) == UNZ_OK else { return nil }
        return Entry(
            name: name, uncompressedSize: info.uncompressed_size, encrypted: info.flag & 1 != 0,
            method: info.compression_method)
    }

    /// Starts reading `entry` (closing any entry still open).
    func open(_ entry: Entry) throws(DataError) {
        abandon()
        guard !entry.encrypted else { throw failure(entry, "it is encrypted") }
        guard entry.method == 0 || entry.method == 8 else {
            throw failure(entry, "its compression method is \(entry.method), neither deflate (8) nor stored (0)")
        }
        guard unzLocateFile(handle, entry.name, 1) == UNZ_OK else { throw failure(entry, "it is not in the directory") }
        let status = unzOpenCurrentFile(handle)
        guard status == UNZ_OK else { throw failure(entry, Self.reason(status)) }
        current = (entry, 0)
    }

    /// Copies up to `count` unpacked bytes of the open entry into `buffer`; 0 at its end, once its size and CRC
    /// are checked.
    func read(_ buffer: UnsafeMutableRawPointer, _ count: Int) throws(DataError) -> Int {
        guard let (entry, unpacked) = current else { return 0 }
        let n = unzReadCurrentFile(handle, buffer, UInt32(clamping: count))
        if n > 0 {
            current = (entry, unpacked + UInt64(n))
            return Int(n)
        }
        current = nil
        let closed = unzCloseCurrentFile(handle)
        guard n == UNZ_EOF else { throw failure(entry, Self.reason(n)) }
        guard unpacked == entry.uncompressedSize else {
            throw DataError(
                SourceLocation(file: path),
                "\(entry.name) unpacks to \(unpacked) bytes, not the \(entry.uncompressedSize) its ZIP entry declares")
        }
        guard closed == UNZ_OK else { throw failure(entry, Self.reason(closed)) }
        return 0
    }

    /// Stops reading the open entry without checking it.
    func abandon() {
        if current != nil { unzCloseCurrentFile(handle) }
        current = nil
    }

    /// Unpacks `entry` in chunks of 64 KiB, handing each to `body`, to its end and its checks.
    func unpack(_ entry: Entry, _ body: (UnsafeRawBufferPointer) -> Void) throws(DataError) {
        try open(entry)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let n = try read(chunk.baseAddress!, chunk.count)
            if n == 0 { return }
            body(UnsafeRawBufferPointer(rebasing: chunk[..<n]))
        }
    }

    private func failure(_ entry: Entry, _ reason: String) -> DataError {
        DataError(
            SourceLocation(file: path), "cannot unpack \(entry.name): \(reason) (a damaged or truncated workbook?)")
    }

    /// minizip's and zlib's status codes in words.
    private static func reason(_ status: Int32) -> String {
        switch status {
        case UNZ_CRCERROR: "its CRC does not match"
        case UNZ_BADZIPFILE: "its local header does not match the ZIP directory"
        case UNZ_ERRNO: "the file cannot be read"
        case Z_DATA_ERROR: "its deflate data is invalid"
        case Z_BUF_ERROR: "its deflate data ends before the entry does"
        case Z_MEM_ERROR: "out of memory"
        default: "minizip status \(status)"
        }
    }
}
