#!/usr/bin/env python3
"""Every figure of the performance issue against its baseline and target, from the benchmarks' JSON files.
The targets and baselines are bench/targets.json's.

    python3 -m strata_bench summary                       # (from bench/) the newest JSON of each kind in bench/out
    python3 -m strata_bench summary FILE.json ...         # these files (kind from the name: provisioning-<ts>.json, ...)
    python3 -m strata_bench summary --run bench/out/run-<ts> --since <epoch>   # what bench/run.sh does

Prints one line per figure, `figure | strata | baseline | ratio | target | met`, and writes
bench/out/summary-<ts>.json: {"figures": [{figure, value, unit, baseline, baseline_unit, ratio, target,
met, source_file, load, ...}], ...}. A figure whose JSON is missing (part not run, or failed before
writing it) is printed as "not measured" with value null, so every summary lists the same figures.
`load` is the 1-minute load average before and after the measurement (from the benchmark's JSON
where it records one, else from the run's parts.tsv). Standard library only.
"""
import argparse
import csv
import json
import math
import os
import re
import subprocess
import sys
import time

from .common import BENCH_DIR, ROOT as REPO_ROOT
from .targets import TARGETS

KINDS = ("provisioning", "footprint", "write-to-read", "throughput", "webhooks", "replay")
NAME = re.compile(r"^(%s)-(\d{14})\.json$" % "|".join(re.escape(k) for k in KINDS))
HERE = BENCH_DIR
ROOT = REPO_ROOT
OUT_DIR = os.path.join(HERE, "out")
FOOTPRINT_SERVICES = ("standalone", "command-service", "query-service", "provisioner-saga")


# ---------------------------------------------------------------- finding the JSON files

def kind_of(path):
    m = NAME.match(os.path.basename(path))
    return m.group(1) if m else None


def newest(directory, kind, since):
    """The newest <kind>-<ts>.json in directory (by the timestamp in its name), modified at or after since."""
    found = []
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return None
    for name in names:
        m = NAME.match(name)
        path = os.path.join(directory, name)
        if m and m.group(1) == kind and (since is None or os.path.getmtime(path) >= since):
            found.append((m.group(2), path))
    return max(found)[1] if found else None


def located(path):
    """run.sh records paths relative to the repo root; this may run from elsewhere."""
    if path and not os.path.isabs(path) and not os.path.exists(path) and os.path.exists(os.path.join(ROOT, path)):
        return os.path.join(ROOT, path)
    return path


def shown_path(path):
    """Paths in the summary: relative to the repo root when inside it, so runs compare across checkouts."""
    if not path:
        return path
    full = os.path.abspath(path)
    return os.path.relpath(full, ROOT) if full.startswith(ROOT + os.sep) else path


def read_parts(run_dir):
    """bench/run.sh's parts.tsv: {part: {status, rc, seconds, load_before, load_after, json, log}}."""
    parts = {}
    with open(os.path.join(run_dir, "parts.tsv"), newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            parts[row["part"]] = row
    return parts


def load_triple(text):
    try:
        return [float(x) for x in text.split()]
    except (AttributeError, ValueError):
        return None


# ---------------------------------------------------------------- figures

def num(x):
    """A finite float, or None (missing, or an infinite percentile: some samples never completed)."""
    if isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x):
        return float(x)
    return None


def ratio(a, b):
    return a / b if a is not None and b else None


def load_pair(before, after):
    b, a = num(before), num(after)
    return {"before": b, "after": a} if b is not None or a is not None else None


class Figures:
    def __init__(self):
        self.rows = []

    def add(self, figure, value=None, unit="", baseline=None, baseline_unit=None, ratio=None, target=None,
            met=None, source=None, load=None, info=False, baseline_label=None, note=None, kind=None, shown=None):
        # shown: what to print instead of the value (e.g. an infinite percentile, stored as null)
        self.rows.append({"shown": shown, "figure": figure, "value": value, "unit": unit, "baseline": baseline,
                          "baseline_unit": baseline_unit, "ratio": ratio, "target": target, "met": met,
                          "source_file": source, "load": load, "info": info, "baseline_label": baseline_label,
                          "note": note, "kind": kind})


