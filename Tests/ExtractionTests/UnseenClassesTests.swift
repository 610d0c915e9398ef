import CountyData
import Testing

@testable import Extraction

/// The classes of issue 15: for each, the issue's example and further cases written from the grammar
/// of the class. Each figure is summarised as “value unit kind ~hedge @scope” (a range as low–high).
func summary(_ text: String) -> [String] {
    Extractor.extract(text, options: ExtractionOptions(year: 2023, region: "甲县")).map { f in
        let v =
            f.value.map { "\($0)" } ?? f.low.map { "\($0)–\(f.high!)" } ?? f.parts.map {
                $0.map { "\($0)" }.joined(separator: ":")
            } ?? "?"
        return "\(v) \(f.unit ?? "-") \(f.kind.rawValue)" + (f.hedge.map { " ~\($0)" } ?? "")
            + (f.scope.map { " @\($0)" } ?? "")
    }
}

@Suite struct RankTests {
    @Test func ranksWithTheirScope() {
        #expect(
            summary("2023年，白鹭县生产总值增速居全市第2位，总量列全省第37名，人均收入增幅居全省第一。")
                == ["2 位 rank @全市", "37 位 rank @全省", "1 位 rank @全省"])
        #expect(summary("城镇、农村居民收入增幅分列全市第4位、第11位。") == ["4 位 rank @全市", "11 位 rank @全市"])
        #expect(summary("该县综合实力位列全省县域第8位，比上年前进2位。") == ["8 位 rank @全省县域", "2 位 change"])
        #expect(summary("规模工业增加值增速排名全州第三，较一季度后退一位。") == ["3 位 rank @全州", "-1 位 change"])
        #expect(summary("在全市11个县市区中，财政收入总量稳居第1。") == ["11 个 count", "1 位 rank"])
        #expect(summary("增速全市第一。") == ["1 位 rank @全市"])
    }

    @Test func cutOffsMovesAndOrdinalsAreNotRanks() {
        #expect(summary("该县进入全国前20名城市，排名较上年前移3位。") == ["3 位 change"])
        #expect(summary("第三产业增加值增长6.1%，第3批项目开工，第十四届运动会召开。") == ["6.1 % growth"])
    }
}

@Suite struct WrittenUnitTests {
    @Test func theWrittenUnitIsTheValueAndTheBaseStandsBeside() throws {
        let f = Extractor.extract("粮食总产量达到18.6亿斤，全县面积1850平方公里，耕地8.2万公顷。")
        #expect(f.map(\.value) == [1_860_000_000, 1850, 82000])
        #expect(f.map(\.unit) == ["斤", "平方公里", "公顷"])
        #expect(f.map(\.unitAsWritten) == ["亿斤", "平方公里", "万公顷"])
        #expect(f.map(\.baseValue) == [930_000, 2_775_000, 1_230_000])
        #expect(f.map(\.baseUnit) == ["吨", "亩", "亩"])
        let g = Extractor.extract("全年造林3.5千公顷，人均日用水量为120升，铺设管道38千米。")
        #expect(g.map(\.value) == [3500, 120, 38] && g.map(\.unit) == ["公顷", "升", "千米"])
        #expect(g.map(\.baseValue) == [52500, d("0.12"), 38] && g.map(\.baseUnit) == ["亩", "立方米", "公里"])
    }

    @Test func unitsOfBulletinsAndProfiles() {
        #expect(
            summary("全年降水量612.5毫米，日照时数2410小时，平均气温8.7℃，PM2.5平均浓度31微克/立方米。")
                == ["612.5 毫米 level", "2410 小时 level", "8.7 ℃ level", "31 微克/立方米 level"])
        #expect(summary("年降水量350—480毫米。") == ["350–480 毫米 range"])
        #expect(summary("全市图书馆藏书52万册。") == ["520000 册 count"])
        #expect(summary("建成5G基站1260座，新增充电桩860台，公交车辆320辆。") == ["1260 座 count", "860 台 count", "320 辆 count"])
        #expect(
            summary("年供水能力达到3000万立方米，新增装机容量120兆瓦，年发电量2.4亿千瓦时。")
                == ["30000000 立方米 level", "120 兆瓦 level", "240000000 千瓦时 level"])
        #expect(
            summary("货物周转量12.6亿吨公里，比上年增长1.2倍，港口吞吐量8.5万标准箱。")
                == ["1260000000 吨公里 level", "1.2 倍 growth", "85000 标准箱 count"])
        #expect(summary("全县医疗机构床位2860张，民营医院设置床位420床，最低气温-12.5℃。") == ["2860 张 count", "420 床 count", "-12.5 ℃ level"])
    }

    @Test func ratesAndCompoundUnits() {
        #expect(
            summary("玉米收购价每斤1.3元左右，能繁母猪补贴500元/头，平均风速4.2米/秒。")
                == ["1.3 元/斤 level ~左右", "500 元/头 level", "4.2 米/秒 level"])
        #expect(
            summary("粮食单产达到450公斤/亩，人口密度为186人/平方公里，生姜收购价每公斤12.5元。")
                == ["450 公斤/亩 level", "186 人/平方公里 level", "12.5 元/公斤 level"])
        let f = Extractor.extract("玉米收购价每斤1.3元。")
        #expect(f[0].baseValue == 2600 && f[0].baseUnit == "元/吨")
    }
}

