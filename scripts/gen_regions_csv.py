#!/usr/bin/env python3
"""Writes a deterministic long-format CSV of REGIONS counties under PARENTS prefectures of one
province, for the per-region report benchmark (scripts/bench-regen-reports.sh).

    scripts/gen_regions_csv.py REGIONS PARENTS OUT.csv

Columns as Reports/data/shaoyang-counties.csv. Codes are valid GB/T 2260-style codes (province 430000,
prefectures 43PP00, counties 43PPCC), so `countyreport check` accepts the file. Every county has 10
indicators for 2019–2023 (levels and the stated growth rates); each prefecture's levels are the sums
of its counties' (so shares and ranks are meaningful). Prints the prefecture names, one a line, on stderr.
"""
import random, sys

regions = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
parents = int(sys.argv[2]) if len(sys.argv) > 2 else 12
out = sys.argv[3] if len(sys.argv) > 3 else "/dev/stdout"
if regions > parents * 99:
    sys.exit("at most 99 counties per prefecture (codes 43PP01–43PP99)")
rng = random.Random(2023)
chars = "东西南北中新安平宁江山河阳城湖海泉兴华康永丰福昌乐"
years = list(range(2019, 2024))
levels = [("地区生产总值", "亿元", (60, 600), 2), ("第一产业增加值", "亿元", (8, 80), 2), ("第二产业增加值", "亿元", (20, 240), 2),
          ("第三产业增加值", "亿元", (25, 280), 2), ("一般公共预算收入", "亿元", (2, 40), 2), ("社会消费品零售总额", "亿元", (20, 260), 2),
          ("人均地区生产总值", "元", (25000, 90000), 0), ("城镇居民人均可支配收入", "元", (28000, 48000), 0),
          ("农村居民人均可支配收入", "元", (12000, 24000), 0), ("年末常住人口", "万人", (15, 120), 2)]
summed = {"地区生产总值", "第一产业增加值", "第二产业增加值", "第三产业增加值", "一般公共预算收入", "社会消费品零售总额", "年末常住人口"}
stated_growth = ["地区生产总值", "第一产业增加值", "第二产业增加值", "第三产业增加值", "社会消费品零售总额"]


def fmt(v, d):
    return ("%." + str(d) + "f") % v


def county_name(i):
    a, b, c = chars[i % 25], chars[(i // 25) % 25], chars[(i // 625) % 25]
    return a + b + c + "县"


rows = []
totals = {}
parent_names = []
per_parent = [regions // parents + (1 if p < regions % parents else 0) for p in range(parents)]
n = 0
for p in range(parents):
    pcode = "43%02d00" % (p + 1)
    pname = chars[p % 25] + chars[(p * 7 + 3) % 25] + "市"
    parent_names.append(pname)
    for c in range(per_parent[p]):
        code = "43%02d%02d" % (p + 1, c + 1)
        name = county_name(n)
        n += 1
        for ind, unit, (lo, hi), d in levels:
            v = rng.uniform(lo, hi)
            g = rng.uniform(0.02, 0.09)
            for y in years:
                value = round(v, d)
                rows.append((code, name, pname, ind, y, fmt(value, d), unit))
                if ind in summed:
                    totals[(pcode, pname, ind, y)] = totals.get((pcode, pname, ind, y), 0) + value
                if ind in stated_growth:
                    rows.append((code, name, pname, ind + "增速", y, fmt(g * 100, 1), "%"))
                v *= 1 + g
                g = min(0.12, max(-0.03, g + rng.uniform(-0.015, 0.015)))
with open(out, "w", encoding="utf-8") as f:
    f.write("region_code,region,parent,indicator,period,value,unit,note,source_url\n")
    for (pcode, pname, ind, y), v in sorted(totals.items()):
        unit = next(u for i, u, _, _ in levels if i == ind)
        f.write("%s,%s,湖南省,%s,%d,%s,%s,generated: sum of its counties,\n" % (pcode, pname, ind, y, fmt(v, 2), unit))
    for code, name, pname, ind, y, value, unit in rows:
        f.write("%s,%s,%s,%s,%d,%s,%s,generated,\n" % (code, name, pname, ind, y, value, unit))
sys.stderr.write("\n".join(parent_names) + "\n")
