"""Provisioning latency: Strata (the standalone) against the raw cost of the adapters' statements.

    bash bench/provisioning.sh      (= python3 -m strata_bench provisioning, from bench/)

Times Strata's asynchronous database provisioning (POST /v1/databases, then GET /v1/jobs/{id}
every 5 ms until the job is completed) against the raw cost of the same statements the
provisioner's engine adapters run, issued through the engine's own CLI, on the same servers,
with the same clock (time.perf_counter); then the deletions the same way.

Environment (all optional): BENCH_ROUNDS (20 measured rounds per engine), BENCH_WARMUP (5),
BENCH_ENGINES ("postgres mariadb sqlite"), BENCH_MIN_POSITION (0: plain polling; 1: every poll sends
X-Strata-Min-Position from the POST, the read-your-writes wait), BENCH_JAVA_OPTS.
Needs psql (PostgreSQL on 127.0.0.1:5432, trust auth), the mariadb client (127.0.0.1:3306, root, no
password), sqlite3. Whatever reached an engine and was not deleted by the run is dropped at the end.
Output: one line per engine and bench/out/provisioning-<ts>.json (the standalone's log beside it).
"""
import base64
import hashlib
import hmac
import os
import secrets
import statistics
import subprocess
import time

from . import harness
from .common import (Api, BenchError, PG_HOST, PG_PORT, PG_USER, env, git_commit, iso_now, loadavg, out_file, require,
                     require_jars, say, summary, timestamp, uptime, write_json)

POLL_INTERVAL_S = 0.005
JOB_TIMEOUT_S = 60.0

ROUNDS = int(env("BENCH_ROUNDS", "20"))
WARMUP = int(env("BENCH_WARMUP", "5"))
ENGINES = env("BENCH_ENGINES", "postgres mariadb sqlite").split()
# 1: every poll carries X-Strata-Min-Position (the POST's X-Strata-Position), i.e. read-your-writes;
# 0 (default): plain polling, a 404 before the job reaches the read side counts as "not yet".
MIN_POSITION = env("BENCH_MIN_POSITION", "0") == "1"
MY_HOST, MY_PORT, MY_USER = "127.0.0.1", "3306", "root"


# ---------------------------------------------------------------- Strata over HTTP (keep-alive)

def wait_job(api, key, job_id, position):
    """Polls the job every 5 ms; returns (perf_counter at the first poll showing it completed, polls)."""
    deadline = time.perf_counter() + JOB_TIMEOUT_S
    polls = 0
    headers = {"X-Strata-Min-Position": position} if MIN_POSITION and position else None
    while True:
        status, _, body = api.call("GET", f"/v1/jobs/{job_id}", key, headers=headers)
        now = time.perf_counter()
        polls += 1
        if status == 200:
            state = body["data"]["state"]
            if state == "completed":
                return now, polls
            if state == "failed":
                raise BenchError(f"job {job_id} failed: {body['data'].get('error')}")
        elif status != 404:  # 404: not on the read side yet
            raise BenchError(f"GET /v1/jobs/{job_id} -> {status} {body}")
        if now > deadline:
            raise BenchError(f"job {job_id} not completed after {JOB_TIMEOUT_S} s")
        time.sleep(POLL_INTERVAL_S)


def engine_name(database_id):
    """EngineNames.of: "s_" + first 24 hex chars of SHA-256(databaseId)."""
    return "s_" + hashlib.sha256(database_id.encode()).hexdigest()[:24]


def strata_create(api, key, project_id, engine, name, created):
    t0 = time.perf_counter()
    status, headers, body = api.call("POST", "/v1/databases", key,
                                     {"projectId": project_id, "name": name, "engine": engine})
    if status != 202:
        raise BenchError(f"POST /v1/databases -> {status} {body}")
    job = body["data"]
    created.append((engine, engine_name(job["resourceId"])))
    done, polls = wait_job(api, key, job["id"], headers.get("X-Strata-Position"))
    return (done - t0) * 1000.0, job["resourceId"], polls


def strata_delete(api, key, database_id):
    t0 = time.perf_counter()
    status, headers, body = api.call("DELETE", f"/v1/databases/{database_id}", key)
    if status != 202:
        raise BenchError(f"DELETE /v1/databases/{database_id} -> {status} {body}")
    done, _ = wait_job(api, key, body["data"]["id"], headers.get("X-Strata-Position"))
    return (done - t0) * 1000.0


# ---------------------------------------------------------------- raw baseline through the CLIs

def scram_sha256(password):
    """PasswordHashes.scramSha256: SCRAM-SHA-256 verifier, 4096 iterations, 16-byte random salt."""
    salt = os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 4096, 32)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    b64 = lambda b: base64.b64encode(b).decode()
    return f"SCRAM-SHA-256$4096:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def mysql_native(password):
    """PasswordHashes.mysqlNative: "*" + HEX(SHA1(SHA1(password)))."""
    return "*" + hashlib.sha1(hashlib.sha1(password.encode()).digest()).hexdigest().upper()


