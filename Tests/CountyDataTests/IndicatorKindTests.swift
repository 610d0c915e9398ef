import Testing

@testable import CountyData

/// An indicator's kind comes from its name first, then its unit's dimension: a rate's name (增速,
/// 人均…, …率, 指数) beats a share's (结构, 比重, 占比), which beats a ratio's dimension, which beats a
/// level's name (年末…, 人口, 面积, 余额), which beats a count's dimension; anything else is a flow.
@Suite struct IndicatorKindTests {
    static let cases: [(String, Dimension?, Bool, IndicatorKind)] = [
        ("地区生产总值增速", .ratio, false, .rate),
        ("人均地区生产总值", .money, false, .rate),
        ("城镇化率", nil, false, .rate),
        ("居民消费价格指数", nil, false, .rate),
        ("人口比重", .ratio, false, .share),  // 人口 and 比重: the share's name before the level's
        ("人均收入占比", .ratio, false, .rate),  // the rate's name before the share's
        ("三次产业结构", nil, true, .share),
        ("第三产业比重", .ratio, false, .share),
        ("年末常住人口", .people, true, .share),  // parts make a share, before the level's name
        ("年末常住人口", .ratio, false, .rate),  // a ratio's dimension before the level's name
        ("年末常住人口", .people, false, .level),
        ("耕地面积", .area, false, .level),
        ("企业个数", Dimension("count:个"), false, .count),
        ("年末存款余额", Dimension("count:笔"), false, .level),  // the level's name before a count
        ("地区生产总值", .money, false, .flow),
        ("地区生产总值", nil, false, .flow),
    ]

    @Test func theNameThenTheDimensionDecideTheKind() {
        for (name, dimension, isRatio, kind) in Self.cases {
            let found = Indicator.infer(name: name, dimension: dimension, isRatio: isRatio)
            #expect(found.kind == kind, "\(name) \(dimension?.name ?? "-") \(isRatio)")
            #expect(found.additive == (kind == .flow || kind == .level || kind == .count), "\(name)")
        }
    }
}
