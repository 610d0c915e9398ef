#!/usr/bin/env python3
"""The peers' report document (../shared/bench/report/data/report.json, made by their
common/gen_content.py) as CountyReport inputs: a long CSV of the tables' figures and a report.yaml.

usage: convert.py DATA.json OUTDIR        -> OUTDIR/report.yaml, OUTDIR/data.csv

- Every table row is an observation of 新邵县 (parent 邵阳市) for 2023: indicator = the row's name,
  value and unit as printed; its growth is a second indicator “<name>增速” in %. A “—” value or
  growth is no observation: the report prints — and lists the row in 数据说明.
- A name the document uses for two different figures (表8: 城镇居民 under 居民人均可支配收入 and under
  居民人均消费支出) becomes “<parent row>：<name>” for each use; the printed label stays the name.
- A row with a growth but no level (value “—”) names its unit in its figure (`unit:`), so the table's
  unit column prints it beside the — as the document does.
- report.yaml: cover, contents, then per section a heading (numbered by the report: 一、 …), each
  paragraph as a template without tags (the literal text), a table (figures f1 … fN, columns value,
  unit, yoy; sub-rows indented) and a chart with its figures inline (as common/charts.py draws
  them), then the closing note and 数据说明.
"""
import collections, csv, json, os, re, sys

REGION, PARENT, CODE, YEAR = "新邵县", "邵阳市", "430522", 2023
YEARS = ["2019年", "2020年", "2021年", "2022年", "2023年"]
CHART_HEIGHT = 255          # points: 16:9 at the type area's width, as the peers' charts

def combo(bar_name, bars, growth):
    return {"type": "combo", "categories": YEARS, "series": [
        {"name": bar_name, "unit": "亿元", "mark": "bar", "decimals": 2, "values": bars},
        {"name": "比上年增长", "unit": "%", "mark": "line", "axis": "right", "decimals": 1, "values": growth}]}

# The six charts of common/charts.py: type and numbers as drawn there.
CHARTS = {
    "c1": combo("地区生产总值", [221.36, 229.84, 251.67, 264.12, 280.40], [7.4, 3.6, 7.9, 4.6, 6.9]),
    "c2": {"type": "bar", "categories": YEARS, "series": [
        {"name": "粮食总产量", "unit": "万吨", "decimals": 2, "values": [23.12, 23.47, 23.68, 23.90, 24.31]}]},
    "c3": {"type": "line", "categories": YEARS, "series": [
        {"name": "规模以上工业增加值增长速度", "unit": "%", "decimals": 1, "values": [8.6, 4.1, 9.2, 6.7, 8.3]}]},
    "c4": {"type": "hbar", "categories": ["固定资产投资（不含农户）", "第一产业", "第二产业", "其中：工业", "第三产业",
                                         "民间投资", "基础设施投资", "房地产开发投资"], "series": [
        {"name": "比上年增长", "unit": "%", "decimals": 1, "values": [5.2, 9.6, 11.4, 11.8, 1.3, 3.7, 6.8, -9.6]}]},
    "c5": combo("社会消费品零售总额", [102.41, 98.76, 108.93, 111.10, 118.65], [9.8, -3.6, 10.3, 2.0, 6.8]),
    "c6": {"type": "bar", "categories": YEARS, "series": [
        {"name": "城镇居民", "unit": "元", "decimals": 0, "values": [30412, 31605, 34120, 36188, 38214]},
        {"name": "农村居民", "unit": "元", "decimals": 0, "values": [13604, 14528, 15916, 16564, 17856]}]},
}

def q(s):
    """A YAML scalar: JSON's double-quoted string is valid YAML."""
    return json.dumps(s, ensure_ascii=False)

class Raw(str):
    """A scalar written as is (a number with its decimals)."""

def flow(v):
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return q(v)

def caption(text):
    """“表1　2023年…” / “图1（续一）　2019—2023年…” → the title without the number (the report numbers them)."""
    m = re.match(r"^[表图]\d+(（续[^）]*）)?\u3000(.*)$", text)
    if not m:
        return text
    return m.group(2) + (m.group(1) or "")

