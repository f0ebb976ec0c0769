#!/usr/bin/env bash
# Provisioning latency: Strata (standalone jar) against the raw cost of the adapters' statements.
#
#   bash bench/provisioning.sh            # from the repo root, after ./mvnw -B -q -DskipTests package
#
# Environment (all optional): BENCH_ROUNDS (20 measured rounds per engine), BENCH_WARMUP (5),
# BENCH_ENGINES ("postgres mariadb sqlite"), BENCH_MIN_POSITION (0: plain polling; 1: every poll sends
# X-Strata-Min-Position from the POST, the read-your-writes wait), BENCH_JAVA_OPTS ("-XX:MaxRAMPercentage=75 -XX:+UseSerialGC").
# Needs psql (PostgreSQL on 127.0.0.1:5432, trust auth), mariadb client (127.0.0.1:3306, root, no
# password), sqlite3, python3, curl. Creates a fresh database strata_bench_<ts> for Strata's store, a
# temporary SQLite data dir, and drops/removes everything it created on exit, also on failure.
# Output: one line per engine and bench/out/provisioning-<ts>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ROUNDS=${BENCH_ROUNDS:-20}
WARMUP=${BENCH_WARMUP:-5}
ENGINES=${BENCH_ENGINES:-postgres mariadb sqlite}
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAMPercentage=75 -XX:+UseSerialGC}
JAR=standalone/target/standalone.jar
PG=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)
MY=(mariadb --protocol=TCP -h 127.0.0.1 -P 3306 -u root --batch)

for tool in java psql mariadb sqlite3 python3 curl; do
  command -v "$tool" >/dev/null || { echo "provisioning.sh: $tool is required" >&2; exit 2; }
done
[[ -f $JAR ]] || { echo "provisioning.sh: $JAR missing; build with ./mvnw -B -q -DskipTests package" >&2; exit 2; }

TS=$(date -u +%Y%m%d%H%M%S)
DB=strata_bench_$TS
RAW_PREFIX=sb$TS          # raw-baseline roles/databases/files: sb<ts>_<engine>_<i>
mkdir -p bench/out
OUT=bench/out/provisioning-$TS.json
LOG=bench/out/provisioning-$TS.log
WORK=$(mktemp -d /tmp/strata-bench.XXXXXX)
STATE=$WORK/created.txt
: >"$STATE"
mkdir -p "$WORK/sqlite" "$WORK/sqlite-raw"
JAVA_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$JAVA_PID"
  # Safety net: whatever reached an engine and was not deleted by the run (all IF EXISTS).
  local engine name
  while read -r engine name; do
    [[ $name =~ ^[A-Za-z0-9_]+$ ]] || continue
    case $engine in
      postgres)
        "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1 || true
        if [[ $("${PG[@]}" -d postgres -Atc "select 1 from pg_roles where rolname = '$name'" 2>/dev/null) == 1 ]]; then
          "${PG[@]}" -d postgres -c "DROP OWNED BY \"$name\"" -c "DROP ROLE IF EXISTS \"$name\"" >/dev/null 2>&1 || true
        fi ;;
      mariadb)
        "${MY[@]}" -e "DROP USER IF EXISTS '$name'@'%'; DROP DATABASE IF EXISTS \`$name\`;" >/dev/null 2>&1 || true ;;
    esac
  done <"$STATE"
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
echo "strata store: $DB, port $PORT, rounds $ROUNDS (+$WARMUP warm-up), engines: $ENGINES, X-Strata-Min-Position: ${BENCH_MIN_POSITION:-0}"
echo "load at start: $UPTIME_START"

# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
SPRING_DATASOURCE_USERNAME=postgres \
STRATA_ADMIN_TOKEN=$TOKEN SERVER_PORT=$PORT STRATA_SECRETS_KEY=$SECRETS_KEY \
STRATA_ENGINES_SQLITE_DATA_DIR=$WORK/sqlite \
STRATA_ENGINES_POSTGRES_ADMIN_URL=jdbc:postgresql://127.0.0.1:5432/postgres STRATA_ENGINES_POSTGRES_ADMIN_USER=postgres \
STRATA_ENGINES_MARIADB_ADMIN_URL=jdbc:mariadb://127.0.0.1:3306/ STRATA_ENGINES_MARIADB_ADMIN_USER=root \
  java $JAVA_OPTS -jar "$JAR" >"$LOG" 2>&1 &
JAVA_PID=$!

wait_health "$PORT" "$JAVA_PID" "$LOG"
echo "standalone up (pid $JAVA_PID): $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$LOG" | head -1)"

BENCH_PORT=$PORT BENCH_ADMIN_TOKEN=$TOKEN BENCH_ROUNDS=$ROUNDS BENCH_WARMUP=$WARMUP BENCH_ENGINES=$ENGINES \
BENCH_OUT=$OUT BENCH_STATE=$STATE BENCH_RAW_PREFIX=$RAW_PREFIX BENCH_SQLITE_RAW_DIR=$WORK/sqlite-raw \
BENCH_UPTIME_START=$UPTIME_START BENCH_JAVA_OPTS=$JAVA_OPTS \
BENCH_MIN_POSITION=${BENCH_MIN_POSITION:-0} \
BENCH_COMMAND="BENCH_ROUNDS=$ROUNDS BENCH_WARMUP=$WARMUP BENCH_MIN_POSITION=${BENCH_MIN_POSITION:-0} bash bench/provisioning.sh" \
BENCH_GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) \
  python3 bench/provisioning.py
echo "load at end: $(uptime)"
