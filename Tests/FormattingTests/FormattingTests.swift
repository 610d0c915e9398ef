import CountyData
import Formatting
import Foundation
import Testing

private func d(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite struct DecimalsTests {
    @Test func oneTableForEveryUnit() {
        for (unit, expected) in [
            ("亿元", 2), ("亿", 2), ("亿千瓦时", 2),
            ("%", 1), ("％", 1), ("‰", 1), ("百分点", 1), ("2018=100", 1),
            ("元", 0), ("元/人", 0), ("人", 0), ("位", 0), ("个", 0), ("户", 0),
        ] {
            #expect(Decimals.forUnit(unit) == expected, "\(unit)")
        }
        #expect(Decimals.forUnit("吨") == nil && Decimals.forUnit(nil) == nil)
        // 万 amounts print as counted: 5763万元, 12.3万人, 10万吨.
        for unit in ["万元", "万", "万人", "万吨"] { #expect(Decimals.forUnit(unit) == nil, "\(unit)") }
        #expect(
            Decimals.shown(unit: "万元", values: [d("5763")]) == 0 && Decimals.shown(unit: "万人", values: [d("12.3")]) == 1
        )
    }

    @Test func otherwiseAsTheFiguresCarryAtMostTwo() {
        #expect(Decimals.shown(unit: "吨", values: [d("12.5"), nil, d("3")]) == 1)
        #expect(Decimals.shown(unit: nil, values: [d("1.23456")]) == 2)
        #expect(Decimals.shown(unit: nil, values: [Decimal?]()) == 0)
        #expect(Decimals.shown(unit: "元", values: [d("35123.5")]) == 0)   // the unit's rule wins
    }

    @Test func asWrittenWhenTheInputSaysSo() {
        // 1286.40 is 1286.4 exactly; the input's two decimals are kept, at most 2, never over the unit's rule.
        #expect(Decimals.shown(unit: "万件", values: [d("1286.40")], written: 2) == 2)
        #expect(Decimals.shown(unit: "万件", values: [d("1286.40")]) == 1)
        #expect(Decimals.shown(unit: "吨", values: [d("0.125")], written: 3) == 2)
        #expect(Decimals.shown(unit: "亿元", values: [d("280")], written: 0) == 2)
        #expect(Decimals.shown(unit: "%", values: [d("6.90")], written: 2) == 1)
        #expect(Decimals.forUnit("上年＝100") == 1)
    }
}

@Suite struct TypographyTests {
    @Test func noSpaceBetweenANumberAndItsUnit() {
        #expect(Typography.figure("166.86", unit: "亿元") == "166.86亿元")
        #expect(Typography.figure("6.9", unit: "%") == "6.9%")
        #expect(Typography.figure("114.9", unit: "2018=100") == "114.9（2018=100）")
        #expect(Typography.figure("3", unit: nil) == "3")
        #expect(Typography.unitLabel("亿元") == "单位：亿元")
        #expect(Typography.sourceNote("邵阳市统计局") == "资料来源：邵阳市统计局")
        #expect(Typography.sourceNote("资料来源：邵阳市统计局") == "资料来源：邵阳市统计局")
    }
}

@Suite struct PeriodTextTests {
    @Test func periodsAndSpans() {
        #expect(PeriodText.label(.year(2023)) == "2023年")
        #expect(PeriodText.label(Period(year: 2023, kind: .yearToDate(throughMonth: 6))) == "2023年1—6月")
        #expect(PeriodText.span(.year(2018), .year(2023)) == "2018—2023年")
        #expect(PeriodText.span(.year(2023), .year(2023)) == "2023年")
        #expect(PeriodText.span(of: [.year(2018), .year(2020), .year(2023)]) == "2018—2023年")
        #expect(
            PeriodText.span(of: [
                Period(year: 2023, kind: .yearToDate(throughMonth: 3)),
                Period(year: 2023, kind: .yearToDate(throughMonth: 6)),
            ])
                == "2023年1—3月—2023年1—6月")
        #expect(PeriodText.span(of: []) == "")
    }
}

@Suite struct MagnitudesTests {
    @Test func largeFiguresAreRestatedExactly() throws {
        let r = try #require(Magnitudes.readable([1_668_595, nil, 2_330_109], unit: "万元"))
        #expect(r.unit == "亿元" && r.values == [d("166.8595"), nil, d("233.0109")])
        #expect(Magnitudes.readable([765_000], unit: "人")?.unit == "万人")
        #expect(Magnitudes.readable([2.5], unit: "亿元") == nil)
        #expect(Magnitudes.readable([5], unit: "%") == nil)
        #expect(Magnitudes.tooLong([100_000], unit: "万元") && !Magnitudes.tooLong([99_999.9], unit: "万元"))
    }
}

@Suite struct WordingTests {
    @Test func changesAreWordedOfficially() {
        #expect(Wording.change(d("6.94")) == "增长6.9%")
        #expect(Wording.change(d("-0.46")) == "下降0.5%")
        #expect(Wording.change(d("0.04")) == "持平")
        #expect(Wording.change(d("-0.05")) == "下降0.1%")   // half away from zero
        #expect(Wording.pointChange(d("1.25")) == "提高1.3个百分点")
        #expect(Wording.pointChange(d("-0.3")) == "下降0.3个百分点")
        #expect(Wording.change(d("6.94"), against: "上年") == "比上年增长6.9%")
        #expect(Wording.change(d("0.04"), against: "上年") == "与上年持平")
        #expect(Wording.pointChange(d("1.2"), against: "上年") == "比上年提高1.2个百分点")
        #expect(Wording.averageGrowth(d("5.25")) == "年均增长5.3%" && Wording.averageGrowth(d("-0.4")) == "年均下降0.4%")
        #expect(Wording.share(d("12.345")) == "占全市的12.3%")
        #expect(Wording.share(d("8"), of: "全省") == "占全省的8.0%")
        #expect(Wording.rank(3) == "居全市第3位" && Wording.rank(12, scope: "省") == "居全省第12位")
        #expect(Wording.structure([d("19.4"), d("36.3"), d("44.3")]) == "19.4∶36.3∶44.3")
        #expect(
            Wording.structureChange(from: [d("17.8"), d("31"), d("51.2")], to: [d("16.6"), d("31.9"), d("51.5")])
                == "由17.8∶31.0∶51.2调整为16.6∶31.9∶51.5")
    }
}
