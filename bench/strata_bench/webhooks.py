"""Webhook delivery: throughput (webhook.test fan-out to K local endpoints) against the receiver's own
ceiling, latency from a JobCompleted event in the store to the receiver's 200, and latency from a
webhook.test event in the store to the receiver's 200 at a fixed rate (100/s).

    bash bench/webhooks.sh      (= python3 -m strata_bench webhooks, from bench/)
    python3 -m strata_bench webhooks receiver PORT    the receiver alone (what the benchmark starts)

The receiver: ThreadingHTTPServer, HTTP/1.1 keep-alive, answers every POST 200 and records (arrival
time.time(), path, webhook-id, data.job.id of the body if any); GET /__records?prefix=P returns the
records whose path starts with P, as JSON. It runs in its own process, so the driver's threads do not
share its interpreter.

Environment (all optional): BENCH_ENDPOINTS (10), BENCH_TESTS_PER_ENDPOINT (200), BENCH_FIRE_THREADS (8,
parallel clients firing POST /v1/webhooks/{id}/test), BENCH_BASELINE_CONCURRENCY (16 = db-scheduler's
threads, the most attempts Strata runs at once), BENCH_JOBS (30 sqlite databases for the latency),
BENCH_WRK_S (5, seconds of wrk against the receiver alone), BENCH_FIXED_RATE (100 test events/s) for
BENCH_FIXED_SECONDS (20) over BENCH_RATE_ENDPOINTS (4) for the fixed-rate latency,
BENCH_DELIVERY_TIMEOUT_S (300), BENCH_JAVA_OPTS.
wrk (optional) measures the receiver's ceiling. The standalone runs with
STRATA_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true (the receiver is on 127.0.0.1).
Output: one line per figure and bench/out/webhooks-<ts>.json (the standalone's log beside it).
"""
import datetime
import http.client
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

from . import harness
from .common import (Api, BENCH_DIR, BenchError, env, free_port, git_commit, load1, out_file, psql as psql_of,
                     require, require_jars, say, summary, timestamp, uptime, write_json)
from .targets import TARGETS


def stored_at(ts):
    """An event's time_stamp column (ISO-8601, UTC) as epoch seconds."""
    return datetime.datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()


# ---------------------------------------------------------------- receiver


class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Strata's pooled client expects
    records = []
    lock = threading.Lock()

    def do_POST(self):
        arrived = time.time()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        job_id = None
        if self.path.startswith("/jobs"):
            try:
                job_id = json.loads(body)["data"]["job"]["id"]
            except (ValueError, KeyError, TypeError):
                job_id = "unparsable"
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
        # Recorded when the 200 has been written: "arrival" is at most this handler's work earlier.
        with Receiver.lock:
            Receiver.records.append((arrived, self.path, self.headers.get("webhook-id"), job_id))

    def do_GET(self):
        parsed = urllib.parse.urlparse(self.path)
        if parsed.path != "/__records":
            self.send_error(404)
            return
        prefix = urllib.parse.parse_qs(parsed.query).get("prefix", ["/"])[0]
        with Receiver.lock:
            data = json.dumps([r for r in Receiver.records if r[1].startswith(prefix)]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    request_queue_size = 512  # listen backlog: a burst of new connections must not be reset
    daemon_threads = True
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):  # load tools reset at the end
            super().handle_error(request, client_address)


def receiver(port):
    server = QuietServer(("127.0.0.1", port), Receiver)
    server.serve_forever()


# ---------------------------------------------------------------- driver

def records(receiver_port, prefix="/"):
    status, _, body = Api(receiver_port).call("GET", "/__records?prefix=" + urllib.parse.quote(prefix))
    assert status == 200
    return body


def parallel(n_threads, items, work):
    """Runs work(api_index, item) over items with n_threads threads; returns the exceptions raised."""
    items = list(items)
    errors = []
    cursor = [0]
    lock = threading.Lock()

    def loop(i):
        while True:
            with lock:
                if cursor[0] >= len(items):
                    return
                item = items[cursor[0]]
                cursor[0] += 1
            try:
                work(i, item)
            except Exception as e:  # noqa: BLE001 - recorded and reported
                with lock:
                    errors.append(repr(e))

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def wait_records(receiver_port, prefix, expected, timeout_s):
    """Polls the receiver until `expected` distinct webhook-ids arrived on paths under prefix."""
    deadline = time.monotonic() + timeout_s
    while True:
        got = records(receiver_port, prefix)
        if len({r[2] for r in got}) >= expected or time.monotonic() > deadline:
            return got
        time.sleep(0.2)


