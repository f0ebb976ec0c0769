#!/usr/bin/env bash
# Write and read throughput of Strata (standalone jar; optionally the split deployment too) against
# PostgreSQL's own ceiling on the same server (pgbench), driven by bench/LoadGen.java.
#
#   bash bench/throughput.sh            # from the repo root, after ./mvnw -B -q -DskipTests package
#
# 1. writes: POST /v1/projects and POST /v1/api-keys, closed loop at each concurrency of
#    BENCH_CONCURRENCY, interleaved with pgbench inserting one event-shaped row per transaction into
#    a copy of domain_event_entry in a scratch database, at the same concurrency.
# 2. reads: an organization with BENCH_READ_ROWS databases inserted directly into q_databases (SQL,
#    no engines provisioned); GET /v1/databases?limit=50 and GET /health at increasing fixed rates
#    (open loop) to find each one's sustainable rate; then GET /v1/databases at 50 % of /health's.
#
# Environment (all optional): BENCH_CONCURRENCY ("1 8 32"), BENCH_WRITE_DURATION (15 s),
# BENCH_WRITE_WARMUP (5 s, before each run), BENCH_JVM_WARMUP (30 s per write endpoint, once: C2 compiles for about a minute of CPU after start-up, and
# shorter warm-ups measured the compiler more than Strata), BENCH_READ_WARMUP (20 s of GET /v1/databases before the read ladder), BENCH_READ_ROWS (10000), BENCH_RATES (open-loop ladder, req/s),
# BENCH_STEP_DURATION (8 s) and BENCH_STEP_WARMUP (2 s) per ladder step, BENCH_P99_BOUND_MS (100:
# a step is sustainable when achieved >= 95 % of offered, no errors, p99 <= this), BENCH_HALF_DURATION
# (20 s), BENCH_CATCHUP_MAX (420 s: longest wait for the projections to reach the store's head after
# the writes, before the reads), BENCH_PARTS ("writes reads"), BENCH_SPLIT (0; 1 also measures the writes and reads through
# bin/run-split.sh: three JVMs behind nginx, own ports and database), BENCH_JAVA_OPTS.
# Needs psql and pgbench (PostgreSQL on 127.0.0.1:5432, trust auth), java 17, python3, curl; wrk (optional: a closed-loop cross-check of /health).
# Creates strata_tp_<ts> (store), strata_tp_<ts>_split, strata_tp_<ts>_pgbench (scratch) and a temp
# dir; drops/stops everything it created on exit, also on failure. Talks only to 127.0.0.1.
# Output: summary lines and bench/out/throughput-<ts>.json (every run's LoadGen/pgbench result).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CONC=${BENCH_CONCURRENCY:-1 8 32}
WDUR=${BENCH_WRITE_DURATION:-15}
WWARM=${BENCH_WRITE_WARMUP:-5}
JVM_WARM=${BENCH_JVM_WARMUP:-30}
READ_WARM=${BENCH_READ_WARMUP:-20}
CATCHUP_MAX=${BENCH_CATCHUP_MAX:-420}
ROWS=${BENCH_READ_ROWS:-10000}
RATES=${BENCH_RATES:-50 100 200 300 450 650 900 1300 1800 2500 3500 5000}
SDUR=${BENCH_STEP_DURATION:-8}
SWARM=${BENCH_STEP_WARMUP:-2}
P99_BOUND=${BENCH_P99_BOUND_MS:-100}
HALF_DUR=${BENCH_HALF_DURATION:-20}
PARTS=${BENCH_PARTS:-writes reads}
SPLIT=${BENCH_SPLIT:-0}
JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:MaxRAMPercentage=75 -XX:+UseSerialGC}
JAR=standalone/target/standalone.jar
PG=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)

for tool in java javac psql pgbench python3 curl; do
  command -v "$tool" >/dev/null || { echo "throughput.sh: $tool is required" >&2; exit 2; }
done
[[ -f $JAR ]] || { echo "throughput.sh: $JAR missing; build with ./mvnw -B -q -DskipTests package" >&2; exit 2; }

