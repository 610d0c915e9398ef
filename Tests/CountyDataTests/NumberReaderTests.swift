import CountyData
import Foundation
import Testing

/// What a text must read as.
enum Expect: Sendable, CustomStringConvertible {
    case value(String, unit: String?, written: String?, hedge: String?)
    case range(String, String, unit: String?, hedge: String?)
    case ratio([String])
    case error(String)

    var description: String {
        switch self {
        case .value(let v, let u, _, let h): "\(v) \(u ?? "") \(h ?? "")"
        case .range(let a, let b, let u, _): "\(a)…\(b) \(u ?? "")"
        case .ratio(let p): p.joined(separator: ":")
        case .error(let m): "error ~ \(m)"
        }
    }
}

func v(_ value: String, _ unit: String? = nil, w: String? = nil, h: String? = nil) -> Expect {
    .value(value, unit: unit, written: w ?? unit, hedge: h)
}
func r(_ low: String, _ high: String, _ unit: String? = nil, h: String? = nil) -> Expect {
    .range(low, high, unit: unit, hedge: h)
}
func e(_ message: String) -> Expect { .error(message) }

struct NumberCase: Sendable, CustomTestStringConvertible {
    var text: String
    var expect: Expect
    var testDescription: String { "“\(text)” → \(expect)" }
}

