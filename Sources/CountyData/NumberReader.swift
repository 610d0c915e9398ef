import Foundation

/// How a piece of text reads as a figure: exact value in the base unit, the unit as written,
/// a hedge, and for ranges the two ends.
public struct NumberReading: Hashable, Sendable {
    /// The value in the base unit; nil for a range or a ratio.
    public var value: Decimal?
    /// Range ends in the base unit (`18%至25%`, `5～10万`).
    public var low: Decimal?
    public var high: Decimal?
    /// The parts of a ratio such as `19.4:36.3:44.3`.
    public var parts: [Decimal]?
    /// The unit as written (`亿元`), nil when the text has none.
    public var unit: Unit?
    /// Magnitude and unit as written (`万元` for “1.2万元”, `万` for “5～10万”).
    public var unitAsWritten: String?
    public var hedge: Hedge?
    /// The value and range ends in `measure`, the unit as written without its magnitude (1.86e9 for
    /// 18.6亿斤, in 斤), beside the base-unit values above.
    public var writtenValue: Decimal?
    public var writtenLow: Decimal?
    public var writtenHigh: Decimal?
    public var measure: Unit?
    /// A fraction as written (三分之一, 1/3): numerator and denominator; `value` is their quotient.
    public var fraction: [Decimal]?

    public init(
        value: Decimal? = nil, low: Decimal? = nil, high: Decimal? = nil, parts: [Decimal]? = nil, unit: Unit? = nil,
        unitAsWritten: String? = nil, hedge: Hedge? = nil, writtenValue: Decimal? = nil, writtenLow: Decimal? = nil,
        writtenHigh: Decimal? = nil, measure: Unit? = nil
    ) {
        self.value = value; self.low = low; self.high = high; self.parts = parts; self.unit = unit
        self.unitAsWritten = unitAsWritten; self.hedge = hedge
        self.writtenValue = writtenValue ?? (measure == nil ? value : nil)
        self.writtenLow = writtenLow ?? (measure == nil ? low : nil)
        self.writtenHigh = writtenHigh ?? (measure == nil ? high : nil)
        self.measure = measure
    }

    /// The base unit's symbol (`元` for 亿元), or nil.
    public var baseUnit: String? { unit?.base }
}

/// Why a text is not a figure, with the character position where reading stopped.
public struct NumberReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var message: String
    public var description: String { "“\(text)”: \(message)" }
}

/// Reads figures as Chinese statistics write them: one function used everywhere.
///
/// Arabic digits with or without separators, full-width digits and ％, Chinese numerals
/// (一百二十三, 两万, 三点五, 负五, 〇/零, 十五), financial capitals (壹贰叁…), mixed forms (1.2万,
/// 3千万, 18.65亿), hedges (以上 余 多 约 近 超 不足 左右), ranges (18%至25%, 5～10万) and ratios
/// (19.4:36.3:44.3). Years, dates, times and ordinals (2023年, 9月28日, 18时, 第一) are rejected.
/// Arithmetic is decimal and exact.
public enum NumberReader {
    public static func read(_ text: String) throws -> NumberReading {
        let chars = Array(normalize(text).unicodeScalars)
        func fail(_ message: String) -> NumberReadError { NumberReadError(text: text, message: message) }
        guard !chars.isEmpty else { throw fail("empty") }
        if chars.first == "第" { throw fail("an ordinal (第…), not a value") }

        // A ratio: numbers joined by colons.
        if chars.contains(where: { $0 == ":" || $0 == "∶" }) {
            let pieces = string(chars).split(
                omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "∶" })
            guard pieces.count >= 2 else { throw fail("a ratio needs at least two parts") }
            var parts: [Decimal] = []
            for p in pieces {
                guard case .value(let d) = PlainNumber.read(String(p)) else {
                    throw fail("“\(p)” is not a number in a ratio")
                }
                parts.append(d)
            }
            return NumberReading(parts: parts)
        }

        if let f = try fraction(chars, text: text) { return f }

