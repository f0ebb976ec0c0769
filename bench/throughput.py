#!/usr/bin/env python3
"""Summary of bench/throughput.sh (run that, not this): reads the per-run JSON files it collected,
prints the figures beside their baselines and ratios, and writes one JSON document.

    python3 bench/throughput.py <results dir> <output json>
"""
import glob
import json
import os
import sys

res_dir, out_path = sys.argv[1], sys.argv[2]
runs, events = [], {}
for path in sorted(glob.glob(os.path.join(res_dir, "*"))):
    name = os.path.basename(path)
    if name.endswith(".raw"):
        text = open(path).read().strip()
        events[name.split("-events-")[1][:-4]] = json.loads(text) if text else None
    else:
        runs.append(json.load(open(path)))

by_label = {r["label"]: r for r in runs}
P99_BOUND = float(os.environ.get("BENCH_P99_BOUND_MS", "100"))


def load(r):
    return f"load {r['load1']['before']:.2f} -> {r['load1']['after']:.2f}"


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:.{digits}f}"


summary = {}
deployments = []
for r in runs:
    dep = r.get("deployment")
    if dep and dep not in deployments:
        deployments.append(dep)

for dep in deployments:
    writes = [r for r in runs if r.get("deployment") == dep and r.get("kind") == "write"]
    concs = sorted({r["concurrency"] for r in writes})
    dep_summary = {"writes": [], "reads": None}
    for c in concs:
        pg = by_label.get(f"pgbench-{dep}-c{c}")
        for endpoint, tag in (("projects", "projects"), ("api-keys", "apikeys")):
            r = by_label.get(f"{dep}-{tag}-c{c}")
            if not r:
                continue
            x, y = r["throughput"], pg["throughput"] if pg else None
            ratio = x / y if y else None
            print(f"writes c={c} ({dep}, POST /v1/{endpoint}): strata {fmt(x)}/s | pgbench {fmt(y)}/s | ratio {fmt(ratio, 3)} | "
                  f"target >= 0.5   [strata p50 {fmt(r['latencyMs']['p50'], 2)} ms p99 {fmt(r['latencyMs']['p99'], 2)} ms, "
                  f"errors {r['errors']}, {load(r)}; pgbench {load(pg) if pg else ''}]")
            dep_summary["writes"].append({"concurrency": c, "endpoint": endpoint, "strata": x, "pgbench": y, "ratio": ratio,
                                          "strataLoad1": r["load1"], "pgbenchLoad1": pg["load1"] if pg else None})

    ladders = {}
    for ep in ("health", "databases"):
        steps = sorted((r for r in runs if r.get("deployment") == dep and r.get("kind") == "ladder" and r.get("endpoint") == ep),
                       key=lambda r: (r["offeredRate"], r.get("attempt", 1)))
        best = None
        for s in steps:
            s["sustainable"] = (s["errors"] == 0 and s["throughput"] >= 0.95 * s["offeredRate"]
                                and s["latencyMs"]["p99"] is not None and s["latencyMs"]["p99"] <= P99_BOUND)
        # A rate is sustainable when one of its attempts (at most two) was; the ladder stops at the first that is not.
        for rate in sorted({s["offeredRate"] for s in steps}):
            if any(s["sustainable"] for s in steps if s["offeredRate"] == rate):
                best = next(s for s in steps if s["offeredRate"] == rate and s["sustainable"])
            else:
                break
        ladders[ep] = {"steps": [{"offered": s["offeredRate"], "achieved": s["throughput"], "p50": s["latencyMs"]["p50"],
                                  "p99": s["latencyMs"]["p99"], "errors": s["errors"], "sustainable": s["sustainable"], "attempt": s.get("attempt", 1),
                                  "load1": s["load1"]} for s in steps],
                       "sustainable": best["offeredRate"] if best else None}
        for s in steps:
            print(f"  {dep} {ep:9s} offered {s['offeredRate']:6.0f}/s achieved {s['throughput']:8.1f}/s "
                  f"p50 {fmt(s['latencyMs']['p50'], 2)} ms p99 {fmt(s['latencyMs']['p99'], 2)} ms errors {s['errors']} "
                  f"{'ok' if s['sustainable'] else 'NOT sustainable'} (attempt {s.get('attempt', 1)})  ({load(s)})")
    if ladders["health"]["steps"] or ladders["databases"]["steps"]:
        x, y = ladders["databases"]["sustainable"], ladders["health"]["sustainable"]
        half = by_label.get(f"{dep}-databases-half-health")
        wrk = by_label.get(f"{dep}-wrk-health")
        ratio = x / y if x and y else None
        p99 = half["latencyMs"]["p99"] if half else None
        p50 = half["latencyMs"]["p50"] if half else None
        print(f"reads ({dep}): databases {fmt(x, 0)}/s | health {fmt(y, 0)}/s | ratio {fmt(ratio, 3)} | "
              f"p99 at 50% of health rate ({fmt(half['offeredRate'], 0) if half else 'n/a'}/s) {fmt(p99, 2)} ms "
              f"(p50 {fmt(p50, 2)} ms, achieved {fmt(half['throughput']) if half else 'n/a'}/s, errors {half['errors'] if half else 'n/a'}) "
              f"(target < 20 ms)   [{load(half) if half else ''}; wrk /health closed-loop ceiling {fmt(wrk['throughput'] if wrk else None, 0)}/s]")
        dep_summary["reads"] = {"databasesSustainable": x, "healthSustainable": y, "ratio": ratio,
                                "halfHealthRate": half["offeredRate"] if half else None, "halfHealthP50": p50,
                                "halfHealthP99": p99, "halfHealthLoad1": half["load1"] if half else None,
                                "wrkHealth": wrk["throughput"] if wrk else None, "ladders": ladders}
    if events.get(dep):
        print(f"  {dep} events stored: " + ", ".join(f"{e['payload_type'].rsplit('.', 1)[-1]} x{e['n']} "
                                                     f"(payload {e['payload_bytes']} B, meta {e['meta_bytes']} B)" for e in events[dep]))
    dep_summary["events"] = events.get(dep)
    cu = by_label.get(f"{dep}-catchup")
    if cu:
        lag = cu["lagAtEndOfWrites"]
        worst = max(lag.values()) if lag else 0
        print(f"  {dep} read side when the writes stopped: worst projection lag {worst} events of {cu['head']}; "
              + (f"caught up after {cu['catchUpSeconds']} s" if cu["processorsStillBehind"] == 0
                 else f"{cu['processorsStillBehind']} processors still behind after {cu['catchUpSeconds']} s")
              + f"; audit verify {cu['auditVerify']}")
        dep_summary["catchup"] = {k: cu[k] for k in ("head", "lagAtEndOfWrites", "catchUpSeconds", "processorsStillBehind",
                                                     "worstLagEventsPerS", "auditVerify", "load1")}
    summary[dep] = dep_summary

doc = {"benchmark": "throughput", "command": os.environ.get("BENCH_COMMAND"), "gitCommit": os.environ.get("BENCH_GIT_COMMIT"),
       "javaOpts": os.environ.get("BENCH_JAVA_OPTS"), "uptimeStart": os.environ.get("BENCH_UPTIME_START"),
       "uptimeEnd": os.environ.get("BENCH_UPTIME_END"), "p99BoundMs": P99_BOUND, "summary": summary, "runs": runs}
with open(out_path, "w") as f:
    json.dump(doc, f, indent=1)
print(f"wrote {out_path}")
