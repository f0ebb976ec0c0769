"""Footprint of each runnable jar alone: start-up time, RSS idle and after 2,000 requests.

    bash bench/footprint.sh      (= python3 -m strata_bench footprint, from bench/)

For each jar, alone on its own fresh database: start-up time (process start to the first 200 from
/health, polled every 20 ms, and the "Started ... in X seconds" line of its log), resident memory
(VmRSS) idle 5 s after that first 200, and after 2,000 sequential requests over one keep-alive connection.

Environment (optional): BENCH_SERVICES ("standalone command-service query-service provisioner-saga"),
BENCH_JAVA_OPTS (default "-XX:MaxRAMPercentage=75 -XX:+UseSerialGC", the Dockerfile's options),
BENCH_REQUESTS (2000), BENCH_IDLE_S (5).
Output: a table and bench/out/footprint-<ts>.json.
"""
import http.client
import json
import os
import subprocess
import time

from . import harness
from .common import BenchError, env, git_commit, iso_now, load1, out_file, require, require_jars, say, timestamp, uptime, \
    write_json

SERVICES = env("BENCH_SERVICES", " ".join(harness.JARS)).split()
REQUESTS = int(env("BENCH_REQUESTS", "2000"))
IDLE_S = float(env("BENCH_IDLE_S", "5"))
START_TIMEOUT_S = 180


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                fields[key] = int(value.split()[0])
    return {"rss_mib": fields["VmRSS"] / 1024, "hwm_mib": fields["VmHWM"] / 1024, "threads": fields["Threads"]}


def get(conn, path, headers=None):
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    resp.read()
    return resp.status


def measure(service, ts, work, java_opts):
    load_before = load1()
    with harness.fresh_database(f"strata_fp_{ts}_{service.replace('-', '_')}") as db, \
            harness.Strata(service, db, work, java_opts=java_opts, env=harness.ENGINES_LOCAL,
                           health_timeout=START_TIMEOUT_S) as strata:
        time.sleep(IDLE_S)
        idle = proc_status(strata.pid)

        # A key for /v1/me where this process can make one (POST /v1/organizations is command-side,
        # the key lookup read-side: only the standalone has both).
        conn = http.client.HTTPConnection("127.0.0.1", strata.port, timeout=30)
        key = None
        conn.request("POST", "/v1/organizations", body=json.dumps({"name": "footprint"}),
                     headers={"Authorization": "Bearer " + strata.admin_token, "Content-Type": "application/json"})
        resp = conn.getresponse()
        body = resp.read()
        if resp.status == 201:
            key = json.loads(body)["data"]["apiKey"]["secret"]
        me_headers = {"Authorization": "Bearer " + (key or "strata_sk_notakey0000000000000000")}
        if key:  # wait until the key reaches the read side (read-your-writes would also do)
            for _ in range(200):
                if get(conn, "/v1/me", me_headers) == 200:
                    break
                time.sleep(0.02)

        statuses = {"/health": {}, "/v1/me": {}}
        half = REQUESTS // 2
        t_load = time.perf_counter()
        for i in range(REQUESTS):
            path = "/health" if i < half else "/v1/me"
            code = get(conn, path, me_headers if path == "/v1/me" else None)
            statuses[path][code] = statuses[path].get(code, 0) + 1
        load_s = time.perf_counter() - t_load
        conn.close()
        after = proc_status(strata.pid)
        return {
            "db": db, "startup_to_health_200_s": strata.startup_s, "started_log_line": strata.started_line,
            "idle_after_s": IDLE_S, "idle": idle, "after_load": after,
            "load_requests": REQUESTS, "load_seconds": load_s, "load_req_per_s": REQUESTS / load_s,
            "load_statuses": {p: {str(k): v for k, v in s.items()} for p, s in statuses.items()},
            "me_with_valid_key": key is not None,
            "loadavg_1m_before": load_before, "loadavg_1m_after": load1(),
        }


def main(_args):
    unknown = set(SERVICES) - set(harness.JARS)
    if unknown:
        raise BenchError(f"unknown services in BENCH_SERVICES: {' '.join(sorted(unknown))}")
    require("java", "psql")
    require_jars(*SERVICES)
    java_opts = harness.java_opts()
    ts = timestamp()
    out = out_file("footprint", ts)
    started, uptime_start = iso_now(), uptime()
    say(f"JVM options: {java_opts}; services: {' '.join(SERVICES)}")
    say(f"load at start: {uptime_start}")
    results = {}
    with harness.workdir("footprint") as work:
        say(f"{'service':<18} {'health 200':>10} {'Started in':>10} {'RSS idle':>9} {'RSS load':>9} {'peak RSS':>9} "
            f"{'req/s':>6}  {'/v1/me':<10} load1 before->after")
        for service in SERVICES:
            r = measure(service, ts, work, java_opts)
            results[service] = r
            started_in = r["started_log_line"]["started_in_s"] if r["started_log_line"] else float("nan")
            me = ",".join(f"{k}x{v}" for k, v in r["load_statuses"]["/v1/me"].items())
            say(f"{service:<18} {r['startup_to_health_200_s']:>9.2f}s {started_in:>9.2f}s "
                f"{r['idle']['rss_mib']:>6.0f}MiB {r['after_load']['rss_mib']:>6.0f}MiB {r['after_load']['hwm_mib']:>6.0f}MiB "
                f"{r['load_req_per_s']:>6.0f}  {me:<10} {r['loadavg_1m_before']:.2f}->{r['loadavg_1m_after']:.2f}")
    doc = {"benchmark": "footprint", "started": started, "finished": iso_now(),
           "java_opts": java_opts, "java_version": subprocess.run(
               ["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
           "cpus": os.cpu_count(), "mem_total_kib": int(open("/proc/meminfo").readline().split()[1]),
           "uptime_start": uptime_start, "uptime_end": uptime(),
           "command": "bash bench/footprint.sh", "git_commit": git_commit(),
           "method": "sequential, one service at a time, each on a fresh database; start-up = perf_counter before "
                     "Popen to the first 200 from GET /health polled every 20 ms; RSS = VmRSS from /proc/<pid>/status "
                     f"{IDLE_S:g} s after that, and right after {REQUESTS} sequential keep-alive requests "
                     f"({REQUESTS // 2} GET /health then {REQUESTS // 2} GET /v1/me); peak = VmHWM",
           "services": results}
    write_json(out, doc)
    say(f"wrote {out}")
    say(f"load at end: {uptime()}")
