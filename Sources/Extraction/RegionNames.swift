/// A place named in the text: a division of the gazetteer (by any of its forms, given by its full
/// name), or a name the text forms with 县, 市, 区, 管理区, 新区 or 自治县 (白鹭湾市, 塞北管理区).
struct RegionMention: Equatable {
    var name: String
    var start: Int
    var end: Int
    /// In the gazetteer: a place whatever the rest of the document says.
    var listed: Bool
}

/// Finds place names whole: the gazetteer's names and short forms first (石家庄市, not 家庄市; 邵阳 for
/// 邵阳市; 城步 for 城步苗族自治县), then names of the form stem + suffix (白鹭湾市), each cut where a
/// word before it ends and, when the document names the place more than once, where its mentions agree.
enum RegionNames {
    /// Suffixes of division names, longest first.
    static let suffixes: [[Unicode.Scalar]] = ["管理区", "自治县", "新区", "县", "市", "区"].map { Array($0.unicodeScalars) }

    static let notRegions: Set<String> = [
        "全县", "该县", "我县", "全市", "该市", "我市", "全区", "该区", "城市", "园区", "社区", "景区", "开发区",
        "经开区", "示范区", "都市", "超市", "上市", "城区", "林区", "山区", "县市", "县区", "市区", "小区",
    ]
    /// Characters before 区 or 市 that make a common word, not a place: 景区, 园区, 社区, 开发区; 超市, 城市, 上市.
    static let notDistrictBefore: ScalarSet = [
        "景", "园", "社", "城", "辖", "片", "矿", "山", "林", "牧", "灾", "街", "商", "校", "营",
        "发", "护", "验", "范", "能", "游", "业", "郊", "住", "宅", "务", "市", "农", "库", "湖", "港",
    ]
    static let notCityBefore: ScalarSet = [
        "超", "上", "城", "股", "楼", "菜", "夜", "集", "门", "开", "都", "全", "该", "本", "各",
    ]
    /// 全县, 该市, 邻县 …: scope words, not names.
    static let scopeBefore: ScalarSet = ["全", "该", "我", "本", "各", "每", "此", "外", "邻", "周"]
    /// Characters that do not begin or end a place name: 记者从县统计局 is not a county called 者从.
    static let functionWords: ScalarSet = [
        "者", "从", "在", "向", "由", "对", "把", "被", "将", "到", "于", "和", "与", "及", "的", "了",
        "是", "为", "以", "等", "个", "这", "那", "其", "也", "都", "又", "还", "就", "给", "让",
    ]
    static let notRegionFirst: ScalarSet = ["全", "该", "我", "本", "各", "县", "市", "区", "园", "城", "超", "上"]
    /// Where a name cannot reach back past: function words, scope words, dates and the levels of other places.
    static let stemBoundaries: ScalarSet = functionWords.union(scopeBefore).union(notRegionFirst)
        .union([
            "年", "月", "日", "省", "州", "镇", "乡", "村", "旗", "盟", "据", "自", "至", "同", "比", "较", "如", "经", "过", "往", "赴",
            "来", "去",
        ])
    /// Words after which a name starts (推进白鹭湾市…, 位于青山县): verbs that take a place as object.
    static let wordsBeforeNames: [[Unicode.Scalar]] = [
        "推进", "推动", "带动", "促进", "支持", "支援", "帮扶", "对口", "前往", "来到", "走进", "走访",
        "调研", "考察", "视察", "落户", "位于", "地处", "包括", "涵盖", "覆盖", "其中", "相比", "相较",
        "领先", "超过", "低于", "高于", "排名", "位居", "成为", "当选", "获评", "评为",
    ]
    .map { Array($0.unicodeScalars) }

