import CFreeXL
import CountyData
import Foundation

/// An old binary .xls workbook (BIFF5/BIFF8) read with FreeXL: texts in UTF-8 whatever the workbook's
/// code page (GB2312-era files included), numbers as Excel shows them. FreeXL does not give merged
/// ranges or error values: merged cells read as their top-left cell alone, an error cell as empty.
public final class XLSBook: Workbook {
    public let path: String
    public let sheetNames: [String]
    private let handle: UnsafeRawPointer

    public init(path: String) throws(DataError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError(SourceLocation(file: path), "no such file")
        }
        var h: UnsafeRawPointer?
        let status = freexl_open(path, &h)
        guard status == FREEXL_OK, let h else {
            if let h { freexl_close(h) }
            throw DataError(SourceLocation(file: path), "not a readable .xls workbook (FreeXL error \(status))")
        }
        handle = h
        var count: UInt32 = 0
        freexl_get_info(h, UInt16(FREEXL_BIFF_SHEET_COUNT), &count)
        var names: [String] = []
        for i in 0..<count {
            var name: UnsafePointer<CChar>?
            if freexl_get_worksheet_name(h, UInt16(i), &name) == FREEXL_OK, let name {
                names.append(String(cString: name))
            } else {
                names.append("Sheet\(i + 1)")
            }
        }
        sheetNames = names
    }

    deinit { freexl_close(handle) }

    public func readRows(ofSheet index: Int, sheetFile: String, _ body: (borrowing SheetRow) -> Void) throws(DataError)
    {
        guard freexl_select_active_worksheet(handle, UInt16(index)) == FREEXL_OK else {
            throw DataError(SourceLocation(file: sheetFile), "FreeXL cannot select this sheet")
        }
        var rows: UInt32 = 0, columns: UInt16 = 0
        guard freexl_worksheet_dimensions(handle, &rows, &columns) == FREEXL_OK else {
            throw DataError(SourceLocation(file: sheetFile), "FreeXL cannot read this sheet's dimensions")
        }
        var row = SheetRow()
        var cell = FreeXL_CellValue()
        for r in 0..<rows {
            row.start(number: Int(r) + 1)
            for c in 0..<columns {
                guard freexl_get_cell_value(handle, r, c, &cell) == FREEXL_OK else {
                    throw DataError(
                        SourceLocation(file: sheetFile, line: Int(r) + 1, column: Int(c) + 1),
                        "FreeXL cannot read this cell")
                }
                let column = Int(c) + 1
                switch Int32(cell.type) {
                case FREEXL_CELL_INT:
                    row.append(column: column, String(cell.value.int_value))
                case FREEXL_CELL_DOUBLE:
                    let text =
                        ExcelNumber.shown(Array(String(cell.value.double_value).utf8))
                        ?? String(cell.value.double_value)
                    row.append(column: column, text)
                case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_DATE, FREEXL_CELL_DATETIME, FREEXL_CELL_TIME:
                    if let t = cell.value.text_value { row.append(column: column, String(cString: t)) }
                default:
                    break
                }
            }
            body(row)
        }
    }
}
