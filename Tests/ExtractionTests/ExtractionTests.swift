import CountyData
import CountyTestSupport
import Foundation
import Testing

@testable import Extraction

let fixtures = Repository.path("Tests/ExtractionTests/Fixtures")

func d(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite struct SampleArticleTests {
    struct Fact { var value: Decimal?; var range: [Decimal]?; var unit: String; var hedge: String?; var hint: String }

    let article = try! String(contentsOfFile: fixtures + "/xinshao-2023-article.txt", encoding: .utf8)
    let facts: [Fact]
    let notFigures: [String]

    init() throws {
        let json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: fixtures + "/xinshao-2023-article.facts.json")))
            as! [String: Any]
        facts = (json["facts"] as! [[String: Any]]).map { f in
            Fact(
                value: (f["value"] as? NSNumber).map { Decimal(string: $0.stringValue)! },
                range: (f["range"] as? [NSNumber])?.map { Decimal(string: $0.stringValue)! },
                unit: f["unit"] as! String, hedge: f["qualifier"] as? String, hint: f["hint"] as! String)
        }
        notFigures = json["not_metrics"] as! [String]
    }

    func matches(_ f: ExtractedFigure, _ fact: Fact) -> Bool {
        let valueOK = fact.range.map { f.low == $0[0] && f.high == $0[1] } ?? (f.value == fact.value)
        return valueOK && (f.unit ?? "") == fact.unit && f.hedge == fact.hedge
            && (f.indicator.contains(fact.hint) || f.sentence.contains(fact.hint))
    }

    @Test func findsEveryListedFigureAndPrintsPrecisionAndRecall() {
        let found = Extractor.extract(article)
        var used = Set<Int>()
        var missed: [String] = []
        for fact in facts {
            if let k = found.indices.first(where: { !used.contains($0) && matches(found[$0], fact) }) {
                used.insert(k)
            } else {
                missed.append("\(fact.value ?? 0) \(fact.unit) \(fact.hint)")
            }
        }
        let recall = Double(used.count) / Double(facts.count)
        let precision = Double(used.count) / Double(found.count)
        let extra = found.indices.filter { !used.contains($0) }.map { "\(found[$0].text) (\(found[$0].indicator))" }
        print(
            "extraction on the sample: \(found.count) figures, \(used.count) of \(facts.count) listed found; "
                + "recall \(String(format: "%.3f", recall)), precision \(String(format: "%.3f", precision)); not listed: \(extra)"
        )
        #expect(missed.isEmpty, "missed: \(missed)")
        #expect(recall == 1)
    }

    @Test func reportsNoneOfTheListedNonFigures() {
        let found = Extractor.extract(article)
        for text in notFigures {
            let compact = text.replacingOccurrences(of: " ", with: "")
            #expect(
                !found.contains {
                    $0.text.contains(compact)
                        || compact.contains($0.text) && $0.text.count > 1 && compact.hasPrefix($0.text)
                },
                "reported \(text)")
        }
    }

    @Test func offsetsPointIntoTheOriginalFile() throws {
        let found = Extractor.extract(article)
        let scalars = Array(article.unicodeScalars)
        let funds = try #require(found.first { $0.value == 1_865_000_000 })
        #expect(funds.indicator == "到位资金" && funds.unit == "元" && funds.unitAsWritten == "亿元")
        // The original breaks the figure across lines: “18.65\n亿元”.
        var original = String.UnicodeScalarView()
        original.append(contentsOf: scalars[funds.figureStart..<funds.figureEnd])
        #expect(String(original) == "18.65\n亿元")
        let sentence = String(String.UnicodeScalarView(scalars[funds.start..<funds.end]))
        #expect(sentence.hasPrefix("今年以来") && sentence.hasSuffix("亿元。"))
        #expect(funds.sentence.contains("累计到位资金18.65亿元"))
        #expect(funds.period == .year(2023) && funds.region == "新邵县")
    }
}

@Suite struct BulletinSentenceTests {
    func one(_ text: String, region: String = "甲县") -> [ExtractedFigure] {
        Extractor.extract(text, options: ExtractionOptions(year: 2023, region: region))
    }

    @Test func growthAndDecline() {
        let f = one("2023年，全县实现地区生产总值286.45亿元，比上年增长5.2%；第二产业增加值92.3亿元，下降1.5%。")
        #expect(f.map(\.indicator) == ["地区生产总值", "地区生产总值增速", "第二产业增加值", "第二产业增加值增速"])
        #expect(f.map(\.value) == [d("28645000000"), d("5.2"), d("9230000000"), d("-1.5")])
        #expect(f.allSatisfy { $0.period == .year(2023) && $0.region == "甲县" })
    }

    @Test func percentagePointsAndRates() {
        let f = one("城镇化率达到47.3%，比上年提高1.2个百分点；增速比上半年回落0.8个百分点。")
        #expect(f.map(\.unit) == ["%", "百分点", "百分点"])
        #expect(f.map(\.value) == [d("47.3"), d("1.2"), d("-0.8")])
        #expect(f[0].indicator == "城镇化率" && f[1].indicator == "城镇化率")
    }

    @Test func structuresAndRanges() {
        let f = one("三次产业结构由19.4:36.3:44.3调整为17.9∶32.2∶49.9。节能18%至25%，在校学生约5万至6万人。")
        #expect(f[0].parts == [d("19.4"), d("36.3"), d("44.3")] && f[0].indicator == "三次产业结构")
        #expect(f[1].parts == [d("17.9"), d("32.2"), d("49.9")] && f[1].indicator == "三次产业结构")
        #expect(f[2].low == 18 && f[2].high == 25 && f[2].unit == "%" && f[2].value == nil)
        #expect(f[3].low == 50000 && f[3].high == 60000 && f[3].unit == "人" && f[3].hedge == "约")
    }

