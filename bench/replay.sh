#!/usr/bin/env bash
# Projection replay over a store of BENCH_EVENTS (200,000) events: each projection alone, then all at
# once, through the operator endpoint, against a plain SQL scan of the event table.
#
#   bash bench/replay.sh            # from the repo root, after ./mvnw -B -q -DskipTests package
#
# Environment (all optional): BENCH_EVENTS (200000), BENCH_ORGS (4), BENCH_SEED_WRITES (2000 API writes),
# BENCH_THREADS (8 parallel API clients for the seed), BENCH_REPLAY_TIMEOUT_S (900 per replay),
# BENCH_PROJECTIONS (default: all that GET /v1/admin/projections lists), BENCH_SKIP_SINGLE (0; 1: only
# the all-together replay), BENCH_JAVA_OPTS ("-XX:MaxRAMPercentage=75 -XX:+UseSerialGC").
# Needs psql (PostgreSQL on 127.0.0.1:5432, trust auth), python3, curl, java. Creates a fresh database
# strata_replay_<ts>, starts the standalone on it (seed), stops it while the copies are inserted and every
# processor's token is moved to the head, starts it again, replays; stops it and drops the database on
# exit, also on failure.
# How the events are made (API seed, then SQL COPY of the seed under new ids): see bench/replay.py.
# Output: one line per figure and bench/out/replay-<ts>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAMPercentage=75 -XX:+UseSerialGC}
JAR=standalone/target/standalone.jar
PG=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)

for tool in java psql python3 curl; do
  command -v "$tool" >/dev/null || { echo "replay.sh: $tool is required" >&2; exit 2; }
done
[[ -f $JAR ]] || { echo "replay.sh: $JAR missing; build with ./mvnw -B -q -DskipTests package" >&2; exit 2; }

TS=$(date -u +%Y%m%d%H%M%S)
DB=strata_replay_$TS
mkdir -p bench/out
OUT=bench/out/replay-$TS.json
LOG=bench/out/replay-$TS.log
WORK=$(mktemp -d /tmp/strata-replay.XXXXXX)
JAVA_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$JAVA_PID"
  "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

PORT=$(free_port)
TOKEN=$(new_admin_token)
SECRETS_KEY=$(new_secrets_key)

"${PG[@]}" -d postgres -c "CREATE DATABASE $DB" >/dev/null
UPTIME_START=$(uptime)
echo "strata store: $DB, port $PORT, target ${BENCH_EVENTS:-200000} events"
echo "load at start: $UPTIME_START"

stop_java() {
  stop_pid "$JAVA_PID" 20
  JAVA_PID=
}
start_java() {
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  SPRING_DATASOURCE_USERNAME=postgres \
  STRATA_ADMIN_TOKEN=$TOKEN SERVER_PORT=$PORT STRATA_SECRETS_KEY=$SECRETS_KEY \
  STRATA_ENGINES_SQLITE_DATA_DIR=$WORK/sqlite \
    java $JAVA_OPTS -jar "$JAR" >>"$LOG" 2>&1 &
  JAVA_PID=$!
  wait_health "$PORT" "$JAVA_PID" "$LOG"
  echo "standalone up (pid $JAVA_PID): $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$LOG" | tail -1)"
}

export BENCH_PORT=$PORT BENCH_ADMIN_TOKEN=$TOKEN BENCH_OUT=$OUT BENCH_STATE=$WORK/state.json \
  BENCH_PSQL="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d $DB" \
  BENCH_UPTIME_START=$UPTIME_START BENCH_JAVA_OPTS=$JAVA_OPTS \
  BENCH_COMMAND="BENCH_EVENTS=${BENCH_EVENTS:-200000} bash bench/replay.sh" \
  BENCH_GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
start_java
timeout 900 python3 bench/replay.py seed
stop_java      # the copies go in with no processor running; tokens are then moved to the head
timeout 900 python3 bench/replay.py multiply
start_java     # from here on nothing is stopped
timeout 5400 python3 bench/replay.py measure
echo "errors in the standalone log: $(grep -c ' ERROR ' "$LOG" || true) (log kept at $LOG)"
echo "load at end: $(uptime)"
