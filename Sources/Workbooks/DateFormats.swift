import CountyData
import Foundation

/// The cell styles of a workbook whose number format is a date (`xl/styles.xml`): a number in such a cell
/// is a date serial, read as the date its format shows — `yyyy` or `yyyy"年"` shows 45292 as `2024` or
/// `2024年` (so a 年份 column of dates reads as years); a format with months or days shows the date
/// (`yyyy-mm-dd` → `2024-01-01`, which the period reader takes as the month it names). A year is always
/// written with four digits (`yy` too), so that it reads as a year. Built-in date formats (ids 14–17, 22,
/// 27–36, 50–58) show `yyyy-mm-dd`; time-only formats are left as numbers.
struct DateFormats: Sendable {
    /// Date formats by cell style index (the `s` of a `<c>`).
    var byStyle: [Int: DateFormat] = [:]
    /// The workbook counts days from 1904-01-01 (`<workbookPr date1904="1"/>`), not 1899-12-30.
    var date1904 = false

    init() {}

    /// Reads `<numFmts>` and `<cellXfs>` of a styles part.
    init(styles stream: XMLStream, date1904: Bool) throws(DataError) {
        self.date1904 = date1904
        let numFmt = stream.intern("numFmt"), cellXfs = stream.intern("cellXfs"), xf = stream.intern("xf")
        var custom: [Int: String] = [:]
        var inCellXfs = false
        var style = 0
        while try stream.next() {
            let type = stream.nodeType
            if type == XMLStream.element {
                let name = stream.localName
                if name == numFmt, let id = stream.attribute("numFmtId").flatMap({ Int($0) }) {
                    custom[id] = stream.attribute("formatCode") ?? ""
                } else if name == cellXfs {
                    inCellXfs = !stream.isEmptyElement
                } else if name == xf, inCellXfs {
                    let id = stream.attribute("numFmtId").flatMap { Int($0) } ?? 0
                    if let f = custom[id].flatMap(DateFormat.init(code:)) ?? DateFormat(builtIn: id) {
                        byStyle[style] = f
                    }
                    style += 1
                }
            } else if type == XMLStream.endElement, stream.localName == cellXfs {
                inCellXfs = false
            }
        }
    }

    /// The text of a number in a cell of style `style` when that style is a date, else nil.
    func text(_ number: [UInt8], style: Int) -> String? {
        guard let format = byStyle[style], let serial = Double(String(decoding: number, as: UTF8.self)) else {
            return nil
        }
        return format.text(serial: serial, date1904: date1904)
    }
}

/// A date number format, as the parts it shows: year, month, day and literal text.
struct DateFormat: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case year
        case month(padded: Bool)
        case day(padded: Bool)
        case literal(String)
    }
    var parts: [Part]

    /// The built-in date formats (their codes depend on the locale): shown as `yyyy-mm-dd`.
    init?(builtIn id: Int) {
        guard [14, 15, 16, 17, 22].contains(id) || (27...36).contains(id) || (50...58).contains(id) else {
            return nil
        }
        parts = [.year, .literal("-"), .month(padded: true), .literal("-"), .day(padded: true)]
    }

    /// A custom format code (`yyyy`, `yyyy\年`, `yyyy"年"m"月"`, `[$-804]yyyy-mm-dd`); nil when it shows no
    /// year, month or day (a number or time format). Only the first section (positive numbers) is read.
    init?(code: String) {
        var parts: [Part] = []
        var literal = ""
        var chars = Array(code)[...]
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
        }
        var sawTime = false
        while let c = chars.popFirst() {
            switch c {
            case ";": chars = []
            case "\"":
                while let q = chars.popFirst(), q != "\"" { literal.append(q) }
            case "\\": if let q = chars.popFirst() { literal.append(q) }
            case "[": while let q = chars.popFirst(), q != "]" {}
            case "_", "*": _ = chars.popFirst()   // a space the width of the next character, a fill
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S":
                var run = 1
                while let next = chars.first, next.lowercased() == c.lowercased() {
                    run += 1; chars = chars.dropFirst()
                }
                flush()
                switch c.lowercased() {
                case "y": parts.append(.year)
                case "m": parts.append(.month(padded: run == 2))   // mmm, month names: shown as a number
                case "d": if run <= 2 { parts.append(.day(padded: run == 2)) }   // ddd, weekday names: left out
                default: sawTime = true
                }
            default: literal.append(c)
            }
        }
        flush()
        let shown = parts.filter { if case .literal = $0 { false } else { true } }
        // A time (h:mm:ss) is not a date; a lone m or mm next to a time is minutes.
        let dated = shown.contains { part in
            switch part {
            case .year, .day: true
            default: false
            }
        }
        guard dated, !sawTime else { return nil }
        self.parts = parts
    }

    /// The date of `serial` as this format shows it; nil for a serial outside 1900–9999.
    func text(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let (y, m, d) = ExcelDate.civil(serial: Int(serial.rounded(.down)), date1904: date1904)
        var out = ""
        for p in parts {
            switch p {
            case .year: out += String(y)
            case .month(let padded): out += padded && m < 10 ? "0\(m)" : "\(m)"
            case .day(let padded): out += padded && d < 10 ? "0\(d)" : "\(d)"
            case .literal(let s): out += s
            }
        }
        return out
    }
}

/// Excel's date serials: days since 1899-12-30 (serials from 61 on; Excel counts a 29 February 1900
/// that never was, so 1–59 are a day later), or since 1904-01-01 in a 1904 workbook.
enum ExcelDate {
    static func civil(serial: Int, date1904: Bool) -> (year: Int, month: Int, day: Int) {
        // Days since 1970-01-01: 1899-12-30 is day −25569, 1904-01-01 is day −24107.
        let days = date1904 ? serial - 24107 : serial - 25569 + (serial < 61 && serial > 0 ? 1 : 0)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
