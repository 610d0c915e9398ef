/// Regions by name: one id per distinct name, for code that takes two regions of one name as
/// one region (the checks, the metrics engine), while the table keeps them apart by code, name
/// and parent. Ids are given in order of first appearance in the table's rows, each region's
/// name before its parent's; a parent is named by its first child row that gives one.
public struct RegionNameIndex: Sendable {
    /// The names, by id.
    public private(set) var names: [String] = []
    /// Per region of the table (a position in `ObservationTable.regions`), the id of its name;
    /// -1 for a region no row refers to.
    public private(set) var ofTableRegion: [Int32]
    /// Per name id, the id of its parent's name, or -1.
    public private(set) var parentOf: [Int32] = []
    /// Per name id, the ids of the names whose parent it is, in order of first appearance.
    public private(set) var childrenOf: [[Int32]] = []
    private var ids: [String: Int32] = [:]

    public init(_ table: ObservationTable) {
        ofTableRegion = Array(repeating: -1, count: table.regions.count)
        var last: Int32 = -1
        table.forEachRow { _, ids in
            let tableRegion = ids.region
            if tableRegion == last { return true }   // rows of a region come together
            last = tableRegion
            let region = table.regions[Int(tableRegion)]
            if ofTableRegion[Int(tableRegion)] < 0 { ofTableRegion[Int(tableRegion)] = insert(region.name) }
            let id = ofTableRegion[Int(tableRegion)]
            if !region.parent.isEmpty, parentOf[Int(id)] < 0 {
                let parent = insert(region.parent)
                parentOf[Int(id)] = parent
                childrenOf[Int(parent)].append(id)
            }
            return true
        }
    }

    /// How many distinct names.
    public var count: Int { names.count }

    /// The id of `name`, if a region or a parent has it.
    public func id(_ name: String) -> Int32? { ids[name] }

    /// Per row of `table` (the table this index was made from), the id of its region's name.
    public func ofRows(_ table: ObservationTable) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(table.count)
        table.forEachRow { _, ids in
            out.append(ofTableRegion[Int(ids.region)])
            return true
        }
        return out
    }

    private mutating func insert(_ name: String) -> Int32 {
        if let known = ids[name] { return known }
        let id = Int32(names.count)
        ids[name] = id
        names.append(name)
        parentOf.append(-1)
        childrenOf.append([])
        return id
    }
}