TS=$(date -u +%Y%m%d%H%M%S)
DB=strata_tp_$TS
SPLIT_DB=strata_tp_${TS}_split
SCRATCH=strata_tp_${TS}_pgbench
mkdir -p bench/out
OUT=bench/out/throughput-$TS.json
LOG=bench/out/throughput-$TS.log
WORK=$(mktemp -d /tmp/strata-tp.XXXXXX)
RES=$WORK/results          # one JSON per run; throughput.py assembles them
mkdir -p "$RES"
JAVA_PID=
SPLIT_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$JAVA_PID"
  if [[ -n $SPLIT_PID ]]; then   # run-split.sh stops its JVMs and nginx from its own EXIT trap
    kill "$SPLIT_PID" 2>/dev/null || true
    wait "$SPLIT_PID" 2>/dev/null || true
    STRATA_RUN_DIR=$WORK/split bin/run-split.sh stop >/dev/null 2>&1 || true
  fi
  for d in "$DB" "$SPLIT_DB" "$SCRATCH"; do
    "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

load1() { cut -d' ' -f1 /proc/loadavg; }
json() { python3 -c 'import json, sys; d = json.load(sys.stdin)
for k in sys.argv[1].split("."): d = d[int(k)] if k.isdigit() else d[k]
print(d)' "$1"; }
TOKEN=$(new_admin_token)
SECRETS_KEY=$(new_secrets_key)

javac -d "$WORK/lg" bench/LoadGen.java
loadgen() { java -XX:+UseSerialGC -Xmx256m -cp "$WORK/lg" LoadGen "$@"; }

# Runs LoadGen, stores its JSON with the load before/after and extra tags: run <name> <tags-json> <LoadGen args...>
run() {
  local name=$1 tags=$2; shift 2
  local before; before=$(load1)
  loadgen --label "$name" --json "$WORK/lg.json" "$@" | tee -a "$LOG"
  python3 - "$WORK/lg.json" "$RES/$(printf '%03d' "$(ls "$RES" | wc -l)")-$name.json" "$before" "$(load1)" "$tags" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d.update(json.loads(sys.argv[5]))
d["load1"] = {"before": float(sys.argv[3]), "after": float(sys.argv[4])}
json.dump(d, open(sys.argv[2], "w"))
PY
  cp "$WORK/lg.json" "$WORK/last.json"
}


new_org() {   # new_org <port> <name> -> prints the first key's secret
  curl -sf -X POST "http://127.0.0.1:$1/v1/organizations" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"name\": \"$2\"}" | json data.apiKey.secret
}

# ---------------------------------------------------------------- the pgbench baseline (scratch database)
"${PG[@]}" -d postgres -c "CREATE DATABASE $SCRATCH" >/dev/null
"${PG[@]}" -d "$SCRATCH" <<'SQL' >/dev/null
-- The shape of platform's V1__event_store.sql domain_event_entry.
create table domain_event_entry (
    global_index          bigserial    primary key,
    event_identifier      varchar(255) not null unique,
    aggregate_identifier  varchar(255) not null,
    sequence_number       bigint       not null,
    type                  varchar(255),
    time_stamp            varchar(255) not null,
    payload_type          varchar(255) not null,
    payload_revision      varchar(255),
    payload               bytea        not null,
    meta_data             bytea,
    unique (aggregate_identifier, sequence_number)
);
SQL
# One event-sized row per transaction: a new aggregate (sequence 0), 608-byte payload, 304-byte metadata.
cat >"$WORK/event.sql" <<'SQL'
insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
values (gen_random_uuid()::text, 'prj_' || replace(gen_random_uuid()::text, '-', ''), 0, 'Project',
        to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'io.strata.contract.project.ProjectEvents$ProjectCreated', null,
        decode(repeat(md5(random()::text), 38), 'hex'), decode(repeat(md5(random()::text), 19), 'hex'));
SQL
pgbench_run() {   # pgbench_run <clients> <seconds> [name]
  local c=$1 j=$(( $1 < 2 ? $1 : 2 )) before; before=$(load1)
  pgbench -n -h 127.0.0.1 -U postgres -c "$c" -j "$j" -T "$2" -f "$WORK/event.sql" "$SCRATCH" >"$WORK/pgbench.txt" 2>&1 \
    || { cat "$WORK/pgbench.txt" >&2; exit 1; }
  local tps lat; tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$WORK/pgbench.txt")
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$WORK/pgbench.txt")
  [[ -z ${3:-} ]] && return 0
  printf 'pgbench c=%s j=%s: %s tps, latency average %s ms\n' "$c" "$j" "$tps" "$lat" | tee -a "$LOG"
  printf '{"label": "%s", "concurrency": %s, "jobs": %s, "durationS": %s, "throughput": %s, "latencyAvgMs": %s, "command": "pgbench -n -c %s -j %s -T %s -f event.sql", "load1": {"before": %s, "after": %s}}\n' \
    "$3" "$c" "$j" "$2" "$tps" "${lat:-null}" "$c" "$j" "$2" "$before" "$(load1)" \
    >"$RES/$(printf '%03d' "$(ls "$RES" | wc -l)")-$3.json"
}

# ---------------------------------------------------------------- the read side after the writes
# catchup <deployment> <port> <store database> <key>: how far each tracking processor is behind the
# store's head when the writes stop, how long they take to reach it (bounded by BENCH_CATCHUP_MAX),
# the rows each table received, and the writing organization's audit hash chain (GET /v1/audit-log/verify).
# Reads are measured only after this, so they do not compete with the projections catching up.
catchup() {
  local dep=$1 base="http://127.0.0.1:$2" db=$3 key=$4 head before t0 behind=-1 i
  head=$("${PG[@]}" -d "$db" -Atc "select max(global_index) from domain_event_entry")
  "${PG[@]}" -d "$db" -Atc "select json_object_agg(processor_name, (convert_from(token, 'UTF8')::json->>'index')::bigint)
      from token_entry where token is not null" >"$WORK/tokens0.json"
  before=$(load1); t0=$(date +%s.%N)
  for i in $(seq 1 $((CATCHUP_MAX * 2))); do
    behind=$("${PG[@]}" -d "$db" -Atc "select count(*) from token_entry where token is not null
        and (convert_from(token, 'UTF8')::json->>'index')::bigint < $head")
    [[ $behind == 0 ]] && break
    sleep 0.5
  done
  local secs; secs=$(python3 -c "import time; print(round(time.time() - $t0, 1))")
  sleep 1   # let the statistics collector see the last writes
  "${PG[@]}" -d "$db" -Atc "select json_object_agg(relname, json_build_object('ins', n_tup_ins, 'upd', n_tup_upd,
      'del', n_tup_del)) from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del > 0" >"$WORK/tables.json"
  curl -s "$base/v1/audit-log/verify" -H "Authorization: Bearer $key" >"$WORK/verify.json" || echo '{}' >"$WORK/verify.json"
  python3 - "$WORK/tokens0.json" "$WORK/tables.json" "$WORK/verify.json" "$RES/$(printf '%03d' "$(ls "$RES" | wc -l)")-catchup-$dep.json" \
      "$dep" "$head" "$secs" "$behind" "$before" "$(load1)" "$CATCHUP_MAX" <<'PY' | tee -a "$LOG"
import json, sys
tokens, tables = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
try:
    verify = json.load(open(sys.argv[3])).get("data")
except ValueError:
    verify = None
dep, head, secs, behind = sys.argv[5], int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
lag = {k: head - v for k, v in sorted(tokens.items(), key=lambda kv: kv[1])}
worst = max(lag.values()) if lag else 0
d = {"label": f"{dep}-catchup", "deployment": dep, "kind": "catchup", "head": head, "lagAtEndOfWrites": lag,
     "catchUpSeconds": secs, "processorsStillBehind": behind, "catchUpBoundS": int(sys.argv[11]),
     "worstLagEventsPerS": round(worst / secs, 1) if secs > 0 and behind == 0 else None,
     "tables": tables, "auditVerify": verify,
     "load1": {"before": float(sys.argv[9]), "after": float(sys.argv[10])}}
json.dump(d, open(sys.argv[4], "w"))
print(f"{dep} read side when the writes stopped: head {head}, worst lag {worst} events "
      f"({', '.join(f'{k} {v}' for k, v in lag.items() if v > 100) or 'all within 100'}); "
      + (f"all processors at head after {secs} s" if behind == 0 else f"{behind} processors still behind after {secs} s (bound)")
      + f"; audit verify: {verify}")
PY
}

