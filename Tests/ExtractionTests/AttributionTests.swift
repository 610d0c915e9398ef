import CountyData
import Testing

@testable import Extraction

@Suite struct GazetteerTests {
    @Test func holdsEveryLevelWithCodesAndParents() throws {
        let levels = Dictionary(grouping: Gazetteer.divisions, by: \.level).mapValues(\.count)
        #expect(
            levels[.province] == 34 && (330...340).contains(levels[.prefecture] ?? 0)
                && (2800...2900).contains(levels[.county] ?? 0))
        let codes = Set(Gazetteer.divisions.map(\.code))
        #expect(codes.count == Gazetteer.divisions.count)
        // Every parent is a division of the table, one level up or a province.
        for d in Gazetteer.divisions { if let p = d.parent { #expect(codes.contains(p), "\(d.name): parent \(p)") } }
        let xinshao = try #require(Gazetteer.division(named: "新邵县"))
        #expect(xinshao.code == "430522" && xinshao.parent == "430500" && xinshao.level == .county)
        #expect(Gazetteer.division(named: "仙桃市")?.parent == "420000")   // a county the province administers directly
    }

    @Test func shortFormsMeanTheirDivision() {
        #expect(Gazetteer.division(named: "邵阳")?.name == "邵阳市")
        #expect(Gazetteer.division(named: "湘西")?.name == "湘西土家族苗族自治州")
        #expect(Gazetteer.division(named: "湘西州")?.name == "湘西土家族苗族自治州")
        #expect(Gazetteer.division(named: "城步县")?.name == "城步苗族自治县")
        #expect(Gazetteer.division(named: "城步")?.name == "城步苗族自治县")
        #expect(Gazetteer.division(named: "广西")?.name == "广西壮族自治区")
        #expect(Gazetteer.division(named: "巴音郭楞")?.name == "巴音郭楞蒙古自治州")
        #expect(Gazetteer.division(named: "河南")?.name == "河南省")   // not 河南蒙古族自治县
        #expect(Gazetteer.division(named: "日照") == nil)   // 日照时数: only 日照市 is the city
    }
}

@Suite struct RegionNameTests {
    func names(_ text: String) -> [String] {
        let s = CleanText(text).scalars
        return RegionNames.mentions(s, 0..<s.count).map(\.name)
    }

    @Test func listedNamesAreRecognisedWhole() {
        #expect(names("石家庄市经济总量居全省首位。") == ["石家庄市"])
        #expect(names("湖南省邵阳市城步苗族自治县、邵阳县和湘西州") == ["湖南省", "邵阳市", "城步苗族自治县", "邵阳县", "湘西土家族苗族自治州"])
        #expect(names("城步全年接待游客。城步县位于湖南西南部。") == ["城步苗族自治县", "城步苗族自治县", "湖南省"])
        #expect(names("全年日照时数2410小时，日照市降水偏多。") == ["日照市"])
        #expect(names("寿县、和县都在安徽。和县城区") == ["寿县", "和县", "安徽省", "和县"])
        #expect(names("湖南县域经济") == ["湖南省"])
    }

    @Test func unlistedNamesKeepTheirWholeStem() {
        #expect(names("白鹭湾市生产总值增长") == ["白鹭湾市"])
        #expect(names("2023年，塞北管理区粮食丰收") == ["塞北管理区"])
        #expect(names("今年青松岭县、白石新区和金川自治县") == ["青松岭县", "白石新区", "金川自治县"])
        #expect(names("全力推进青山县建设") == ["青山县"])
        // Mentioned often: where the mentions agree, the name reaches back (白鹭湾市 every time) or not (青山县 after 到, 从, 支援).
        #expect(names("白鹭湾市召开会议，白鹭湾市部署工作，在白鹭湾市") == ["白鹭湾市", "白鹭湾市", "白鹭湾市"])
        #expect(names("到青山县，从青山县，支援青山县") == ["青山县", "青山县", "青山县"])
        #expect(names("全县、该市、工业园区、城市、推动县域经济、景区、A级景区") == [])
    }
}

@Suite struct RegionAttributionTests {
    func places(_ text: String, region: String? = nil) -> [(String, String?)] {
        Extractor.extract(text, options: ExtractionOptions(year: 2023, region: region)).map { ($0.text, $0.region) }
    }

    /// The document of the issue: two county sections, then a news paragraph about several cities.
    @Test func everyFigureGetsItsOwnPlace() {
        let sections = ["青山县": "9.8万人", "白水县": "12.6万人"]
        for (heading, news) in [
            ("概况", "长沙市实现地区生产总值1.4万亿元，株洲市实现3900亿元，湘潭市增长4.5%。"),
            ("基本情况", "据统计，株洲市规模工业增加值增长6.1%；湘潭市增长5.2%，长沙市固定资产投资下降2.3%。"),
        ] {
            let text = """
                一、青山县\(heading)

                全县常住人口\(sections["青山县"]!)，地区生产总值286.4亿元，比上年增长5.2%。
                全年粮食产量35.6万吨。

                二、白水县\(heading)

                全县常住人口\(sections["白水县"]!)，地区生产总值193.1亿元。

                三、周边城市

                \(news)
                """
            let got = places(text, region: "青山县")
            let cities = heading == "概况" ? ["长沙市", "株洲市", "湘潭市"] : ["株洲市", "湘潭市", "长沙市"]
            #expect(got.map(\.1) == ["青山县", "青山县", "青山县", "青山县", "白水县", "白水县"] + cities, "\(got)")
        }
    }

