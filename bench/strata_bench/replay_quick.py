"""A quick replay measurement (a minute, not half an hour like the replay benchmark).

    bash bench/replay-quick.sh [jar]      (= python3 -m strata_bench replay-quick [jar], from bench/)

The standalone on a fresh database, 4,000 events written through the API (1,000 projects created and
renamed by 8 clients), then POST /v1/admin/projections/{name}/replay for query.audit-log and
query.projects, timed until each is running again at the head. A jar other than the standalone's
(e.g. an older build) can be given; it is started the same way.
"""
import threading
import time

from . import harness
from .common import Api, BenchError, load1, say, timestamp

CLIENTS, PROJECTS_PER_CLIENT = 8, 250
PROJECTIONS = ("query.audit-log", "query.projects")
TIMEOUT_S = 600


def seed(port, key):
    errors = []

    def worker():
        api = Api(port)
        try:
            for i in range(PROJECTS_PER_CLIENT):
                pid = api.expect(201, "POST", "/v1/projects", key, {"name": "p%d" % i})["data"]["id"]
                api.expect(200, "PATCH", "/v1/projects/" + pid, key, {"name": "q%d" % i})
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(repr(e))

    ts = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    t0 = time.time()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise BenchError(f"seed: {len(errors)} clients failed, e.g. {errors[0]}")
    say("seeded %d events in %.1f s" % (CLIENTS * PROJECTS_PER_CLIENT * 2, time.time() - t0))


def main(args):
    jar = args[0] if args else None
    with harness.workdir("rq") as work, harness.fresh_database(f"strata_rq_{timestamp()}") as db:
        with harness.Strata("standalone", db, work, java_opts=harness.java_opts("-XX:+UseSerialGC"), jar=jar) as strata:
            say(f"load before: {load1():.2f}")
            api = Api(strata.port)
            _, key = api.new_organization(strata.admin_token, "mb")
            seed(strata.port, key)
            admin = strata.admin_token

            def projections():
                return {p["name"]: p for p in api.expect(200, "GET", "/v1/admin/projections", admin)["data"]}

            deadline = time.monotonic() + TIMEOUT_S
            while any(p["lag"] > 0 or p["state"] != "running" for p in projections().values()):  # caught up
                if time.monotonic() > deadline:
                    raise BenchError(f"projections not caught up after {TIMEOUT_S} s")
                time.sleep(0.2)
            for name in PROJECTIONS:
                head = max(p["position"] or 0 for p in projections().values())
                t0 = time.time()
                api.expect(202, "POST", "/v1/admin/projections/%s/replay" % name, admin, {})
                time.sleep(0.3)
                while True:
                    p = projections()[name]
                    if p["state"] == "running" and (p["position"] or 0) >= head:
                        break
                    if time.monotonic() > deadline:
                        raise BenchError(f"{name} not caught up within {TIMEOUT_S} s")
                    time.sleep(0.05)
                dt = time.time() - t0
                say("replay %s: %d events in %.2f s = %.0f events/s" % (name, head, dt, head / dt))
            say(f"load after: {load1():.2f}")
