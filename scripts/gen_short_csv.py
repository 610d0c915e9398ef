#!/usr/bin/env python3
"""Writes a deterministic long-format CSV of N short rows (about 20 bytes each) for memory benchmarks.

One row an observation with only the four columns a long table needs (`R1234,指3,2020,57.3`): the file
holds about as many observations a byte as a long CSV can, so the memory an observation takes shows
most against the file's size. Every (region, indicator, period) appears once.
"""
import random, sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 4_000_000
out = sys.argv[2] if len(sys.argv) > 2 else "/dev/stdout"
rng = random.Random(2024)
indicators = [f"指{k}" for k in range(10)]
years = list(range(1990, 2024))
with open(out, "w", encoding="utf-8") as f:
    f.write("region,indicator,period,value\n")
    n = 0; r = 0
    while n < rows:
        for ind in indicators:
            for y in years:
                if n >= rows: break
                f.write(f"R{r},{ind},{y},{rng.randint(0, 999) / 10}\n")
                n += 1
        r += 1