let numberCases: [NumberCase] = [
    // Plain Arabic numbers.
    .init(text: "0", expect: v("0")),
    .init(text: "7", expect: v("7")),
    .init(text: "145.26", expect: v("145.26")),
    .init(text: "0.5", expect: v("0.5")),
    .init(text: ".5", expect: v("0.5")),
    .init(text: "1668595", expect: v("1668595")),
    .init(text: "1,668,595", expect: v("1668595")),
    .init(text: "12,345.67", expect: v("12345.67")),
    .init(text: "1,23", expect: e("out of place")),
    .init(text: "1,2345", expect: e("out of place")),
    .init(text: "12.", expect: e("out of place")),
    .init(text: "1.2.3", expect: e("out of place")),
    .init(text: "-25.7", expect: v("-25.7")),
    .init(text: "−0.5", expect: v("-0.5")),
    .init(text: "+3.2", expect: v("3.2")),
    .init(text: " 18.65 ", expect: v("18.65")),
    .init(text: "0.000123", expect: v("0.000123")),
    .init(text: "123456789012345678", expect: v("123456789012345678")),
    // Full-width.
    .init(text: "１２３", expect: v("123")),
    .init(text: "１２．５", expect: v("12.5")),
    .init(text: "１８％", expect: v("18", "%")),
    .init(text: "－５", expect: v("-5")),
    .init(text: "３，０００", expect: v("3000")),
    // Magnitudes after Arabic digits.
    .init(text: "1.2万", expect: v("12000", w: "万")),
    .init(text: "3千万", expect: v("30000000", w: "千万")),
    .init(text: "18.65亿", expect: v("1865000000", w: "亿")),
    .init(text: "2万亿", expect: v("2000000000000", w: "万亿")),
    .init(text: "5百万", expect: v("5000000", w: "百万")),
    .init(text: "3十万", expect: v("300000", w: "十万")),
    .init(text: "0.35亿", expect: v("35000000", w: "亿")),
    .init(text: "1.23456万", expect: v("12345.6", w: "万")),
    // Units and magnitudes.
    .init(text: "18.65亿元", expect: v("1865000000", "元", w: "亿元")),
    .init(text: "145.26亿元", expect: v("14526000000", "元", w: "亿元")),
    .init(text: "62465万元", expect: v("624650000", "元", w: "万元")),
    .init(text: "18511元", expect: v("18511", "元")),
    .init(text: "2.42万元", expect: v("24200", "元", w: "万元")),
    .init(text: "10万吨", expect: v("100000", "吨", w: "万吨")),
    .init(text: "35吨", expect: v("35", "吨")),
    .init(text: "500千克", expect: v("0.5", "吨", w: "千克")),
    .init(text: "80公斤", expect: v("0.08", "吨", w: "公斤")),
    .init(text: "3000余人", expect: v("3000", "人", h: "余")),
    .init(text: "76.5万人", expect: v("765000", "人", w: "万人")),
    .init(text: "1035名", expect: v("1035", "名")),   // 名 counts on its own, as bulletins keep it
    .init(text: "12万亩", expect: v("120000", "亩", w: "万亩")),
    .init(text: "2公顷", expect: v("30", "亩", w: "公顷")),
    .init(text: "1.5千公顷", expect: v("22500", "亩", w: "千公顷")),
    .init(text: "1平方公里", expect: v("1500", "亩", w: "平方公里")),
    .init(text: "3万头", expect: v("30000", "头", w: "万头")),
    .init(text: "120千瓦时", expect: v("120", "千瓦时")),
    .init(text: "5.6亿千瓦时", expect: v("560000000", "千瓦时", w: "亿千瓦时")),
    .init(text: "2.1万千瓦时", expect: v("21000", "千瓦时", w: "万千瓦时")),
    .init(text: "100度", expect: v("100", "千瓦时", w: "度")),
    .init(text: "7个", expect: v("7", "个")),
    .init(text: "23家", expect: v("23", "家")),
    .init(text: "139项", expect: v("139", "项")),
    .init(text: "4.5万户", expect: v("45000", "户", w: "万户")),
    .init(text: "2台", expect: v("2", "台")),
    .init(text: "6支", expect: v("6", "支")),
    .init(text: "18%", expect: v("18", "%")),
    .init(text: "-0.5%", expect: v("-0.5", "%")),
    .init(text: "5‰", expect: v("0.5", "%", w: "‰")),
    .init(text: "1.2个百分点", expect: v("1.2", "百分点", w: "个百分点")),
    .init(text: "0.3百分点", expect: v("0.3", "百分点")),
    .init(text: "1.5倍", expect: v("1.5", "倍")),
    .init(text: "5年", expect: v("5", "年")),
    .init(text: "3个月", expect: v("3", "个月")),
    .init(text: "100元/人", expect: v("100", "元/人")),
    .init(text: "5万%", expect: e("magnitude")),
    .init(text: "12斤", expect: v("0.006", "吨", w: "斤")),
    .init(text: "3万平方米", expect: v("45", "亩", w: "万平方米")),
    // Chinese numerals.
    .init(text: "一", expect: v("1")),
    .init(text: "十", expect: v("10")),
    .init(text: "十五", expect: v("15")),
    .init(text: "二十", expect: v("20")),
    .init(text: "二十三", expect: v("23")),
    .init(text: "一百", expect: v("100")),
    .init(text: "一百二十三", expect: v("123")),
    .init(text: "一百零八", expect: v("108")),
    .init(text: "一百一十", expect: v("110")),
    .init(text: "一千零五", expect: v("1005")),
    .init(text: "三千五", expect: v("3500")),
    .init(text: "两百五", expect: v("250")),
    .init(text: "两万", expect: v("20000")),
    .init(text: "一万五", expect: v("15000")),
    .init(text: "一万零五百", expect: v("10500")),
    .init(text: "十万", expect: v("100000")),
    .init(text: "一百零八万", expect: v("1080000")),
    .init(text: "两千三百万", expect: v("23000000")),
    .init(text: "三亿", expect: v("300000000")),
    .init(text: "一亿二千万", expect: v("120000000")),
    .init(text: "十二亿", expect: v("1200000000")),
    .init(text: "零", expect: v("0")),
    .init(text: "〇", expect: v("0")),
    .init(text: "两", expect: v("2")),
    .init(text: "三点五", expect: v("3.5")),
    .init(text: "零点五", expect: v("0.5")),
    .init(text: "一百二十三点四五", expect: v("123.45")),
    .init(text: "负五", expect: v("-5")),
    .init(text: "负零点三", expect: v("-0.3")),
    .init(text: "六支", expect: v("6", "支")),
    .init(text: "两年", expect: v("2", "年")),
    .init(text: "三千万元", expect: v("30000000", "元")),
    .init(text: "两万吨", expect: v("20000", "吨")),
    .init(text: "八十三万", expect: v("830000")),
    .init(text: "四十", expect: v("40")),
    .init(text: "三点", expect: e("time")),
    .init(text: "百万", expect: v("1000000")),
    .init(text: "一二三", expect: v("123")),
    .init(text: "三三", expect: e("two digits")),   // digit by digit is for years and codes
    .init(text: "五十五五", expect: e("two digits")),
    // Financial capitals.
    .init(text: "壹", expect: v("1")),
    .init(text: "壹拾", expect: v("10")),
    .init(text: "叁佰", expect: v("300")),
    .init(text: "壹万贰仟元", expect: v("12000", "元")),
    .init(text: "伍仟元整", expect: v("5000", "元")),
    .init(text: "贰佰伍拾陆万", expect: v("2560000")),
    .init(text: "壹仟零捌拾圆", expect: v("1080", "元", w: "元")),
    .init(text: "玖億", expect: v("900000000")),
    // Percent words.
    .init(text: "百分之十八", expect: v("18", "%")),
    .init(text: "百分之三点五", expect: v("3.5", "%")),
    .init(text: "千分之五", expect: v("0.5", "%", w: "‰")),
    .init(text: "百分之18", expect: v("18", "%")),
    .init(text: "百分之十八元", expect: e("after a percentage")),
    // Hedges.
    .init(text: "10亿元以上", expect: v("1000000000", "元", w: "亿元", h: "以上")),
    .init(text: "8000万元以上", expect: v("80000000", "元", w: "万元", h: "以上")),
    .init(text: "约3000人", expect: v("3000", "人", h: "约")),
    .init(text: "大约5万", expect: v("50000", w: "万", h: "大约")),
    .init(text: "近5000人", expect: v("5000", "人", h: "近")),
    .init(text: "将近两万", expect: v("20000", h: "将近")),
    .init(text: "超100亿元", expect: v("10000000000", "元", w: "亿元", h: "超")),
    .init(text: "超过10%", expect: v("10", "%", h: "超过")),
    .init(text: "逾千人", expect: v("1000", "人", h: "逾")),
    .init(text: "不足1%", expect: v("1", "%", h: "不足")),
    .init(text: "不到200户", expect: v("200", "户", h: "不到")),
    .init(text: "3000人左右", expect: v("3000", "人", h: "左右")),
    .init(text: "5%左右", expect: v("5", "%", h: "左右")),
    .init(text: "10余万元", expect: v("100000", "元", w: "万元", h: "余")),
    .init(text: "100多亿元", expect: v("10000000000", "元", w: "亿元", h: "多")),
    .init(text: "3000多", expect: v("3000", h: "多")),
    .init(text: "3000余", expect: v("3000", h: "余")),
    .init(text: "20多家", expect: v("20", "家", h: "多")),
    .init(text: "1万余", expect: v("10000", w: "万", h: "余")),
    .init(text: "突破50亿元", expect: v("5000000000", "元", w: "亿元", h: "突破")),
    .init(text: "300吨以下", expect: v("300", "吨", h: "以下")),
    .init(text: "十余家", expect: v("10", "家", h: "余")),
    // Ranges.
    .init(text: "18%至25%", expect: r("18", "25", "%")),
    .init(text: "18%～25%", expect: r("18", "25", "%")),
    .init(text: "18至25%", expect: r("18", "25", "%")),
    .init(text: "18%-25%", expect: r("18", "25", "%")),
    .init(text: "5～10万", expect: r("50000", "100000")),
    .init(text: "5~10万元", expect: r("50000", "100000", "元")),
    .init(text: "5万至10万元", expect: r("50000", "100000", "元")),
    .init(text: "3到5年", expect: r("3", "5", "年")),
    .init(text: "1.5—2.5亿元", expect: r("150000000", "250000000", "元")),
    .init(text: "负3至5%", expect: r("-3", "5", "%")),
    .init(text: "-3~-1", expect: r("-3", "-1")),
    .init(text: "三至五家", expect: r("3", "5", "家")),
    .init(text: "约5～10万", expect: r("50000", "100000", h: "约")),
    .init(text: "25%至18%", expect: e("backwards")),
    .init(text: "5万元至10%", expect: e("different units")),
    // Ratios.
    .init(text: "19.4:36.3:44.3", expect: .ratio(["19.4", "36.3", "44.3"])),
    .init(text: "24.6∶22.9∶52.5", expect: .ratio(["24.6", "22.9", "52.5"])),
    .init(text: "53.99：38.53：7.48", expect: .ratio(["53.99", "38.53", "7.48"])),
    .init(text: "19.4:x:44.3", expect: e("in a ratio")),
    .init(text: "19.4:", expect: e("in a ratio")),
    // Not figures.
    .init(text: "", expect: e("empty")),
    .init(text: "   ", expect: e("empty")),
    .init(text: "2023年", expect: e("a year")),
    .init(text: "二〇二三年", expect: e("a year")),
    .init(text: "2019—2023年", expect: e("years")),
    .init(text: "9月28日", expect: e("date")),
    .init(text: "11 月 20 日", expect: e("date")),
    .init(text: "18 时", expect: e("time")),
    .init(text: "10 月至 11 月", expect: e("date")),
    .init(text: "2023年3月", expect: e("date")),
    .init(text: "第一", expect: e("ordinal")),
    .init(text: "第3位", expect: e("ordinal")),
    .init(text: "三高四新", expect: e("not a unit")),
    .init(text: "abc", expect: e("not a number")),
    .init(text: "约", expect: e("no number")),
    .init(text: "—", expect: e("not a number")),
    .init(text: "亿元", expect: e("cannot start")),
    .init(text: "5公里每小时", expect: e("not a unit")),
    .init(text: "12ab", expect: e("not a unit")),
]