def shown_target(text, info):
    """An informational figure's target in parentheses: it is listed against it, it does not decide it."""
    return f"({text})" if info and text else text


def provisioning(figs, doc, src):
    t = TARGETS["provisioning.create"]
    engines = (doc or {}).get("engines", {})
    for engine in t["decides"] + t["informational"]:
        info = t.informational(engine)
        name = f"provisioning {engine}, median (POST -> job completed)"
        e = engines.get(engine)
        if not e:
            figs.add(name, unit="ms", target=shown_target(t.text(), info), source=src, info=info, kind="provisioning")
            continue
        v, b = num(e["strata_create_ms"]["median"]), num(e["raw_create_ms"]["median"])
        figs.add(name, v, "ms", b, "ms", ratio(v, b), shown_target(t.text(b), info), t.met(v, b), src,
                 load_pair(e.get("loadavg_before", {}).get("1m"), e.get("loadavg_after", {}).get("1m")),
                 info, t["baseline"],
                 f"{doc.get('rounds')} rounds after {doc.get('warmup')} warm-up", "provisioning")


def footprint(figs, doc, src):
    services = (doc or {}).get("services", {})
    names = list(FOOTPRINT_SERVICES) + [s for s in services if s not in FOOTPRINT_SERVICES]
    for s in names:
        r = services.get(s)
        requests = r["load_requests"] if r else 2000
        load = load_pair(r.get("loadavg_1m_before"), r.get("loadavg_1m_after")) if r else None
        for label, unit, value in (
                ("start-up to first /health 200", "s", r and r["startup_to_health_200_s"]),
                ("RSS idle", "MiB", r and r["idle"]["rss_mib"]),
                (f"RSS after {requests:,} requests", "MiB", r and r["after_load"]["rss_mib"])):
            figs.add(f"footprint {s}: {label}", num(value) if r else None, unit, target=TARGETS["footprint"].text(),
                     source=src, load=load, kind="footprint")


def write_to_read(figs, doc, src):
    t = TARGETS["write-to-read.p99"]
    runs = (doc or {}).get("runs", {})
    for mode, label in (("split", "split (across processes)"), ("standalone", "standalone")):
        info = t.informational(mode)
        r = runs.get(mode)
        rate = r.get("rate_target", 100) if r else 100
        name = f"write-to-read p99, {label}, {rate:g} writes/s"
        target = shown_target(t.text(), info)
        if not r or not r.get("w2r_ms"):
            figs.add(name, unit="ms", target=target, source=src, info=info, kind="write-to-read")
            continue
        p99 = r["w2r_ms"]["p99"]
        v = num(p99)
        note = f"{r.get('writes_sent')} writes at {num(r.get('achieved_write_rate')) or 0:.1f}/s, {r.get('writes_failed')} failed"
        if v is None and p99 is not None:
            note += "; p99 infinite: at least 1 % of the writes never showed up in a read within 5 s"
        lb, la = r.get("loadavg_before"), r.get("loadavg_after")
        figs.add(name, v, "ms", target=target, met=bool(t.met(v)), source=src,
                 load=load_pair(lb and lb[0], la and la[0]), info=info, note=note, kind="write-to-read",
                 shown="inf ms" if v is None and p99 is not None else None)


def read_rows(doc):
    m = re.search(r"BENCH_READ_ROWS=(\d+)", (doc or {}).get("command") or "")
    return int(m.group(1)) if m else 10000


def deployments(doc):
    summary = (doc or {}).get("summary", {})
    return summary, ["standalone", "split"] + [d for d in summary if d not in ("standalone", "split")]


