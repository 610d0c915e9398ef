import ChartScene
import Testing

@Suite struct TextRulesTests {
    func runs(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return TextRules.unbreakableRuns(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func aFigureKeepsItsMagnitudeAndUnit() {
        #expect(runs("全年地区生产总值280.40亿元，比上年增长6.9%。") == ["280.40亿元", "6.9%"])
        #expect(runs("常住人口12.3万人，提高1.2个百分点") == ["12.3万人", "1.2个百分点"])
        #expect(runs("结构为19.4∶36.3∶44.3，2023年") == ["19.4∶36.3∶44.3", "2023年"])
        #expect(runs("下降到−0.5%") == ["−0.5%"])
    }

    @Test func textWithoutFiguresHasNoRuns() {
        #expect(runs("新邵县统计局").isEmpty)
        #expect(runs("").isEmpty)
    }
}
