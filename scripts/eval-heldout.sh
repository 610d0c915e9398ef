#!/usr/bin/env bash
# Precision and recall of `extract` on the held-apart texts (Tests/Fixtures/extraction-heldout: written
# before the extractor's issue-15 work and never used to tune it). A key figure is found when an item
# has its value (or range, ratio parts, fraction), its unit and its hedge; items of kind duration are neither
# hits nor false figures. Prints the numbers and every miss and extra. HELDOUT names another set of the
# same format (Tests/Fixtures/extraction-heldout-2: written in session 6 before its extractor changes).
#   [HELDOUT=Tests/Fixtures/extraction-heldout-2] scripts/eval-heldout.sh [path/to/countyreport]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/countyreport}
[ -x "$bin" ] || swift build --product countyreport >/dev/null
python3 - "$bin" "${HELDOUT:-Tests/Fixtures/extraction-heldout}" <<'PY'
import json, subprocess, sys
from decimal import Decimal
bin, folder = sys.argv[1], sys.argv[2]
key = json.load(open(folder + "/key.json"))
D = lambda x: None if x is None else Decimal(str(x))
hits = found_total = expected_total = kind_ok = 0
for t in key["texts"]:
    out = subprocess.run([bin, "extract", "--format", "json", "--year", "2023", folder + "/" + t["file"]],
                         capture_output=True, text=True, check=True).stdout
    items = [i for i in json.loads(out) if i["kind"] != "duration"]
    found_total += len(items); expected_total += len(t["figures"])
    used = set()
    for f in t["figures"]:
        def ok(i):
            if "range" in f: v = D(i["low"]) == D(f["range"][0]) and D(i["high"]) == D(f["range"][1])
            elif "fraction" in f: v = i.get("fraction") is not None and [D(p) for p in i["fraction"]] == [D(p) for p in f["fraction"]]
            elif "parts" in f: v = i["parts"] is not None and [D(p) for p in i["parts"]] == [D(p) for p in f["parts"]]
            else: v = D(i["value"]) == D(f["value"])
            return v and (i["unit"] or "") == f["unit"] and i["hedge"] == f.get("hedge")
        k = next((n for n, i in enumerate(items) if n not in used and ok(i)), None)
        if k is None: print(f"  missed {t['file']}: {f}")
        else:
            used.add(k); hits += 1
            if items[k]["kind"] == f["kind"]: kind_ok += 1
            else: print(f"  kind {t['file']}: {items[k]['text']} is {items[k]['kind']}, key says {f['kind']}")
    for n, i in enumerate(items):
        if n not in used: print(f"  extra {t['file']}: {i['text']} ({i['value']} {i['unit']} {i['kind']} {i['hedge']})")
print(f"held-apart texts: {len(key['texts'])}, key figures {expected_total}, items {found_total}, found {hits}")
print(f"precision {hits / found_total:.3f}, recall {hits / expected_total:.3f}, kind right on {kind_ok}/{hits} found")
PY