@Suite struct NumberReaderTests {
    @Test func thereAreAtLeast150Cases() { #expect(numberCases.count >= 150) }

    @Test(arguments: numberCases) func reads(_ c: NumberCase) {
        switch c.expect {
        case .error(let fragment):
            #expect {
                try NumberReader.read(c.text)
            } throws: { error in
                "\(error)".contains(fragment)
            }
        case .value(let value, let unit, let written, let hedge):
            guard let reading = try? NumberReader.read(c.text) else {
                Issue.record(
                    "“\(c.text)” did not read: \(String(describing: Result { try NumberReader.read(c.text) }))");
                return
            }
            #expect(reading.value == Decimal(string: value))
            #expect(reading.baseUnit == unit)
            #expect(reading.unitAsWritten == written || (written == unit && reading.unitAsWritten == unit))
            #expect(reading.hedge?.word == hedge)
            #expect(reading.low == nil && reading.high == nil)
        case .range(let low, let high, let unit, let hedge):
            guard let reading = try? NumberReader.read(c.text) else {
                Issue.record(
                    "“\(c.text)” did not read: \(String(describing: Result { try NumberReader.read(c.text) }))");
                return
            }
            #expect(reading.value == nil)
            #expect(reading.low == Decimal(string: low) && reading.high == Decimal(string: high))
            #expect(reading.baseUnit == unit)
            #expect(reading.hedge?.word == hedge)
        case .ratio(let parts):
            let reading = try? NumberReader.read(c.text)
            #expect(reading?.parts == parts.map { Decimal(string: $0)! })
        }
    }

