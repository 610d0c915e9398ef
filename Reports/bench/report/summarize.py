#!/usr/bin/env python3
"""The table of scripts/bench-report.sh, from what it left in OUT (hyperfine JSON, peak RSS, PDFs and
the peers' check.py results). usage: summarize.py OUT PEERDIR TOOL...   (TOOL: ours typst latex …)

Besides check.py's columns, two of our own (the same for every tool):
- TOC nos., leaders not required: check.py reads a contents line only with dots as text between
  the heading and its page number (…… 3); ours draws its leaders as a dotted rule, so this column
  reads “heading  page” lines and compares the page as check.py does.
- table cells as stated: the row's line in `pdftotext -layout` holds the value, unit and growth as
  the document gives them (a row without a value or growth: “—”).
"""
import glob, json, os, re, statistics, subprocess, sys

OUT, PEERDIR, TOOLS = sys.argv[1], sys.argv[2], sys.argv[3:]
ROOT = os.getcwd()

def load(p):
    return json.load(open(p, encoding="utf-8"))

def sh(*a):
    return subprocess.run(a, capture_output=True, text=True, cwd=ROOT).stdout

def data_of(size):
    return {"10": os.path.join(PEERDIR, "data", "report.json"), "100": os.path.join(OUT, "data", "report100.json")}.get(
        size, os.path.join(OUT, "data", f"report-{size}.json"))

def version(t):
    if t == "ours":
        return "countyreport " + sh("git", "rev-parse", "--short", "HEAD").strip()
    if t == "typst":
        return "typst-py " + sh("python3", "-c", "import importlib.metadata as m; print(m.version('typst'))").strip()
    if t == "latex":
        x = sh("xelatex", "--version").splitlines()
        return x[0].replace("(TeX Live ", "(TL ") if x else "xelatex"
    if t == "reportlab":
        return "ReportLab " + sh("python3", "-c", "import reportlab; print(reportlab.Version)").strip()
    if t == "weasyprint":
        return "WeasyPrint " + sh("python3", "-c", "import weasyprint; print(weasyprint.__version__)").strip()
    return t

def times(size):
    """{tool: [per-round list of run times]} from OUT/hf/SIZE-ROUND.json."""
    out = {}
    for f in sorted(glob.glob(os.path.join(OUT, "hf", f"{size}-*.json"))):
        for r in load(f)["results"]:
            out.setdefault(r["command"], []).append(r["times"])
    return out

def rss(t, size, cpu=False):
    """Median peak RSS in MiB (or CPU seconds, user + sys) of the /usr/bin/time -v runs."""
    p = os.path.join(OUT, "rss", f"{t}-{size}.txt")
    rows = [ln.split() for ln in open(p)] if os.path.exists(p) else []
    v = [float(r[1]) + float(r[2]) if cpu else int(r[0]) / 1024 for r in rows if len(r) >= (3 if cpu else 1)]
    return statistics.median(v) if v else None

def extra_checks(pdf, data):
    d = load(data)
    heads = [s["heading"] for s in d["sections"]]
    lay = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout
    pages = [re.sub(r"[ \t\u3000\u2060\u200b\u00ad]", "", t) for t in lay.split("\f")]
    toc, toc_pages = {}, []
    for pi, t in enumerate(pages, 1):
        for ln in t.split("\n"):
            m = re.match(r"^(.+?)[.·…．]*(\d+)$", ln)
            if m and m.group(1) in heads and m.group(1) not in toc:
                toc[m.group(1)] = int(m.group(2)); toc_pages.append(pi)
    last = max(toc_pages or [2])
    actual = {}
    for pi, t in enumerate(pages, 1):
        if pi > last:
            for ln in t.split("\n"):
                if ln in heads and ln not in actual:
                    actual[ln] = pi
    toc_ok = sum(1 for h in heads if h in toc and toc[h] == actual.get(h))
    # table cells: the row's line holds value, unit and growth as stated
    lines = [l.strip() for l in lay.split("\n")]
    norm = lambda s: re.sub(r"[\u2212\u2011\u2010－]", "-", re.sub(r"\s", "", s))   # LaTeX: ‑6.3, 上年＝ 100
    rows = [r for s in d["sections"] for r in s["table"]["rows"]]
    cells_ok, wrong = 0, []
    by_name = {}
    for l in lines:
        m = re.match(r"^(\S+)\s{2,}(.*)$", l)
        if m:
            by_name.setdefault(m.group(1), []).append([norm(x) for x in re.split(r"\s{2,}", m.group(2).strip())])
    for r in rows:
        want = [norm(r["value"]), r["unit"], norm(r["growth"])]
        if any(all(w in toks for w in want) for toks in by_name.get(r["name"], [])):
            cells_ok += 1
        else:
            got = by_name.get(r["name"], [[]])
            wrong.append(f'{r["name"]} {"/".join(want)} → {"/".join(got[0]) if got else "?"}')
    return {"toc_relaxed": toc_ok, "cells_ok": cells_ok, "cells": len(rows), "cells_wrong": wrong}