    @Test func sectionPlaceHoldsUntilTheNextHeadingNamingAPlace() {
        let text = "◆白水县\n全县常住人口12.6万人。\n\n◆农业\n全年粮食产量20.1万吨。\n\n◆青山县\n全县常住人口9.8万人。"
        #expect(places(text).map(\.1) == ["白水县", "白水县", "青山县"])
        // Lines joined (no blank line between): the numbered heading still opens the clause that names the place.
        let joined = "一、白水县概况\n全县常住人口12.6万人。\n二、青山县概况\n全县常住人口9.8万人。"
        #expect(places(joined).map(\.1) == ["白水县", "青山县"])
    }

    @Test func aNumberBeforeItsSubject() {
        #expect(places("1035.2亿元，青山市稳居全省第一。", region: "白水县").first?.1 == "青山市")
        #expect(places("近40万人，城步的少数民族人口居全市首位。", region: "邵阳市").first?.1 == "城步苗族自治县")
        // The next clause is about another thing: the figure keeps the document's place.
        #expect(places("1035.2亿元，比上年增长5%。", region: "白水县").map(\.1) == ["白水县", "白水县"])
    }

    @Test func placesInsideAClauseAreNotItsSubject() {
        let f = places("2023年，青山县地区生产总值286.4亿元，比白水县多93.3亿元，高于邵阳市平均水平。", region: "邵阳市")
        #expect(f.map(\.1) == ["青山县", "青山县"])
        // An organisation's name: 湖南某公司 is not about 湖南省.
        #expect(places("湖南鸿腾铝业有限公司董事长介绍，公司年产值10亿元。", region: "新邵县").first?.1 == "新邵县")
    }

    @Test func listsOfPlacesWithRespectively() {
        let f = places("青山县、白水县和石家庄市分别增长5.1%、6.2%、7.3%。", region: "邵阳市")
        #expect(f.map(\.1) == ["青山县", "白水县", "石家庄市"])
        let g = places("长沙、株洲生产总值分别为14331.98亿元、3946.2亿元。")
        #expect(g.map(\.1) == ["长沙市", "株洲市"])
    }

    @Test func parenthesisedFigures() {
        let f = places("增速居前三的是长沙（5.1%）、湘潭（4.9%）和白鹭湾市（4.6%）。", region: "湖南省")
        #expect(f.map(\.1) == ["长沙市", "湘潭市", "白鹭湾市"])
    }

    @Test func theParagraphSubjectCarriesToItsLaterSentences() {
        let f = places("株洲市全年接待游客5200万人次。全市旅游总收入610亿元。\n\n全市常住人口385万人。", region: "湖南省")
        #expect(f.map(\.1) == ["株洲市", "株洲市", "湖南省"])
    }
}

@Suite struct PeriodAttributionTests {
    func periods(_ text: String, year: Int? = nil) -> [Period?] {
        Extractor.extract(text, options: ExtractionOptions(year: year)).map(\.period)
    }

    @Test func monthsHoldWithinTheirParagraphOnly() {
        let p = periods("2023年1-8月，全市规模工业增加值增长5.2%。固定资产投资增长3.1%。\n\n全年粮食产量35.6万吨。")
        #expect(
            p == [
                Period(year: 2023, kind: .yearToDate(throughMonth: 8)),
                Period(year: 2023, kind: .yearToDate(throughMonth: 8)), .year(2023),
            ])
        let q = periods("上半年，全县社会消费品零售总额增长6.5%。进出口总额12.3亿元。\n\n城镇居民人均可支配收入38520元。", year: 2024)
        #expect(
            q == [
                Period(year: 2024, kind: .yearToDate(throughMonth: 6)),
                Period(year: 2024, kind: .yearToDate(throughMonth: 6)), .year(2024),
            ])
        // A sentence that states its own period keeps it.
        let r = periods("1—9月，工业增加值增长6.1%。2022年全县粮食产量35万吨。", year: 2023)
        #expect(r == [Period(year: 2023, kind: .yearToDate(throughMonth: 9)), .year(2022)])
        // A month of more digits than any number holds (a fuzzed text): no month, and no overflow trap.
        let long = periods("1—" + String(repeating: "3", count: 40) + "月，工业增加值增长6.1%。", year: 2023)
        #expect(long == [.year(2023)])
    }

    @Test func theTitleYearIsTheReportYear() {
        let text = "白鹭县2022年国民经济和社会发展统计公报\n全年地区生产总值286.4亿元。与2023年初相比，目标到2025年达到400亿元。"
        #expect(periods(text).first == .year(2022))
        // Without a year in its first line, the latest year the text names.
        #expect(periods("全年地区生产总值286.4亿元。\n2021年为250亿元，2023年…").first == .year(2023))
    }
}
