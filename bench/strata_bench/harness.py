"""The one place that starts Strata for a benchmark: on a fresh PostgreSQL database, on free ports, with a
new operator token and secrets key; waits for /health, hands over the base URL and the token, and stops
everything again, also when the benchmark fails or is interrupted.

    with harness.workdir("replay") as work, harness.fresh_database(f"strata_replay_{ts}") as db:
        with harness.Strata("standalone", db, work, log="bench/out/replay-<ts>.log") as strata:
            api = Api(strata.port); strata.admin_token ...

A deployment is a runnable jar (`standalone`, `command-service`, `query-service`, `provisioner-saga`)
or `split`: the three services behind the nginx gateway, started by bin/run-split.sh (its own ports).
"""
import base64
import contextlib
import http.client
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time

from . import common
from .common import BenchError, PG_HOST, PG_PORT, PG_USER, free_port, psql, say, warn

JAVA_OPTS = "-XX:MaxRAMPercentage=75 -XX:+UseSerialGC"   # the Dockerfile's options
JARS = ("standalone", "command-service", "query-service", "provisioner-saga")

# Engine administration for the provisioner: every engine of this machine, or none (only SQLite, always on).
ENGINES_LOCAL = {"STRATA_ENGINES_POSTGRES_ADMIN_URL": f"jdbc:postgresql://{PG_HOST}:{PG_PORT}/postgres",
                 "STRATA_ENGINES_POSTGRES_ADMIN_USER": PG_USER,
                 "STRATA_ENGINES_MARIADB_ADMIN_URL": "jdbc:mariadb://127.0.0.1:3306/",
                 "STRATA_ENGINES_MARIADB_ADMIN_USER": "root"}
ENGINES_SQLITE_ONLY = {"STRATA_ENGINES_POSTGRES_ADMIN_URL": "", "STRATA_ENGINES_MARIADB_ADMIN_URL": ""}

STARTED = re.compile(r"Started (\S+) in ([0-9.]+) seconds \(process running for ([0-9.]+)\)")


def java_opts(default=JAVA_OPTS):
    return common.env("BENCH_JAVA_OPTS", default)


@contextlib.contextmanager
def workdir(name):
    """A scratch directory for logs, SQLite files and run dirs; removed at the end."""
    path = tempfile.mkdtemp(prefix=f"strata-{name}.")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def create_database(name):
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise BenchError(f"not a database name for a benchmark: {name}")
    done = subprocess.run(psql() + ["-c", f"CREATE DATABASE {name}"], capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"CREATE DATABASE {name}: {done.stderr.strip()}")