# ---------------------------------------------------------------- one deployment: writes and reads
# bench_target <deployment> <base port> <store database>
bench_target() {
  local dep=$1 port=$2 db=$3 base="http://127.0.0.1:$2"
  local key c
  key=$(new_org "$port" "bench-writes")
  if [[ " $PARTS " == *" writes "* ]]; then
    # Warm-up of the JVM (JIT) and of both endpoints before any measured run: the first requests after
    # start-up take up to seconds each.
    loadgen --label warmup --method POST --url "$base/v1/projects" --header "Authorization: Bearer $key" \
      --body '{"name": "warm-{run}-{n}"}' --concurrency 4 --duration "$JVM_WARM" | sed 's/^/(not recorded) /'
    loadgen --label warmup --method POST --url "$base/v1/api-keys" --header "Authorization: Bearer $key" \
      --body '{"name": "warm-{run}-{n}", "scopes": ["projects:read"]}' --concurrency 4 --duration "$JVM_WARM" | sed 's/^/(not recorded) /'
    for c in $CONC; do
      run "$dep-projects-c$c" "{\"deployment\": \"$dep\", \"kind\": \"write\", \"endpoint\": \"projects\"}" \
        --method POST --url "$base/v1/projects" --header "Authorization: Bearer $key" \
        --body '{"name": "p-{run}-{n}"}' --concurrency "$c" --warmup "$WWARM" --duration "$WDUR"
      run "$dep-apikeys-c$c" "{\"deployment\": \"$dep\", \"kind\": \"write\", \"endpoint\": \"api-keys\"}" \
        --method POST --url "$base/v1/api-keys" --header "Authorization: Bearer $key" \
        --body '{"name": "k-{run}-{n}", "scopes": ["projects:read"]}' --concurrency "$c" --warmup "$WWARM" --duration "$WDUR"
      pgbench_run "$c" "$WDUR" "pgbench-$dep-c$c"
    done
    # What the writes stored: events per type and their sizes (for the baseline's row size).
    "${PG[@]}" -d "$db" -Atc "select json_agg(t) from (select payload_type, count(*) n, round(avg(octet_length(payload))) payload_bytes,
        round(avg(octet_length(meta_data))) meta_bytes from domain_event_entry group by 1 order by 2 desc) t" \
      >"$RES/$(printf '%03d' "$(ls "$RES" | wc -l)")-events-$dep.raw"
    catchup "$dep" "$port" "$db" "$key"
  fi
  if [[ " $PARTS " == *" reads "* ]]; then
    local rkey org prj; rkey=$(new_org "$port" "bench-reads")
    org=$(curl -sf "$base/v1/me" -H "Authorization: Bearer $rkey" | json data.organization.id)
    prj=$(curl -sf -X POST "$base/v1/projects" -H "Authorization: Bearer $rkey" -H 'Content-Type: application/json' \
      -d '{"name": "reads"}' | json data.id)
    # The read table only: no engine is provisioned, no event is written for these rows.
    "${PG[@]}" -d "$db" -c "insert into q_databases (id, organization_id, project_id, name, engine, status, host, port,
        database_name, managed, created_at, updated_at, version, position)
      select 'db_bench' || lpad(i::text, 8, '0'), '$org', '$prj', 'db-' || i, 'postgres', 'ready', '127.0.0.1', 5432,
        's_' || left(md5(i::text), 24), true, now(), now(), 1, i from generate_series(1, $ROWS) i" >/dev/null
    "${PG[@]}" -d "$db" -c "analyze q_databases" >/dev/null
    local n; n=$(curl -sf "$base/v1/databases?limit=50" -H "Authorization: Bearer $rkey" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["data"]), d["meta"]["nextCursor"] is not None)')
    echo "$dep reads: organization $org with $ROWS rows in q_databases; GET /v1/databases?limit=50 -> $n (rows, has next page)" | tee -a "$LOG"
    # Closed-loop ceiling of /health with wrk (a cross-check of the open-loop ladder).
    local before; before=$(load1)
    if command -v wrk >/dev/null; then wrk -t2 -c16 -d8s "$base/health" >"$WORK/wrk.txt" 2>&1 || true; else : >"$WORK/wrk.txt"; fi
    local wrk_rps; wrk_rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$WORK/wrk.txt")
    echo "$dep wrk -t2 -c16 -d8s /health: ${wrk_rps} req/s (load $before -> $(load1))" | tee -a "$LOG"
    printf '{"label": "%s-wrk-health", "deployment": "%s", "kind": "wrk", "throughput": %s, "load1": {"before": %s, "after": %s}}\n' \
      "$dep" "$dep" "${wrk_rps:-null}" "$before" "$(load1)" >"$RES/$(printf '%03d' "$(ls "$RES" | wc -l)")-wrk-$dep.json"
    # The list endpoint's code paths, compiled before the ladder measures them (not recorded).
    loadgen --label warmup --url "$base/v1/databases?limit=50" --header "Authorization: Bearer $rkey" \
      --concurrency 8 --duration "$READ_WARM" >/dev/null
    local ep url hdr best rate health_best=0
    for ep in health databases; do
      if [[ $ep == health ]]; then url="$base/health"; hdr=(); else url="$base/v1/databases?limit=50"; hdr=(--header "Authorization: Bearer $rkey"); fi
      best=0
      local attempt passed
      for rate in $RATES; do
        # A failed step is run once more before the ladder stops: on this shared box a neighbour's burst
        # can stall one step (both attempts are recorded).
        passed=0
        for attempt in 1 2; do
          run "$dep-$ep-rate$rate-a$attempt" "{\"deployment\": \"$dep\", \"kind\": \"ladder\", \"endpoint\": \"$ep\", \"attempt\": $attempt}" \
            --url "$url" "${hdr[@]}" --rate "$rate" --warmup "$SWARM" --duration "$SDUR" --max-in-flight 256 --timeout-ms 5000 --drain-ms 5000
          if python3 - "$WORK/last.json" "$P99_BOUND" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); p99 = d["latencyMs"]["p99"]