    @Test func hedgeMeanings() throws {
        #expect(try NumberReader.read("10亿元以上").hedge?.meaning == .atLeast)
        #expect(try NumberReader.read("3000余人").hedge?.meaning == .moreThan)
        #expect(try NumberReader.read("约5%").hedge?.meaning == .about)
        #expect(try NumberReader.read("近5000人").hedge?.meaning == .nearly)
        #expect(try NumberReader.read("不足1%").hedge?.meaning == .lessThan)
    }
}

/// A negative range keeps its ends in order (the number fuzzer found -二三 read as −2…−3).
@Test func aNegativeRangeRunsFromItsLowEnd() throws {
    for (text, low, high) in [("-二三", -3, -2), ("负七八", -8, -7), ("-2", -2, -2)] {
        let r = try NumberReader.read(text)
        #expect((r.low ?? r.value) == Decimal(low) && (r.high ?? r.value) == Decimal(high), "\(text): \(r)")
    }
}

@Suite struct UnitTests {
    /// A text of many magnitude words that is no unit is refused as such (it took exponential time: a fuzzed
    /// 440-byte cell took 2 s); magnitudes still stack as written, and a text longer than any unit is none.
    @Test func manyMagnitudesAreReadOnceEach() throws {
        let fuzzed = String(repeating: "亿亿\t\t十亿\t百万\t", count: 4) + "亿x"
        #expect(Unit(fuzzed) == nil)
        #expect(Unit(String(repeating: "十亿", count: 6) + "x") == nil)
        let stacked = try #require(Unit("十万亿元"))
        #expect(stacked.factor == Decimal(string: "10000000000000") && stacked.base == "元")
        #expect(try #require(Unit("万亿千瓦时")).toBase(1) == Decimal(string: "1000000000000"))
        #expect(Unit(String(repeating: "十", count: 40) + "元") == nil)   // over Limits.unitCharacters
        #expect(Unit(String(repeating: "十", count: 20) + "元") != nil)
    }

