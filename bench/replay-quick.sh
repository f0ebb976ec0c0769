#!/usr/bin/env bash
# A quick replay measurement (a minute, not half an hour like bench/replay.sh): the standalone on a
# fresh database, 4,000 events written through the API (1,000 projects created and renamed by 8
# clients), then POST /v1/admin/projections/{name}/replay for query.audit-log and query.projects,
# timed until each is running again at the head. Usage: bash bench/replay-quick.sh [jar]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-standalone/target/standalone.jar}
DB=strata_rq_$$
PORT=${BENCH_PORT:-18555}
WORK=$(mktemp -d)
PID=
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql -h 127.0.0.1 -U postgres -qc "create database $DB"
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB STRATA_ADMIN_TOKEN=mb-token SERVER_PORT=$PORT \
  STRATA_SECRETS_KEY=$(head -c32 /dev/urandom | base64) STRATA_ENGINES_SQLITE_DATA_DIR=$WORK/sqlite \
  java -XX:+UseSerialGC -jar "$JAR" >"$WORK/strata.log" 2>&1 &
PID=$!
for _ in $(seq 120); do curl -s "localhost:$PORT/health" >/dev/null && break; sleep 1; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 600 python3 bench/replay_quick.py "http://localhost:$PORT"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