ok = d["errors"] == 0 and d["throughput"] >= 0.95 * d["offeredRate"] and p99 is not None and p99 <= float(sys.argv[2])
sys.exit(0 if ok else 1)
PY
          then passed=1; break; fi
        done
        if (( passed )); then best=$rate; else break; fi
      done
      echo "$dep $ep: sustainable ${best}/s (highest ladder rate with achieved >= 95 % of offered, no errors, p99 <= $P99_BOUND ms, in one of at most two attempts)" | tee -a "$LOG"
      [[ $ep == health ]] && health_best=$best
    done
    local half=$(( health_best / 2 ))
    if (( half > 0 )); then
      run "$dep-databases-half-health" "{\"deployment\": \"$dep\", \"kind\": \"half\", \"endpoint\": \"databases\"}" \
        --url "$base/v1/databases?limit=50" --header "Authorization: Bearer $rkey" --rate "$half" \
        --warmup 3 --duration "$HALF_DUR" --max-in-flight 256 --timeout-ms 5000 --drain-ms 5000
    fi
  fi
}

UPTIME_START=$(uptime)
echo "throughput: store $DB, scratch $SCRATCH, concurrency: $CONC, parts: $PARTS, split: $SPLIT" | tee "$LOG"
echo "load at start: $UPTIME_START" | tee -a "$LOG"
pgbench_run 8 3   # warms the scratch table and PostgreSQL's caches; not recorded