def window_rate(times):
    span = max(times) - min(times)
    return (len(times) - 1) / span if span > 0 else float("nan"), span


SAMPLE_BODY = json.dumps({"id": "evt_00000000000000000000", "type": "webhook.test", "createdAt": "2026-11-30T10:00:00Z",
                          "organizationId": "org_0000000000000000", "data": {"webhookId": "wh_0000000000000000"}}).encode()


def plain_client(receiver_port, total, concurrency, prefix):
    """The baseline: `total` POSTs straight to the receiver, `concurrency` keep-alive connections."""
    def work(i, n):
        conn = conns[i]
        conn.request("POST", f"{prefix}/{n % 10}", body=SAMPLE_BODY,
                     headers={"Content-Type": "application/json", "webhook-id": f"base_{n}",
                              "webhook-timestamp": str(int(time.time())), "webhook-signature": "v1,x"})
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            raise RuntimeError(f"receiver answered {resp.status}")

    conns = [http.client.HTTPConnection("127.0.0.1", receiver_port, timeout=30) for _ in range(concurrency)]
    t0 = time.time()
    errors = parallel(concurrency, range(total), work)
    t1 = time.time()
    for c in conns:
        c.close()
    return errors, t0, t1

def fixed_rate_latency(api, key, rport, psql, rate, seconds, n_endpoints):
    hooks = []
    for i in range(n_endpoints):
        status, _, body = api.call("POST", "/v1/webhooks", key,
                                   {"url": f"http://127.0.0.1:{rport}/rate/{i}", "events": ["webhook.test"]})
        assert status == 201, (status, body)
        hooks.append(body["data"]["id"])
    total = int(rate * seconds)
    load0 = load1()
    fired, late = [], []
    lock = threading.Lock()
    t0 = time.time() + 0.5
    apis = {}

    def fire(t, i):
        due = t0 + i / rate
        wait = due - time.time()
        if wait > 0:
            time.sleep(wait)
        else:
            with lock:
                late.append(-wait)
        a = apis.setdefault(t, Api(api.port))
        st, _, b = a.call("POST", f"/v1/webhooks/{hooks[i % len(hooks)]}/test", key, {})
        if st != 202:
            raise RuntimeError(f"test event -> {st} {b}")
        with lock:
            fired.append(b["data"]["eventId"])

    # Enough senders that a slow answer never delays the next due request (open loop).
    errors = parallel(16, range(total), fire)
    got = wait_records(rport, "/rate/", len(fired), 120)
    load1_ = load1()
    arrival = {r[2]: r[0] for r in got}
    rows = subprocess.run(psql + ["-AtF", "\t", "-c",
                                  "select convert_from(payload, 'UTF8')::jsonb->>'eventId', time_stamp from domain_event_entry "
                                  "where payload_type like '%WebhookTestRequested'"],
                          capture_output=True, text=True, check=True).stdout.split("\n")
    stored = {}
    for row in rows:
        if row:
            evt, ts = row.split("\t")
            stored[evt] = stored_at(ts)
    lat = [(arrival[e] - stored[e]) * 1000.0 for e in fired if e in arrival and e in stored]
    ls = summary(lat)
    c = {"rate": rate, "seconds": seconds, "endpoints": n_endpoints, "fired": len(fired), "fire_errors": len(errors),
         "received": len(arrival), "sender_late_max_ms": max(late, default=0) * 1000.0, "latency_ms": ls,
         "loadavg_1m": [load0, load1_]}
    say(f"webhooks c. at {rate:.0f}/s for {seconds:.0f} s: event stored -> receiver 200 median {ls['median']:.0f} ms "
          f"p95 {ls['p95']:.0f} ms p99 {ls['p99']:.0f} ms (n={ls['n']}, {len(arrival)}/{len(fired)} received) | "
          f"target p99 {TARGETS['webhooks.fixed_rate_p99'].text()}   (load {load0:.2f} -> {load1_:.2f})")
    return c


def stored_times(psql, event_type, key_field):
    """When each event of this type was stored, by one field of its payload (e.g. the job id)."""
    rows = subprocess.run(psql + ["-AtF", "\t", "-c",
                                  f"select convert_from(payload, 'UTF8')::jsonb->>'{key_field}', time_stamp "
                                  f"from domain_event_entry where payload_type like '%{event_type}'"],
                          capture_output=True, text=True, check=True).stdout.split("\n")
    return {key: stored_at(ts) for key, ts in (row.split("\t") for row in rows if row)}


