import CountyData
import CountyTestSupport
import Formatting
import Foundation
import Testing

@testable import CountyMetrics

let sample = DatasetLoader.load(Repository.path("Reports/data/shaoyang-counties.csv"))

func d(_ s: String) -> Decimal { Decimal(string: s)! }

func metric(_ ms: [Metric], _ region: String, _ indicator: String, _ year: Int, _ kind: MetricKind) -> Metric? {
    ms.first { $0.region == region && $0.indicator == indicator && $0.period == .year(year) && $0.kind == kind }
}

@Suite struct SampleMetricsTests {
    let metrics = MetricsEngine(dataset: sample).all()

    @Test func statedRealGrowthIsKeptAsStated() throws {
        // 新邵县 2018: the bulletin states 7.1% (按可比价格); it is never recomputed.
        let m = try #require(metric(metrics, "新邵县", "地区生产总值", 2018, .yoy))
        #expect(m.value == d("7.1") && m.stated)
        #expect(m.inputs.count == 1 && m.inputs[0].indicator == "地区生产总值增速" && m.inputs[0].provenance.location.line == 3)
    }

    @Test func nominalGrowthFromTwoYearsLevels() throws {
        // Without its stated growth, 邵阳市 2021 GDP grows 2461.5 / 2250.8 − 1 = 9.3611…% at current prices.
        let levels = sample.observations.filter { !$0.indicator.hasSuffix("增速") }
        let m = try #require(metric(MetricsEngine(observations: levels).all(), "邵阳市", "地区生产总值", 2021, .yoy))
        #expect(!m.stated)
        #expect(abs(m.value! - d("9.361116047627510218588946152479118535")) < d("1e-30"))
        #expect(Display.text(m) == "9.4")
        #expect(m.inputs.map(\.period) == [.year(2020), .year(2021)])
        // A county's change between its two bulletins: 北塔区 2018 → 2023, 391523 → 634634 万元.
        let bt = sample.observations.filter { $0.region.name == "北塔区" && $0.indicator == "地区生产总值" }
        #expect(
            abs(Growth.percentChange(from: bt[0], to: bt[1])! - d("62.09367010367207035091169612002360")) < d("1e-28"))
    }

    @Test func structureAndItsChangeInPercentagePoints() throws {
        let s = try #require(metric(metrics, "邵阳市", "三次产业结构", 2021, .structure))
        #expect(s.parts == [d("16.6"), d("31.9"), d("51.5")] && s.stated)
        let change = try #require(metric(metrics, "邵阳市", "三次产业结构", 2021, .ppChange))
        #expect(change.parts == [d("-1.2"), d("0.9"), d("0.3")] && change.unit == "百分点")
        #expect(
            Wording.structureChange(from: [d("17.8"), d("31.0"), d("51.2")], to: s.parts!)
                == "由17.8∶31.0∶51.2调整为16.6∶31.9∶51.5")
        // Computed from the sector values of 新邵县 2018: 28.14 / 52.68 / 64.44 of 145.26 亿元.
        let computed = try #require(metric(metrics, "新邵县", "地区生产总值结构", 2018, .structure))
        #expect(!computed.stated)
        #expect(Display.text(computed) == "19.4∶36.3∶44.4")
        #expect(abs(computed.parts!.reduce(0, +) - 100) < d("1e-30"))   // 38-digit decimals
    }

    @Test func rankOfTheCountiesByGDP() throws {
        let ranks = metrics.filter { $0.kind == .rank && $0.indicator == "地区生产总值" && $0.period == .year(2020) }
        let byRegion = Dictionary(uniqueKeysWithValues: ranks.map { ($0.region, $0.value!) })
        // 邵东市 616.74亿, 隆回县 2330109万, 双清区 168.12亿, 新邵县 1668595万 (its first 2020 figure).
        #expect(byRegion == ["邵东市": 1, "隆回县": 2, "双清区": 3, "新邵县": 4])
        #expect(ranks.allSatisfy { $0.count == 4 })
        #expect(Wording.rank(2) == "居全市第2位")
    }

    @Test func cagrOverFiveYears() throws {
        let m = try #require(metric(metrics, "北塔区", "地区生产总值", 2023, .cagr))
        #expect(m.count == 5 && m.basePeriod == .year(2018))
        #expect(abs(m.value! - d("10.1420641185035")) < d("1e-9"))
        #expect(Display.text(m) == "10.1")
    }

    @Test func totalIsAbsentWhileCountiesAreMissing() throws {
        let total = try #require(metric(metrics, "邵阳市", "地区生产总值", 2020, .total))
        #expect(total.isAbsent)
        #expect(total.reason?.contains("洞口县") == true)
        // Summing a rate is an error, not a number.
        let engine = MetricsEngine(dataset: sample)
        #expect(throws: MetricError.self) {
            try engine.sum("地区生产总值增速", over: ["新邵县", "隆回县"], period: .year(2020), as: "合计")
        }
        let sum = try engine.sum("地区生产总值", over: ["邵东市", "双清区"], period: .year(2020), as: "合计")
        #expect(sum.value == d("784.86") && sum.unit == "亿元")
        let mixed = try engine.sum("地区生产总值", over: ["隆回县", "双清区"], period: .year(2020), as: "合计")
        #expect(mixed.value == d("4011309") && mixed.unit == "万元")   // 2330109 + 1681200 万元
    }

    @Test func perCapitaAndContributions() throws {
        // 双清区 2020: 168.12亿元 GDP and its year-end population.
        let pc = try #require(metric(metrics, "双清区", "地区生产总值", 2020, .perCapita))
        let pop = try #require(pc.inputs.last)
        #expect(pc.value == d("16812000000") / pop.baseValue && pc.unit == "元/人")
        #expect(metric(metrics, "大祥区", "城镇居民人均可支配收入", 2022, .perCapita) == nil)
    }
}

