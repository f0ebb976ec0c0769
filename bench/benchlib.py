"""What the benchmark drivers share: environment, load, percentiles and a keep-alive client for Strata.

Standard library only; talks only to 127.0.0.1. The drivers run as `python3 bench/<driver>.py`, so this
folder is on their import path.
"""
import http.client
import json
import os
import statistics
import subprocess
import sys


def env(name, default=None):
    """An environment variable; a missing one without a default ends the driver with a message."""
    value = os.environ.get(name, default)
    if value is None:
        sys.exit(f"{os.path.basename(sys.argv[0])}: {name} is required")
    return value


def load1():
    return os.getloadavg()[0]


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


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


class Api:
    """One keep-alive HTTP/1.1 connection to Strata on 127.0.0.1; call() returns (status, headers, JSON or None)."""

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
