#!/usr/bin/env python3
"""Per-fork medians and ranges from the JMH JSON files of run-jmh.sh.

    benchmarks/summarize.py OUT_DIR [OUT_DIR ...]

For every benchmark and parameter set: the median, minimum and maximum of the per-fork mean
scores (each fork's mean over its measurement iterations), the number of forks (runs), and the
same for gc.alloc.rate.norm (bytes per operation) when -prof gc was on. Several OUT_DIRs pool
their forks. Pipeline rows also get the ratio of each relay's median to the RAW median.
"""
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def fork_means(metric):
    return [statistics.fmean(f) for f in metric.get("rawData", []) if f]


def main(dirs):
    rows = defaultdict(lambda: {"score": [], "alloc": [], "unit": ""})
    for d in dirs:
        for f in sorted(Path(d).glob("*.json")):
            if f.name.startswith("jfr"):
                continue
            for b in json.loads(f.read_text() or "[]"):
                name = b["benchmark"].split(".", 3)[-1]
                params = ",".join(f"{k}={v}" for k, v in sorted(b.get("params", {}).items()))
                key = (name, params)
                rows[key]["score"] += fork_means(b["primaryMetric"])
                rows[key]["unit"] = b["primaryMetric"]["scoreUnit"]
                alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                if alloc:
                    rows[key]["alloc"] += fork_means(alloc)
    raw = {}
    for (name, params), r in rows.items():
        if "relay=RAW" in params:
            raw[params.replace("relay=RAW", "")] = statistics.median(r["score"])
    print("| benchmark | params | median | min | max | runs | unit | B/op median | ratio to RAW |")
    print("|---|---|---:|---:|---:|---:|---|---:|---:|")
    for (name, params), r in sorted(rows.items()):
        s = r["score"]
        alloc = f"{statistics.median(r['alloc']):.0f}" if r["alloc"] else ""
        ratio = ""
        for rel in ("STANDARD", "PASS_THROUGH", "RAW"):
            k = params.replace(f"relay={rel}", "")
            if f"relay={rel}" in params and k in raw:
                ratio = f"{statistics.median(s) / raw[k]:.2f}"
        print(f"| {name} | {params} | {statistics.median(s):,.0f} | {min(s):,.0f} | {max(s):,.0f} "
              f"| {len(s)} | {r['unit']} | {alloc} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1:])