def convert(d):
    # Indicator names: a row name given two different figures is qualified by its parent row.
    figures_of = collections.defaultdict(set)
    for s in d["sections"]:
        for r in s["table"]["rows"]:
            figures_of[r["name"]].add((r["value"], r["unit"], r["growth"]))
    ambiguous = {n for n, v in figures_of.items() if len(v) > 1}

    rows_csv, seen, warnings = [], {}, []
    def observe(indicator, value, unit):
        if value in ("—", "", None):
            return
        key = indicator
        if key in seen:
            if seen[key] != (value, unit):
                raise SystemExit(f"convert: “{indicator}” given as {seen[key]} and {(value, unit)}")
            return
        seen[key] = (value, unit)
        rows_csv.append([CODE, REGION, PARENT, indicator, str(YEAR), value, unit, "", ""])

    y = [f"title: {q(d['title'])}",
         f"region: {REGION}",
         f"year: {YEAR}",
         f"author: {q(d['author'])}",
         f"date: {q(d['date'])}",
         f"keywords: [{REGION}, 统计摘要, {YEAR}]",
         "data:",
         "  - file: data.csv",
         "figures:"]
    blocks = ["  - {id: cover, type: cover}", "  - {id: toc, type: toc, title: 目录, depth: 1}"]
    n = 0
    for si, s in enumerate(d["sections"], 1):
        number, _, name = s["heading"].partition("、")
        blocks.append(f"  - {{id: h{si}, type: heading, level: 1, text: {q(name)}}}")
        for pi, p in enumerate(s["paras"], 1):
            if "{{" in p or "}}" in p:
                raise SystemExit(f"convert: paragraph {si}.{pi} contains a template tag")
            blocks.append(f"  - {{id: p{si}-{pi}, type: paragraph, text: {q(p)}}}")
        rows, parent = [], None
        for r in s["table"]["rows"]:
            if not r["sub"]:
                parent = r["name"]
            indicator = r["name"]
            if indicator in ambiguous:
                indicator = (parent if r["sub"] and parent else s["table"]["caption"]) + "：" + r["name"]
            observe(indicator, r["value"], r["unit"])
            observe(indicator + "增速", r["growth"], "%")
            n += 1
            unit = f", unit: {q(r['unit'])}" if r["value"] in ("—", "", None) and r["unit"] else ""
            y.append(f"  f{n}: {{indicator: {q(indicator)}{unit}}}")
            row = {"figure": f"f{n}", "label": r["name"]}
            if r["sub"]:
                row["indent"] = 1
            rows.append("      - " + flow(row))
        blocks.append(f"  - id: t{si}\n    type: table\n    caption: {q(caption(s['table']['caption']))}\n"
                      "    columns: [value, unit, yoy]\n    rows:\n" + "\n".join(rows))
        c = s.get("chart")
        if c:
            spec = dict(CHARTS[c["file"]])
            title = caption(c["caption"])
            chart_lines = [f"      type: {spec['type']}", f"      title: {q(title)}",
                           f"      categories: {flow(spec['categories'])}", "      series:"]
            for x in spec["series"]:      # the values as charts.py writes them (280.40, not 280.4)
                x = dict(x, values=[Raw(f"{v:.{x['decimals']}f}") for v in x["values"]])
                chart_lines.append("        - " + flow(x))
            blocks.append(f"  - id: c{si}\n    type: chart\n    caption: {q(title)}\n    source: 新邵县统计局\n"
                          f"    height: {CHART_HEIGHT}\n    chart:\n" + "\n".join(chart_lines))
    blocks.append(f"  - {{id: note, type: note, text: {q(d['note'])}}}")
    blocks.append("  - {id: dn, type: data-notes}")
    yaml = ("# Converted by Reports/bench/report/convert.py from the peers' report document (invented figures).\n"
            + "\n".join(y) + "\nblocks:\n" + "\n".join(blocks) + "\n")
    return yaml, rows_csv, warnings

def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    d = json.load(open(sys.argv[1], encoding="utf-8"))
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    yaml, rows, warnings = convert(d)
    with open(os.path.join(out, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(yaml)
    with open(os.path.join(out, "data.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region_code", "region", "parent", "indicator", "period", "value", "unit", "note", "source_url"])
        w.writerows(rows)
    for x in warnings:
        print("convert.py: " + x, file=sys.stderr)

if __name__ == "__main__":
    main()