@Suite struct AcronymAndIndexTests {
    @Test func numbersGluedToAcronyms() {
        #expect(summary("去年，白鹭市GDP1865.3亿元，比上年增长5.9%。") == ["186530000000 元 level", "5.9 % growth"])
        #expect(summary("全年完成GDP 1865.3亿元。") == ["186530000000 元 level"])
        #expect(
            summary("R&D经费投入4.2亿元，全年CPI为102.1，PPI为97.8。") == ["420000000 元 level", "102.1 - index", "97.8 - index"])
        #expect(summary("PM2.5年均浓度为28微克/立方米，PM10年均浓度为51微克/立方米。") == ["28 微克/立方米 level", "51 微克/立方米 level"])
    }

    @Test func indicesWithoutUnit() {
        #expect(summary("全县居民消费价格指数为101.6，工业生产者出厂价格指数为96.4。") == ["101.6 - index", "96.4 - index"])
        #expect(summary("土壤pH值为6.8-7.5。") == ["6.8–7.5 - range"])
        #expect(summary("商品零售价格指数102.3，基尼系数0.41，水体pH值7.2左右。") == ["102.3 - index", "0.41 - index", "7.2 - index ~左右"])
        #expect(summary("型号为3200的设备。").isEmpty)
    }
}

@Suite struct ListTests {
    @Test func aListSharesItsTrailingUnit() {
        #expect(summary("一、三产业增加值占比分别提高0.7、4.2个百分点。") == ["0.7 百分点 pp_change", "4.2 百分点 pp_change"])
        #expect(summary("东湖乡、西岭乡增速分别高于全县平均1.1个、2.6个百分点。") == ["1.1 百分点 pp_change", "2.6 百分点 pp_change"])
        #expect(summary("粮食、油料产量分别为36.2、4.8万吨。") == ["362000 吨 level", "48000 吨 level"])
        #expect(summary("三个园区分别新增企业12、9和15家。") == ["3 个 count", "12 家 count", "9 家 count", "15 家 count"])
        #expect(summary("三项指标分别增长8.2、6.5和3.1%。") == ["3 项 count", "8.2 % growth", "6.5 % growth", "3.1 % growth"])
    }

    @Test func placeNounsCount() {
        #expect(summary("全省14个市州中有9市增速高于全国，白鹭县辖5镇9乡。") == ["14 个 count", "9 市 count", "5 镇 count", "9 乡 count"])
        #expect(summary("全市下辖2区5县，共128村，另有4街道。") == ["2 区 count", "5 县 count", "128 村 count", "4 街道 count"])
    }
}

@Suite struct RoundNumberAndShareTests {
    @Test func roundNumbersWithoutADigit() {
        #expect(
            summary("全县电商企业从不足百家发展到1260家，带动就业近千人，上百家企业入驻园区。")
                == ["100 家 count ~不足", "1260 家 count", "1000 人 count ~近", "100 家 count ~上"])
        #expect(summary("新增就业岗位近万个，吸引上千名游客。") == ["10000 个 count ~近", "1000 名 count ~上"])
        #expect(summary("全力推进百万吨饲料产能基地建设，建设千亩茶园。").isEmpty)
    }

    @Test func fractionsTenthsAndHedgesBeforeTheVerb() throws {
        let f = Extractor.extract("光伏发电量约占全县用电量的1/3，农产品加工业产值占比近四成。")
        #expect(f.count == 2)
        #expect(
            f[0].kind == .share && f[0].hedge == "约" && f[0].text == "1/3" && f[0].fraction == [1, 3]
                && f[0].value == nil && f[0].baseValue == nil)
        #expect(
            f[1].value == 4 && f[1].unit == "成" && f[1].kind == .share && f[1].hedge == "近" && f[1].baseValue == 40
                && f[1].baseUnit == "%")
        #expect(summary("二产增加值约占地区生产总值的25%。") == ["25 % share ~约"])
        #expect(summary("林地面积约占国土面积的百分之六十，近六成农户参加合作社。") == ["60 % share ~约", "6 成 share ~近"])
        let g = Extractor.extract("外出务工人员占全县劳动力的三分之一。")
        #expect(g.count == 1 && g[0].kind == .share && g[0].text == "三分之一" && g[0].hedge == nil)
    }
}