def med(xs):
    return statistics.median(xs)

t10, t100 = times("10"), times("100")
res = {}
for t in TOOLS:
    r = {"version": version(t)}
    for size, tt in (("10", t10), ("100", t100)):
        pdf = os.path.join(OUT, "pdf", f"{t}-{size}.pdf")
        c = load(os.path.join(OUT, "check", f"{t}-{size}.json"))
        runs = [x for rnd in tt.get(t, []) for x in rnd]
        ratios = [med(a) / med(b) for a, b in zip(tt.get(t, []), tt.get("typst", []))]
        r[size] = {"check": c, "kb": os.path.getsize(pdf) / 1024, "extra": extra_checks(pdf, data_of(size)),
                   "median": med(runs) if runs else None, "min": min(runs) if runs else None, "max": max(runs) if runs else None,
                   "n": len(runs), "ratio": med(ratios) if ratios else None,
                   "ratio_range": (min(ratios), max(ratios)) if ratios else None, "rss": rss(t, size), "cpu": rss(t, size, cpu=True)}
    res[t] = r
json.dump(res, open(os.path.join(OUT, "results.json"), "w"), ensure_ascii=False, indent=1)

def f2(x, fmt="{:.2f}"):
    return "n/a" if x is None else fmt.format(x)

rounds = len(glob.glob(os.path.join(OUT, "hf", "10-*.json")))
print(f"| tool | version | 10 p: median s (min–max, runs) | ÷ Typst (median of {rounds} rounds; range) | CPU s | peak MiB | PDF KB | pages "
      "| tagged | bookmarks | TOC nos. (check.py) | TOC nos. (leaders not required) | head/foot pages | subset fonts "
      "| text extractable | table cells as stated | line-break rules | 100 p: median s | ÷ Typst | CPU s | pages | peak MiB | PDF KB |")
print("|" + "---|" * 23)
for t in TOOLS:
    r = res[t]; a = r["10"]; b = r["100"]; c = a["check"]; e = a["extra"]
    sub = "yes" if not c["fonts_embedded_not_subset"] else "no: " + ", ".join(c["fonts_embedded_not_subset"])
    if c["fonts_not_embedded"]:
        sub += " (+ not embedded: " + ", ".join(c["fonts_not_embedded"]) + ")"
    text = f'{c["paras_found"]}/{c["paras"]} paras, {c["table_names_found"]}/{c["table_names"]} rows' + \
        (f', {c["suspicious_chars"]} bad chars' if c["suspicious_chars"] else "")
    lb = ("ok" if not (c["line_start_violations"] or c["line_end_violations"]) else
          f'{c["line_start_violations"] + c["line_end_violations"]} violations') + f' / {c["line_breaks_checked"]} breaks'
    if c["numbers_split"]:
        lb += f', {c["numbers_split"]} numbers split'
    lb += f'; {c["number_unit_breaks"]} figure/unit breaks'
    rr = lambda x: "1" if t == "typst" else (f2(x["ratio"]) + (f' ({x["ratio_range"][0]:.2f}–{x["ratio_range"][1]:.2f})' if x["ratio_range"] else ""))
    print(f'| {t} | {r["version"]} | {f2(a["median"])} ({f2(a["min"])}–{f2(a["max"])}, {a["n"]}) | {rr(a)} | {f2(a["cpu"])} | {f2(a["rss"], "{:.0f}")} '
          f'| {a["kb"]:.0f} | {c["pages"]} | {c["tagged"]} | {c["bookmarks_for_headings"]}/{c["headings"]} '
          f'| {c["toc_correct"]}/{c["headings"]} | {e["toc_relaxed"]}/{c["headings"]} '
          f'| {min(c["header_ok_pages"], c["footer_ok_pages"])}/{c["pages"] - 1} | {sub} | {text} | {e["cells_ok"]}/{e["cells"]} | {lb} '
          f'| {f2(b["median"])} | {rr(b)} | {f2(b["cpu"])} | {b["check"]["pages"]} | {f2(b["rss"], "{:.0f}")} | {b["kb"]:.0f} |')

