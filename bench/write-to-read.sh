#!/usr/bin/env bash
# Write-to-read latency across processes: from a write's response to the first GET that shows it.
#
#   bash bench/write-to-read.sh          # from the repo root, after ./mvnw -B -q -DskipTests package
#
# At a fixed open-loop rate (100 writes/s): POST /v1/projects, then right after its response
# GET /v1/projects/{id} with X-Strata-Min-Position: <the write's X-Strata-Position>, repeated at once
# until 200 (at most 5 s). Twice: against the split deployment (bin/run-split.sh: three JVMs behind the
# nginx gateway; the write lands in command-service, the read in query-service, another process) and
# against the standalone jar (one JVM, where a commit wakes the processors directly).
#
# Environment (all optional): BENCH_RATE (100 writes/s), BENCH_DURATION (30 s measured), BENCH_WARMUP
# (45 s at the same rate, not measured: JIT and pools warm up; then up to 60 s for the warm-up reads to
# finish. With 15 s, a JVM still compiling could not keep up, fell behind and never recovered within the
# run), BENCH_WORKERS (32 client threads: at 100/s about two are busy; 128 python threads cost the client
# more than they bought), BENCH_MODES ("split standalone"),
# BENCH_JAVA_OPTS ("-Xmx384m -XX:+UseSerialGC", each JVM; add -Dstrata... to try a setting).
# Needs psql (PostgreSQL on 127.0.0.1:5432, trust auth), nginx, envsubst, python3, curl. Creates fresh
# store databases strata_w2r_<ts>_<mode> and a temp dir; stops and drops everything on exit, also on failure.
# Output: one line per mode, a summary line, and bench/out/write-to-read-<ts>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

RATE=${BENCH_RATE:-100}
DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-45}
WORKERS=${BENCH_WORKERS:-32}
MODES=${BENCH_MODES:-split standalone}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}
PG=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)

for tool in java psql python3 curl; do
  command -v "$tool" >/dev/null || { echo "write-to-read.sh: $tool is required" >&2; exit 2; }
done
for jar in standalone command-service query-service provisioner-saga; do
  [[ -f $jar/target/$jar.jar ]] || { echo "write-to-read.sh: $jar/target/$jar.jar missing; build with ./mvnw -B -q -DskipTests package" >&2; exit 2; }
done

TS=$(date -u +%Y%m%d%H%M%S)
mkdir -p bench/out
OUT=bench/out/write-to-read-$TS.json
WORK=$(mktemp -d /tmp/strata-w2r.XXXXXX)
SPLIT_PID=
JAVA_PID=
DBS=()


cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ $rc != 0 ]]; then  # keep the services' logs of a failed run
    mkdir -p "bench/out/write-to-read-$TS-logs"
    cp "$WORK"/split/logs/*.log "$WORK"/split/run-split.out "$WORK"/standalone.log "bench/out/write-to-read-$TS-logs/" 2>/dev/null || true
    echo "write-to-read.sh: failed (exit $rc); logs in bench/out/write-to-read-$TS-logs" >&2
  fi
  stop_pid "$SPLIT_PID" 20   # run-split.sh stops its three JVMs and nginx on TERM
  STRATA_RUN_DIR=$WORK/split bin/run-split.sh stop >/dev/null 2>&1 || true   # safety net (pid files)
  stop_pid "$JAVA_PID" 20
  local db
  for db in "${DBS[@]}"; do
    "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

TOKEN=$(new_admin_token)
export STRATA_SECRETS_KEY
STRATA_SECRETS_KEY=$(new_secrets_key)
export STRATA_ENGINES_SQLITE_DATA_DIR=$WORK/sqlite
export SPRING_DATASOURCE_USERNAME=postgres


measure() {  # mode port
  BENCH_PORT=$2 BENCH_ADMIN_TOKEN=$TOKEN BENCH_RATE=$RATE BENCH_DURATION=$DURATION BENCH_WARMUP=$WARMUP \
  BENCH_WORKERS=$WORKERS BENCH_LABEL=$1 BENCH_OUT=$WORK/$1.json \
    timeout $((DURATION + WARMUP + 120)) python3 bench/write_to_read.py ||
    { echo "write-to-read.sh: the $1 measurement failed or timed out (exit $?)" >&2; exit 1; }
}

echo "write-to-read: ${RATE} writes/s for ${DURATION} s (+${WARMUP} s warm-up), modes: $MODES, JVM options: $JAVA_OPTS"
echo "load at start: $(uptime)"
for mode in $MODES; do
  db=strata_w2r_${TS}_$mode
  "${PG[@]}" -d postgres -c "CREATE DATABASE $db" >/dev/null
  DBS+=("$db")
  export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$db
  case $mode in
    split)
      GW=$(free_port)
      mkdir -p "$WORK/split"
      STRATA_RUN_DIR=$WORK/split GATEWAY_PORT=$GW COMMAND_PORT=$(free_port) QUERY_PORT=$(free_port) \
      PROVISIONER_PORT=$(free_port) STRATA_ADMIN_TOKEN=$TOKEN JAVA_OPTS=$JAVA_OPTS STRATA_START_TIMEOUT=180 \
        bin/run-split.sh >"$WORK/split/run-split.out" 2>&1 &
      SPLIT_PID=$!
      # run-split.sh says so once all three services and the gateway answer /health.
      for i in $(seq 1 400); do
        grep -qs 'Strata split is up' "$WORK/split/run-split.out" && break
        kill -0 "$SPLIT_PID" 2>/dev/null && [[ $i != 400 ]] || { echo "write-to-read.sh: the split deployment did not come up in 200 s" >&2; tail -30 "$WORK/split/run-split.out" >&2; exit 1; }
        sleep 0.5
      done
      measure split "$GW"
      mkdir -p "bench/out/write-to-read-$TS-logs" && cp "$WORK/split/logs/"*.log "bench/out/write-to-read-$TS-logs/" 2>/dev/null || true
      stop_pid "$SPLIT_PID" 20; SPLIT_PID=
      ;;
    standalone)
      PORT=$(free_port)
      # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
      SERVER_PORT=$PORT STRATA_ADMIN_TOKEN=$TOKEN java $JAVA_OPTS -jar standalone/target/standalone.jar \
        >"$WORK/standalone.log" 2>&1 &
      JAVA_PID=$!
      wait_health "$PORT" "$JAVA_PID" "$WORK/standalone.log" 180
      measure standalone "$PORT"
      stop_pid "$JAVA_PID" 20; JAVA_PID=
      mkdir -p "bench/out/write-to-read-$TS-logs" && cp "$WORK/standalone.log" "bench/out/write-to-read-$TS-logs/" || true
      ;;
    *) echo "write-to-read.sh: unknown mode $mode" >&2; exit 2 ;;
  esac
done
echo "load at end: $(uptime)"

BENCH_WORK=$WORK BENCH_MODES=$MODES BENCH_OUT=$OUT \
BENCH_COMMAND="BENCH_RATE=$RATE BENCH_DURATION=$DURATION BENCH_WARMUP=$WARMUP BENCH_MODES='$MODES' BENCH_JAVA_OPTS='$JAVA_OPTS' bash bench/write-to-read.sh" \
BENCH_GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo -dirty) \
  python3 - <<'EOF'
import json, os
modes = os.environ["BENCH_MODES"].split()
runs = {m: json.load(open(os.path.join(os.environ["BENCH_WORK"], m + ".json"))) for m in modes}
doc = {"command": os.environ["BENCH_COMMAND"], "git_commit": os.environ["BENCH_GIT_COMMIT"], "runs": runs}
json.dump(doc, open(os.environ["BENCH_OUT"], "w"), indent=1, default=str)
fmt = lambda x: "inf" if x == float("inf") else f"{x:.1f}"
print("write-to-read " + " | ".join(f"{m} p99 {fmt(r['w2r_ms']['p99'])} ms" for m, r in runs.items()) + " | target 50 ms")
print("results:", os.environ["BENCH_OUT"])
EOF