    @Test func conversionsAreExact() throws {
        let yi = try #require(Unit("亿元")), wan = try #require(Unit("万元")), yuan = try #require(Unit("元"))
        #expect(try wan.convert(Decimal(1_668_595), to: yi) == Decimal(string: "166.8595"))
        #expect(try yi.convert(Decimal(string: "0.1")!, to: yuan) == 10_000_000)
        #expect(yi.toBase(Decimal(string: "18.65")!) == 1_865_000_000)
        let mu = try #require(Unit("亩")), ha = try #require(Unit("公顷"))
        #expect(try mu.convert(15, to: ha) == 1)
        #expect(try #require(Unit("千公顷")).toBase(1) == 15000)
    }

    @Test func crossDimensionIsAnError() throws {
        let yuan = try #require(Unit("元")), ton = try #require(Unit("吨")), pct = try #require(Unit("%"))
        #expect(throws: UnitError.incompatible(from: "元", to: "吨")) { try yuan.convert(1, to: ton) }
        #expect(throws: UnitError.self) { try pct.convert(1, to: #require(Unit("百分点"))) }
        #expect(throws: UnitError.self) { try #require(Unit("个")).convert(1, to: #require(Unit("家"))) }
    }

    @Test func anIndexBaseIsAUnitOfItsOwn() throws {
        let previous = try #require(Unit("上年＝100")), ascii = try #require(Unit("上年=100"))
        let y2018 = try #require(Unit("2018=100"))
        #expect(previous.symbol == "上年＝100" && previous.dimension == ascii.dimension)
        #expect(try previous.convert(Decimal(string: "100.3")!, to: ascii) == Decimal(string: "100.3"))
        #expect(throws: UnitError.self) { try previous.convert(1, to: y2018) }   // other bases do not convert
        #expect(Unit("=100") == nil)
    }

    @Test func printingSheetsAreCounted() throws {
        let wan = try #require(Unit("万对开色令"))
        #expect(wan.base == "对开色令" && wan.toBase(Decimal(string: "86.32")!) == 863_200)
    }

    @Test func unknownUnits() {
        #expect(Unit("斤两") == nil)
        #expect(Unit("") == nil)
        #expect(Unit("万") == nil)
        #expect(Unit("万%") == nil)
    }
}

