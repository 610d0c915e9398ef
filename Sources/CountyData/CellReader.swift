import Foundation

/// Reads one value cell of a data table: a figure with optional unit and hedge, a structure
/// (19.4:36.3:44.3), or a mark meaning “no figure”.
public enum CellReader {
    public enum Cell: Equatable, Sendable {
        case missing
        /// A value in `unit` as written (nil: the cell gave no unit), with its hedge.
        case figure(Decimal, unit: Unit?, hedge: Hedge?)
        case ratio([Decimal])
    }

    /// The observation a cell holds, or nil for a missing mark; a structure's parts are in %
    /// unless the column says otherwise, and its value is their sum.
    /// `writtenDecimals`: of a figure, as `writtenDecimals(_:)` counts them in the cell's text.
    public static func observation(
        _ cell: Cell, region: Region, indicator: String, period: Period, columnUnit: Unit?,
        note: String, provenance: Provenance, writtenDecimals: Int? = nil
    ) -> Observation? {
        switch cell {
        case .missing:
            return nil
        case .figure(let value, let unit, let hedge):
            return Observation(
                region: region, indicator: indicator, period: period, value: value, unit: unit, hedge: hedge,
                note: note, provenance: provenance, writtenDecimals: writtenDecimals)
        case .ratio(let parts):
            return Observation(
                region: region, indicator: indicator, period: period, value: parts.reduce(0, +), parts: parts,
                unit: columnUnit ?? Unit("%"), note: note, provenance: provenance)
        }
    }

    /// Reads `text`; `columnUnit` is the unit the table's unit column gives for the row.
    public static func read(_ text: String, columnUnit: Unit?) throws(NumberReadError) -> Cell {
        if let d = fastDecimal(Array(text.utf8)) { return .figure(d, unit: columnUnit, hedge: nil) }   // the common case, before any trimming
        let trimmed = text.trimmingSpaces
        if PlainNumber.missingMarks.contains(trimmed) { return .missing }
        if let d = fastDecimal(Array(trimmed.utf8)) { return .figure(d, unit: columnUnit, hedge: nil) }
        let reading: NumberReading
        do { reading = try NumberReader.read(trimmed) } catch {
            throw (error as? NumberReadError) ?? NumberReadError(text: text, message: "\(error)")
        }
        if let parts = reading.parts { return .ratio(parts) }
        guard let base = reading.value else {
            throw NumberReadError(text: text, message: "a range is not a single figure")
        }
        // Which unit was written: the cell's own, its magnitude with the column's unit, or the column's.
        guard let written = reading.unitAsWritten else {
            return .figure(base, unit: columnUnit, hedge: reading.hedge)   // a bare number in the column's unit
        }
        let unit: Unit
        if let own = reading.unit {
            if let c = columnUnit, c.dimension != own.dimension {
                throw NumberReadError(
                    text: text, message: "the cell says \(written) but the unit column says \(c.symbol)")
            }
            unit = Unit(written) ?? own
        } else if let c = columnUnit, let combined = Unit(written + c.symbol) {
            unit = combined   // 1.2万 in a 元 column is 1.2 万元
        } else if let c = columnUnit {
            throw NumberReadError(text: text, message: "\(written) cannot combine with the unit column's \(c.symbol)")
        } else {
            return .figure(base, unit: nil, hedge: reading.hedge)   // a bare magnitude (1.2万) with no unit: the number itself
        }
        return .figure(base / unit.factor, unit: unit, hedge: reading.hedge)
    }

    /// Plain ASCII decimals (`-25.7`, `1668595`) without Foundation's string parsing; nil otherwise.
    public static func fastDecimal(_ bytes: [UInt8]) -> Decimal? {
        bytes.withUnsafeBufferPointer { fastFigure($0)?.value }
    }

    static func fastDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? { fastFigure(bytes)?.value }

    /// The decimals written in a figure's text: the digits after its first decimal point (`1,286.40万件`: 2,
    /// `１２．５０`: 2, `412`: 0); nil for text with no digits or with an exponent (`1.2e3`).
    public static func writtenDecimals(_ text: String) -> Int? {
        var sawDigit = false, afterPoint = false, count = 0
        for u in text.unicodeScalars {
            let digit = ("0"..."9").contains(u) || ("０"..."９").contains(u)
            if u == "e" || u == "E" { return nil }
            if afterPoint {
                if digit { count += 1 } else if count > 0 { break } else { afterPoint = false }
            } else if digit {
                sawDigit = true
            } else if (u == "." || u == "．") && sawDigit {
                afterPoint = true
            }
        }
        return sawDigit ? count : nil
    }

    /// A plain ASCII decimal and how many decimals it was written with (`1286.40`: 2).
    static func fastFigure(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Decimal, decimals: Int8)? {
        plainDecimal(bytes).map { ($0.value, $0.fraction) }
    }

    /// A plain ASCII decimal's parts: at most 19 bytes, an optional minus, digits, and a point between digits.
    struct PlainDecimal: Equatable {
        /// True only for a figure other than zero (`-0` is zero, not negative).
        var negative: Bool
        var significand: UInt64
        /// The decimals written (`1286.40`: 2).
        var fraction: Int8

        var value: Decimal {
            Decimal(sign: negative ? .minus : .plus, exponent: -Int(fraction), significand: Decimal(significand))
        }
    }

    /// The one reading of a plain decimal (`-25.7`, `1668595`) from its bytes; nil for anything else.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainDecimal? {
        var i = 0
        let n = bytes.count
        guard n > 0, n <= 19 else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        var significand: UInt64 = 0
        var digits = 0, fraction = 0
        var point = false
        while i < n {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                significand = significand * 10 + UInt64(b - 48)
                digits += 1
                if point { fraction += 1 }
            } else if b == UInt8(ascii: "."), !point, digits > 0, i + 1 < n {
                point = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        return PlainDecimal(negative: negative && significand != 0, significand: significand, fraction: Int8(fraction))
    }
}
