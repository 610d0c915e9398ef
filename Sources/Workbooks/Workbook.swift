import CountyData
import Foundation

/// A workbook whose sheets can be listed and read row by row: .xlsx (`XLSXBook`) or .xls (`XLSBook`).
public protocol Workbook: AnyObject {
    var path: String { get }
    var sheetNames: [String] { get }
    /// Reads sheet `index` (0-based) in row order; `sheetFile` (`book.xlsx#Sheet1`) names it in errors.
    func readRows(ofSheet index: Int, sheetFile: String, _ body: (borrowing SheetRow) -> Void) throws(DataError)
}

/// Opening workbooks by their extension, and choosing a sheet by name or 1-based index.
public enum Workbooks {
    /// Opens `path` as .xls or .xlsx/.xlsm by its extension.
    public static func open(_ path: String) throws(DataError) -> any Workbook {
        if path.lowercased().hasSuffix(".xls") { return try XLSBook(path: path) }
        return try XLSXBook(path: path)
    }

    /// The 0-based index of the sheet named `sheet` — or, when no sheet has that name, numbered so (1-based);
    /// the first sheet when `sheet` is nil.
    public static func sheetIndex(_ sheet: String?, in book: any Workbook) throws(DataError) -> Int {
        guard !book.sheetNames.isEmpty else {
            throw DataError(SourceLocation(file: book.path), "the workbook has no sheets")
        }
        guard let sheet else { return 0 }
        if let i = book.sheetNames.firstIndex(of: sheet) { return i }
        if let n = Int(sheet), n >= 1, n <= book.sheetNames.count { return n - 1 }
        throw DataError(
            SourceLocation(file: book.path),
            "no sheet “\(sheet)”; the sheets are "
                + book.sheetNames.enumerated().map { "\($0 + 1) “\($1)”" }.joined(separator: ", "))
    }
}

/// Loads data files of every kind the tool reads, choosing by extension: workbooks (`book.xlsx`,
/// `book.xlsx#表3-1`, `book.xls#2`) here, CSV and JSON through `DatasetLoader`.
public enum DataFiles {
    public static func load(_ paths: [String], options: LoadOptions = LoadOptions()) -> Dataset {
        var all = Dataset()
        for path in paths { all.append(load(path, options: options)) }
        return all
    }

    public static func load(_ path: String, options: LoadOptions = LoadOptions()) -> Dataset {
        guard let (book, sheet) = SheetAddress.split(path) else { return DatasetLoader.load(path, options: options) }
        do {
            return try loadSheet(Workbooks.open(book), sheet: sheet ?? options.sheet, options: options)
        } catch {
            return Dataset(problems: [error])
        }
    }

    /// Loads one sheet of an open workbook.
    public static func loadSheet(_ book: any Workbook, sheet: String?, options: LoadOptions = LoadOptions())
        throws(DataError) -> Dataset
    {
        let index = try Workbooks.sheetIndex(sheet, in: book)
        let file = SheetAddress.name(path: book.path, sheet: book.sheetNames[index])
        var loader = SheetLoader(file: file, options: options)
        try book.readRows(ofSheet: index, sheetFile: file) { loader.read($0) }
        return loader.finish()
    }

    /// Whether `path` (a file, or a workbook with `#sheet`) names a file that exists.
    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: SheetAddress.split(path)?.path ?? path)
    }
}
