import CountyData

/// A ZIP entry unpacked as the XML reader pulls it, a chunk at a time, so that a sheet's XML is never whole in
/// memory. It reads through a handle of its own on the file, so the workbook's other parts stay readable meanwhile.
final class PartStream: PartSource {
    private let archive: ZipArchive
    /// Why the unpacking stopped, when it failed.
    private(set) var failure: DataError?

    init(path: String, entry: ZipArchive.Entry) throws(DataError) {
        guard let archive = ZipArchive(path: path) else {
            throw DataError(SourceLocation(file: path), "cannot open the workbook again to read \(entry.name)")
        }
        self.archive = archive
        try archive.open(entry)
    }

    /// Copies up to `count` bytes into `buffer`; 0 at the end, -1 when the unpacking failed.
    func read(_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        guard failure == nil else { return -1 }
        do { return try archive.read(buffer, count) } catch {
            failure = error
            return -1
        }
    }

    /// Stops the unpacking (when the reader gave up early).
    func close() { archive.abandon() }
}
