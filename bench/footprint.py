#!/usr/bin/env python3
"""Measurement driver for bench/footprint.sh (run that, not this).

For each runnable jar, alone on its own fresh database: start-up time (process start to the first
200 from /health, and the "Started ... in X seconds" line of its log), resident memory (VmRSS) idle
5 s after that first 200, and after 2,000 sequential requests over one keep-alive connection.
Standard library only; talks only to 127.0.0.1.
"""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

SERVICES = os.environ.get("BENCH_SERVICES", "standalone command-service query-service provisioner-saga").split()
JAVA_OPTS = os.environ["BENCH_JAVA_OPTS"].split()
OUT = os.environ["BENCH_OUT"]
WORK = os.environ["BENCH_WORK"]
STATE = os.environ["BENCH_STATE"]  # "db <name>" and "pid <pid>" lines for the shell's cleanup
TS = os.environ["BENCH_TS"]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "2000"))
IDLE_S = float(os.environ.get("BENCH_IDLE_S", "5"))
START_TIMEOUT_S = 180
PSQL = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres"]


def state(line):
    with open(STATE, "a") as f:
        f.write(line + "\n")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                fields[key] = int(value.split()[0])
    return {"rss_mib": fields["VmRSS"] / 1024, "hwm_mib": fields["VmHWM"] / 1024, "threads": fields["Threads"]}


def loadavg():
    return os.getloadavg()[0]


def get(conn, path, headers=None):
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    resp.read()
    return resp.status


def measure(service, admin_token, secrets_key):
    db = f"strata_fp_{TS}_{service.replace('-', '_')}"
    subprocess.run(PSQL + ["-c", f"CREATE DATABASE {db}"], check=True, stdout=subprocess.DEVNULL)
    state(f"db {db}")
    port = free_port()
    log_path = os.path.join(WORK, f"{service}.log")
    sqlite_dir = os.path.join(WORK, f"sqlite-{service}")
    env = dict(os.environ,
               SPRING_DATASOURCE_URL=f"jdbc:postgresql://127.0.0.1:5432/{db}",
               SPRING_DATASOURCE_USERNAME="postgres",
               SERVER_PORT=str(port), STRATA_ADMIN_TOKEN=admin_token, STRATA_SECRETS_KEY=secrets_key,
               STRATA_ENGINES_SQLITE_DATA_DIR=sqlite_dir,
               STRATA_ENGINES_POSTGRES_ADMIN_URL="jdbc:postgresql://127.0.0.1:5432/postgres",
               STRATA_ENGINES_MARIADB_ADMIN_URL="jdbc:mariadb://127.0.0.1:3306/")
    env.pop("JAVA_TOOL_OPTIONS", None)
    load_before = loadavg()
    with open(log_path, "w") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(["java", *JAVA_OPTS, "-jar", f"{service}/target/{service}.jar"],
                                env=env, stdout=log, stderr=subprocess.STDOUT)
    state(f"pid {proc.pid}")
    try:
        # Start-up: poll /health every 20 ms (a fresh connection each time) until the first 200.
        first_200 = None
        while first_200 is None:
            if proc.poll() is not None:
                raise RuntimeError(f"{service} exited with {proc.returncode}; see {log_path}")
            if time.perf_counter() - t0 > START_TIMEOUT_S:
                raise RuntimeError(f"{service}: no 200 from /health after {START_TIMEOUT_S} s")
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                if get(c, "/health") == 200:
                    first_200 = time.perf_counter()
                c.close()
            except OSError:
                pass
            if first_200 is None:
                time.sleep(0.02)
        startup_s = first_200 - t0
        started_line = None
        with open(log_path) as f:
            m = re.search(r"Started (\S+) in ([0-9.]+) seconds \(process running for ([0-9.]+)\)", f.read())
            if m:
                started_line = {"app": m.group(1), "started_in_s": float(m.group(2)),
                                "process_running_for_s": float(m.group(3))}

        time.sleep(IDLE_S)
        idle = proc_status(proc.pid)

        # A key for /v1/me where this process can make one (POST /v1/organizations is command-side,
        # the key lookup read-side: only the standalone has both).
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        key = None
        conn.request("POST", "/v1/organizations", body=json.dumps({"name": "footprint"}),
                     headers={"Authorization": "Bearer " + admin_token, "Content-Type": "application/json"})
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
        after = proc_status(proc.pid)
        load_after = loadavg()
        result = {
            "db": db, "startup_to_health_200_s": startup_s, "started_log_line": started_line,
            "idle_after_s": IDLE_S, "idle": idle, "after_load": after,
            "load_requests": REQUESTS, "load_seconds": load_s, "load_req_per_s": REQUESTS / load_s,
            "load_statuses": {p: {str(k): v for k, v in s.items()} for p, s in statuses.items()},
            "me_with_valid_key": key is not None,
            "loadavg_1m_before": load_before, "loadavg_1m_after": load_after,
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        subprocess.run(PSQL + ["-c", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return result


def main():
    import base64
    import secrets
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    uptime_start = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    results = {}
    print(f"{'service':<18} {'health 200':>10} {'Started in':>10} {'RSS idle':>9} {'RSS load':>9} {'peak RSS':>9} "
          f"{'req/s':>6}  {'/v1/me':<10} load1 before->after", flush=True)
    for service in SERVICES:
        r = measure(service, "bench-" + secrets.token_hex(16), base64.b64encode(os.urandom(32)).decode())
        results[service] = r
        started_in = r["started_log_line"]["started_in_s"] if r["started_log_line"] else float("nan")
        me = ",".join(f"{k}x{v}" for k, v in r["load_statuses"]["/v1/me"].items())
        print(f"{service:<18} {r['startup_to_health_200_s']:>9.2f}s {started_in:>9.2f}s "
              f"{r['idle']['rss_mib']:>6.0f}MiB {r['after_load']['rss_mib']:>6.0f}MiB {r['after_load']['hwm_mib']:>6.0f}MiB "
              f"{r['load_req_per_s']:>6.0f}  {me:<10} {r['loadavg_1m_before']:.2f}->{r['loadavg_1m_after']:.2f}",
              flush=True)
    doc = {"benchmark": "footprint", "started": started,
           "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "java_opts": " ".join(JAVA_OPTS), "java_version": subprocess.run(
               ["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
           "cpus": os.cpu_count(), "mem_total_kib": int(open("/proc/meminfo").readline().split()[1]),
           "uptime_start": uptime_start,
           "uptime_end": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
           "command": os.environ.get("BENCH_COMMAND"), "git_commit": os.environ.get("BENCH_GIT_COMMIT"),
           "method": "sequential, one service at a time, each on a fresh database; start-up = perf_counter before "
                     "Popen to the first 200 from GET /health polled every 20 ms; RSS = VmRSS from /proc/<pid>/status "
                     f"{IDLE_S:g} s after that, and right after {REQUESTS} sequential keep-alive requests "
                     f"({REQUESTS // 2} GET /health then {REQUESTS // 2} GET /v1/me); peak = VmHWM",
           "services": results}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=2)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