/// The number reader's gaps of issue 15: 廿/卅, Chinese numerals after a magnitude, Arabic decimals after a
/// Chinese whole number, neighbouring numerals as approximate ranges, money in capitals, 百十.
@Suite struct NumberReaderGapsTests {
    static let cases: [NumberCase] = [
        .init(text: "廿五", expect: v("25")), .init(text: "卅六", expect: v("36")),
        .init(text: "廿一万人", expect: v("210000", "人")),
        .init(text: "50万二千", expect: v("502000", w: "万")), .init(text: "3亿零五千", expect: v("300005000", w: "亿")),
        .init(text: "1万零五元", expect: v("10005", "元", w: "万元")), .init(text: "2.5万三千人", expect: e("not a unit")),
        .init(text: "三百点5", expect: v("300.5")), .init(text: "一百点123", expect: v("100.123")),
        .init(text: "三点5", expect: e("time")),
        .init(text: "贰贰", expect: e("two digits")), .init(text: "一一", expect: e("two digits")),
        .init(text: "八七个", expect: e("two digits")),
        .init(text: "十一十二", expect: r("11", "12", h: "约")), .init(text: "十七十八", expect: r("17", "18", h: "约")),
        .init(text: "七八个", expect: r("7", "8", "个", h: "约")),
        .init(text: "两三千元", expect: r("2000", "3000", "元", h: "约")),
        .init(text: "两三个", expect: r("2", "3", "个", h: "约")), .init(text: "十七八岁", expect: r("17", "18", "岁", h: "约")),
        .init(text: "三五万吨", expect: r("30000", "50000", "吨", h: "约")),
        .init(text: "一百一二十人", expect: r("110", "120", "人", h: "约")),
        .init(text: "肆佰元伍角", expect: v("400.5", "元")), .init(text: "叁拾圆正", expect: v("30", "元")),
        .init(text: "叁拾元零伍分", expect: v("30.05", "元")), .init(text: "壹拾壹元壹角壹分", expect: v("11.11", "元")),
        .init(text: "伍元整", expect: v("5", "元")), .init(text: "叁元伍角伍角", expect: e("not a unit")),
        .init(text: "百十户", expect: v("100", "户", h: "约")), .init(text: "千百人", expect: v("1000", "人", h: "约")),
        .init(text: "近万人", expect: v("10000", "人", h: "近")), .init(text: "上百家", expect: v("100", "家", h: "上")),
        .init(text: "数百家", expect: v("100", "家", h: "数")), .init(text: "几十名", expect: v("10", "名", h: "几")),
        .init(text: "数千万元", expect: v("10000000", "元", h: "数")),
        .init(text: "十来万人", expect: v("100000", "人", w: "万人", h: "来")),
        .init(text: "二十来个", expect: v("20", "个", h: "来")), .init(text: "30来岁", expect: v("30", "岁", h: "来")),
        .init(text: "万人", expect: e("cannot start")),
        .init(text: "8.7℃", expect: v("8.7", "℃")), .init(text: "500元/头", expect: v("500", "元/头")),
        .init(text: "30分钟", expect: v("1800", "秒", w: "分钟")), .init(text: "3分", expect: e("time")),
    ]

    @Test(arguments: cases) func reads(_ c: NumberCase) throws {
        switch c.expect {
        case .error(let fragment):
            #expect { try NumberReader.read(c.text) } throws: { "\($0)".contains(fragment) }
        case .value(let value, let unit, let written, let hedge):
            let reading = try NumberReader.read(c.text)
            #expect(reading.value == Decimal(string: value) && reading.baseUnit == unit && reading.hedge?.word == hedge)
            #expect(reading.unitAsWritten == written)
        case .range(let low, let high, let unit, let hedge):
            let reading = try NumberReader.read(c.text)
            #expect(
                reading.low == Decimal(string: low) && reading.high == Decimal(string: high) && reading.value == nil)
            #expect(reading.baseUnit == unit && reading.hedge?.word == hedge)
        case .ratio: Issue.record("no ratio here")
        }
    }

    @Test func writtenValuesStandBesideBaseValues() throws {
        let r = try NumberReader.read("18.6亿斤")
        #expect(r.writtenValue == 1_860_000_000 && r.measure?.symbol == "斤" && r.value == 930_000 && r.baseUnit == "吨")
        let f = try NumberReader.read("三分之一")
        #expect(f.fraction == [1, 3] && f.value! > Decimal(string: "0.3333")! && f.value! < Decimal(string: "0.3334")!)
        #expect(try NumberReader.read("1/4").value == Decimal(string: "0.25"))
        #expect(throws: NumberReadError.self) { try NumberReader.read("1/0") }
    }
}
