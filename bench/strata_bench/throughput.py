"""Write and read throughput of Strata (the standalone; with BENCH_SPLIT=1 the split deployment too)
against PostgreSQL's own ceiling on the same server (pgbench), driven by bench/LoadGen.java.

    bash bench/throughput.sh      (= python3 -m strata_bench throughput, from bench/)

1. writes: POST /v1/projects and POST /v1/api-keys, closed loop at each concurrency of
   BENCH_CONCURRENCY, interleaved with pgbench inserting one event-shaped row per transaction into
   a copy of domain_event_entry in a scratch database, at the same concurrency. Then how far each
   tracking processor is behind the store's head when the writes stop and how long it takes to reach
   it, so the reads do not compete with the projections catching up.
2. reads: an organization with BENCH_READ_ROWS databases inserted directly into q_databases (SQL,
   no engines provisioned); GET /v1/databases?limit=50 and GET /health at increasing fixed rates
   (open loop) to find each one's sustainable rate; then GET /v1/databases at 50 % of /health's.

Environment (all optional): BENCH_CONCURRENCY ("1 8 32"), BENCH_WRITE_DURATION (15 s),
BENCH_WRITE_WARMUP (5 s, before each run), BENCH_JVM_WARMUP (30 s per write endpoint, once: C2 compiles
for about a minute of CPU after start-up, and shorter warm-ups measured the compiler more than Strata),
BENCH_READ_WARMUP (20 s of GET /v1/databases before the read ladder), BENCH_READ_ROWS (10000),
BENCH_RATES (open-loop ladder, req/s), BENCH_STEP_DURATION (8 s) and BENCH_STEP_WARMUP (2 s) per ladder
step, BENCH_P99_BOUND_MS (100: a step is sustainable when achieved >= 95 % of offered, no errors,
p99 <= this), BENCH_HALF_DURATION (20 s), BENCH_CATCHUP_MAX (420 s: longest wait for the projections
to reach the store's head after the writes, before the reads), BENCH_PARTS ("writes reads"),
BENCH_SPLIT (0; 1 also measures the split deployment: three JVMs behind nginx, own ports and
database), BENCH_JAVA_OPTS. Needs javac and pgbench; wrk is optional (a closed-loop cross-check of /health).
Output: summary lines, bench/out/throughput-<ts>.json (every run's LoadGen/pgbench result) and
.log, and the services' logs beside them.
"""
import json
import os
import shutil
import subprocess
import time

from . import harness
from .common import (Api, BenchError, env, git_commit, load1, out_file, require, require_jars, say, sql,
                     timestamp, uptime, write_json)
from .targets import TARGETS

CONC = [int(c) for c in env("BENCH_CONCURRENCY", "1 8 32").split()]
WDUR = int(env("BENCH_WRITE_DURATION", "15"))
WWARM = int(env("BENCH_WRITE_WARMUP", "5"))
JVM_WARM = int(env("BENCH_JVM_WARMUP", "30"))
READ_WARM = int(env("BENCH_READ_WARMUP", "20"))
CATCHUP_MAX = int(env("BENCH_CATCHUP_MAX", "420"))
ROWS = int(env("BENCH_READ_ROWS", "10000"))
RATES = [int(r) for r in env("BENCH_RATES", "50 100 200 300 450 650 900 1300 1800 2500 3500 5000").split()]
SDUR = int(env("BENCH_STEP_DURATION", "8"))
SWARM = int(env("BENCH_STEP_WARMUP", "2"))
P99_BOUND = float(env("BENCH_P99_BOUND_MS", "100"))
HALF_DUR = int(env("BENCH_HALF_DURATION", "20"))
PARTS = env("BENCH_PARTS", "writes reads").split()
SPLIT = env("BENCH_SPLIT", "0") == "1"
WRITES, HALF_P99 = TARGETS["throughput.writes"], TARGETS["throughput.reads.half_health_p99"]

