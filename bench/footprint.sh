#!/usr/bin/env bash
# Footprint of each runnable jar alone: start-up time, RSS idle and after 2,000 requests.
#
#   bash bench/footprint.sh            # from the repo root, after ./mvnw -B -q -DskipTests package
#
# Environment (optional): BENCH_SERVICES ("standalone command-service query-service provisioner-saga"),
# BENCH_JAVA_OPTS (default "-XX:MaxRAMPercentage=75 -XX:+UseSerialGC", the Dockerfile's options;
# this worktree has no Dockerfile), BENCH_REQUESTS (2000), BENCH_IDLE_S (5).
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth), psql, python3, java. Each service gets a fresh
# database strata_fp_<ts>_<service>, dropped afterwards; the process is stopped also on failure.
# Output: a table and bench/out/footprint-<ts>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAMPercentage=75 -XX:+UseSerialGC}
SERVICES=${BENCH_SERVICES:-standalone command-service query-service provisioner-saga}
PG=(psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d postgres)

for tool in java psql python3; do
  command -v "$tool" >/dev/null || { echo "footprint.sh: $tool is required" >&2; exit 2; }
done
for s in $SERVICES; do
  [[ -f $s/target/$s.jar ]] || { echo "footprint.sh: $s/target/$s.jar missing; build with ./mvnw -B -q -DskipTests package" >&2; exit 2; }
done

TS=$(date -u +%Y%m%d%H%M%S)
mkdir -p bench/out
OUT=bench/out/footprint-$TS.json
WORK=$(mktemp -d /tmp/strata-footprint.XXXXXX)
STATE=$WORK/state.txt
: >"$STATE"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local kind value
  while read -r kind value; do   # only what this run started or created
    case $kind in
      pid) if kill -0 "$value" 2>/dev/null; then kill "$value" 2>/dev/null || true; sleep 2; kill -9 "$value" 2>/dev/null || true; fi ;;
      db) [[ $value =~ ^strata_fp_[a-z0-9_]+$ ]] && "${PG[@]}" -c "DROP DATABASE IF EXISTS $value WITH (FORCE)" >/dev/null 2>&1 || true ;;
    esac
  done <"$STATE"
  if [[ $rc != 0 ]]; then
    for f in "$WORK"/*.log; do [[ -f $f ]] && { echo "--- tail of $f" >&2; tail -20 "$f" >&2; }; done
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

echo "JVM options: $JAVA_OPTS; services: $SERVICES"
echo "load at start: $(uptime)"
BENCH_SERVICES=$SERVICES BENCH_JAVA_OPTS=$JAVA_OPTS BENCH_OUT=$OUT BENCH_WORK=$WORK BENCH_STATE=$STATE BENCH_TS=$TS \
BENCH_COMMAND="bash bench/footprint.sh" BENCH_GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) \
  python3 bench/footprint.py
echo "load at end: $(uptime)"
