"""Write-to-read latency across processes: from a write's response to the first GET that shows it.

    bash bench/write-to-read.sh      (= python3 -m strata_bench write-to-read, from bench/)

Open loop at a FIXED RATE (100 writes/s): write i is due at t0 + i / RATE, whatever happened to the
writes before it. A pool of worker threads (one keep-alive HTTP/1.1 connection each) takes the due
writes: POST /v1/projects, then, right after the response, GET /v1/projects/{id} with
X-Strata-Min-Position set to the write's X-Strata-Position, repeated at once until it answers 200
(bounded by GET_TIMEOUT_S). The sample is (time the first 200 arrived) - (time the write's response
arrived), time.perf_counter. A write that starts more than 10 ms after it was due is counted as late
(the generator fell behind); the achieved rate is measured writes / measured wall time.
Twice: against the split deployment (three JVMs behind the nginx gateway; the write lands in
command-service, the read in query-service, another process) and against the standalone (one JVM,
where a commit wakes the processors directly), each on its own fresh database.

Environment (all optional): BENCH_RATE (100 writes/s), BENCH_DURATION (30 s measured), BENCH_WARMUP
(45 s at the same rate, not measured: JIT and pools warm up; then up to 60 s for the warm-up reads to
finish. With 15 s, a JVM still compiling could not keep up, fell behind and never recovered within the
run), BENCH_WORKERS (32 client threads: at 100/s about two are busy; 128 python threads cost the client
more than they bought), BENCH_MODES ("split standalone"),
BENCH_JAVA_OPTS ("-Xmx384m -XX:+UseSerialGC", each JVM; add -Dstrata... to try a setting).
Needs PostgreSQL on 127.0.0.1:5432 (trust auth), nginx and envsubst for the split.
Output: one line per mode, a summary line, bench/out/write-to-read-<ts>.json and the services' logs in
bench/out/write-to-read-<ts>-logs/.
"""
import os
import queue
import threading
import time

from . import harness
from .common import (Api, BenchError, env, git_commit, out_file, require_jars, say, summary, timestamp, uptime,
                     write_json)
from .targets import TARGETS

GET_TIMEOUT_S = 5.0
MAX_LATE_S = 2.0
DRAIN_S = 60.0
MODES = ("split", "standalone")

RATE = float(env("BENCH_RATE", "100"))
DURATION_S = float(env("BENCH_DURATION", "30"))
WARMUP_S = float(env("BENCH_WARMUP", "45"))
WORKERS = int(env("BENCH_WORKERS", "32"))