# The shape of platform's V1__event_store.sql domain_event_entry.
SCRATCH_TABLE = """create table domain_event_entry (
    global_index          bigserial    primary key,
    event_identifier      varchar(255) not null unique,
    aggregate_identifier  varchar(255) not null,
    sequence_number       bigint       not null,
    type                  varchar(255),
    time_stamp            varchar(255) not null,
    payload_type          varchar(255) not null,
    payload_revision      varchar(255),
    payload               bytea        not null,
    meta_data             bytea,
    unique (aggregate_identifier, sequence_number)
)"""
# One event-sized row per transaction: a new aggregate (sequence 0), 608-byte payload, 304-byte metadata.
EVENT_SQL = """insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
values (gen_random_uuid()::text, 'prj_' || replace(gen_random_uuid()::text, '-', ''), 0, 'Project',
        to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'io.strata.contract.project.ProjectEvents$ProjectCreated', null,
        decode(repeat(md5(random()::text), 38), 'hex'), decode(repeat(md5(random()::text), 19), 'hex'));
"""

LOG = None   # bench/out/throughput-<ts>.log: every line below that log() prints


def log(line):
    say(line)
    with open(LOG, "a") as f:
        f.write(line + "\n")


def load(r):
    return f"load {r['load1']['before']:.2f} -> {r['load1']['after']:.2f}"


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:.{digits}f}"


def sustainable(step):
    """A ladder step holds: achieved >= 95 % of the offered rate, no errors, p99 within the bound."""
    p99 = step["latencyMs"]["p99"]
    return step["errors"] == 0 and step["throughput"] >= 0.95 * step["offeredRate"] and p99 is not None and p99 <= P99_BOUND


def report(runs, events):
    """Each figure beside its baseline and ratio (the lines run.sh shows); the summary section of the JSON."""
    by_label = {r["label"]: r for r in runs}
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
                log(f"writes c={c} ({dep}, POST /v1/{endpoint}): strata {fmt(x)}/s | pgbench {fmt(y)}/s | ratio {fmt(ratio, 3)} | "
                      f"target {WRITES.get('op')} {WRITES['threshold']:g}   [strata p50 {fmt(r['latencyMs']['p50'], 2)} ms p99 {fmt(r['latencyMs']['p99'], 2)} ms, "
                      f"errors {r['errors']}, {load(r)}; pgbench {load(pg) if pg else ''}]")
                dep_summary["writes"].append({"concurrency": c, "endpoint": endpoint, "strata": x, "pgbench": y, "ratio": ratio,
                                              "strataLoad1": r["load1"], "pgbenchLoad1": pg["load1"] if pg else None})

        ladders = {}
        for ep in ("health", "databases"):
            steps = sorted((r for r in runs if r.get("deployment") == dep and r.get("kind") == "ladder" and r.get("endpoint") == ep),
                           key=lambda r: (r["offeredRate"], r.get("attempt", 1)))
            best = None
            for s in steps:
                s["sustainable"] = sustainable(s)
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
                log(f"  {dep} {ep:9s} offered {s['offeredRate']:6.0f}/s achieved {s['throughput']:8.1f}/s "
                      f"p50 {fmt(s['latencyMs']['p50'], 2)} ms p99 {fmt(s['latencyMs']['p99'], 2)} ms errors {s['errors']} "
                      f"{'ok' if s['sustainable'] else 'NOT sustainable'} (attempt {s.get('attempt', 1)})  ({load(s)})")
        if ladders["health"]["steps"] or ladders["databases"]["steps"]:
            x, y = ladders["databases"]["sustainable"], ladders["health"]["sustainable"]
            half = by_label.get(f"{dep}-databases-half-health")
            wrk = by_label.get(f"{dep}-wrk-health")
            ratio = x / y if x and y else None
            p99 = half["latencyMs"]["p99"] if half else None
            p50 = half["latencyMs"]["p50"] if half else None
            log(f"reads ({dep}): databases {fmt(x, 0)}/s | health {fmt(y, 0)}/s | ratio {fmt(ratio, 3)} | "
                  f"p99 at 50% of health rate ({fmt(half['offeredRate'], 0) if half else 'n/a'}/s) {fmt(p99, 2)} ms "
                  f"(p50 {fmt(p50, 2)} ms, achieved {fmt(half['throughput']) if half else 'n/a'}/s, errors {half['errors'] if half else 'n/a'}) "
                  f"(target {HALF_P99.text()})   [{load(half) if half else ''}; wrk /health closed-loop ceiling {fmt(wrk['throughput'] if wrk else None, 0)}/s]")
            dep_summary["reads"] = {"databasesSustainable": x, "healthSustainable": y, "ratio": ratio,
                                    "halfHealthRate": half["offeredRate"] if half else None, "halfHealthP50": p50,
                                    "halfHealthP99": p99, "halfHealthLoad1": half["load1"] if half else None,
                                    "wrkHealth": wrk["throughput"] if wrk else None, "ladders": ladders}
        if events.get(dep):
            log(f"  {dep} events stored: " + ", ".join(f"{e['payload_type'].rsplit('.', 1)[-1]} x{e['n']} "
                                                         f"(payload {e['payload_bytes']} B, meta {e['meta_bytes']} B)" for e in events[dep]))
        dep_summary["events"] = events.get(dep)
        cu = by_label.get(f"{dep}-catchup")
        if cu:
            lag = cu["lagAtEndOfWrites"]
            worst = max(lag.values()) if lag else 0
            log(f"  {dep} read side when the writes stopped: worst projection lag {worst} events of {cu['head']}; "
                  + (f"caught up after {cu['catchUpSeconds']} s" if cu["processorsStillBehind"] == 0
                     else f"{cu['processorsStillBehind']} processors still behind after {cu['catchUpSeconds']} s")
                  + f"; audit verify {cu['auditVerify']}")
            dep_summary["catchup"] = {k: cu[k] for k in ("head", "lagAtEndOfWrites", "catchUpSeconds", "processorsStillBehind",
                                                         "worstLagEventsPerS", "auditVerify", "load1")}
        summary[dep] = dep_summary
    return summary