def run(cmd, sql):
    done = subprocess.run(cmd, input=sql.encode(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise BenchError(f"{cmd[0]} exited with {done.returncode}: {done.stderr.decode(errors='replace').strip()}")


PSQL = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", "postgres"]
MARIADB = ["mariadb", "--protocol=TCP", "-h", MY_HOST, "-P", MY_PORT, "-u", MY_USER, "--batch"]
SQLITE_RAW_DIR = None   # set by main(): the raw baseline's SQLite files, in the run's work dir


def raw_postgres(name):
    # The statements of PostgresAdapter.provision, one psql session (one admin connection) per round.
    t0 = time.perf_counter()
    verifier = scram_sha256(secrets.token_urlsafe(24))
    run(PSQL, f"""select 1 from pg_roles where rolname = '{name}';
CREATE ROLE "{name}" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{verifier}';
select 1 from pg_database where datname = '{name}';
CREATE DATABASE "{name}" OWNER "{name}";
ALTER DATABASE "{name}" OWNER TO "{name}";
REVOKE CONNECT, TEMPORARY ON DATABASE "{name}" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE "{name}" TO "{name}";
""")
    return (time.perf_counter() - t0) * 1000.0


def raw_postgres_drop(name):
    # PostgresAdapter.deprovision
    t0 = time.perf_counter()
    run(PSQL, f"""ALTER ROLE "{name}" NOLOGIN;
select pg_terminate_backend(pid) from pg_stat_activity where (datname = '{name}' or usename = '{name}') and pid <> pg_backend_pid();
DROP DATABASE IF EXISTS "{name}" WITH (FORCE);
DROP OWNED BY "{name}";
DROP ROLE IF EXISTS "{name}";
""")
    return (time.perf_counter() - t0) * 1000.0


def raw_mariadb(name):
    # The statements of MariaDbAdapter.provision, one client session per round.
    t0 = time.perf_counter()
    h = mysql_native(secrets.token_urlsafe(24))
    run(MARIADB, f"""CREATE DATABASE IF NOT EXISTS `{name}`;
CREATE USER IF NOT EXISTS '{name}'@'%' IDENTIFIED BY PASSWORD '{h}';
ALTER USER '{name}'@'%' IDENTIFIED BY PASSWORD '{h}';
GRANT ALL PRIVILEGES ON `{name}`.* TO '{name}'@'%';
""")
    return (time.perf_counter() - t0) * 1000.0


def raw_mariadb_drop(name):
    # MariaDbAdapter.deprovision (no sessions to kill here)
    t0 = time.perf_counter()
    run(MARIADB, f"""DROP USER IF EXISTS '{name}'@'%';
select id from information_schema.processlist where user = '{name}' or db = '{name}';
DROP DATABASE IF EXISTS `{name}`;
""")
    return (time.perf_counter() - t0) * 1000.0


def raw_sqlite(name):
    # SqliteAdapter.provision: open <dir>/<name>.db (creating it) and run "pragma user_version".
    t0 = time.perf_counter()
    path = os.path.join(SQLITE_RAW_DIR, name + ".db")
    run(["sqlite3", path, "pragma user_version;"], "")
    elapsed = (time.perf_counter() - t0) * 1000.0
    if not os.path.exists(path):
        raise BenchError(f"sqlite3 did not create {path}")
    return elapsed


def raw_sqlite_drop(name):
    t0 = time.perf_counter()
    path = os.path.join(SQLITE_RAW_DIR, name + ".db")
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass
    return (time.perf_counter() - t0) * 1000.0


RAW = {"postgres": (raw_postgres, raw_postgres_drop), "mariadb": (raw_mariadb, raw_mariadb_drop),
       "sqlite": (raw_sqlite, raw_sqlite_drop)}


def forget(created):
    """Safety net: drops whatever reached an engine and was not deleted by the run (all IF EXISTS)."""
    for engine, name in created:
        if engine == "postgres":
            subprocess.run(PSQL, input=f"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE);
DO $$ BEGIN IF EXISTS (select 1 from pg_roles where rolname = '{name}') THEN
  EXECUTE 'DROP OWNED BY "{name}"'; EXECUTE 'DROP ROLE "{name}"'; END IF; END $$;
""".encode(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elif engine == "mariadb":
            subprocess.run(MARIADB, input=f"DROP USER IF EXISTS '{name}'@'%'; DROP DATABASE IF EXISTS `{name}`;".encode(),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(api, key, project_id, raw_prefix, created):
    results = {}
    for engine in ENGINES:
        create, drop = RAW[engine]
        load_before = loadavg()
        strata_ms, strata_polls, raw_ms, strata_del_ms, raw_del_ms = [], [], [], [], []
        databases = []
        # Interleaved: round i runs Strata, then the raw baseline, so both see the same load.
        for i in range(WARMUP + ROUNDS):
            ms, database_id, polls = strata_create(api, key, project_id, engine, f"bench-{engine}-{i}", created)
            databases.append(database_id)
            raw_name = f"{raw_prefix}_{engine[:2]}_{i}"
            created.append((engine, raw_name))
            raw = create(raw_name)
            if i >= WARMUP:
                strata_ms.append(ms)
                strata_polls.append(polls)
                raw_ms.append(raw)
        load_after = loadavg()
        # Clean up, timing the deletions too (all rounds, warm-up included, the first WARMUP not counted).
        for i, database_id in enumerate(databases):
            ms = strata_delete(api, key, database_id)
            raw = drop(f"{raw_prefix}_{engine[:2]}_{i}")
            if i >= WARMUP:
                strata_del_ms.append(ms)
                raw_del_ms.append(raw)
        s, r = summary(strata_ms), summary(raw_ms)
        sd, rd = summary(strata_del_ms), summary(raw_del_ms)
        results[engine] = {
            "strata_create_ms": s, "raw_create_ms": r, "ratio_median": s["median"] / r["median"],
            "strata_delete_ms": sd, "raw_delete_ms": rd, "delete_ratio_median": sd["median"] / rd["median"],
            "strata_polls_median": statistics.median(strata_polls),
            "samples": {"strata_create_ms": strata_ms, "raw_create_ms": raw_ms,
                        "strata_delete_ms": strata_del_ms, "raw_delete_ms": raw_del_ms},
            "loadavg_before": load_before, "loadavg_after": load_after,
        }
        say(f"provisioning {engine}: strata median {s['median']:.1f} ms p95 {s['p95']:.1f} ms | "
            f"raw median {r['median']:.1f} ms p95 {r['p95']:.1f} ms | ratio {s['median'] / r['median']:.1f}"
            f"   (load {load_before['1m']:.2f} -> {load_after['1m']:.2f})")
        say(f"  deletion {engine}: strata median {sd['median']:.1f} ms p95 {sd['p95']:.1f} ms | "
            f"raw median {rd['median']:.1f} ms p95 {rd['p95']:.1f} ms | ratio {sd['median'] / rd['median']:.1f}")
    return results


def main(_args):
    global SQLITE_RAW_DIR
    require("java", "psql", "mariadb", "sqlite3")
    require_jars("standalone")
    unknown = set(ENGINES) - set(RAW)
    if unknown:
        raise BenchError(f"unknown engines in BENCH_ENGINES: {' '.join(sorted(unknown))}")
    ts = timestamp()
    out, log = out_file("provisioning", ts), out_file("provisioning", ts, ".log")
    raw_prefix = f"sb{ts}"   # raw-baseline roles/databases/files: sb<ts>_<engine>_<i>
    started, uptime_start = iso_now(), uptime()
    created = []   # (engine, name) of everything that may have reached an engine
    with harness.workdir("bench") as work, harness.fresh_database(f"strata_bench_{ts}") as db:
        SQLITE_RAW_DIR = os.path.join(work, "sqlite-raw")
        os.makedirs(SQLITE_RAW_DIR)
        say(f"strata store: {db}, rounds {ROUNDS} (+{WARMUP} warm-up), engines: {' '.join(ENGINES)}, "
            f"X-Strata-Min-Position: {int(MIN_POSITION)}")
        say(f"load at start: {uptime_start}")
        try:
            with harness.Strata("standalone", db, work, log=log, env=harness.ENGINES_LOCAL) as strata:
                api = Api(strata.port)
                _, key = api.new_organization(strata.admin_token, "bench-" + raw_prefix)
                project_id = api.expect(201, "POST", "/v1/projects", key, {"name": "bench"})["data"]["id"]
                results = measure(api, key, project_id, raw_prefix, created)
        finally:
            forget(created)
    doc = {
        "benchmark": "provisioning", "started": started, "finished": iso_now(),
        "rounds": ROUNDS, "warmup": WARMUP, "min_position_header": MIN_POSITION, "poll_interval_ms": POLL_INTERVAL_S * 1000,
        "clock": "python time.perf_counter; strata = just before POST /v1/databases to the first GET /v1/jobs/{id} "
                 "answering completed (HTTP/1.1 keep-alive); raw = the adapter's statements via one CLI session "
                 "per round (process start + connect + statements + exit)",
        "cpus": os.cpu_count(), "uptime_start": uptime_start, "uptime_end": uptime(),
        "command": f"BENCH_ROUNDS={ROUNDS} BENCH_WARMUP={WARMUP} BENCH_MIN_POSITION={int(MIN_POSITION)} bash bench/provisioning.sh",
        "java_opts": harness.java_opts(), "git_commit": git_commit(), "engines": results,
    }
    write_json(out, doc)
    say(f"wrote {out}")
    say(f"load at end: {uptime()}")