        // A range: two quantities around a separator.
        if let split = rangeSplit(chars) {
            let left = try single(Array(chars[..<split.lowerBound]), text: text)
            let right = try single(Array(chars[split.upperBound...]), text: text)
            if left.unitText == nil && left.magnitudeText.isEmpty && right.isYear {
                throw fail("a span of years, not a value")
            }
            // A magnitude or unit written once, after the second number, applies to both.
            var l = left, r = right
            if l.magnitudeText.isEmpty && l.unitText == nil {
                l.magnitude = r.magnitude; l.magnitudeText = r.magnitudeText
            }
            if l.unitText == nil { l.unitText = r.unitText; l.unit = r.unit }
            if r.unitText == nil { r.unitText = l.unitText; r.unit = l.unit }
            guard l.unit?.dimension == r.unit?.dimension else {
                throw fail("the two ends of the range are in different units")
            }
            let lo = l.baseValue, hi = r.baseValue
            guard lo <= hi else { throw fail("the range runs backwards (\(lo) > \(hi))") }
            let written = (r.magnitudeText + (r.unitText ?? ""))
            let writtenLow =
                l.unitText == r.unitText
                ? l.writtenValue : (r.unit.flatMap { try? l.unit?.convert(l.writtenValue, to: $0) } ?? l.writtenValue)
            return NumberReading(
                low: lo, high: hi, unit: r.unit, unitAsWritten: written.isEmpty ? nil : written,
                hedge: l.hedge ?? r.hedge, writtenLow: writtenLow, writtenHigh: r.writtenValue, measure: r.unit)
        }