@Suite struct BreaksAndGapsTests {
    func obs(_ region: String, _ indicator: String, _ year: Int, _ value: String, _ unit: String, note: String = "")
        -> Observation
    {
        Observation(
            region: Region(code: "", name: region, parent: "湖南省"), indicator: indicator, period: .year(year),
            value: d(value), unit: Unit(unit), note: note,
            provenance: Provenance(location: SourceLocation(file: "t.csv", line: year - 2000)))
    }

    @Test func growthAcrossABreakIsNeverComputedFromLevels() throws {
        // 邵阳市 GDP jumps at the 2019 economic-census revision.
        let data = [
            obs("邵阳市", "地区生产总值", 2018, "1782.7", "亿元"), obs("邵阳市", "地区生产总值", 2019, "2152.5", "亿元"),
            obs("邵阳市", "地区生产总值", 2020, "2250.8", "亿元"),
        ]
        let options = MetricOptions(breaks: [SeriesBreak(argument: "邵阳市:地区生产总值:2019")!])
        let ms = MetricsEngine(observations: data, options: options).all()
        let y2019 = try #require(metric(ms, "邵阳市", "地区生产总值", 2019, .yoy))
        #expect(y2019.isAbsent && y2019.reason!.contains("series break"))
        #expect(metric(ms, "邵阳市", "地区生产总值", 2020, .yoy)?.value != nil)
        #expect(metric(ms, "邵阳市", "地区生产总值", 2020, .cagr)?.isAbsent == true)
        // Stated growth across the break is used.
        let stated = data + [obs("邵阳市", "地区生产总值增速", 2019, "7.9", "%")]
        let ms2 = MetricsEngine(observations: stated, options: options).all()
        #expect(metric(ms2, "邵阳市", "地区生产总值", 2019, .yoy)?.value == d("7.9"))
        // A note can mark the break too.
        let noted = [data[0], obs("邵阳市", "地区生产总值", 2019, "2152.5", "亿元", note: "第四次经济普查修订")]
        #expect(metric(MetricsEngine(observations: noted).all(), "邵阳市", "地区生产总值", 2019, .yoy)?.isAbsent == true)
    }

    @Test func missingInputsGiveAbsentMetricsNeverZero() throws {
        let data = [obs("甲县", "地区生产总值", 2018, "100", "亿元"), obs("甲县", "地区生产总值", 2020, "110", "亿元")]
        let m = try #require(metric(MetricsEngine(observations: data).all(), "甲县", "地区生产总值", 2020, .yoy))
        #expect(m.value == nil && m.reason!.contains("2019年"))
        #expect(Display.text(m) == "—")
    }