def drive(port, rport, admin, psql, out, wrk, uptime_start, java_opts):
    endpoints = int(env("BENCH_ENDPOINTS", "10"))
    per_endpoint = int(env("BENCH_TESTS_PER_ENDPOINT", "200"))
    fire_threads = int(env("BENCH_FIRE_THREADS", "8"))
    concurrency = int(env("BENCH_BASELINE_CONCURRENCY", "16"))
    jobs = int(env("BENCH_JOBS", "30"))
    total = endpoints * per_endpoint
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

    api = Api(port)
    status, _, body = api.call("POST", "/v1/organizations", admin, {"name": "bench-webhooks"})
    assert status == 201, (status, body)
    key = body["data"]["apiKey"]["secret"]

    # ---- a. deliveries per second
    hooks = []
    for i in range(endpoints):
        status, _, body = api.call("POST", "/v1/webhooks", key,
                                   {"url": f"http://127.0.0.1:{rport}/wh/{i}", "events": ["webhook.test"]})
        assert status == 201, (status, body)
        hooks.append(body["data"]["id"])

    # Baseline first, on a fresh receiver state (path /base): same count, concurrency of Strata's sender.
    load_b0 = load1()
    errors, _, _ = plain_client(rport, total, concurrency, "/base")
    base = records(rport, "/base")
    base_rate, base_span = window_rate([r[0] for r in base])
    load_b1 = load1()
    if errors:
        raise BenchError(f"baseline client: {len(errors)} errors, e.g. {errors[0]}")

    # Strata: fire the tests as fast as fire_threads clients can, then wait for all deliveries.
    load_s0 = load1()
    fire_apis = [Api(port) for _ in range(fire_threads)]
    fired = []
    flock = threading.Lock()

    def fire(i, n):
        hook = hooks[n % endpoints]
        st, _, b = fire_apis[i].call("POST", f"/v1/webhooks/{hook}/test", key, {})
        if st != 202:
            raise BenchError(f"POST /v1/webhooks/{hook}/test -> {st} {b}")
        with flock:
            fired.append(b["data"]["eventId"])

    f0 = time.time()
    fire_errors = parallel(fire_threads, range(total), fire)
    f1 = time.time()
    got = wait_records(rport, "/wh/", len(fired), float(env("BENCH_DELIVERY_TIMEOUT_S", "300")))
    load_s1 = load1()
    ids = {r[2] for r in got}
    arrivals = [r[0] for r in got]
    rate, span = window_rate(arrivals)
    missing = len(set(fired) - ids)
    delivered_events = subprocess.run(psql + ["-Atc", "select count(*) from domain_event_entry "
                                                      "where payload_type like '%DeliverySucceeded'"],
                                      capture_output=True, text=True, check=True).stdout.strip()
    # Where the rate is set: the fan-out (DeliveryScheduled appended by the router) or the sending.
    sched = subprocess.run(psql + ["-Atc", "select time_stamp from domain_event_entry where payload_type like '%DeliveryScheduled'"],
                           capture_output=True, text=True, check=True).stdout.split()
    sched = [stored_at(t) for t in sched]
    sched_rate, sched_span = window_rate(sched)
    a = {
        "delivery_scheduled": len(sched), "delivery_scheduled_per_s": sched_rate, "delivery_scheduled_window_s": sched_span,
        "last_scheduled_to_last_200_s": max(arrivals) - max(sched),
        "endpoints": endpoints, "tests_per_endpoint": per_endpoint, "fired": len(fired), "fire_errors": fire_errors[:5],
        "fire_error_count": len(fire_errors), "fire_threads": fire_threads,
        "fire_s": f1 - f0, "fire_rate": len(fired) / (f1 - f0),
        "received": len(got), "distinct_webhook_ids": len(ids), "duplicates": len(got) - len(ids),
        "missing": missing, "delivery_succeeded_events": int(delivered_events),
        "first_200_after_first_fire_s": min(arrivals) - f0, "last_200_after_last_fire_s": max(arrivals) - f1,
        "deliveries_per_s": rate, "window_s": span,
        "baseline": {"posts": len(base), "concurrency": concurrency, "per_s": base_rate, "window_s": base_span,
                     "client": "python http.client, keep-alive, threads", "loadavg_1m": [load_b0, load_b1]},
        "wrk_ceiling": wrk, "ratio": rate / base_rate, "loadavg_1m": [load_s0, load_s1],
    }
    print(f"webhooks a. deliveries/s: strata {rate:.0f}/s ({len(ids)}/{len(fired)} delivered, {len(got) - len(ids)} duplicates, "
          f"{span:.2f} s first->last 200; fired at {a['fire_rate']:.0f}/s in {a['fire_s']:.2f} s) | "
          f"baseline plain client c={concurrency} {base_rate:.0f}/s | ratio {rate / base_rate:.2f}"
          f"   (load {load_s0:.2f} -> {load_s1:.2f}; baseline load {load_b0:.2f})", flush=True)
    print(f"  fan-out: {len(sched)} DeliveryScheduled at {sched_rate:.0f}/s ({sched_span:.2f} s first->last); last 200 "
          f"{a['last_scheduled_to_last_200_s']:.2f} s after the last DeliveryScheduled", flush=True)

    # ---- b. latency from JobCompleted (store timestamp) to the receiver's 200
    status, _, body = api.call("POST", "/v1/webhooks", key,
                               {"url": f"http://127.0.0.1:{rport}/jobs", "events": ["job.completed"]})
    assert status == 201, (status, body)
    status, _, body = api.call("POST", "/v1/projects", key, {"name": "bench-webhooks"})
    assert status == 201, (status, body)
    project = body["data"]["id"]
    load_l0 = load1()
    job_ids = []
    created_at = {}
    for i in range(jobs):
        t0 = time.time()
        status, _, body = api.call("POST", "/v1/databases", key, {"projectId": project, "name": f"wh-{i}", "engine": "sqlite"})
        assert status == 202, (status, body)
        job = body["data"]["id"]
        job_ids.append(job)
        created_at[job] = t0
        deadline = time.monotonic() + 60
        while True:  # the job completes, then its webhook arrives (one at a time: no queueing between samples)
            if any(r[3] == job for r in records(rport, "/jobs")):
                break
            if time.monotonic() > deadline:
                raise BenchError(f"no job.completed webhook for {job} within 60 s")
            time.sleep(0.02)
    load_l1 = load1()
    arrival = {r[3]: r[0] for r in records(rport, "/jobs")}
    stored = stored_times(psql, "JobCompleted", "jobId")
    # Split: JobCompleted -> DeliveryScheduled (the fan-out, incl. its wait for the query side) -> receiver.
    hook_id = {r[3]: r[2] for r in records(rport, "/jobs")}
    scheduled = stored_times(psql, "DeliveryScheduled", "eventId")
    fan = [(scheduled[hook_id[j]] - stored[j]) * 1000.0 for j in job_ids if hook_id.get(j) in scheduled]
    send = [(arrival[j] - scheduled[hook_id[j]]) * 1000.0 for j in job_ids if hook_id.get(j) in scheduled]
    lat = [(arrival[j] - stored[j]) * 1000.0 for j in job_ids]
    e2e = [(arrival[j] - created_at[j]) * 1000.0 for j in job_ids]
    ls, es = summary(lat), summary(e2e)
    fs, ss = summary(fan), summary(send)
    b = {"jobs": jobs, "engine": "sqlite", "latency_ms": ls, "post_to_webhook_ms": es,
         "jobcompleted_to_deliveryscheduled_ms": fs, "deliveryscheduled_to_receiver_ms": ss,
         "samples_ms": lat, "loadavg_1m": [load_l0, load_l1]}
    print(f"webhooks b. JobCompleted -> receiver 200: median {ls['median']:.0f} ms p95 {ls['p95']:.0f} ms "
          f"(min {ls['min']:.0f}, max {ls['max']:.0f}, n={ls['n']}) | for scale, POST /v1/databases -> receiver 200: "
          f"median {es['median']:.0f} ms p95 {es['p95']:.0f} ms   (load {load_l0:.2f} -> {load_l1:.2f})", flush=True)
    if fs and ss:
        print(f"  split (medians): JobCompleted -> DeliveryScheduled stored {fs['median']:.0f} ms (p95 {fs['p95']:.0f}), "
              f"DeliveryScheduled -> receiver {ss['median']:.0f} ms (p95 {ss['p95']:.0f})", flush=True)

    # ---- c. latency at a fixed rate: webhook.test events at BENCH_FIXED_RATE/s (open loop: each is fired at
    # its scheduled time whatever the earlier ones do), from the event's time_stamp in the store to the
    # receiver's 200, over BENCH_RATE_ENDPOINTS endpoints (round robin).
    c = fixed_rate_latency(api, key, rport, psql, float(env("BENCH_FIXED_RATE", "100")),
                           float(env("BENCH_FIXED_SECONDS", "20")), int(env("BENCH_RATE_ENDPOINTS", "4")))

    doc = {"benchmark": "webhooks", "started": started, "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "cpus": os.cpu_count(), "uptime_start": uptime_start, "uptime_end": uptime(),
           "command": "bash bench/webhooks.sh", "git_commit": git_commit(), "java_opts": java_opts,
           "clock": "time.time() (UTC epoch) in the receiver at the request; JobCompleted time_stamp column of "
                    "domain_event_entry (written by the JVM clock); same machine",
           "deliveries": a, "latency": b, "fixedRate": c}
    write_json(out, doc)
    print(f"wrote {out}")