@Suite struct DurationNameAndHedgeTests {
    @Test func durationsAreNotLevels() {
        #expect(summary("建县60多年来，该县连续四年获评全省平安县。") == ["4 年 duration"])
        #expect(summary("与五年前相比，三个月后再议。").isEmpty)
        #expect(summary("历时三个月完成改造，用两年时间建成，年平均日照时数1650小时。") == ["3 个月 duration", "2 年 duration", "1650 小时 level"])
        #expect(summary("无霜期长达280天。") == ["280 天 level"])
    }

    @Test func numeralsInNamesAreNotFigures() {
        #expect(summary("三台遗址入选省级文物保护单位。").isEmpty)
        #expect(
            summary("五台山景区接待游客120万人次，九台区新增企业300家，新建三座桥梁。")
                == ["1200000 人次 count", "300 家 count", "3 座 count"])
    }

    @Test func hedgeBeforeLe() {
        #expect(summary("财政收入突破了30亿元，常住人口超过了25万人。") == ["3000000000 元 level ~突破", "250000 人 count ~超过"])
        #expect(summary("年产值突破了10亿元大关，外贸进出口总额超过了12亿美元。") == ["1000000000 元 level ~突破", "1200000000 美元 level ~超过"])
    }

    @Test func neighbouringNumeralsAreApproximateRanges() {
        // 每户 … 增收: a rate per household (the verb between 每户 and the figure does not undo it).
        #expect(summary("全村有七八个合作社，每户年均增收两三千元。") == ["7–8 个 range ~约", "2000–3000 元/户 range ~约"])
        #expect(
            summary("每年接待游客三四万人次，村里有百十户人家，工期一两个月。")
                == ["30000–40000 人次 range ~约", "100 户 count ~约", "1–2 个月 range ~约"])
    }
}

/// The gaps left after session 5: rates whose 每 stands before a verb, approximate round numbers,
/// cut-offs, 位 as a rank and as a classifier of people, fractions kept exact.
@Suite struct KnownGapTests {
    @Test func ratesWithAVerbAfterTheirUnit() {
        #expect(summary("对收储企业每吨补贴200元。") == ["200 元/吨 level"])
        #expect(
            summary("种粮大户每亩奖励50元，能繁母猪每头补助300元，新建冷库每立方米补助80元。") == ["50 元/亩 level", "300 元/头 level", "80 元/立方米 level"])
        #expect(Extractor.extract("推广新品种后每亩增产50公斤。").map(\.unit) == ["公斤/亩"])
        // How often, and “each”: not a rate's unit.
        #expect(Extractor.extract("每年新增就业3000人，每个乡镇建设3个服务站。").map(\.unit) == ["人", "个"])
        // A percentage or a change in points stays itself.
        #expect(Extractor.extract("每吨价格上涨5%。").map(\.unit) == ["%"])
        // A numeral between 每 and the figure (每千人口) is no rate unit this reader writes.
        #expect(Extractor.extract("每千人口拥有床位6.2张。").map(\.unit) == ["张"])
    }

    @Test func approximateRoundNumbers() {
        #expect(summary("全县已有数百家合作社，几十名志愿者参与。") == ["100 家 count ~数", "10 名 count ~几"])
        #expect(summary("带动十来万人就业，新建二十来个站点，百来户受益。") == ["100000 人 count ~来", "20 个 count ~来", "100 户 count ~来"])
        #expect(summary("吸引数千万元投资，建成上千亩基地。") == ["10000000 元 level ~数", "1000 亩 level ~上"])
        // Without a hedge a bare round number is a label.
        #expect(summary("全力建设千亩茶园。").isEmpty)
    }

    @Test func cutOffsAreNoFigures() {
        #expect(summary("该县再次入选全国百强县，跻身全省十强。").isEmpty)
        #expect(summary("综合排名连续三年进入全省前十，总量居全省前10位。") == ["3 年 duration"])
    }

    @Test func rankAndPeopleBothWrite位() {
        #expect(summary("引进博士12位、硕士30名，经济总量居全市第2位。") == ["12 位 count", "30 名 count", "2 位 rank @全市"])
        #expect(summary("新增院士工作站2个，柔性引进专家5位。") == ["2 个 count", "5 位 count"])
    }

    @Test func fractionsAreKeptAsWritten() {
        let f = Extractor.extract("外出务工人员约占劳动力的三分之二，林地占国土面积的3/8。")
        #expect(f.map(\.fraction) == [[2, 3], [3, 8]])
        #expect(f.allSatisfy { $0.value == nil && $0.kind == .share })
    }
}
