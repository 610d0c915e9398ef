import CountyData
import Foundation
import Testing

@testable import CountyMetrics

/// Issue 16: growth on a zero or negative base is never a percentage (statistical practice words it
/// 减亏, 扭亏), and every metric left absent says why.
@Suite struct NonPositiveBaseTests {
    static let csv = """
        region,parent,indicator,period,value,unit
        甲县,乙市,利润总额,2020,3,亿元
        甲县,乙市,利润总额,2021,0,亿元
        甲县,乙市,利润总额,2022,-5,亿元
        甲县,乙市,利润总额,2023,-2,亿元
        甲县,乙市,利润总额,2024,4,亿元
        丙县,乙市,利润总额,2022,-1,亿元
        丙县,乙市,利润总额,2023,-8,亿元
        乙市,,利润总额,2023,-3,亿元
        丁县,,利润总额,2020,-2,亿元
        丁县,,利润总额,2021,1,亿元
        丁县,,利润总额,2023,5,亿元

        """
    let metrics = MetricsEngine(dataset: DatasetLoader.loadCSV(Array(csv.utf8), file: "p.csv")).all()

    func find(_ region: String, _ year: Int, _ kind: MetricKind) throws -> Metric {
        try #require(metrics.first { $0.region == region && $0.period == .year(year) && $0.kind == kind })
    }

    @Test func growthOnANegativeOrZeroBaseIsAbsentWithItsWord() throws {
        let cases: [(String, Int, String)] = [
            ("甲县", 2022, "from zero to a loss"), ("甲县", 2023, "减亏"), ("甲县", 2024, "扭亏"), ("丙县", 2023, "增亏"),
        ]
        for (region, year, word) in cases {
            let m = try find(region, year, .yoy)
            #expect(m.value == nil, "\(region) \(year): \(String(describing: m.value))")
            #expect(m.reason?.contains(word) == true, "\(region) \(year): \(m.reason ?? "no reason")")
        }
        // A positive base still gives a percentage: 3 → 0 is −100%.
        #expect(try find("甲县", 2021, .yoy).value == -100)
    }

    @Test func indexCagrAndShareOnANonPositiveBaseSayWhy() throws {
        let index = try find("丁县", 2021, .index)
        #expect(index.value == nil && index.reason?.contains("zero or negative") == true, "\(index.reason ?? "none")")
        let cagr = try find("丁县", 2023, .cagr)
        #expect(cagr.value == nil && cagr.reason?.contains("zero or negative") == true, "\(cagr.reason ?? "none")")
        let share = try find("甲县", 2023, .share)
        #expect(share.value == nil && share.reason?.contains("乙市") == true, "\(share.reason ?? "none")")
    }

    @Test func everyAbsentMetricHasAReason() {
        for m in metrics where m.value == nil && m.parts == nil {
            #expect(!(m.reason ?? "").isEmpty, "\(m.region) \(m.period) \(m.kind) has no reason")
        }
    }
}
