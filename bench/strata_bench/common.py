"""What every benchmark shares: paths, environment, load, percentiles, psql and a keep-alive client.

Standard library only; talks only to 127.0.0.1. The benchmarks run with the repository root as the
working directory (__main__ changes to it), so the paths they print read `bench/out/...`.
"""
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(BENCH_DIR)
OUT_DIR = "bench/out"   # relative to ROOT, as the results name it
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", "5432", "postgres"


class BenchError(Exception):
    """A benchmark cannot go on; __main__ prints the message (no traceback) and exits 1."""


def env(name, default=None):
    """A BENCH_* setting; a missing one without a default is an error."""
    value = os.environ.get(name, default)
    if value is None:
        raise BenchError(f"{name} is required")
    return value


def load1():
    return os.getloadavg()[0]


def loadavg():
    one, five, fifteen = os.getloadavg()
    return {"1m": one, "5m": five, "15m": fifteen}


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def timestamp():
    return time.strftime("%Y%m%d%H%M%S", time.gmtime())


def iso_now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def git_commit(mark_dirty=False):
    def git(*args):
        return subprocess.run(["git", "-C", ROOT, *args], capture_output=True, text=True)
    commit = git("rev-parse", "--short", "HEAD").stdout.strip() or "unknown"
    if mark_dirty and git("diff", "--quiet", "HEAD").returncode != 0:
        commit += "-dirty"
    return commit


def out_file(kind, ts, suffix=".json"):
    os.makedirs(OUT_DIR, exist_ok=True)
    return f"{OUT_DIR}/{kind}-{ts}{suffix}"


def write_json(path, doc, indent=2):
    with open(path, "w") as f:
        json.dump(doc, f, indent=indent, default=str)


def free_port():
    """A port nobody listens on right now (the kernel's choice), so parallel runs do not collide."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require(*tools):
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        raise BenchError(f"missing tools: {' '.join(missing)}")


def require_jars(*modules):
    for m in modules:
        if not os.path.isfile(f"{m}/target/{m}.jar"):
            raise BenchError(f"{m}/target/{m}.jar missing; build with ./mvnw -B -q -DskipTests package")


def psql(db="postgres"):
    """The psql command line for a database of the local PostgreSQL (trust auth)."""
    return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, "-d", db]


def sql(db, query):
    """One statement through psql; its unaligned, tuples-only output."""
    done = subprocess.run(psql(db) + ["-Atc", query], capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"psql -d {db}: {done.stderr.strip()}")
    return done.stdout.strip()


def percentile(sorted_values, p):
    """Nearest rank: the smallest value with at least p % of the samples at or below it."""
    rank = max(1, -(-p * len(sorted_values) // 100))
    return sorted_values[rank - 1]


def summary(values):
    """n, median, p95, p99 (nearest rank), min, max and mean; None without values."""
    v = sorted(values)
    if not v:
        return None
    return {"n": len(v), "median": statistics.median(v), "p95": percentile(v, 95), "p99": percentile(v, 99),
            "min": v[0], "max": v[-1], "mean": statistics.fmean(v)}


def say(*args):
    print(*args, flush=True)


def warn(message):
    print(message, file=sys.stderr, flush=True)


class Api:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1:port; call() returns (status, headers, JSON or None)."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method, path, token=None, body=None, headers=None):
        h = {"Accept": "application/json"}
        if token:
            h["Authorization"] = "Bearer " + token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if headers:
            h.update(headers)
        try:
            self.conn.request(method, path, body=data, headers=h)
            resp = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()  # reconnect once: the server may have closed an idle keep-alive
            self.conn.request(method, path, body=data, headers=h)
            resp = self.conn.getresponse()
        raw = resp.read()
        return resp.status, resp.headers, (json.loads(raw) if raw else None)

    def expect(self, want, method, path, token=None, body=None, headers=None):
        """call(), and the body when the status is `want`; anything else is an error."""
        status, _, payload = self.call(method, path, token, body, headers)
        if status != want:
            raise BenchError(f"{method} {path} -> {status} {payload!r:.300}")
        return payload

    def new_organization(self, admin_token, name):
        """POST /v1/organizations as the operator: (organization id, the first key's secret)."""
        data = self.expect(201, "POST", "/v1/organizations", admin_token, {"name": name})["data"]
        return data["organization"]["id"], data["apiKey"]["secret"]

    def close(self):
        self.conn.close()