class Runner:
    """LoadGen and pgbench runs; every recorded one lands in `runs` with its tags and the load around it."""

    def __init__(self, work, scratch):
        self.work, self.scratch = work, scratch
        self.runs, self.events = [], {}
        self.lg = os.path.join(work, "lg")
        self.event_sql = os.path.join(work, "event.sql")
        with open(self.event_sql, "w") as f:
            f.write(EVENT_SQL)
        done = subprocess.run(["javac", "-d", self.lg, "bench/LoadGen.java"], capture_output=True, text=True)
        if done.returncode != 0:
            raise BenchError(f"javac bench/LoadGen.java: {done.stderr.strip()}")

    def loadgen(self, args, prefix=None, quiet=False):
        """LoadGen's JSON (with --json); its line is printed (and logged unless it is a warm-up)."""
        out = os.path.join(self.work, "lg.json")
        if os.path.exists(out):
            os.remove(out)
        done = subprocess.run(["java", "-XX:+UseSerialGC", "-Xmx256m", "-cp", self.lg, "LoadGen", *args, "--json", out],
                              capture_output=True, text=True)
        for line in done.stdout.splitlines():
            if prefix is not None:
                say(prefix + line)
            elif not quiet:
                log(line)
        if done.returncode != 0 or not os.path.exists(out):
            raise BenchError(f"LoadGen {' '.join(args)} failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        with open(out) as f:
            return json.load(f)

    def warmup(self, *args, quiet=False):
        self.loadgen(["--label", "warmup", *args], prefix=None if quiet else "(not recorded) ", quiet=quiet)

    def run(self, name, tags, *args):
        before = load1()
        d = self.loadgen(["--label", name, *args])
        d.update(tags)
        d["load1"] = {"before": before, "after": load1()}
        self.runs.append(d)
        return d

    def pgbench(self, c, seconds, name=None):
        j = min(c, 2)
        before = load1()
        done = subprocess.run(["pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-c", str(c), "-j", str(j),
                               "-T", str(seconds), "-f", self.event_sql, self.scratch], capture_output=True, text=True)
        if done.returncode != 0:
            raise BenchError(f"pgbench: {done.stdout}{done.stderr}")
        tps = lat = None
        for line in done.stdout.splitlines():
            if line.startswith("tps = ") and "(without initial connection time)" in line:
                tps = float(line.split()[2])
            elif line.startswith("latency average = "):
                lat = float(line.split()[3])
        if name is None:
            return
        log(f"pgbench c={c} j={j}: {tps} tps, latency average {lat} ms")
        self.runs.append({"label": name, "concurrency": c, "jobs": j, "durationS": seconds, "throughput": tps,
                          "latencyAvgMs": lat, "command": f"pgbench -n -c {c} -j {j} -T {seconds} -f event.sql",
                          "load1": {"before": before, "after": load1()}})

    # ------------------------------------------------------------ the read side after the writes
    def catchup(self, dep, port, db, key):
        """How far each tracking processor is behind the store's head when the writes stop, how long they
        take to reach it (bounded by BENCH_CATCHUP_MAX), the rows each table received, and the writing
        organization's audit hash chain (GET /v1/audit-log/verify)."""
        head = int(sql(db, "select max(global_index) from domain_event_entry") or 0)
        tokens = json.loads(sql(db, "select json_object_agg(processor_name, (convert_from(token, 'UTF8')::json->>'index')::bigint) "
                                    "from token_entry where token is not null") or "{}")
        before, t0 = load1(), time.time()
        behind = -1
        for _ in range(CATCHUP_MAX * 2):
            behind = int(sql(db, "select count(*) from token_entry where token is not null "
                                 f"and (convert_from(token, 'UTF8')::json->>'index')::bigint < {head}"))
            if behind == 0:
                break
            time.sleep(0.5)
        secs = round(time.time() - t0, 1)
        time.sleep(1)   # let the statistics collector see the last writes
        tables = json.loads(sql(db, "select json_object_agg(relname, json_build_object('ins', n_tup_ins, 'upd', n_tup_upd, "
                                    "'del', n_tup_del)) from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del > 0")
                            or "{}")
        try:
            _, _, body = Api(port).call("GET", "/v1/audit-log/verify", key)
            verify = body.get("data") if isinstance(body, dict) else None
        except (OSError, ValueError):
            verify = None
        lag = {k: head - v for k, v in sorted(tokens.items(), key=lambda kv: kv[1])}
        worst = max(lag.values()) if lag else 0
        self.runs.append({"label": f"{dep}-catchup", "deployment": dep, "kind": "catchup", "head": head,
                          "lagAtEndOfWrites": lag, "catchUpSeconds": secs, "processorsStillBehind": behind,
                          "catchUpBoundS": CATCHUP_MAX,
                          "worstLagEventsPerS": round(worst / secs, 1) if secs > 0 and behind == 0 else None,
                          "tables": tables, "auditVerify": verify, "load1": {"before": before, "after": load1()}})
        log(f"{dep} read side when the writes stopped: head {head}, worst lag {worst} events "
            f"({', '.join(f'{k} {v}' for k, v in lag.items() if v > 100) or 'all within 100'}); "
            + (f"all processors at head after {secs} s" if behind == 0 else f"{behind} processors still behind after {secs} s (bound)")
            + f"; audit verify: {verify}")

    # ------------------------------------------------------------ one deployment: writes and reads
    def target(self, dep, strata, db):
        port, base, admin = strata.port, strata.base_url, strata.admin_token
        api = Api(port)
        _, key = api.new_organization(admin, "bench-writes")
        auth = ["--header", f"Authorization: Bearer {key}"]
        if "writes" in PARTS:
            # Warm-up of the JVM (JIT) and of both endpoints before any measured run: the first requests after
            # start-up take up to seconds each.
            self.warmup("--method", "POST", "--url", f"{base}/v1/projects", *auth, "--body", '{"name": "warm-{run}-{n}"}',
                        "--concurrency", "4", "--duration", str(JVM_WARM))
            self.warmup("--method", "POST", "--url", f"{base}/v1/api-keys", *auth,
                        "--body", '{"name": "warm-{run}-{n}", "scopes": ["projects:read"]}',
                        "--concurrency", "4", "--duration", str(JVM_WARM))
            for c in CONC:
                self.run(f"{dep}-projects-c{c}", {"deployment": dep, "kind": "write", "endpoint": "projects"},
                         "--method", "POST", "--url", f"{base}/v1/projects", *auth, "--body", '{"name": "p-{run}-{n}"}',
                         "--concurrency", str(c), "--warmup", str(WWARM), "--duration", str(WDUR))
                self.run(f"{dep}-apikeys-c{c}", {"deployment": dep, "kind": "write", "endpoint": "api-keys"},
                         "--method", "POST", "--url", f"{base}/v1/api-keys", *auth,
                         "--body", '{"name": "k-{run}-{n}", "scopes": ["projects:read"]}',
                         "--concurrency", str(c), "--warmup", str(WWARM), "--duration", str(WDUR))
                self.pgbench(c, WDUR, f"pgbench-{dep}-c{c}")
            # What the writes stored: events per type and their sizes (for the baseline's row size).
            text = sql(db, "select json_agg(t) from (select payload_type, count(*) n, round(avg(octet_length(payload))) payload_bytes, "
                           "round(avg(octet_length(meta_data))) meta_bytes from domain_event_entry group by 1 order by 2 desc) t")
            self.events[dep] = json.loads(text) if text else None
            self.catchup(dep, port, db, key)
        if "reads" in PARTS:
            self.reads(dep, strata, db)

    def reads(self, dep, strata, db):
        base = strata.base_url
        api = Api(strata.port)
        _, rkey = api.new_organization(strata.admin_token, "bench-reads")
        org = api.expect(200, "GET", "/v1/me", rkey)["data"]["organization"]["id"]
        prj = api.expect(201, "POST", "/v1/projects", rkey, {"name": "reads"})["data"]["id"]
        # The read table only: no engine is provisioned, no event is written for these rows.
        sql(db, f"""insert into q_databases (id, organization_id, project_id, name, engine, status, host, port,
                database_name, managed, created_at, updated_at, version, position)
              select 'db_bench' || lpad(i::text, 8, '0'), '{org}', '{prj}', 'db-' || i, 'postgres', 'ready', '127.0.0.1', 5432,
                's_' || left(md5(i::text), 24), true, now(), now(), 1, i from generate_series(1, {ROWS}) i""")
        sql(db, "analyze q_databases")
        page = api.expect(200, "GET", "/v1/databases?limit=50", rkey)
        log(f"{dep} reads: organization {org} with {ROWS} rows in q_databases; GET /v1/databases?limit=50 -> "
            f"{len(page['data'])} {page['meta']['nextCursor'] is not None} (rows, has next page)")
        # Closed-loop ceiling of /health with wrk (a cross-check of the open-loop ladder).
        before = load1()
        wrk_rps = None
        if shutil.which("wrk"):
            done = subprocess.run(["wrk", "-t2", "-c16", "-d8s", f"{base}/health"], capture_output=True, text=True)
            wrk_rps = next((float(line.split()[1]) for line in done.stdout.splitlines()
                            if line.startswith("Requests/sec")), None)
        log(f"{dep} wrk -t2 -c16 -d8s /health: {wrk_rps if wrk_rps is not None else ''} req/s (load {before:.2f} -> {load1():.2f})")
        self.runs.append({"label": f"{dep}-wrk-health", "deployment": dep, "kind": "wrk", "throughput": wrk_rps,
                          "load1": {"before": before, "after": load1()}})
        auth = ["--header", f"Authorization: Bearer {rkey}"]
        # The list endpoint's code paths, compiled before the ladder measures them (not recorded).
        self.warmup("--url", f"{base}/v1/databases?limit=50", *auth, "--concurrency", "8", "--duration", str(READ_WARM),
                    quiet=True)
        health_best = 0
        for ep in ("health", "databases"):
            url, hdr = (f"{base}/health", []) if ep == "health" else (f"{base}/v1/databases?limit=50", auth)
            best = 0
            for rate in RATES:
                # A failed step is run once more before the ladder stops: on this shared box a neighbour's burst
                # can stall one step (both attempts are recorded).
                passed = False
                for attempt in (1, 2):
                    d = self.run(f"{dep}-{ep}-rate{rate}-a{attempt}",
                                 {"deployment": dep, "kind": "ladder", "endpoint": ep, "attempt": attempt},
                                 "--url", url, *hdr, "--rate", str(rate), "--warmup", str(SWARM), "--duration", str(SDUR),
                                 "--max-in-flight", "256", "--timeout-ms", "5000", "--drain-ms", "5000")
                    if sustainable(d):
                        passed = True
                        break
                if not passed:
                    break
                best = rate
            log(f"{dep} {ep}: sustainable {best}/s (highest ladder rate with achieved >= 95 % of offered, no errors, "
                f"p99 <= {P99_BOUND:g} ms, in one of at most two attempts)")
            if ep == "health":
                health_best = best
        half = health_best // 2
        if half > 0:
            self.run(f"{dep}-databases-half-health", {"deployment": dep, "kind": "half", "endpoint": "databases"},
                     "--url", f"{base}/v1/databases?limit=50", *auth, "--rate", str(half), "--warmup", "3",
                     "--duration", str(HALF_DUR), "--max-in-flight", "256", "--timeout-ms", "5000", "--drain-ms", "5000")


def main(_args):
    global LOG
    require("java", "javac", "psql", "pgbench")
    require_jars(*(harness.JARS if SPLIT else ("standalone",)))
    java_opts = harness.java_opts()
    ts = timestamp()
    out, LOG = out_file("throughput", ts), out_file("throughput", ts, ".log")
    open(LOG, "w").close()
    uptime_start = uptime()
    log(f"throughput: store strata_tp_{ts}, scratch strata_tp_{ts}_pgbench, concurrency: {' '.join(map(str, CONC))}, "
        f"parts: {' '.join(PARTS)}, split: {int(SPLIT)}")
    log(f"load at start: {uptime_start}")
    with harness.workdir("tp") as work, harness.fresh_database(f"strata_tp_{ts}_pgbench") as scratch:
        sql(scratch, SCRATCH_TABLE)
        runner = Runner(work, scratch)
        runner.pgbench(8, 3)   # warms the scratch table and PostgreSQL's caches; not recorded
        deployments = ["standalone"] + (["split"] if SPLIT else [])
        for dep in deployments:
            db_name = f"strata_tp_{ts}" + ("_split" if dep == "split" else "")
            with harness.fresh_database(db_name) as db:
                strata = harness.Strata(dep, db, work, java_opts=java_opts, env=harness.ENGINES_SQLITE_ONLY,
                                        log=out_file("throughput", ts, "-standalone.log") if dep == "standalone" else None)
                try:
                    with strata:
                        log(f"{dep} up on :{strata.port}" + (f" ({', '.join(f'{k} :{v}' for k, v in strata.ports.items())})"
                                                           if strata.ports else f" (pid {strata.pid})"))
                        runner.target(dep, strata, db)
                    log(f"{dep} log ERROR lines: {strata.error_lines()}")
                finally:
                    if dep == "split":
                        strata.keep_logs(out_file("throughput", ts, "-split"))
        summary = report(runner.runs, runner.events)
    command = (f"BENCH_CONCURRENCY='{' '.join(map(str, CONC))}' BENCH_WRITE_DURATION={WDUR} BENCH_WRITE_WARMUP={WWARM} "
               f"BENCH_READ_ROWS={ROWS} BENCH_SPLIT={int(SPLIT)} bash bench/throughput.sh")
    doc = {"benchmark": "throughput", "command": command, "gitCommit": git_commit(), "javaOpts": java_opts,
           "uptimeStart": uptime_start, "uptimeEnd": uptime(), "p99BoundMs": P99_BOUND, "summary": summary,
           "runs": runner.runs}
    write_json(out, doc, indent=1)
    log(f"wrote {out}")
    log(f"load at end: {uptime()}")
