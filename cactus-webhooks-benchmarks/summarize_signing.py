#!/usr/bin/env python3
"""Summarises one or more JMH JSON results of SigningBenchmark (python3, standard library only).

    python3 cactus-webhooks-benchmarks/summarize_signing.py round1.json round2.json ...

For each file: JMH's mean and 99.9% error per benchmark, and the ratios ours/raw and ours/peers.
Across all files: the best and the median single iteration of each benchmark, pooled, and the
ratios on those. On a shared, loaded machine other processes only ever slow an iteration down, so
the best iteration is the least disturbed estimate; the ratios are what this benchmark is about.
"""
import json
import statistics
import sys

ORDER = ["oursSign", "rawSign", "standardSign", "svixSign",
         "oursVerify", "rawVerify", "standardVerify", "svixVerify"]
PEERS = ["raw", "standard", "svix"]


def load(path):
    out = {}
    for b in json.load(open(path)):
        name = b["benchmark"].rsplit(".", 1)[-1]
        size = int(b["params"]["bodySize"])
        iterations = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
        out[(name, size)] = (b["primaryMetric"]["score"], b["primaryMetric"]["scoreError"], iterations)
    return out


def kib(size):
    return f"{size // 1024} KiB"


def ratios(value):
    rows = []
    for size in sorted({s for _, s in value}):
        for op in ("Sign", "Verify"):
            cells = [f"{value[('ours' + op, size)] / value[(p + op, size)]:.2f}" for p in PEERS]
            rows.append(f"| {op.lower()} | {kib(size)} | " + " | ".join(cells) + " |")
    return ("| op | body | ours / raw | ours / standardwebhooks | ours / svix |\n"
            "|---|---:|---:|---:|---:|\n" + "\n".join(rows))


def main(paths):
    runs = [load(p) for p in paths]
    sizes = sorted({s for _, s in runs[0]})
    for path, run in zip(paths, runs):
        print(f"### {path}\n")
        print("| benchmark | body | ops/ms | ± error (99.9%) |\n|---|---:|---:|---:|")
        for size in sizes:
            for name in ORDER:
                score, error, _ = run[(name, size)]
                print(f"| {name} | {kib(size)} | {score:.1f} | {error:.1f} |")
        print("\nRatios of the means:\n")
        print(ratios({k: v[0] for k, v in run.items()}))
        print()
    pooled = {k: [x for run in runs for x in run[k][2]] for k in runs[0]}
    print(f"### All {len(paths)} file(s) pooled: single iterations (ops/ms)\n")
    print("| benchmark | body | iterations | best | median | worst |\n|---|---:|---:|---:|---:|---:|")
    for size in sizes:
        for name in ORDER:
            xs = pooled[(name, size)]
            print(f"| {name} | {kib(size)} | {len(xs)} | {max(xs):.1f} | {statistics.median(xs):.1f} | {min(xs):.1f} |")
    print("\nRatios of the best iterations:\n")
    print(ratios({k: max(v) for k, v in pooled.items()}))
    print("\nRatios of the median iterations:\n")
    print(ratios({k: statistics.median(v) for k, v in pooled.items()}))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: summarize_signing.py result.json [result.json ...]")
    main(sys.argv[1:])
