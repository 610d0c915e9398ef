/// The time a figure refers to: a year, a quarter, a month, or a year-to-date span (1—9月).
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case year
        case quarter(Int)
        case month(Int)
        /// From January through the given month (1—3月, 1—6月, 1—9月).
        case yearToDate(throughMonth: Int)
    }

    // Four bytes: a million observations hold a million periods.
    private var storedYear: Int16
    private var tag: UInt8
    private var month: UInt8

    /// The four bytes as one number: equal periods, equal numbers (for hashing many rows).
    var packed: UInt32 { UInt32(UInt16(bitPattern: storedYear)) << 16 | UInt32(tag) << 8 | UInt32(month) }

    public var year: Int {
        get { Int(storedYear) }
        set { storedYear = Int16(clamping: newValue) }
    }

    public var kind: Kind {
        get {
            switch tag {
            case 1: .quarter(Int(month))
            case 2: .month(Int(month))
            case 3: .yearToDate(throughMonth: Int(month))
            default: .year
            }
        }
        set {
            switch newValue {
            case .year: tag = 0; month = 12
            case .quarter(let q): tag = 1; month = UInt8(clamping: q)
            case .month(let m): tag = 2; month = UInt8(clamping: m)
            case .yearToDate(let m): tag = 3; month = UInt8(clamping: m)
            }
        }
    }

    public init(year: Int, kind: Kind = .year) {
        storedYear = Int16(clamping: year); tag = 0; month = 12
        self.kind = kind
    }
    public static func year(_ y: Int) -> Period { Period(year: y) }

    /// The last month the period covers.
    public var endMonth: Int {
        switch kind {
        case .year: 12
        case .quarter(let q): q * 3
        case .month(let m), .yearToDate(let m): m
        }
    }

    /// The same span one year earlier (for year-on-year comparisons).
    public var previousYear: Period { Period(year: year - 1, kind: kind) }

    public static func < (a: Period, b: Period) -> Bool {
        if a.year != b.year { return a.year < b.year }
        if a.endMonth != b.endMonth { return a.endMonth < b.endMonth }
        return a.rank < b.rank
    }

    private var rank: Int {
        switch kind {
        case .month: 0
        case .quarter: 1
        case .yearToDate: 2
        case .year: 3
        }
    }

    /// As Chinese statistics write it: 2023年, 2023年一季度, 2023年3月, 2023年1—9月.
    public var description: String {
        switch kind {
        case .year: "\(year)年"
        case .quarter(let q): "\(year)年\(["一", "二", "三", "四"][q - 1])季度"
        case .month(let m): "\(year)年\(m)月"
        case .yearToDate(let m): m == 1 ? "\(year)年1月" : "\(year)年1—\(m)月"
        }
    }

    /// A compact, machine-friendly form: 2023, 2023Q1, 2023-03, 2023M1-9.
    public var code: String {
        switch kind {
        case .year: "\(year)"
        case .quarter(let q): "\(year)Q\(q)"
        case .month(let m): "\(year)-\(m < 10 ? "0" : "")\(m)"
        case .yearToDate(let m): "\(year)M1-\(m)"
        }
    }

    /// Reads 2023, 2023年, 2023Q1, 2023年一季度, 2023-03, 2023年3月, 2023年1—9月, 2023M1-9,
    /// 2023年上半年 (1—6月), 2023年前三季度 (1—9月). Nil for anything else.
    public init?(_ text: String) {
        let s = NumberReader.normalize(text)
        let chars = Array(s)
        var i = 0
        var y = 0
        while i < chars.count, i < 4, let d = chars[i].wholeNumberValue, chars[i].isASCII { y = y * 10 + d; i += 1 }
        guard i == 4, (1900...2200).contains(y) else { return nil }
        var rest = String(chars[i...])
        if rest.hasPrefix("年") { rest.removeFirst() }
        if rest.isEmpty || rest == "度" || rest == "全年" { self.init(year: y); return }
        let quarterWords = ["一季度": 1, "二季度": 2, "三季度": 3, "四季度": 4, "第一季度": 1, "第二季度": 2, "第三季度": 3, "第四季度": 4]
        if let q = quarterWords[rest] { self.init(year: y, kind: .quarter(q)); return }
        if rest.uppercased().hasPrefix("Q") || rest.uppercased().hasPrefix("-Q"),
            let q = Int(rest.uppercased().replacingOccurrences(of: "-", with: "").dropFirst()), (1...4).contains(q)
        {
            self.init(year: y, kind: .quarter(q)); return
        }
        switch rest {
        case "上半年", "H1", "1-6月": self.init(year: y, kind: .yearToDate(throughMonth: 6)); return
        case "前三季度": self.init(year: y, kind: .yearToDate(throughMonth: 9)); return
        case "一季度累计": self.init(year: y, kind: .yearToDate(throughMonth: 3)); return
        default: break
        }
        // 1—9月, 1-9月, M1-9, 1～9月
        var r = rest
        if r.hasPrefix("M") || r.hasPrefix("m") || r.hasPrefix("-") || r.hasPrefix(".") || r.hasPrefix("/") {
            r.removeFirst()
        }
        let spanSeparators: Set<Character> = ["—", "-", "–", "～", "~", "至"]
        if let sep = r.firstIndex(where: { spanSeparators.contains($0) }) {
            let from = String(r[..<sep])
            var to = String(r[r.index(after: sep)...]).replacingOccurrences(of: "—", with: "")
            if to.hasSuffix("月") { to.removeLast() }
            guard from == "1" || from == "01", let m = Int(to), (1...12).contains(m) else { return nil }
            self.init(year: y, kind: .yearToDate(throughMonth: m)); return
        }
        // 3月, -03, .03, 03
        if r.hasSuffix("月") { r.removeLast() }
        if let m = Int(r), (1...12).contains(m), r.count <= 2 { self.init(year: y, kind: .month(m)); return }
        return nil
    }
}