def drop_database(name):
    subprocess.run(psql() + ["-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@contextlib.contextmanager
def fresh_database(name):
    """CREATE DATABASE name; dropped (WITH FORCE) at the end, whatever happened."""
    create_database(name)
    try:
        yield name
    finally:
        drop_database(name)


def new_admin_token():
    return "bench-" + secrets.token_hex(16)


def new_secrets_key():
    return base64.b64encode(os.urandom(32)).decode()


def stop_process(proc, seconds=20):
    """TERM, wait up to the bound, then KILL; a finished process is fine."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def health(port, timeout=5):
    """The status of GET /health on a fresh connection, or None when nothing answers."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            c.request("GET", "/health")
            resp = c.getresponse()
            resp.read()
            return resp.status
        finally:
            c.close()
    except OSError:
        return None


def tail(path, lines=30):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


class Strata:
    """One deployment on one database. start() returns once /health answers 200 (bounded by
    health_timeout); stop() stops what start() started. Usable again after stop() (same database,
    token and key: replay restarts the standalone on its store).

    After start(): port (the one base URL: the jar's, or the gateway's for split), base_url,
    admin_token, secrets_key, pid (of the jar; of run-split.sh for split), startup_s (perf_counter
    before the launch to the first 200), started_line ("Started X in Y seconds" of the log).
    """

    def __init__(self, deployment, db, work, log=None, java_opts=None, env=None, health_timeout=180,
                 admin_token=None, secrets_key=None, label=None, jar=None):
        if deployment != "split" and deployment not in JARS:
            raise BenchError(f"unknown deployment {deployment} (one of split, {', '.join(JARS)})")
        self.deployment, self.db, self.work = deployment, db, work
        self.label = label or deployment
        self.jar = jar or f"{deployment}/target/{deployment}.jar"   # another build of that jar, to compare
        self.log = log or os.path.join(work, f"{self.label}.log")
        self.java_opts = java_opts if java_opts is not None else common.env("BENCH_JAVA_OPTS", JAVA_OPTS)
        self.extra_env = dict(env or {})
        self.health_timeout = health_timeout
        self.admin_token = admin_token or new_admin_token()
        self.secrets_key = secrets_key or new_secrets_key()
        self.proc = None
        self.port = None
        self.ports = {}
        self.startup_s = None
        self.started_line = None

    # ------------------------------------------------------------ what the processes get
    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    @property
    def run_dir(self):
        """bin/run-split.sh's directory: logs/<service>.log, pid files, the gateway's config."""
        return os.path.join(self.work, f"split-{self.label}")

    def service_logs(self):
        if self.deployment == "split":
            logs = os.path.join(self.run_dir, "logs")
            return sorted(os.path.join(logs, f) for f in os.listdir(logs)) if os.path.isdir(logs) else []
        return [self.log]

    def _env(self):
        e = dict(os.environ)
        e.pop("JAVA_TOOL_OPTIONS", None)   # would change the JVM under measurement
        e.update(SPRING_DATASOURCE_URL=f"jdbc:postgresql://{PG_HOST}:{PG_PORT}/{self.db}",
                 SPRING_DATASOURCE_USERNAME=PG_USER, STRATA_ADMIN_TOKEN=self.admin_token,
                 STRATA_SECRETS_KEY=self.secrets_key,
                 STRATA_ENGINES_SQLITE_DATA_DIR=os.path.join(self.work, f"sqlite-{self.label}"))
        e.update(self.extra_env)
        return e

    # ------------------------------------------------------------ start and stop
    def start(self):
        if self.proc is not None:
            raise BenchError(f"{self.label} is already running")
        e = self._env()
        log = open(self.log, "a")
        try:
            t0 = time.perf_counter()
            if self.deployment == "split":
                self.ports = {"gateway": free_port(), "command": free_port(), "query": free_port(),
                              "provisioner": free_port()}
                self.port = self.ports["gateway"]
                e.update(STRATA_RUN_DIR=self.run_dir, GATEWAY_PORT=str(self.port), COMMAND_PORT=str(self.ports["command"]),
                         QUERY_PORT=str(self.ports["query"]), PROVISIONER_PORT=str(self.ports["provisioner"]),
                         JAVA_OPTS=self.java_opts, STRATA_START_TIMEOUT=str(self.health_timeout))
                self.proc = subprocess.Popen(["bin/run-split.sh"], env=e, stdout=log, stderr=subprocess.STDOUT)
            else:
                self.port = free_port()
                e["SERVER_PORT"] = str(self.port)
                self.proc = subprocess.Popen(["java", *self.java_opts.split(), "-jar", self.jar],
                                             env=e, stdout=log, stderr=subprocess.STDOUT)
        finally:
            log.close()
        try:
            self._wait_healthy(t0)
        except BaseException:
            self.stop()
            raise
        m = None
        for m in STARTED.finditer(tail(self.log, 10000)):
            pass   # the last one: a restarted standalone appends to its log
        self.started_line = m and {"app": m.group(1), "started_in_s": float(m.group(2)),
                                   "process_running_for_s": float(m.group(3))}
        where = (", ".join(f"{k} :{v}" for k, v in self.ports.items()) if self.ports else f":{self.port}")
        say(f"started {self.label} on {where} (pid {self.pid}), healthy after {self.startup_s:.1f} s"
            + (f": Started {m.group(1)} in {m.group(2)} seconds" if m else ""))
        return self

    def _wait_healthy(self, t0):
        # split: run-split.sh says so once all three services and the gateway answer /health.
        deadline = t0 + self.health_timeout + (20 if self.deployment == "split" else 0)
        while True:
            if self.proc.poll() is not None:
                warn(tail(self.log))
                raise BenchError(f"{self.label} exited during start-up (exit {self.proc.returncode}); see {self.log}")
            if self.deployment == "split":
                up = "Strata split is up" in tail(self.log, 50)
            else:
                up = health(self.port) == 200
            if up:
                self.startup_s = time.perf_counter() - t0
                return
            if time.perf_counter() > deadline:
                warn(tail(self.log))
                raise BenchError(f"{self.label}: no 200 from /health after {self.health_timeout} s; see {self.log}")
            time.sleep(0.02 if self.deployment != "split" else 0.5)

    def stop(self):
        if self.proc is None:
            return
        stop_process(self.proc, 20)   # run-split.sh stops its JVMs and nginx on TERM
        if self.deployment == "split":   # safety net: whatever its pid files still name
            subprocess.run(["bin/run-split.sh", "stop"], env=dict(os.environ, STRATA_RUN_DIR=self.run_dir),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.proc = None

    def keep_logs(self, directory):
        """Copies the service logs to directory (kept after the work dir is gone)."""
        os.makedirs(directory, exist_ok=True)
        for path in self.service_logs():
            if os.path.isfile(path):
                shutil.copy(path, directory)

    def error_lines(self):
        """How many lines of the services' logs are ERROR lines."""
        count = 0
        for path in self.service_logs():
            with open(path, errors="replace") as f:
                count += sum(1 for line in f if " ERROR " in line)
        return count

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