def writes(figs, doc, src):
    t = TARGETS["throughput.writes"]
    at = t["at_concurrency"]
    summary, deps = deployments(doc)
    # The concurrencies: the issue's, plus any other this run measured.
    concs = sorted({1, 8, at}) + sorted({w["concurrency"] for d in summary.values() for w in d.get("writes", [])} - {1, 8, at})
    for dep in deps:
        writes = {(w["concurrency"], w["endpoint"]): w for w in summary.get(dep, {}).get("writes", [])}
        for c in concs:
            for endpoint in ("projects", "api-keys"):
                w = writes.get((c, endpoint))
                name = f"write throughput c={c}, POST /v1/{endpoint} ({dep})"
                target = t.text() if c == at else None  # the target is at one concurrency
                if not w:
                    figs.add(name, unit="req/s", baseline_unit="tx/s", target=target, source=src,
                             kind="throughput")
                    continue
                x, y = num(w["strata"]), num(w["pgbench"])
                rt = ratio(x, y)
                sl = w.get("strataLoad1") or {}
                figs.add(name, x, "req/s", y, "tx/s", rt, target, t.met(x, y, rt) if c == at else None,
                         src, load_pair(sl.get("before"), sl.get("after")),
                         baseline_label=t["baseline"].format(c=c),
                         kind="throughput")


def reads(figs, doc, src):
    t, th = TARGETS["throughput.reads"], TARGETS["throughput.reads.half_health_p99"]
    summary, deps = deployments(doc)
    rows = read_rows(doc)
    for dep in deps:
        r = summary.get(dep, {}).get("reads")
        name = f"reads, sustainable GET /v1/databases (50 of {rows:,}) vs /health ({dep})"
        half_name = f"reads, p99 at 50% of /health's rate ({dep})"
        if not r:
            figs.add(name, unit="req/s", baseline_unit="req/s", target=t.text(), source=src,
                     kind="throughput")
            figs.add(half_name, unit="ms", target=th.text(), source=src, kind="throughput")
            continue
        x, y = num(r.get("databasesSustainable")), num(r.get("healthSustainable"))
        rt = ratio(x, y)
        # A ladder where not even the lowest rate held has no sustainable rate: counted as 0 against a measured /health.
        if x is None and y:
            rt = 0.0
        steps = [s for ep in ("health", "databases") for s in r.get("ladders", {}).get(ep, {}).get("steps", [])]
        load = load_pair(steps[0]["load1"]["before"], steps[-1]["load1"]["after"]) if steps else None
        figs.add(name, x, "req/s", y, "req/s", rt, t.text(), t.met(x, y, rt), src, load,
                 baseline_label=t["baseline"],
                 note=None if x is not None else "no ladder rate was sustainable", kind="throughput",
                 shown="none sustainable" if x is None and steps else None)
        p99 = num(r.get("halfHealthP99"))
        hl = r.get("halfHealthLoad1") or {}
        figs.add(half_name, p99, "ms", target=th.text(), met=th.met(p99), source=src,
                 load=load_pair(hl.get("before"), hl.get("after")),
                 note=f"at {num(r.get('halfHealthRate')) or 0:.0f} req/s" if r.get("halfHealthRate") else
                 "not run: /health had no sustainable rate", kind="throughput")


def webhooks(figs, doc, src):
    td, tf = TARGETS["webhooks.deliveries"], TARGETS["webhooks.fixed_rate_p99"]
    doc = doc or {}
    a, b, c = doc.get("deliveries"), doc.get("latency"), doc.get("fixedRate")
    name = "webhook deliveries/s to a local receiver"
    if a:
        v, base = num(a["deliveries_per_s"]), num(a["baseline"]["per_s"])
        la = a.get("loadavg_1m") or [None, None]
        figs.add(name, v, "deliveries/s", base, "req/s", ratio(v, base), td.text(), td.met(v, base),
                 src, load_pair(*la), baseline_label=td["baseline"].format(c=a["baseline"].get("concurrency")),
                 note=f"{a.get('distinct_webhook_ids')}/{a.get('fired')} delivered", kind="webhooks")
    else:
        figs.add(name, unit="deliveries/s", baseline_unit="req/s", target=td.text(), source=src, kind="webhooks")
    rate = c.get("rate", 100) if c else 100
    name = f"webhook event stored -> receiver 200, p99 at {rate:g}/s"
    if c and c.get("latency_ms"):
        v = num(c["latency_ms"]["p99"])
        figs.add(name, v, "ms", target=tf.text(), met=tf.met(v), source=src,
                 load=load_pair(*(c.get("loadavg_1m") or [None, None])),
                 note=f"{c.get('received')}/{c.get('fired')} received over {c.get('seconds')} s", kind="webhooks")
    else:
        figs.add(name, unit="ms", target=tf.text(), source=src, kind="webhooks")
    name = "webhook JobCompleted -> receiver 200, p99, one at a time"
    if b and b.get("latency_ms"):
        figs.add(name, num(b["latency_ms"]["p99"]), "ms", source=src, load=load_pair(*(b.get("loadavg_1m") or [None, None])),
                 info=True, note=f"{b.get('jobs')} sqlite jobs", kind="webhooks")
    else:
        figs.add(name, unit="ms", source=src, info=True, kind="webhooks")