        let q = try single(chars, text: text)
        if q.isYear { throw fail("a year, not a value") }
        let written = q.magnitudeText + (q.unitText ?? "")
        if let high = q.numberHigh {
            // 七八个, 两三千元, 十一十二: neighbouring numerals, an approximate range.
            let h = Quantity(number: high, magnitude: q.magnitude, unit: q.unit)
            return NumberReading(
                low: q.baseValue, high: h.baseValue, unit: q.unit, unitAsWritten: written.isEmpty ? nil : written,
                hedge: q.hedge ?? Hedge.approximateRange, writtenLow: q.writtenValue, writtenHigh: h.writtenValue,
                measure: q.unit)
        }
        return NumberReading(
            value: q.baseValue, unit: q.unit, unitAsWritten: written.isEmpty ? nil : written, hedge: q.hedge,
            writtenValue: q.writtenValue, measure: q.unit)
    }

    /// One number with its hedges, magnitude and unit.
    struct Quantity {
        var number: Decimal
        var magnitude: Decimal = 1
        var magnitudeText = ""
        var unitText: String?
        var unit: Unit?
        var hedge: Hedge?
        /// A bare 4-digit whole number followed by 年.
        var isYear = false
        /// The upper end when neighbouring numerals make an approximate range (七八, 两三千).
        var numberHigh: Decimal?

        var baseValue: Decimal { (unit?.factor ?? 1) * magnitude * number }
        /// The value in the unit as written, its magnitude resolved.
        var writtenValue: Decimal { magnitude * number }
    }

    static let rangeSeparators: Set<Unicode.Scalar> = ["至", "到", "～", "~", "〜", "-", "—", "–", "－"]

    /// Where a range separator stands between two numbers, if it does.
    static func rangeSplit(_ chars: [Unicode.Scalar]) -> Range<Int>? {
        var i = 1
        while i < chars.count - 1 {
            let c = chars[i]
            if rangeSeparators.contains(c) {
                var end = i + 1
                while end < chars.count, chars[end] == c, c == "—" { end += 1 }   // ——
                let before = chars[i - 1]
                let rightStartsNumber =
                    end < chars.count
                    && (isNumberStart(chars[end]) || chars[end] == "负"
                        || (chars[end] == "-" && end + 1 < chars.count && isNumberStart(chars[end + 1])))
                let leftHasNumber = chars[..<i].contains { isNumberStart($0) }
                if rightStartsNumber, leftHasNumber, !rangeSeparators.contains(before), before != "负" {
                    return i..<end
                }
                i = end
                continue
            }
            i += 1
        }
        return nil
    }

    static func isNumberStart(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || chineseDigits[c] != nil || tens[c] != nil
            || chineseUnits[c] != nil && c != "万" && c != "亿"
    }

    static func single(_ chars: [Unicode.Scalar], text: String) throws -> Quantity {
        func fail(_ message: String) -> NumberReadError { NumberReadError(text: text, message: message) }
        var i = 0
        var hedge: Hedge?
        // Prefix hedge.
        for h in Hedge.prefixes where hasPrefix(chars, at: i, h.word) {
            hedge = h
            i += h.word.unicodeScalars.count
            break
        }
        var negative = false
        if i < chars.count, chars[i] == "-" || chars[i] == "负" || chars[i] == "−" {
            negative = true; i += 1
        } else if i < chars.count, chars[i] == "+" {
            i += 1
        }

        var percentPrefix: Unit?
        if hasPrefix(chars, at: i, "百分之") {
            percentPrefix = Unit("%"); i += 3
        } else if hasPrefix(chars, at: i, "千分之") {
            percentPrefix = Unit("‰"); i += 3
        }

        guard i < chars.count else { throw fail("no number") }
        var number: Decimal
        var numberHigh: Decimal?
        var isYear = false
        var isWhole = true
        if isDigit(chars[i]) || chars[i] == "." {
            let (d, end, integerDigits, hasPoint) = try arabic(chars, from: i, text: text)
            number = d
            isYear = integerDigits == 4 && !hasPoint
            isWhole = !hasPoint
            i = end
        } else if chineseDigits[chars[i]] != nil || chineseUnits[chars[i]] != nil || tens[chars[i]] != nil {
            var end = i
            var afterPoint = false
            while end < chars.count {
                let c = chars[end]
                if afterPoint {
                    guard chineseDigits[c] != nil else { break }   // 一百四十五点二六亿: 亿 is a magnitude
                } else if c == "点" {
                    guard end + 1 < chars.count, chineseDigits[chars[end + 1]] != nil else { break }
                    afterPoint = true
                } else if chineseDigits[c] == nil && chineseUnits[c] == nil && tens[c] == nil {
                    break
                }
                end += 1
            }
            // A trailing 万/亿 after a Chinese numeral belongs to the number (两万), not a magnitude.
            let n = try chineseNumeral(Array(chars[i..<end]), text: text, hedged: hedge != nil)
            number = n.value
            numberHigh = n.high
            if n.about, hedge == nil { hedge = Hedge.approximateRange }
            isYear = n.digitMode && n.digitCount == 4
            i = end
            // 三百点5, 一百点123: Arabic decimals after a Chinese whole number (over 24, so not a clock time).
            if !afterPoint, numberHigh == nil, i + 1 < chars.count, chars[i] == "点", isDigit(chars[i + 1]),
                number > 24
            {
                let (fraction, fractionEnd, _, _) = try arabic(chars, from: i + 1, text: text)
                var scale = Decimal(1)
                for _ in (i + 1)..<fractionEnd { scale *= 10 }
                number += fraction / scale
                i = fractionEnd
            }
        } else {
            throw fail("“\(chars[i])” is not a number")
        }

        // Infix hedge (3000余人, 10余万元).
        if hedge == nil, i < chars.count, let h = Hedge.infixes.first(where: { $0.word.unicodeScalars.elementsEqual(CollectionOfOne(chars[i])) }),
            i + 1 < chars.count
        {
            hedge = h
            i += 1
        }
        // Magnitude words after Arabic digits: 万, 亿, 千万, 万亿 …
        var magnitude: Decimal = 1
        var magnitudeText = ""
        while i < chars.count, let m = magnitudeChars[chars[i]] {
            // 千瓦时, 千克, 百分点 are units, not magnitudes.
            if chars[i] == "千",
                hasPrefix(chars, at: i, "千瓦") || hasPrefix(chars, at: i, "千克") || hasPrefix(chars, at: i, "千米")
            {
                break
            }
            if chars[i] == "百", hasPrefix(chars, at: i, "百分点") { break }
            magnitude *= m
            magnitudeText.unicodeScalars.append(chars[i])
            i += 1
        }
        // 50万二千, 3亿零五千: the rest below the magnitude written in Chinese numerals.
        if magnitude >= 10_000, isWhole, numberHigh == nil, i < chars.count, chineseDigits[chars[i]] != nil {
            var end = i
            while end < chars.count,
                chineseDigits[chars[end]] != nil
                    || (chineseUnits[chars[end]] ?? Int.max) < NSDecimalNumber(decimal: magnitude).intValue
            {
                end += 1
            }
            let rest = Array(chars[i..<end])
            if rest.first == "零" || rest.contains(where: { chineseUnits[$0] != nil }),
                let below = try? chinese(rest, text: text).0, below < magnitude
            {
                number += below / magnitude
                i = end
            }
        }
        if hedge == nil, i < chars.count, let h = Hedge.infixes.first(where: { $0.word.unicodeScalars.elementsEqual(CollectionOfOne(chars[i])) }),
            i + 1 < chars.count,
            !magnitudeText.isEmpty
        {
            hedge = h
            i += 1
        }

        // Suffix hedge after the unit, then the unit.
        var rest = Array(chars[i...])
        var suffixHedge: Hedge?
        for h in Hedge.suffixes
        where rest.count >= h.word.unicodeScalars.count && rest.suffix(h.word.unicodeScalars.count).elementsEqual(h.word.unicodeScalars) {
            suffixHedge = h
            rest.removeLast(h.word.unicodeScalars.count)
            break
        }
        if rest.first == "元" || rest.first == "圆", rest.count > 1,
            chineseDigits[rest[1]] != nil || rest[1] == "整" || rest[1] == "正"
        {
            // 肆佰元伍角, 叁拾圆正, 叁拾元零伍分: 角 and 分 after 元, then 整 or 正.
            guard magnitude == 1, let cents = smallChange(Array(rest.dropFirst())) else {
                throw fail("“\(string(rest))” is not a unit CountyReport knows")
            }
            number += cents
            rest = ["元"]
        }
        if rest.last == "整" { rest.removeLast() }
        if hedge == nil { hedge = suffixHedge }
        var unitText: String? = rest.isEmpty ? nil : string(rest)
        if let u = unitText, u == "圆" { unitText = "元" }
        var unit: Unit?
        if let pp = percentPrefix {
            if let u = unitText { throw fail("unexpected “\(u)” after a percentage") }
            unit = pp
            unitText = pp.symbol
        } else if let u = unitText {
            if u == "年" && isYear && magnitudeText.isEmpty { return Quantity(number: number, isYear: true) }
            if ["月", "日", "号", "时", "分", "秒", "点"].contains(where: { u.hasPrefix($0) })
                && !["分钟", "秒", "秒钟"].contains(u)
                || (u.hasPrefix("年") && u.count > 1)
            {
                throw fail("a date or time, not a value")
            }
            guard let parsed = Unit(u) else {
                throw fail("“\(u)” is not a unit CountyReport knows")
            }
            unit = parsed
        }
        if !magnitudeText.isEmpty, let u = unit,
            u.dimension == .ratio || u.dimension == .percentagePoint || u.dimension == .multiple
        {
            throw fail("a magnitude (\(magnitudeText)) cannot stand before \(u.symbol)")
        }
        // Negated, a range's ends change places: -二三 runs from −3 to −2.
        let low = negative ? -(numberHigh ?? number) : number
        let high = numberHigh.map { negative ? -number : $0 }
        return Quantity(
            number: low, magnitude: magnitude, magnitudeText: magnitudeText,
            unitText: unitText, unit: unit, hedge: hedge, numberHigh: high)
    }

    // MARK: Arabic numbers

    /// Digits with optional thousands separators and one decimal point.
    static func arabic(_ chars: [Unicode.Scalar], from start: Int, text: String) throws -> (Decimal, Int, Int, Bool) {
        var i = start
        var digits = ""
        var integerDigits = 0
        var hasPoint = false
        while i < chars.count {
            let c = chars[i]
            if isDigit(c) {
                digits.unicodeScalars.append(c)
                if !hasPoint { integerDigits += 1 }
                i += 1
            } else if c == ",", !hasPoint, integerDigits > 0, i + 3 < chars.count + 0,
                (1...3).allSatisfy({ i + $0 < chars.count && isDigit(chars[i + $0]) }),
                !(i + 4 < chars.count && isDigit(chars[i + 4]))
            {
                i += 1
            } else if c == ".", !hasPoint, i + 1 < chars.count, isDigit(chars[i + 1]) {
                hasPoint = true
                digits.append(".")
                i += 1
            } else {
                break
            }
        }
        if PlainNumber.tooPrecise(digits) {
            throw NumberReadError(
                text: text,
                message: "more than \(Limits.standard.significantDigits) significant digits: it cannot be kept exactly")
        }
        guard !digits.isEmpty, let d = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else {
            throw NumberReadError(text: text, message: "no digits")
        }
        if i < chars.count, chars[i] == "." || chars[i] == "," {
            throw NumberReadError(text: text, message: "“\(chars[i])” out of place in a number")
        }
        return (d, i, integerDigits, hasPoint)
    }

    // MARK: Chinese numerals

    static let chineseDigits: [Unicode.Scalar: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9, "貳": 2, "參": 3, "陸": 6,
    ]
    static let chineseUnits: [Unicode.Scalar: Int] = [
        "十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000, "万": 10_000, "萬": 10_000, "亿": 100_000_000,
        "億": 100_000_000,
    ]
    static let magnitudeChars: [Unicode.Scalar: Decimal] = ["十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000]

    /// 廿 and 卅 (and 卌): twenty, thirty, forty, written as one character.
    static let tens: [Unicode.Scalar: [Unicode.Scalar]] = ["廿": ["二", "十"], "卅": ["三", "十"], "卌": ["四", "十"]]

    /// A Chinese numeral as a figure: a number, an approximate range of neighbouring numerals, or a round
    /// number with the next unit below it (百十户, about a hundred).
    struct ChineseNumeral {
        var value: Decimal; var high: Decimal?; var digitMode: Bool; var digitCount: Int; var about: Bool
    }

    static func chineseNumeral(_ raw: [Unicode.Scalar], text: String, hedged: Bool = false) throws -> ChineseNumeral {
        func fail(_ m: String) -> NumberReadError { NumberReadError(text: text, message: m) }
        let chars = raw.flatMap { tens[$0] ?? [$0] }
        // 近万人, 上亿元: a bare 万 or 亿 is a number only after its hedge.
        if chars.count == 1, hedged, let u = chineseUnits[chars[0]] {
            return ChineseNumeral(value: Decimal(u), high: nil, digitMode: false, digitCount: 0, about: false)
        }
        // 百十户, 千百人: about the larger.
        if chars.count == 2, let a = chineseUnits[chars[0]], let b = chineseUnits[chars[1]], a <= 1000, b * 10 == a {
            return ChineseNumeral(value: Decimal(a), high: nil, digitMode: false, digitCount: 0, about: true)
        }
        let wholeEnd = chars.firstIndex(of: "点") ?? chars.count
        let hasUnits = chars[..<wholeEnd].contains { chineseUnits[$0] != nil }
        // Two digits side by side: 七八 (7–8), 两三千 (2000–3000), 十七八 (17–18), 三五万. The same digit twice
        // (一一 “one by one”, 贰贰) or a falling pair is no number; three or more bare digits are read one by
        // one, as years and codes are (二〇二三).
        if hasUnits || wholeEnd == 2 {
            for k in 0..<max(0, wholeEnd - 1) {
                guard let a = chineseDigits[chars[k]], let b = chineseDigits[chars[k + 1]], a != 0, b != 0 else {
                    continue
                }
                guard b > a, b - a <= 2 else {
                    throw fail("two digits in a row in a Chinese numeral (digits one by one are years and codes)")
                }
                let low = try chinese(Array(chars[...k]) + chars[(k + 2)...], text: text).0
                let high = try chinese(Array(chars[..<k]) + chars[(k + 1)...], text: text).0
                return ChineseNumeral(value: low, high: high, digitMode: false, digitCount: 0, about: true)
            }
        }
        do {
            let (value, digitMode, count) = try chinese(chars, text: text)
            return ChineseNumeral(value: value, high: nil, digitMode: digitMode, digitCount: count, about: false)
        } catch let error as NumberReadError {
            // 十一十二, 十七十八: two numerals in a row, one after the other, an approximate range.
            guard chars.count >= 4, chars.count % 2 == 0, wholeEnd == chars.count else { throw error }
            let half = chars.count / 2
            guard let low = try? chinese(Array(chars[..<half]), text: text).0,
                let high = try? chinese(Array(chars[half...]), text: text).0,
                high > low, high - low <= 2
            else { throw error }
            return ChineseNumeral(value: low, high: high, digitMode: false, digitCount: 0, about: true)
        }
    }

    /// 角 and 分 after 元 in an amount of money (伍角, 零伍分, 壹角壹分, then 整 or 正), in 元; nil when it is not that.
    static func smallChange(_ chars: [Unicode.Scalar]) -> Decimal? {
        var i = 0
        var total = Decimal(0)
        func skipZero() { if i < chars.count, chars[i] == "零" || chars[i] == "〇" { i += 1 } }
        skipZero()
        for (unit, scale): (Unicode.Scalar, Decimal) in [
            ("角", Decimal(sign: .plus, exponent: -1, significand: 1)),
            ("分", Decimal(sign: .plus, exponent: -2, significand: 1)),
        ] {
            if i + 1 < chars.count, let d = chineseDigits[chars[i]], d > 0, chars[i + 1] == unit {
                total += Decimal(d) * scale
                i += 2
                skipZero()
            }
        }
        if i < chars.count, chars[i] == "整" || chars[i] == "正" { i += 1 }
        return i == chars.count ? total : nil
    }

    /// A fraction: 三分之一, 1/3 (not 百分之 and 千分之, which are percentages and permille).
    static func fraction(_ chars: [Unicode.Scalar], text: String) throws -> NumberReading? {
        var numerator: Decimal, denominator: Decimal
        if let slash = chars.firstIndex(of: "/"), slash > 0, slash + 1 < chars.count,
            chars[..<slash].allSatisfy(isDigit),
            chars[(slash + 1)...].allSatisfy(isDigit),
            chars.count <= 13
        {
            numerator = Decimal(Int(string(chars[..<slash])) ?? 0)
            denominator = Decimal(Int(string(chars[(slash + 1)...])) ?? 0)
        } else if let p = (0..<max(0, chars.count - 1)).first(where: { chars[$0] == "分" && chars[$0 + 1] == "之" }),
            p > 0, p + 2 < chars.count
        {
            let below = Array(chars[..<p]), above = Array(chars[(p + 2)...])
            if below == ["百"] || below == ["千"] { return nil }
            guard let d = try? single(below, text: text), d.unit == nil, d.numberHigh == nil,
                let n = try? single(above, text: text), n.unit == nil, n.numberHigh == nil
            else { throw NumberReadError(text: text, message: "a fraction needs a number on each side of 分之") }
            numerator = n.writtenValue
            denominator = d.writtenValue
        } else {
            return nil
        }
        guard denominator > 0, numerator >= 0 else {
            throw NumberReadError(text: text, message: "a fraction needs a denominator above zero")
        }
        var reading = NumberReading(value: numerator / denominator)
        reading.fraction = [numerator, denominator]
        return reading
    }

    /// A Chinese numeral: 一百二十三, 两万, 一万五, 三点五, 二〇二三 (read digit by digit), 壹仟贰佰.
    /// Returns the value, whether it was read digit by digit, and how many digits it had.
    static func chinese(_ chars: [Unicode.Scalar], text: String) throws -> (Decimal, Bool, Int) {
        func fail(_ m: String) -> NumberReadError { NumberReadError(text: text, message: m) }
        var intPart = chars
        var fracPart: [Unicode.Scalar] = []
        if let p = chars.firstIndex(of: "点") {
            intPart = Array(chars[..<p])
            fracPart = Array(chars[(p + 1)...])
            guard !fracPart.isEmpty, fracPart.allSatisfy({ chineseDigits[$0] != nil }) else {
                throw fail("“点” must be followed by digits")
            }
        }
        let hasUnits = intPart.contains { chineseUnits[$0] != nil }
        var value = Decimal(0)
        var digitMode = false
        if !hasUnits {
            // 二〇二三, 三, 五: digit by digit.
            guard !intPart.isEmpty || !fracPart.isEmpty else { throw fail("no number") }
            for c in intPart { value = value * 10 + Decimal(chineseDigits[c]!) }   // intPart holds only digit characters
            digitMode = intPart.count > 1
        } else {
            var total = Decimal(0)   // everything above the current 万/亿 section
            var section = Decimal(0)   // the current section below 万
            var digit: Int? = nil
            var lastUnit = 1
            var sectionUnit = Int.max   // the smallest of 十 百 千 used since the last 万 or 亿
            var sawZero = false
            for (k, c) in intPart.enumerated() {
                if let d = chineseDigits[c] {
                    if d == 0 { sawZero = true; digit = nil; continue }
                    if digit != nil { throw fail("two digits in a row in a Chinese numeral") }
                    digit = d
                } else if let u = chineseUnits[c] {
                    if u == 10_000 || u == 100_000_000 {
                        if digit == nil && section == 0 && k > 0 { throw fail("“\(c)” without a number before it") }
                        section += Decimal(digit ?? 0)
                        if section == 0 && total == 0 && k == 0 { throw fail("a numeral cannot start with \(c)") }
                        if u == 100_000_000 {
                            total = (total + section) * Decimal(u)
                        } else {
                            total += section * Decimal(u)
                        }
                        section = 0
                        digit = nil
                        lastUnit = u
                        sectionUnit = Int.max
                    } else {
                        // 十 may stand alone (十五, 二百一十); 百 and 千 only at the start (百万).
                        if digit == nil && u != 10 && k != 0 { throw fail("“\(c)” without a digit before it") }
                        if u >= sectionUnit { throw fail("“\(c)” out of order in a Chinese numeral") }
                        sectionUnit = u
                        section += Decimal((digit ?? 1) * u)
                        digit = nil
                        lastUnit = u
                    }
                    sawZero = false
                }
            }
            if let d = digit {
                // 一万五 = 15000, 三千五 = 3500: a trailing digit counts in the unit below the last.
                if !sawZero, lastUnit >= 10, intPart.count >= 2, chineseUnits[intPart[intPart.count - 2]] != nil {
                    section +=
                        Decimal(d)
                        * Decimal(lastUnit == 100_000_000 ? 10_000_000 : lastUnit == 10_000 ? 1000 : lastUnit / 10)
                } else {
                    section += Decimal(d)
                }
            }
            value = total + section
        }
        if !fracPart.isEmpty {
            var scale = Decimal(1)
            for c in fracPart {
                scale /= 10
                value += Decimal(chineseDigits[c]!) * scale   // c was matched as a digit
            }
        }
        return (value, digitMode, intPart.count)
    }

    // MARK: Normalisation

    /// An ASCII digit.
    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    /// The string of `scalars`.
    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// Full-width digits, letters and signs to ASCII; spaces removed.
    static func normalize(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)   // full-width ASCII minus 0xFEE0 is ASCII, a valid scalar
            case 0xFF0E: out.append(".")
            case 0xFF0C: out.append(",")
            case 0xFF05: out.append("%")
            case 0xFF0B: out.append("+")
            case 0xFF0D: out.append("-")
            case 0xFF1A: out.append(":")
            case 0x2212: out.append("-")
            case 0x20, 0x09, 0x3000, 0x00A0, 0x200B: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func hasPrefix(_ chars: [Unicode.Scalar], at i: Int, _ word: String) -> Bool {
        var k = i
        for c in word.unicodeScalars {   // no arrays: this is asked for every hedge of every figure
            guard k < chars.count, chars[k] == c else { return false }
            k += 1
        }
        return true
    }
}