    @Test func yearToDateBecomesSinglePeriods() throws {
        func ytd(_ m: Int, _ v: String) -> Observation {
            Observation(
                region: Region(name: "甲县"), indicator: "社会消费品零售总额",
                period: Period(year: 2023, kind: .yearToDate(throughMonth: m)),
                value: d(v), unit: Unit("亿元"), provenance: Provenance(location: SourceLocation(file: "t.csv", line: m)))
        }
        let ms = MetricsEngine(observations: [ytd(3, "20.5"), ytd(6, "43.1"), ytd(9, "66.0"), ytd(10, "74.2")]).all()
            .filter { $0.kind == .singlePeriod }
        #expect(
            ms.map(\.period) == [
                Period(year: 2023, kind: .quarter(2)), Period(year: 2023, kind: .quarter(3)),
                Period(year: 2023, kind: .month(10)),
            ])
        #expect(ms.map(\.value) == [d("22.6"), d("22.9"), d("8.2")])
        #expect(ms.allSatisfy { $0.unit == "亿元" })
    }

    @Test func contributionAndPullOfTheSectors() throws {
        let data = [
            obs("甲县", "地区生产总值", 2022, "100", "亿元"), obs("甲县", "第一产业增加值", 2022, "20", "亿元"),
            obs("甲县", "第二产业增加值", 2022, "30", "亿元"), obs("甲县", "第三产业增加值", 2022, "50", "亿元"),
            obs("甲县", "地区生产总值", 2023, "110", "亿元"), obs("甲县", "第一产业增加值", 2023, "21", "亿元"),
            obs("甲县", "第二产业增加值", 2023, "33", "亿元"), obs("甲县", "第三产业增加值", 2023, "56", "亿元"),
        ]
        let ms = MetricsEngine(observations: data).all()
        // Δ = 10: sectors add 1, 3, 6 → contributions 10%, 30%, 60%; growth 10% → pulls 1, 3, 6 百分点.
        #expect(
            ["第一产业增加值", "第二产业增加值", "第三产业增加值"].map { metric(ms, "甲县", $0, 2023, .contribution)?.value }
                == [10, 30, 60])
        #expect(["第一产业增加值", "第二产业增加值", "第三产业增加值"].map { metric(ms, "甲县", $0, 2023, .pull)?.value } == [1, 3, 6])
    }

    @Test func weightedAverageOfGrowth() {
        let data = [
            obs("甲县", "地区生产总值增速", 2023, "5", "%"), obs("乙县", "地区生产总值增速", 2023, "8", "%"),
            obs("甲县", "地区生产总值", 2022, "100", "亿元"), obs("乙县", "地区生产总值", 2022, "300", "亿元"),
        ]
        let engine = MetricsEngine(observations: data)
        let m = engine.weightedAverage(
            "地区生产总值增速", weightedBy: "地区生产总值", weightPeriod: .year(2022),
            over: ["甲县", "乙县"], period: .year(2023), as: "两县")
        #expect(m.value == d("7.25"))
        let absent = engine.weightedAverage(
            "地区生产总值增速", weightedBy: "地区生产总值", weightPeriod: .year(2022),
            over: ["甲县", "丙县"], period: .year(2023), as: "两县")
        #expect(absent.isAbsent && absent.reason!.contains("丙县"))
    }
}

@Suite struct DisplayTests {
    @Test func displayRoundsHalfAwayFromZeroByUnit() {
        let m = Metric(
            region: "甲", indicator: "x", period: .year(2023), kind: .yoy, value: d("2.25"), unit: "%", inputs: [])
        #expect(Display.text(m) == "2.3")
        let negative = Metric(
            region: "甲", indicator: "x", period: .year(2023), kind: .yoy, value: d("-0.55"), unit: "%", inputs: [])
        #expect(Display.text(negative) == "\u{2212}0.6")
        let fall = Metric(
            region: "甲", indicator: "x", period: .year(2023), kind: .yoy, value: d("-2.25"), unit: "%", inputs: [])
        #expect(Display.text(fall) == "\u{2212}2.3")   // away from zero, not up to −2.2
        let income = Metric(
            region: "甲", indicator: "x", period: .year(2023), kind: .perCapita, value: d("35123.5"), unit: "元/人",
            inputs: [])
        #expect(Display.text(income) == "35124")
        #expect(Growth.twoYearAverage(d("8.5"), d("5.5")).map { NumberFormat(decimals: 1).string($0) } == "7.0")
    }
}