def replay(figs, doc, src):
    target = TARGETS["replay.together"]
    doc = doc or {}
    m = re.search(r"BENCH_EVENTS=(\d+)", doc.get("command") or "")
    events_target = int(m.group(1)) if m else (doc.get("events") or 200000)
    name = f"replay of every projection ({events_target:,} events)"
    t = doc.get("together")
    if not t:
        figs.add(name, unit="events/s", baseline_unit="events/s", target=target.text(), source=src, kind="replay")
        return
    v = num(t["events_per_s"])
    scan = num(t.get("baseline_scan_s"))
    base = doc["events"] / scan if scan else None
    rt = ratio(v, base)
    figs.add(name, v, "events/s", base, "events/s", rt, target.text(), target.met(v, base, rt), src,
             load_pair(*(t.get("loadavg_1m") or [None, None])), baseline_label=target["baseline"],
             note=f"{doc.get('events'):,} events in the store; {len(t.get('each_s', {}))} projections", kind="replay")


# In the order: (the benchmark whose JSON holds the figures, what turns it into rows).
BUILDERS = (("throughput", writes), ("write-to-read", write_to_read), ("provisioning", provisioning),
            ("throughput", reads), ("replay", replay), ("webhooks", webhooks), ("footprint", footprint))


# ---------------------------------------------------------------- output

def fmt_value(v, unit):
    if v is None:
        return None
    if unit.endswith("/s"):
        return f"{v:,.0f} {unit}" if v >= 100 else f"{v:.1f} {unit}"
    if unit == "MiB":
        return f"{v:,.0f} MiB"
    return f"{v:,.1f} {unit}"


def fmt_ratio(r):
    if r is None:
        return "—"
    return f"{r:.0f}" if r >= 10 else f"{r:.2f}" if r >= 0.1 else f"{r:.2g}"


def fmt_met(row):
    if row["met"] is None:
        return "—" if row["value"] is None or row["target"] in (None, "recorded") else "n/a"
    text = "met" if row["met"] else "not met"
    return f"({text})" if row["info"] else text