    @Test func respectivelyListsGiveOneFigurePerItem() {
        let f = one("城镇、农村居民人均可支配收入分别为38520元、17336元，分别增长5.1%、7.2%。")
        #expect(f.map(\.indicator) == ["城镇居民人均可支配收入", "农村居民人均可支配收入", "城镇居民人均可支配收入增速", "农村居民人均可支配收入增速"])
        #expect(f.map(\.value) == [38520, 17336, d("5.1"), d("7.2")])
        let g = one("第一、二、三产业增加值分别为51.2亿元、92.3亿元、142.95亿元。")
        #expect(g.map(\.value) == [d("5120000000"), d("9230000000"), d("14295000000")])
    }

    @Test func amountsHedgesAndChineseNumerals() {
        let f = one("全年粮食播种面积约86.5万亩，粮食产量近35万吨，奖补资金5763万元。全县共有学校一百二十三所，派出六支小分队，连续两年获奖。")
        #expect(f.map(\.value) == [865000, 350000, 57_630_000, 123, 6, 2])
        #expect(f.map(\.unit) == ["亩", "吨", "元", "所", "支", "年"])
        #expect(f.map(\.hedge) == ["约", "近", nil, nil, nil, nil])
        #expect(f[0].indicator == "粮食播种面积" && f[2].indicator == "奖补资金")
    }

    @Test func notFigures() {
        let f = one("9月28日18时，2023年度第一产业“三高四新”一区三园工作会议召开，联系电话0739-3621234，二次燃烧，一个个项目，三次产业协调发展。")
        #expect(f.isEmpty, "\(f.map(\.text))")
    }

    @Test func periodsFromTheText() {
        #expect(one("1—9月，规模以上工业增加值增长6.1%。")[0].period == Period(year: 2023, kind: .yearToDate(throughMonth: 9)))
        #expect(one("去年，全县粮食产量35万吨。")[0].period == .year(2022))
        #expect(one("2021年全县粮食产量35万吨。")[0].period == .year(2021))
    }

    @Test func cleaningJoinsBrokenLinesAndDropsStraySpaces() {
        let clean = CleanText("此 外 ，该 县 每 年 安 排5000\n万元资金。\n\n◆改发展思路\n新邵县召开会议。")
        #expect(clean.string == "此外，该县每年安排5000万元资金。\n◆改发展思路\n新邵县召开会议。")
        #expect(clean.offsets[0] == 0 && clean.offsets[2] == 4)
        #expect(CleanText("ｍＲＮＡ 疫苗１２３％").string == "mRNA疫苗123%")
        #expect(CleanText("Model 3").string == "Model 3" || CleanText("Model 3").string == "Model3")
    }
}

@Suite struct MoreBulletinTests {
    func extract(_ text: String) -> [ExtractedFigure] {
        Extractor.extract(text, options: ExtractionOptions(year: 2023, region: "甲县"))
    }

    @Test func asidesScopesAndChanges() {
        let f = extract(
            """
            初步核算，全县地区生产总值（GDP）286.45亿元，按可比价格计算，比上年增长5.2%。\
            年末全县户籍总人口85.3万人，其中城镇人口30.1万人。全年出生人口6512人，出生率8.01‰。\
            全年粮食总产量35.6万吨，比上年减少0.3万吨，下降0.8%。全县共有规模以上工业企业152家，比上年末增加12家。
            """)
        #expect(
            f.map(\.indicator) == [
                "地区生产总值", "地区生产总值增速", "年末户籍总人口", "城镇人口", "出生人口", "出生率",
                "粮食总产量", "粮食总产量增量", "粮食总产量增速", "规模以上工业企业", "规模以上工业企业增量",
            ])
        #expect(
            f.map(\.value) == [
                28_645_000_000, d("5.2"), 853_000, 301_000, 6512, d("8.01"), 356_000, -3000, d("-0.8"), 152, 12,
            ])
        // The value stays in the unit as written; the base value (in %) stands beside it.
        #expect(f[5].unit == "‰" && f[5].unitAsWritten == "‰" && f[5].baseValue == d("0.801") && f[5].baseUnit == "%")
    }
}

@Suite struct RespectivelyBackwardsTests {
    @Test func respectivelyAfterTheItemsFigures() {
        let f = Extractor.extract(
            "全市接待国内外游客1.2亿人次，实现旅游总收入1350亿元，分别增长15.6%和18.2%。城镇登记失业率控制在4%以内。",
            options: ExtractionOptions(year: 2023, region: "甲市"))
        #expect(f.map(\.indicator) == ["接待国内外游客", "旅游总收入", "接待国内外游客增速", "旅游总收入增速", "城镇登记失业率"])
        #expect(f.map(\.unit) == ["人次", "元", "%", "%", "%"])
        #expect(f[4].hedge == "以内")
    }
}

@Suite struct UnseenTextTests {
    @Test func targetsSpansAndPlacesThatAreNotRegions() {
        let text = """
            据统计，今年1—10月，该县共接待游客386.5万人次，同比增长23.4%。全县现有A级景区12家。记者从县统计局获悉，近三年来累计投入资金超过8亿元。\
            该县计划到2025年，实现工业总产值突破500亿元，研发投入占比提升至2.5%左右。
            """
        let f = Extractor.extract(text)
        #expect(f.allSatisfy { $0.region == nil })   // 景区, 县统计局 and 全县 name no region
        #expect(!f.contains { $0.text.contains("三年") })   // 近三年来 is a span of time
        #expect(f.first?.period == nil)   // 到2025年 is a target, not the report's year
        #expect(f.map(\.indicator).contains("研发投入占比"))
        #expect(f.first { $0.text == "突破500亿元" }?.period == .year(2025))
    }
}