# ---------------------------------------------------------------- the receiver's ceiling and the run

WRK_BODY = ('{"id":"evt_00000000000000000000","type":"webhook.test","createdAt":"2026-11-30T10:00:00Z",'
            '"organizationId":"org_0000000000000000","data":{"webhookId":"wh_0000000000000000"}}')


def wrk_ceiling(rport, work, seconds):
    """The receiver alone, first: its ceiling with wrk (bounded by duration), POSTs of a webhook's size."""
    if shutil.which("wrk") is None:
        say("wrk not installed: receiver ceiling by wrk skipped (the plain-client baseline still runs)")
        return None
    script = os.path.join(work, "post.lua")
    with open(script, "w") as f:
        f.write(f"wrk.method = \"POST\"\nwrk.body = '{WRK_BODY}'\n"
                "wrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"webhook-id\"] = \"wrk\"\n")
    result = {}
    for c in (16, 1):
        threads = min(c, 2)
        l0 = load1()
        try:
            done = subprocess.run(["wrk", f"-t{threads}", f"-c{c}", f"-d{seconds}s", "-s", script,
                                   f"http://127.0.0.1:{rport}/wrk"], capture_output=True, text=True, timeout=seconds + 30)
            rps = next((float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("Requests/sec")), 0.0)
        except subprocess.TimeoutExpired:
            rps = 0.0
        say(f"receiver alone (wrk -t{threads} -c{c} -d{seconds}s, POST): {rps} req/s   (load {l0})")
        result[f"c{c}"] = {"req_per_s": rps, "duration_s": seconds, "loadavg_1m": l0}
    return result