def print_table(rows):
    header = ("figure", "strata", "baseline", "ratio", "target", "met")
    lines = []
    for r in rows:
        strata = r["shown"] or fmt_value(r["value"], r["unit"]) or "not measured"
        base = fmt_value(r["baseline"], r["baseline_unit"] or "") or "—"
        rt = fmt_ratio(r["ratio"])
        lines.append((r["figure"], strata, base, rt, r["target"] or "—", fmt_met(r)))
    widths = [max(len(x[i]) for x in lines + [header]) for i in range(len(header))]
    for line in [header] + lines:
        print(" | ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip(), flush=True)


def git_commit():
    try:
        return subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def main(argv):
    ap = argparse.ArgumentParser(prog="python3 -m strata_bench summary", description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="benchmark JSON files (<kind>-<ts>.json)")
    ap.add_argument("--run", help="a bench/run.sh run directory: its parts.tsv names each part's JSON, status and load")
    ap.add_argument("--since", type=float, help="only JSON files modified at or after this epoch second")
    ap.add_argument("--dir", default=OUT_DIR, help="where to look for the newest JSON of each kind (default bench/out)")
    ap.add_argument("--ts", help="timestamp for summary-<ts>.json (default: now, UTC)")
    ap.add_argument("--out", help="output file (default bench/out/summary-<ts>.json)")
    args = ap.parse_args(argv)

    sources, parts = {}, {}
    for path in args.files:
        kind = kind_of(path)
        if kind is None:
            try:
                kind = json.load(open(path)).get("benchmark")
            except (OSError, ValueError, AttributeError):
                kind = None
        if kind not in KINDS:
            sys.exit(f"summary: cannot tell which benchmark wrote {path} (expected <kind>-<ts>.json, kind one of {', '.join(KINDS)})")
        sources[kind] = path
    if args.run:
        parts = read_parts(args.run)
        for kind, p in parts.items():
            if kind in KINDS and kind not in sources:
                path = located(p.get("json")) or newest(args.dir, kind, args.since)
                if path:
                    sources[kind] = path
    elif not args.files:
        for kind in KINDS:
            path = newest(args.dir, kind, args.since)
            if path:
                sources[kind] = path

    docs, unreadable = {}, {}
    for kind, src in sources.items():
        try:
            with open(src) as f:
                docs[kind] = json.load(f)
        except (OSError, ValueError) as e:
            unreadable[kind] = f"{src}: {e}"
    figs = Figures()
    for kind, build in BUILDERS:
        build(figs, docs.get(kind), shown_path(sources.get(kind)) if kind in docs else None)

    # Why a figure is missing, and the run's own load record where a benchmark's JSON has none for the figure.
    for row in figs.rows:
        p = parts.get(row["kind"])
        if row["value"] is None and row["shown"] is None and row["note"] is None:
            if args.run and not p:
                row["note"] = "not measured: part not run"
            elif p and p["status"] != "ok" and not row["source_file"]:
                row["note"] = f"not measured: part {p['status']} (exit {p['rc']}), see {p['log']}"
            elif not row["source_file"]:
                row["note"] = "not measured: no JSON found" + (f" ({unreadable[row['kind']]})" if row["kind"] in unreadable else "")
            else:
                row["note"] = "not measured: not in the JSON (that measurement was not run)"
        if row["load"] is None and p and row["source_file"]:
            b, a = load_triple(p.get("load_before")), load_triple(p.get("load_after"))
            row["load"] = {"before": b[0] if b else None, "after": a[0] if a else None, "of": "part"}
        elif row["load"] is not None:
            row["load"]["of"] = "figure"

    print_table(figs.rows)
    if parts:
        print("parts: " + "; ".join(
            f"{k} {p['status']}" + (f" (exit {p['rc']})" if p["status"] != "ok" else "")
            + f", {p['seconds']} s, load {p['load_before'].split()[0]} -> {p['load_after'].split()[0]}"
            for k, p in parts.items()))
    for kind, err in unreadable.items():
        print(f"summary: {kind}: unreadable JSON, counted as not measured ({err})", file=sys.stderr)

    ts = args.ts or time.strftime("%Y%m%d%H%M%S", time.gmtime())
    out = args.out or os.path.join(OUT_DIR, f"summary-{ts}.json")
    doc = {"benchmark": "summary", "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "git_commit": git_commit(), "cpus": os.cpu_count(), "run_dir": shown_path(args.run),
           "load_now": list(os.getloadavg()),
           "parts": [{"part": k, "status": p["status"], "rc": int(p["rc"]), "seconds": int(p["seconds"]),
                      "load_before": load_triple(p["load_before"]), "load_after": load_triple(p["load_after"]),
                      "json": p.get("json") or None, "log": p.get("log")} for k, p in parts.items()],
           "sources": {k: shown_path(v) for k, v in sources.items()},
           "figures": [{k: v for k, v in r.items() if k not in ("kind", "shown")} for r in figs.rows]}
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
    print(f"wrote {out if args.out else os.path.relpath(out)}")

