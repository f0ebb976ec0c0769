"""Projection replay over a store of BENCH_EVENTS (200,000) events: all projections at once, then each
alone, through the operator endpoint, against a plain SQL scan of the event table.

    bash bench/replay.sh      (= python3 -m strata_bench replay, from bench/)

1. Seed: real events through the API (organizations by the operator; then, with parallel clients,
   projects created and renamed, API keys created and revoked); the API write rate is measured.
2. Multiply: the seed's rows of domain_event_entry are copied with SQL COPY until the store holds
   BENCH_EVENTS events: each copy gets fresh ids (org_/prj_/key_ ids rewritten consistently in
   aggregate_identifier, payload and meta_data, same prefix and length), a fresh event_identifier
   (UUID) and a fresh secretHash for ApiKeyCreated (api_key_lookup.secret_hash is unique); sequence
   numbers, types, timestamps and everything else stay as the API wrote them.
   This happens with the standalone stopped; then every processor's token is set to the head, so
   the copies are not processed live (that first pass would take longer than the replays; it is
   not measured), and the standalone is started again on the same store.
3. Wait until every projection reports the head.
4. Replay all projections at once, then each alone (POST /v1/admin/projections/{name}/replay, poll
   GET every 100 ms until running with position = head). Nothing is stopped for the replays.
5. Baseline: a plain scan of the event table (global_index, payload, meta_data) through psql \\copy
   to /dev/null.

Environment (all optional): BENCH_EVENTS (200000), BENCH_ORGS (4), BENCH_SEED_WRITES (2000 API writes),
BENCH_THREADS (8 parallel API clients for the seed), BENCH_REPLAY_TIMEOUT_S (900 per replay),
BENCH_PROJECTIONS (default: all that GET /v1/admin/projections lists), BENCH_SKIP_SINGLE (0; 1: only
the all-together replay), BENCH_JAVA_OPTS.
Output: one line per figure and bench/out/replay-<ts>.json (written after every figure; the log beside it).
"""
import csv
import hashlib
import io
import os
import re
import subprocess
import threading
import time
import uuid

from . import common, harness
from .common import BenchError, env, git_commit, iso_now, load1, out_file, psql, require, require_jars, say, sql, \
    timestamp, uptime, write_json

POLL_S = 0.1

TARGET = int(env("BENCH_EVENTS", "200000"))
ORGS = int(env("BENCH_ORGS", "4"))
SEED_WRITES = int(env("BENCH_SEED_WRITES", "2000"))
THREADS = int(env("BENCH_THREADS", "8"))
REPLAY_TIMEOUT_S = float(env("BENCH_REPLAY_TIMEOUT_S", "900"))
ONLY = env("BENCH_PROJECTIONS", "").split()  # default: every projection GET /v1/admin/projections lists
SKIP_SINGLE = env("BENCH_SKIP_SINGLE", "0") == "1"
PORT = ADMIN = DB = OUT = None   # set by main() for the running standalone


class Api(common.Api):
    """The running standalone; call() returns (status, body)."""

    def __init__(self):
        super().__init__(PORT)

    def call(self, method, path, token=None, body=None, headers=None):
        status, _, payload = super().call(method, path, token, body, headers)
        return status, payload


def expect(status, body, want, what):
    if status != want:
        raise BenchError(f"{what} -> {status} {body}")
    return body


# ---------------------------------------------------------------- 1. seed through the API