def start_receiver(port):
    """The receiver in its own process; returns once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "strata_bench", "webhooks", "receiver", str(port)],
                            env=dict(os.environ, PYTHONPATH=BENCH_DIR))
    try:
        deadline = time.monotonic() + 10
        while True:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            try:
                c.request("GET", "/__records")
                c.getresponse().read()
                return proc
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise BenchError(f"the receiver did not start on :{port}")
                time.sleep(0.05)
            finally:
                c.close()
    except BaseException:
        harness.stop_process(proc, 10)
        raise


def main(args):
    if args[:1] == ["receiver"] and len(args) == 2:
        receiver(int(args[1]))
        return
    if args:
        raise BenchError("usage: webhooks [receiver PORT]")
    require("java", "psql")
    require_jars("standalone")
    java_opts = harness.java_opts()
    ts = timestamp()
    out, log = out_file("webhooks", ts), out_file("webhooks", ts, ".log")
    uptime_start = uptime()
    rport = free_port()
    with harness.workdir("webhooks") as work, harness.fresh_database(f"strata_wh_{ts}") as db:
        say(f"strata store: {db}, receiver port {rport}")
        say(f"load at start: {uptime_start}")
        recv = start_receiver(rport)
        try:
            with harness.Strata("standalone", db, work, log=log, java_opts=java_opts,
                                env={"STRATA_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true"}) as strata:
                if recv.poll() is not None:
                    raise BenchError("the receiver exited")
                wrk = wrk_ceiling(rport, work, int(env("BENCH_WRK_S", "5")))
                drive(strata.port, rport, strata.admin_token, psql_of(db), out, wrk, uptime_start, java_opts)
            say(f"errors in the standalone log: {strata.error_lines()} (log kept at {log})")
        finally:
            harness.stop_process(recv, 10)
    say(f"load at end: {uptime()}")