PORT=$(free_port)
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres \
STRATA_ADMIN_TOKEN=$TOKEN SERVER_PORT=$PORT STRATA_SECRETS_KEY=$SECRETS_KEY \
STRATA_ENGINES_SQLITE_DATA_DIR=$WORK/sqlite STRATA_ENGINES_POSTGRES_ADMIN_URL= STRATA_ENGINES_MARIADB_ADMIN_URL= \
  java $JAVA_OPTS -jar "$JAR" >"$WORK/standalone.log" 2>&1 &
JAVA_PID=$!
wait_health "$PORT" "$JAVA_PID" "$WORK/standalone.log" 180
echo "standalone up on :$PORT (pid $JAVA_PID): $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$WORK/standalone.log" | head -1)" | tee -a "$LOG"
bench_target standalone "$PORT" "$DB"
kill "$JAVA_PID"; wait "$JAVA_PID" 2>/dev/null || true; JAVA_PID=
grep -c ' ERROR ' "$WORK/standalone.log" | sed 's/^/standalone log ERROR lines: /' | tee -a "$LOG" || true
cp "$WORK/standalone.log" "bench/out/throughput-$TS-standalone.log"

if [[ $SPLIT == 1 ]]; then
  GW=$(free_port); CP=$(free_port); QP=$(free_port); PP=$(free_port)
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$SPLIT_DB SPRING_DATASOURCE_USERNAME=postgres \
  STRATA_ADMIN_TOKEN=$TOKEN STRATA_SECRETS_KEY=$SECRETS_KEY STRATA_RUN_DIR=$WORK/split \
  GATEWAY_PORT=$GW COMMAND_PORT=$CP QUERY_PORT=$QP PROVISIONER_PORT=$PP JAVA_OPTS="$JAVA_OPTS" \
  STRATA_ENGINES_SQLITE_DATA_DIR=$WORK/sqlite-split STRATA_ENGINES_POSTGRES_ADMIN_URL= STRATA_ENGINES_MARIADB_ADMIN_URL= \
    bin/run-split.sh >"$WORK/split.log" 2>&1 &
  SPLIT_PID=$!
  for i in $(seq 1 360); do
    grep -q 'Strata split is up' "$WORK/split.log" && break
    kill -0 "$SPLIT_PID" 2>/dev/null || { echo "throughput.sh: run-split.sh exited" >&2; tail -40 "$WORK/split.log" >&2; exit 1; }
    [[ $i == 360 ]] && { echo "throughput.sh: split not up after 180 s" >&2; tail -40 "$WORK/split.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "split up: gateway :$GW, command :$CP, query :$QP, provisioner :$PP" | tee -a "$LOG"
  bench_target split "$GW" "$SPLIT_DB"
  kill "$SPLIT_PID"; wait "$SPLIT_PID" 2>/dev/null || true; SPLIT_PID=
  mkdir -p "bench/out/throughput-$TS-split" && cp "$WORK"/split/logs/*.log "bench/out/throughput-$TS-split/" 2>/dev/null || true
fi

BENCH_UPTIME_START=$UPTIME_START BENCH_UPTIME_END=$(uptime) BENCH_P99_BOUND_MS=$P99_BOUND \
BENCH_COMMAND="BENCH_CONCURRENCY='$CONC' BENCH_WRITE_DURATION=$WDUR BENCH_WRITE_WARMUP=$WWARM BENCH_READ_ROWS=$ROWS BENCH_SPLIT=$SPLIT bash bench/throughput.sh" \
BENCH_GIT_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown) BENCH_JAVA_OPTS=$JAVA_OPTS \
  python3 bench/throughput.py "$RES" "$OUT" | tee -a "$LOG"
echo "load at end: $(uptime)" | tee -a "$LOG"
