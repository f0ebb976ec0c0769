# Driver of bench/replay-quick.sh: seeds 4,000 events through the API, then times two replays.
import json, sys, time, threading, urllib.request
BASE = sys.argv[1]; TOKEN = "mb-token"
def req(method, path, key, body=None):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(BASE + path, data=data, method=method, headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=30) as resp:
        return json.loads(resp.read() or b"null")
key = req("POST", "/v1/organizations", TOKEN, {"name": "mb"})["data"]["apiKey"]["secret"]
def worker(n):
    for i in range(n):
        pid = req("POST", "/v1/projects", key, {"name": "p%d" % i})["data"]["id"]
        req("PATCH", "/v1/projects/" + pid, key, {"name": "q%d" % i})
ts = [threading.Thread(target=worker, args=(250,)) for _ in range(8)]
t0 = time.time(); [t.start() for t in ts]; [t.join() for t in ts]
print("seeded 4000 events in %.1f s" % (time.time() - t0))
def projections():
    return {p["name"]: p for p in req("GET", "/v1/admin/projections", TOKEN)["data"]}
# wait caught up
while any(p["lag"] > 0 or p["state"] != "running" for p in projections().values()): time.sleep(0.2)
for name in ["query.audit-log", "query.projects"]:
    head = max(p["position"] or 0 for p in projections().values())
    t0 = time.time()
    req("POST", "/v1/admin/projections/%s/replay" % name, TOKEN, {})
    time.sleep(0.3)
    while True:
        p = projections()[name]
        if p["state"] == "running" and (p["position"] or 0) >= head: break
        time.sleep(0.05)
    dt = time.time() - t0
    print("replay %s: %d events in %.2f s = %.0f events/s" % (name, head, dt, head / dt))