    static func isASCIIAlnum(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x30 && c.value <= 0x39) || (c.value >= 0x41 && c.value <= 0x5A)
            || (c.value >= 0x61 && c.value <= 0x7A)
    }

    /// A stem + suffix name the gazetteer does not list, as found: the suffix's range and how far back
    /// the stem may reach (2 to 4 characters).
    struct Candidate {
        var suffix: Range<Int>
        var longest: Int
        func name(_ s: [Unicode.Scalar], stem: Int) -> String {
            Extractor.string(s[(suffix.lowerBound - stem)..<suffix.upperBound])
        }
    }

    /// Every place named in `r`, in order. Names inside 《》 (titles of documents) are left out.
    static func mentions(_ s: [Unicode.Scalar], _ r: Range<Int>) -> [RegionMention] {
        var found: [RegionMention] = []
        var candidates: [(index: Int, candidate: Candidate)] = []   // index: where in `found` it goes
        var i = r.lowerBound
        var lastEnd = r.lowerBound
        var titleDepth = 0
        while i < r.upperBound {
            let c = s[i]
            if c == "《" { titleDepth += 1 } else if c == "》" { titleDepth = max(0, titleDepth - 1) }
            guard isHan(c), titleDepth == 0 else { i += 1; continue }
            let wordStart = i == r.lowerBound || !isHan(s[i - 1]) || i == lastEnd
            if let m = Gazetteer.match(s, at: i, limit: r.upperBound, wordStart: wordStart) {
                found.append(
                    RegionMention(name: Gazetteer.divisions[m.division].name, start: i, end: m.end, listed: true))
                i = m.end
                lastEnd = m.end
                continue
            }
            if c == "县" || c == "市" || c == "区",
                let candidate = candidate(s, suffixEnd: i + 1, floor: max(r.lowerBound, lastEnd))
            {
                candidates.append((found.count, candidate))
                found.append(RegionMention(name: "", start: candidate.suffix.lowerBound - 2, end: i + 1, listed: false))
                lastEnd = i + 1
            }
            i += 1
        }
        guard !candidates.isEmpty else { return found }
        // How often each stem length's name occurs: when every mention of 鹭湾市 is 白鹭湾市, the
        // character before belongs to the name; when the character before varies, it does not.
        var counts: [String: Int] = [:]
        for (_, c) in candidates { for stem in 2...c.longest { counts[c.name(s, stem: stem), default: 0] += 1 } }
        for (k, c) in candidates {
            let shortest = counts[c.name(s, stem: 2)] ?? 0
            var stem = 2
            if shortest >= 2 {
                while stem < c.longest, counts[c.name(s, stem: stem + 1)] == shortest { stem += 1 }
            } else {
                stem = min(c.longest, 3)   // one mention: a four-character stem is more often a word and a name
            }
            found[k].name = c.name(s, stem: stem)
            found[k].start = c.suffix.lowerBound - stem
        }
        return found
    }

    /// The stem + suffix name whose suffix ends at `suffixEnd`, if the characters before it can be a name.
    static func candidate(_ s: [Unicode.Scalar], suffixEnd: Int, floor: Int) -> Candidate? {
        var suffix = (suffixEnd - 1)..<suffixEnd
        for w in suffixes where w.count > 1 && Context.ends(s, floor, suffixEnd, w) {
            suffix = (suffixEnd - w.count)..<suffixEnd
            break
        }
        let a = suffix.lowerBound
        guard a - 2 >= floor, isHan(s[a - 1]), isHan(s[a - 2]) else { return nil }
        let last = s[suffixEnd - 1]
        if suffix.count == 1 {
            let two = Extractor.string(s[(a - 2)..<suffixEnd])
            if notRegions.contains(two) || scopeBefore.contains(s[a - 1]) || functionWords.contains(s[a - 1])
                || (last == "区" && notDistrictBefore.contains(s[a - 1]))
                || (last == "市" && notCityBefore.contains(s[a - 1]))
            {
                return nil
            }
        } else if stemBoundaries.contains(s[a - 1]) {
            return nil
        }
        // Back from the suffix while the characters can belong to a name.
        var stem = 0
        while stem < 4, a - stem - 1 >= floor, isHan(s[a - stem - 1]), !stemBoundaries.contains(s[a - stem - 1]) {
            if stem >= 2, wordsBeforeNames.contains(where: { Context.ends(s, floor, a - stem, $0) }) { break }
            stem += 1
        }
        guard stem >= 2 else { return nil }
        if stem == 2, a - 3 >= floor, isASCIIAlnum(s[a - 3]) { return nil }   // 5A级景区, GDP总量
        // 县域, 市级: a word of the level, not a name; 推动县域 has no place called 推动县.
        if suffixEnd < s.count, s[suffixEnd] == "域" || s[suffixEnd] == "级" { return nil }
        if wordsBeforeNames.contains(where: { Context.ends(s, a - 2, a, $0) }) { return nil }
        return Candidate(suffix: suffix, longest: stem)
    }
}
