#!/usr/bin/env python3
"""Writes a deterministic long-format county CSV of N rows (default 1,000,000) for benchmarks.

Columns as Reports/data/shaoyang-counties.csv. Regions get real-looking 6-digit codes under
real province prefixes; every (region, indicator, period) appears once.
"""
import random, sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
out = sys.argv[2] if len(sys.argv) > 2 else "/dev/stdout"
rng = random.Random(2023)
provinces = ["11", "13", "14", "21", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "50", "51", "52", "53", "61"]
indicators = [("地区生产总值", "亿元"), ("地区生产总值增速", "%"), ("第一产业增加值", "亿元"), ("第一产业增加值增速", "%"),
              ("第二产业增加值", "亿元"), ("第二产业增加值增速", "%"), ("第三产业增加值", "亿元"), ("第三产业增加值增速", "%"),
              ("人均地区生产总值", "元"), ("一般公共预算收入", "万元"), ("一般公共预算收入增速", "%"), ("财政总收入", "万元"),
              ("固定资产投资增速", "%"), ("社会消费品零售总额", "亿元"), ("社会消费品零售总额增速", "%"),
              ("城镇居民人均可支配收入", "元"), ("农村居民人均可支配收入", "元"), ("年末常住人口", "万人"),
              ("规模以上工业增加值增速", "%"), ("进出口总额", "万元"), ("粮食产量", "万吨"), ("耕地面积", "千公顷"),
              ("生猪出栏", "万头"), ("全社会用电量", "亿千瓦时"), ("城镇化率", "%"), ("户籍人口", "万人"),
              ("金融机构存款余额", "亿元"), ("金融机构贷款余额", "亿元"), ("旅游总收入", "亿元"), ("接待游客", "万人")]
years = list(range(2014, 2024))
names = "东西南北中新安平宁江山河阳城湖海泉兴华康"
with open(out, "w", encoding="utf-8") as f:
    f.write("region_code,region,parent,indicator,period,value,unit,note,source_url\n")
    n = 0; r = 0
    while n < rows:
        prov = provinces[r % len(provinces)]
        code = "%s%02d%02d" % (prov, 1 + (r // 20) % 90, 21 + (r // 1800) * 20 + (r // 20) % 20 // 1 * 0 + r % 20 * 0 + (r // 20) // 90)
        name = names[r % 19] + names[(r // 19) % 19] + "县"
        name = "%s%d县" % (name[:2], r)
        parent = "地级市%s%02d" % (prov, 1 + (r // 20) % 90)
        for ind, unit in indicators:
            base = rng.uniform(5, 900)
            for y in years:
                if n >= rows: break
                v = rng.uniform(-3, 12) if unit == "%" else base * (1 + 0.06 * (y - 2014))
                note = "初步核算" if y == 2023 and rng.random() < 0.1 else ""
                f.write(f"{code},{name},{parent},{ind},{y},{v:.2f},{unit},{note},http://tjj.example.gov.cn/{code}/{y}.html\n")
                n += 1
        r += 1