def seed():
    api = Api()
    keys = []
    for i in range(ORGS):
        body = expect(*api.call("POST", "/v1/organizations", ADMIN, {"name": f"replay-org-{i}"}), 201, "POST /v1/organizations")
        keys.append(body["data"]["apiKey"]["secret"])
    # Each unit is 2 writes: project created + renamed, or key created + revoked.
    units = list(range(SEED_WRITES // 2))
    lock = threading.Lock()
    errors = []

    def worker(t):
        api = Api()
        while True:
            with lock:
                if not units:
                    return
                n = units.pop()
            key = keys[n % ORGS]
            try:
                if n % 2 == 0:
                    pid = expect(*api.call("POST", "/v1/projects", key, {"name": f"p-{n}"}), 201, "POST /v1/projects")["data"]["id"]
                    expect(*api.call("PATCH", f"/v1/projects/{pid}", key, {"name": f"p-{n}-renamed"}), 200, "PATCH /v1/projects")
                else:
                    kid = expect(*api.call("POST", "/v1/api-keys", key, {"name": f"k-{n}", "scopes": ["projects:read"]}),
                                 201, "POST /v1/api-keys")["data"]["id"]
                    expect(*api.call("DELETE", f"/v1/api-keys/{kid}", key), 204, "DELETE /v1/api-keys")
            except Exception as e:  # noqa: BLE001
                with lock:
                    errors.append(repr(e))

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise BenchError(f"seed: {len(errors)} errors, e.g. {errors[0]}")
    writes = (SEED_WRITES // 2) * 2
    return {"organizations": ORGS, "writes": writes, "threads": THREADS, "seconds": elapsed, "writes_per_s": writes / elapsed}


# ---------------------------------------------------------------- 2. multiply with SQL COPY

ID = re.compile(r"\b(org|prj|key)_([0-9a-z]{20})\b")
HASH = re.compile(r'("secretHash":")([0-9a-fA-F]+)(")')
B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def new_id(prefix, old, copy):
    digest = hashlib.sha256(f"{old}/{copy}".encode()).digest()
    return prefix + "_" + "".join(B36[b % 36] for b in digest[:20])


def rewrite(text, copy):
    if text is None:
        return None
    text = ID.sub(lambda m: new_id(m.group(1), m.group(0), copy), text)
    return HASH.sub(lambda m: m.group(1) + hashlib.sha256(f"{m.group(2)}/{copy}".encode()).hexdigest()[:len(m.group(2))]
                    + m.group(3), text)


def multiply():
    dump = subprocess.run(psql(DB) + ["-c", "\\copy (select aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                                        "payload_revision, convert_from(payload, 'UTF8'), convert_from(meta_data, 'UTF8') "
                                        "from domain_event_entry where aggregate_identifier ~ '^(org|prj|key)_' "
                                        "order by global_index) to stdout with (format csv)"],
                          capture_output=True, text=True, check=True).stdout
    rows = list(csv.reader(io.StringIO(dump)))
    have = int(sql(DB, "select count(*) from domain_event_entry"))
    copies = max(0, -(-(TARGET - have) // len(rows)))
    t0 = time.perf_counter()
    proc = subprocess.Popen(psql(DB) + ["-c", "\\copy domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                                          "type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                                          "from stdin with (format csv)"], stdin=subprocess.PIPE, text=True)
    w = csv.writer(proc.stdin)
    hexb = lambda s: None if s == "" else "\\x" + s.encode().hex()
    for c in range(1, copies + 1):
        for agg, seq, typ, ts, ptype, prev, payload, meta in rows:
            w.writerow([str(uuid.uuid4()), rewrite(agg, c), seq, typ, ts, ptype, prev or None,
                        hexb(rewrite(payload, c)), hexb(rewrite(meta, c))])
    proc.stdin.close()
    if proc.wait() != 0:
        raise BenchError("COPY into domain_event_entry failed")
    elapsed = time.perf_counter() - t0
    total = int(sql(DB, "select count(*) from domain_event_entry"))
    return {"seed_rows_copied": len(rows), "copies": copies, "inserted": copies * len(rows), "seconds": elapsed,
            "events_in_store": total}


# ---------------------------------------------------------------- 3-4. projections

def projections(api):
    status, body = api.call("GET", "/v1/admin/projections", ADMIN)
    return {p["name"]: p for p in expect(status, body, 200, "GET /v1/admin/projections")["data"]}


def head():
    return int(sql(DB, "select coalesce(max(global_index), 0) from domain_event_entry"))


def caught_up(p, h):
    return p["state"] == "running" and p["position"] is not None and p["position"] >= h


def wait_all(api, names, h, t0, timeout_s):
    """Polls every 100 ms; returns {name: seconds from t0 to the first poll showing it caught up}."""
    done = {}
    deadline = time.perf_counter() + timeout_s
    while len(done) < len(names):
        ps = projections(api)
        now = time.perf_counter()
        for n in names:
            if n not in done and caught_up(ps[n], h):
                done[n] = now - t0
        if now > deadline:
            raise BenchError(f"not caught up after {timeout_s} s: {sorted(set(names) - set(done))}; {ps}")
        time.sleep(POLL_S)
    return done


def replay(api, names, h):
    t0 = time.perf_counter()
    for n in names:
        expect(*api.call("POST", f"/v1/admin/projections/{n}/replay", ADMIN), 202, f"POST replay {n}")
    return wait_all(api, names, h, t0, REPLAY_TIMEOUT_S)


# ---------------------------------------------------------------- 5. baseline

def scan():
    t0 = time.perf_counter()
    subprocess.run(psql(DB) + ["-c", "\\copy (select global_index, payload, meta_data from domain_event_entry order by global_index) "
                                 "to '/dev/null'"], check=True, capture_output=True)
    return time.perf_counter() - t0


def phase_seed():
    l0 = load1()
    s = seed()
    say(f"seed through the API: {s['writes']} writes ({ORGS} organizations, {THREADS} clients) in {s['seconds']:.1f} s = "
        f"{s['writes_per_s']:.0f} writes/s -> {TARGET} events that way would take ~{TARGET / s['writes_per_s'] / 60:.0f} min"
        f"   (load {l0:.2f} -> {load1():.2f})")
    s["loadavg_1m"] = [l0, load1()]
    return s


def phase_multiply():
    """Standalone stopped: COPY the seed under new ids, then move every processor's token to the head."""
    l0 = load1()
    m = multiply()
    h = head()
    tokens = sql(DB, "select count(*) from token_entry")
    # Every processor (query projections, command-side and provisioner ones) resumes AT the head: the
    # copies are not processed live; the replays below are what reads them, from the first event.
    sql(DB, "update token_entry set token = convert_to('{\"index\":' || " + str(h) + " || ',\"gaps\":[]}', 'UTF8'), "
        "token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken'")
    m["tokens_moved_to_head"] = int(tokens)
    m["loadavg_1m"] = [l0, load1()]
    say(f"multiplied with SQL COPY (standalone stopped): {m['seed_rows_copied']} seed rows x {m['copies']} copies = "
        f"{m['inserted']} rows in {m['seconds']:.1f} s; store: {m['events_in_store']} events, head {h}; {tokens} processor "
        f"tokens moved to the head   (load {l0:.2f} -> {load1():.2f})")
    return m


def measure(started, s, m, uptime_start, java_opts):
    api = Api()
    h = head()
    names = ONLY or sorted(projections(api))
    wait_all(api, names, h, time.perf_counter(), 120)  # after the restart: every projection at the head
    events = int(sql(DB, "select count(*) from domain_event_entry"))
    first = None

    base, single, together = [], {}, {}
    lb = load1()

    def write():
        doc = {"benchmark": "replay", "started": started, "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
               "cpus": os.cpu_count(), "uptime_start": uptime_start, "uptime_end": uptime(),
               "command": f"BENCH_EVENTS={TARGET} bash bench/replay.sh", "git_commit": git_commit(),
               "java_opts": java_opts, "events": events, "head": h, "poll_interval_ms": POLL_S * 1000,
               "seed": s, "multiply": m, "together": together, "single": single, "baseline_scan_s": base,
               "clock": "python time.perf_counter from just before the first POST .../replay to the first GET "
                        "/v1/admin/projections (every 100 ms) showing state running and position >= head; the scan: "
                        "perf_counter around one psql process (start + connect + \\copy to /dev/null)"}
        write_json(OUT, doc)

    base.append(scan())
    # All together first (the figure that matters when an operator rebuilds the read side), then each alone.
    l0 = load1()
    each = replay(api, names, h)
    all_s = max(each.values())
    base.append(scan())
    la = load1()
    together.update({"seconds": all_s, "events_per_s": events / all_s, "each_s": each, "loadavg_1m": [l0, la],
                     "baseline_scan_s": base[-1]})
    print(f"replay all {len(names)} together: {all_s:.1f} s until all caught up = {events / all_s:.0f} events/s "
          f"({len(names) * events / all_s:.0f} projection-events/s) | baseline scan {base[-1]:.2f} s = {events / base[-1]:.0f} "
          f"events/s | ratio {(events / all_s) / (events / base[-1]):.4f}   (load {l0:.2f} -> {la:.2f})", flush=True)
    print("  each, when all together: " + ", ".join(f"{n} {t:.1f} s" for n, t in sorted(each.items(), key=lambda x: x[1])),
          flush=True)
    write()
    if not SKIP_SINGLE:
        for n in names:
            l0 = load1()
            t = replay(api, [n], h)[n]
            base.append(scan())  # interleaved, so baseline and replays see the same load
            single[n] = {"seconds": t, "events_per_s": events / t, "loadavg_1m": [l0, load1()], "baseline_scan_s": base[-1]}
            print(f"replay {n}: {t:.1f} s = {events / t:.0f} events/s | baseline scan {base[-1]:.2f} s = {events / base[-1]:.0f} "
                  f"events/s | ratio {(events / t) / (events / base[-1]):.4f}   (load {l0:.2f} -> {load1():.2f})", flush=True)
            write()
    print(f"baseline scans (psql \\copy of global_index, payload, meta_data to /dev/null): "
          + ", ".join(f"{b:.2f} s" for b in base) + f"   (load {lb:.2f} -> {load1():.2f})", flush=True)
    write()
    print(f"wrote {OUT}")


def main(_args):
    global PORT, ADMIN, DB, OUT
    require("java", "psql")
    require_jars("standalone")
    java_opts = harness.java_opts()
    ts = timestamp()
    OUT, log = out_file("replay", ts), out_file("replay", ts, ".log")
    started, uptime_start = iso_now(), uptime()
    with harness.workdir("replay") as work, harness.fresh_database(f"strata_replay_{ts}") as DB:
        say(f"strata store: {DB}, target {TARGET} events")
        say(f"load at start: {uptime_start}")
        strata = harness.Strata("standalone", DB, work, log=log, java_opts=java_opts)
        PORT, ADMIN = None, strata.admin_token
        with strata:
            PORT = strata.port
            s = phase_seed()
        m = phase_multiply()   # the copies go in with no processor running; tokens are then moved to the head
        with strata:           # the same store, token and key; from here on nothing is stopped
            PORT = strata.port
            measure(started, s, m, uptime_start, java_opts)
        say(f"errors in the standalone log: {strata.error_lines()} (log kept at {log})")
    say(f"load at end: {uptime()}")
