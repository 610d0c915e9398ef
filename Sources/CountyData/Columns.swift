import Foundation

/// The roles a column of a data table can play, recognised by English or Chinese headings.
public enum ColumnRole: String, CaseIterable, Sendable {
    case regionCode = "region_code"
    case region
    case parent
    case indicator
    case period
    case value
    case unit
    case note
    case source

    /// Headings that name this role (compared after trimming, case-insensitively).
    public var aliases: [String] {
        switch self {
        case .regionCode: ["region_code", "code", "地区代码", "区划代码", "行政区划代码", "代码"]
        case .region: ["region", "region_name", "地区", "地区名称", "区域", "县市区", "行政区"]
        case .parent: ["parent", "上级", "上级地区", "所属地区", "所属"]
        case .indicator: ["indicator", "指标", "指标名称", "项目"]
        case .period: ["period", "year", "时期", "年份", "年度", "时间", "统计时期"]
        case .value: ["value", "数值", "值", "数据", "指标值"]
        case .unit: ["unit", "单位", "计量单位"]
        case .note: ["note", "notes", "备注", "说明", "注"]
        case .source: ["source_url", "source", "来源", "资料来源", "数据来源"]
        }
    }

    /// The role a heading names, if any.
    public static func role(of heading: String) -> ColumnRole? {
        let h = heading.trimmingSpaces.lowercased()
        return allCases.first { $0.aliases.contains(h) }
    }
}

/// Which column of a header plays which role.
struct ColumnMap: Sendable {
    /// Column index by role (in `ColumnRole.allCases` order); an array, because it is asked per field.
    private var columns: [Int?] = Array(repeating: nil, count: ColumnRole.allCases.count)
    /// Columns with no role, by index.
    var others: [Int] = []

    init(header: [String]) {
        for (i, h) in header.enumerated() {
            if let role = ColumnRole.role(of: h), self[role] == nil {
                columns[role.ordinal] = i
            } else {
                others.append(i)
            }
        }
    }

    subscript(role: ColumnRole) -> Int? { columns[role.ordinal] }
}

extension ColumnRole {
    var ordinal: Int {
        switch self {
        case .regionCode: 0
        case .region: 1
        case .parent: 2
        case .indicator: 3
        case .period: 4
        case .value: 5
        case .unit: 6
        case .note: 7
        case .source: 8
        }
    }
}