def measure(label, port, admin_token, out):
    """One mode's run against a deployment on port; writes its JSON to out and returns it."""
    _, key = Api(port).new_organization(admin_token, "bench-w2r")

    total = int(RATE * (WARMUP_S + DURATION_S))
    warmup_n = int(RATE * WARMUP_S)
    due_q = queue.Queue()
    lock = threading.Lock()
    results = {}  # i -> dict

    def worker():
        client = Api(port)
        while True:
            item = due_q.get()
            if item is None:
                return
            i, due = item
            started = time.perf_counter()
            r = {"late_ms": (started - due) * 1000.0, "started": started}
            if started - due > MAX_LATE_S:
                # The generator fell this far behind: skip the write (counted as failed) so the run stays bounded.
                r["error"] = f"not started within {MAX_LATE_S} s of its due time"
                with lock:
                    results[i] = r
                continue
            try:
                status, headers, body = client.call("POST", "/v1/projects", key, {"name": f"w2r-{i}"})
                written = time.perf_counter()
                r["write_ms"] = (written - started) * 1000.0
                if status != 201:
                    r["error"] = f"POST {status}"
                else:
                    project_id = body["data"]["id"]
                    position = headers.get("X-Strata-Position")
                    gets, seen = 0, None
                    while time.perf_counter() - written < GET_TIMEOUT_S:
                        gets += 1
                        status, _, _ = client.call("GET", f"/v1/projects/{project_id}", key,
                                                   headers={"X-Strata-Min-Position": position})
                        if status == 200:
                            seen = time.perf_counter()
                            break
                    r["gets"] = gets
                    if seen is None:
                        r["error"] = f"no 200 within {GET_TIMEOUT_S} s"
                    else:
                        r["w2r_ms"] = (seen - written) * 1000.0
            except Exception as e:  # noqa: BLE001 - counted, never hidden
                r["error"] = f"{type(e).__name__}: {e}"
            with lock:
                results[i] = r

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    def schedule(first, last):
        t0 = time.perf_counter() + 0.2
        for i in range(first, last):
            due = t0 + (i - first) / RATE
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            due_q.put((i, due))

    # Warm-up at the same rate, then let the read side finish whatever backlog start-up left (JIT,
    # pools, processors claiming their tokens), so the measured phase starts from a steady state.
    schedule(0, warmup_n)
    drain_deadline = time.perf_counter() + DRAIN_S
    while time.perf_counter() < drain_deadline:
        with lock:
            if len(results) >= warmup_n:
                break
        time.sleep(0.05)
    drained_s = DRAIN_S - (drain_deadline - time.perf_counter())
    load_before = os.getloadavg()
    schedule(warmup_n, total)
    for _ in threads:
        due_q.put(None)
    for t in threads:
        t.join(timeout=GET_TIMEOUT_S + 35)
    load_after = os.getloadavg()

    measured = [results[i] for i in range(warmup_n, total) if i in results]
    ok = [r["w2r_ms"] for r in measured if "w2r_ms" in r]
    started_writes = [r for r in measured if "write_ms" in r]
    errors = [r["error"] for r in measured if "error" in r]
    missing = (total - warmup_n) - len(measured)
    # A write whose read never showed up counts as infinitely slow, so the percentiles cannot hide it.
    w2r = summary(ok + [float("inf")] * (len(errors) + missing))
    # Achieved rate: measured writes over the span between the first and the last measured write's start.
    starts = sorted(r["started"] for r in started_writes)
    span = starts[-1] - starts[0] if len(starts) > 1 else 0.0
    late = sum(1 for r in started_writes if r["late_ms"] > 10.0)
    achieved = (len(starts) - 1) / span if span else 0.0
    gets = sorted(r.get("gets", 0) for r in measured)
    result = {
        "label": label, "rate_target": RATE, "duration_s": DURATION_S, "warmup_s": WARMUP_S, "workers": WORKERS,
        "warmup_drain_s": drained_s, "writes_measured": len(measured), "writes_sent": len(started_writes), "writes_failed": len(errors) + missing, "errors": errors[:20],
        "achieved_write_rate": achieved, "late_writes_over_10ms": late,
        "late_ms": summary([r["late_ms"] for r in measured]),
        "write_ms": summary([r["write_ms"] for r in measured if "write_ms" in r]),
        "w2r_ms": w2r, "gets_per_write_median": gets[len(gets) // 2] if gets else None,
        "gets_per_write_max": gets[-1] if gets else None,
        "loadavg_before": load_before, "loadavg_after": load_after,
        "samples_w2r_ms": ok,
    }
    write_json(out, result, indent=1)

    def fmt(x):
        return "inf" if x == float("inf") else f"{x:.1f}"
    print(f"  {label}: write-to-read median {fmt(w2r['median'])} ms p95 {fmt(w2r['p95'])} ms "
          f"p99 {fmt(w2r['p99'])} ms max {fmt(w2r['max'])} ms | writes {len(started_writes)} at {achieved:.1f}/s "
          f"(target {RATE:g}/s, {late} started >10 ms late, {len(errors) + missing} failed) | "
          f"write median {result['write_ms']['median']:.1f} ms | load {load_before[0]:.2f} -> {load_after[0]:.2f}",
          flush=True)
    return result


def main(_args):
    modes = env("BENCH_MODES", " ".join(MODES)).split()
    for mode in modes:
        if mode not in MODES:
            raise BenchError(f"unknown mode {mode} (one of {', '.join(MODES)})")
    require_jars(*harness.JARS)
    java_opts = harness.java_opts("-Xmx384m -XX:+UseSerialGC")
    ts = timestamp()
    out, logs = out_file("write-to-read", ts), out_file("write-to-read", ts, "-logs")
    say(f"write-to-read: {RATE:g} writes/s for {DURATION_S:g} s (+{WARMUP_S:g} s warm-up), modes: {' '.join(modes)}, "
        f"JVM options: {java_opts}")
    say(f"load at start: {uptime()}")
    runs = {}
    with harness.workdir("w2r") as work:
        for mode in modes:
            with harness.fresh_database(f"strata_w2r_{ts}_{mode}") as db:
                strata = harness.Strata(mode, db, work, java_opts=java_opts)
                try:
                    with strata:
                        runs[mode] = measure(mode, strata.port, strata.admin_token, os.path.join(work, mode + ".json"))
                finally:  # the services' logs, kept also (above all) when the run failed
                    strata.keep_logs(logs)
    say(f"load at end: {uptime()}")
    command = (f"BENCH_RATE={RATE:g} BENCH_DURATION={DURATION_S:g} BENCH_WARMUP={WARMUP_S:g} BENCH_MODES='{' '.join(modes)}' "
               f"BENCH_JAVA_OPTS='{java_opts}' bash bench/write-to-read.sh")
    write_json(out, {"command": command, "git_commit": git_commit(mark_dirty=True), "runs": runs}, indent=1)
    fmt = lambda x: "inf" if x == float("inf") else f"{x:.1f}"
    say("write-to-read " + " | ".join(f"{m} p99 {fmt(r['w2r_ms']['p99'])} ms" for m, r in runs.items())
        + f" | target {TARGETS['write-to-read.p99']['threshold']:g} ms")
    say(f"results: {out}")
