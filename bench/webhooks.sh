#!/usr/bin/env bash
# Webhook delivery: throughput (webhook.test fan-out to K local endpoints) against the receiver's own
# ceiling, latency from a JobCompleted event in the store to the receiver's 200, and latency from a
# webhook.test event in the store to the receiver's 200 at a fixed rate (100/s).
#
#   bash bench/webhooks.sh            # from the repo root, after ./mvnw -B -q -DskipTests package
#
# Environment (all optional): BENCH_ENDPOINTS (10), BENCH_TESTS_PER_ENDPOINT (200), BENCH_FIRE_THREADS (8,
# parallel clients firing POST /v1/webhooks/{id}/test), BENCH_BASELINE_CONCURRENCY (16 = db-scheduler's
# threads, the most attempts Strata runs at once), BENCH_JOBS (30 sqlite databases for the latency),
# BENCH_WRK_S (5, seconds of wrk against the receiver alone), BENCH_FIXED_RATE (100 test events/s) for
# BENCH_FIXED_SECONDS (20) over BENCH_RATE_ENDPOINTS (4) for the fixed-rate latency, BENCH_JAVA_OPTS ("-XX:MaxRAMPercentage=75 -XX:+UseSerialGC").
# Needs psql (PostgreSQL on 127.0.0.1:5432, trust auth), python3, curl, java; wrk (Debian package) for the
# receiver's ceiling (skipped when missing). Creates a fresh database strata_wh_<ts>, a temporary SQLite
# dir; starts the standalone with STRATA_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true and a local receiver
# (bench/webhooks.py receiver); stops both and drops the database on exit, also on failure.
# Output: one line per figure and bench/out/webhooks-<ts>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAMPercentage=75 -XX:+UseSerialGC}
WRK_S=${BENCH_WRK_S:-5}
JAR=standalone/target/standalone.jar
PG=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)

for tool in java psql python3 curl unzip; do
  command -v "$tool" >/dev/null || { echo "webhooks.sh: $tool is required" >&2; exit 2; }
done
[[ -f $JAR ]] || { echo "webhooks.sh: $JAR missing; build with ./mvnw -B -q -DskipTests package" >&2; exit 2; }

TS=$(date -u +%Y%m%d%H%M%S)
DB=strata_wh_$TS
mkdir -p bench/out
OUT=bench/out/webhooks-$TS.json
LOG=bench/out/webhooks-$TS.log
WORK=$(mktemp -d /tmp/strata-webhooks.XXXXXX)
mkdir -p "$WORK/sqlite"
JAVA_PID=
RECV_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$JAVA_PID"
  stop_pid "$RECV_PID"
  "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

PORT=$(free_port)
RPORT=$(free_port)
TOKEN=$(new_admin_token)
SECRETS_KEY=$(new_secrets_key)

"${PG[@]}" -d postgres -c "CREATE DATABASE $DB" >/dev/null
UPTIME_START=$(uptime)
echo "strata store: $DB, port $PORT, receiver port $RPORT"
echo "load at start: $UPTIME_START"

python3 bench/webhooks.py receiver "$RPORT" &
RECV_PID=$!

LAUNCH=(-jar "$JAR")

# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
SPRING_DATASOURCE_USERNAME=postgres \
STRATA_ADMIN_TOKEN=$TOKEN SERVER_PORT=$PORT STRATA_SECRETS_KEY=$SECRETS_KEY \
STRATA_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true \
STRATA_ENGINES_SQLITE_DATA_DIR=$WORK/sqlite \
  java $JAVA_OPTS "${LAUNCH[@]}" >"$LOG" 2>&1 &
JAVA_PID=$!

wait_health "$PORT" "$JAVA_PID" "$LOG"
echo "standalone up (pid $JAVA_PID): $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$LOG" | head -1)"
kill -0 "$RECV_PID" 2>/dev/null || { echo "webhooks.sh: receiver exited" >&2; exit 1; }

# The receiver alone, first: its ceiling with wrk (bounded by duration), POSTs of a webhook's size.
WRK_JSON=null
if command -v wrk >/dev/null; then
  cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"id":"evt_00000000000000000000","type":"webhook.test","createdAt":"2026-11-30T10:00:00Z","organizationId":"org_0000000000000000","data":{"webhookId":"wh_0000000000000000"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["webhook-id"] = "wrk"
LUA
  for c in 16 1; do
    L0=$(cut -d' ' -f1 /proc/loadavg)
    RPS=$(timeout $((WRK_S + 30)) wrk -t$(( c < 2 ? c : 2 )) -c$c -d${WRK_S}s -s "$WORK/post.lua" "http://127.0.0.1:$RPORT/wrk" | awk '/Requests\/sec/ {print $2}')
    echo "receiver alone (wrk -t$(( c < 2 ? c : 2 )) -c$c -d${WRK_S}s, POST): ${RPS} req/s   (load $L0)"
    WRK_JSON=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]) or {}; d["c"+sys.argv[2]]={"req_per_s": float(sys.argv[3]), "duration_s": int(sys.argv[4]), "loadavg_1m": float(sys.argv[5])}; print(json.dumps(d))' "$WRK_JSON" "$c" "${RPS:-0}" "$WRK_S" "$L0")
  done
else
  echo "wrk not installed: receiver ceiling by wrk skipped (the plain-client baseline still runs)"
fi

BENCH_PORT=$PORT BENCH_RECEIVER_PORT=$RPORT BENCH_ADMIN_TOKEN=$TOKEN BENCH_OUT=$OUT BENCH_WRK_JSON=$WRK_JSON \
BENCH_PSQL="psql -X -h 127.0.0.1 -p 5432 -U postgres -d $DB" \
BENCH_UPTIME_START=$UPTIME_START BENCH_JAVA_OPTS=$JAVA_OPTS \
BENCH_COMMAND="bash bench/webhooks.sh" \
BENCH_GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) \
  timeout 900 python3 bench/webhooks.py drive
echo "errors in the standalone log: $(grep -c ' ERROR ' "$LOG" || true) (log kept at $LOG)"
echo "load at end: $(uptime)"