# 100-page checks in one line per tool
print()
for t in TOOLS:
    c = res[t]["100"]["check"]; e = res[t]["100"]["extra"]
    print(f'100 p {t}: bookmarks {c["bookmarks_for_headings"]}/{c["headings"]}, TOC {c["toc_correct"]}/{c["headings"]} '
          f'(leaders not required {e["toc_relaxed"]}/{c["headings"]}), head/foot {min(c["header_ok_pages"], c["footer_ok_pages"])}/{c["pages"] - 1}, '
          f'text {c["paras_found"]}/{c["paras"]} paras {c["table_names_found"]}/{c["table_names"]} rows, '
          f'line-break violations {c["line_start_violations"] + c["line_end_violations"]} / {c["line_breaks_checked"]}, '
          f'figure/unit breaks {c["number_unit_breaks"]}, tagged {c["tagged"]}')

# time against pages: ours and Typst at 1×, 3×, 6×, 12× the sections
print("\n| tool | " + " | ".join(["1× (10 p doc)", "3×", "6×", "12× (100 p doc)"]) + " | ms per extra page (least squares) |")
print("|---|---|---|---|---|---|")
lin = {}
for t in ("ours", "typst"):
    pts = []
    for size in ("10", "x3", "x6", "100"):
        tt = times(size).get(t)
        cj = os.path.join(OUT, "check", f"{t}-{size}.json")
        if tt and os.path.exists(cj):
            pts.append((load(cj)["pages"], med([x for rnd in tt for x in rnd])))
    if len(pts) >= 2:
        n = len(pts); mx = sum(p for p, _ in pts) / n; my = sum(s for _, s in pts) / n
        slope = sum((p - mx) * (s - my) for p, s in pts) / sum((p - mx) ** 2 for p, _ in pts)
        lin[t] = (pts, slope)
        cells = " | ".join(f"{s:.3f} s, {p} p ({1000 * s / p:.1f} ms/p)" for p, s in pts)
        print(f"| {t} | {cells} | {1000 * slope:.1f} (intercept {my - slope * mx:.3f} s) |")

# the targets of issue 12
o, ty = res.get("ours"), res.get("typst")
if o and ty:
    print()
    def verdict(ok):
        return "met" if ok else "NOT met"
    r10, r100 = o["10"]["ratio"], o["100"]["ratio"]
    print(f'target 10 p ≤ ½ Typst: {r10:.2f} → {verdict(r10 <= 0.5)}')
    print(f'target 10 p < 64 MiB: {o["10"]["rss"]:.0f} MiB → {verdict(o["10"]["rss"] < 64)}')
    print(f'target 100 p ≤ ½ Typst: {r100:.2f} ({o["100"]["check"]["pages"]} pages against Typst\'s {ty["100"]["check"]["pages"]}; '
          f'per page {(o["100"]["median"] / o["100"]["check"]["pages"]) / (ty["100"]["median"] / ty["100"]["check"]["pages"]):.2f}) → {verdict(r100 <= 0.5)}')
    if "ours" in lin:
        pts = lin["ours"][0]
        (p1, s1), (pn, sn) = pts[0], pts[-1]
        print(f'time against pages (ours): {sn / s1:.1f}× the time for {pn / p1:.1f}× the pages; ms per page '
              + " → ".join(f"{1000 * s / p:.1f}" for p, s in pts) + f' → {verdict(sn / s1 <= 1.15 * pn / p1)} (linear within 15 %)')
    for size in ("10", "100"):
        print(f'target PDF ≤ Typst ({size} p): {o[size]["kb"]:.0f} KB against {ty[size]["kb"]:.0f} KB → {verdict(o[size]["kb"] <= ty[size]["kb"])}')
    if o["10"]["extra"]["cells_wrong"]:
        print("\nours, table cells not as stated (10 p): " + "; ".join(o["10"]["extra"]["cells_wrong"]))
print(f"\nload average (1, 5, 15 min) at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; details: {OUT}/results.json, PDFs: {OUT}/pdf/")
