#!/usr/bin/env bash
# Every benchmark in one command: builds the jars when needed, runs each part below in turn and prints
# one line per figure against its baseline and the issue's target (bench/targets.json).
#
#   bash bench/run.sh                                        # from the repo root; ~40 min on 2 cores
#   BENCH_ONLY="provisioning webhooks" bash bench/run.sh     # a subset, still in the order below
#
# Parts, in this order, each with its own defaults: provisioning, footprint, write-to-read,
# throughput (with BENCH_SPLIT=1: the standalone and the split deployment), webhooks, replay; each is
# `python3 -m strata_bench <part>` (the package bench/strata_bench/, one module per part).
# Not part of the test command: nothing here runs under ./mvnw test.
#
# Environment (all optional): BENCH_ONLY (parts to run; default all), BENCH_SPLIT (1 here), BENCH_PART_TIMEOUT_S
# (7200: a safety net per part, each part bounds its own waits). Every other BENCH_* variable reaches
# every part as is (see each module's docstring). Names are not unique across parts (BENCH_WARMUP is
# rounds for provisioning, seconds for write-to-read), so set such a variable together with BENCH_ONLY.
# Needs java 17 (with javac), psql, pgbench, python3, curl, nginx, envsubst; wrk is optional (without it webhooks
# skips the receiver's wrk ceiling and throughput its closed-loop /health cross-check); PostgreSQL on
# 127.0.0.1:5432 (trust, user postgres); MariaDB on 127.0.0.1:3306 and sqlite3 for provisioning.
# Output: bench/out/run-<ts>/<part>.log (each part's full output; the terminal shows its summary
# lines), bench/out/run-<ts>/parts.tsv (status, 1/5/15-min load before and after, JSON file of each part),
# the parts' own bench/out/<part>-<ts>.json, and bench/out/summary-<ts>.json.
# A failing part is recorded as failed and the run goes on; the exit status is 1 if any part failed.
set -euo pipefail
cd "$(dirname "$0")/.."
strata_bench() { PYTHONPATH=bench python3 -m strata_bench "$@"; }

ALL_PARTS=(provisioning footprint write-to-read throughput webhooks replay)
ONLY=${BENCH_ONLY:-${ALL_PARTS[*]}}
PART_TIMEOUT=${BENCH_PART_TIMEOUT_S:-7200}
JARS=(standalone command-service query-service provisioner-saga)
MODULES=()   # what the jars are built from: every module but the acceptance tests
for pom in */pom.xml; do [[ ${pom%/pom.xml} == acceptance-tests ]] || MODULES+=("${pom%/pom.xml}"); done

# Summary lines of each part, shown on the terminal while it runs (the log keeps everything).
declare -A SHOW=(
  [provisioning]='^(provisioning |  deletion )'
  [footprint]='^(service |standalone |command-service |query-service |provisioner-saga )'
  [write-to-read]='^(  (split|standalone): write-to-read|write-to-read )'
  [throughput]='^(writes c=|reads \()'
  [webhooks]='^webhooks [abc]\.'
  [replay]='^replay '
)
COMMON_SHOW='^(wrote |results: |strata_bench )'   # the JSON written, and the parts' own error messages

for p in $ONLY; do
  [[ -n ${SHOW[$p]:-} ]] || { echo "run.sh: unknown part '$p' in BENCH_ONLY (parts: ${ALL_PARTS[*]})" >&2; exit 2; }
done
[[ $PART_TIMEOUT =~ ^[0-9]+$ ]] || { echo "run.sh: BENCH_PART_TIMEOUT_S must be a number of seconds" >&2; exit 2; }

# ---------------------------------------------------------------- tools and PostgreSQL
missing=()
for tool in java javac psql pgbench python3 curl nginx envsubst timeout; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
(( ${#missing[@]} == 0 )) || { echo "run.sh: missing tools: ${missing[*]}" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  echo "run.sh: wrk not found: the receiver's wrk ceiling and the closed-loop /health cross-check are skipped" >&2
fi
timeout 10 psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atc 'select 1' >/dev/null \
  || { echo "run.sh: PostgreSQL does not answer on 127.0.0.1:5432 (user postgres, trust auth)" >&2; exit 2; }

# ---------------------------------------------------------------- jars: build when missing or older than the sources
stale() {
  local jar sources=(pom.xml) m
  for m in "${MODULES[@]}"; do sources+=("$m/pom.xml" "$m/src"); done
  for m in "${JARS[@]}"; do
    jar=$m/target/$m.jar
    [[ -f $jar ]] || { echo "$jar missing"; return 0; }
    [[ -z $(find "${sources[@]}" -type f -newer "$jar" -print -quit 2>/dev/null) ]] || { echo "$jar older than the sources"; return 0; }
  done
  return 1
}
if why=$(stale); then
  echo "build: $why; ./mvnw -B -q -ntp -DskipTests package"
  ./mvnw -B -q -ntp -DskipTests package || { echo "run.sh: the build failed" >&2; exit 1; }
  ! why=$(stale) || { echo "run.sh: still $why after the build" >&2; exit 1; }
fi

# ---------------------------------------------------------------- the parts
TS=$(date -u +%Y%m%d%H%M%S)
RUN_DIR=bench/out/run-$TS
mkdir -p "$RUN_DIR"
STARTED_EPOCH=$(date +%s)
printf 'part\tstatus\trc\tseconds\tload_before\tload_after\tjson\tlog\n' >"$RUN_DIR/parts.tsv"
CHILD=    # the running part (a timeout process leading its own process group)
VIEWER=   # the tail | grep showing its summary lines

stop_part() {
  if [[ -n $CHILD ]] && kill -0 "$CHILD" 2>/dev/null; then
    # timeout passes the TERM on to the part's whole process group; the part then stops what it
    # started and drops its databases on the way out (timeout's -k sends KILL if that takes too long).
    kill -TERM "$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  CHILD=
  if [[ -n $VIEWER ]]; then kill "$VIEWER" 2>/dev/null || true; wait "$VIEWER" 2>/dev/null || true; fi
  VIEWER=
}
on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  stop_part
  exit "$rc"
}
trap on_exit EXIT
interrupted() {
  echo "run.sh: interrupted; stopping the running part. The parts done so far: (cd bench && python3 -m strata_bench summary --run $RUN_DIR)" >&2
  exit 130
}
trap interrupted INT TERM

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

failed=()
for part in "${ALL_PARTS[@]}"; do
  [[ " $ONLY " == *" $part "* ]] || continue
  log=$RUN_DIR/$part.log
  marker=$RUN_DIR/.start-$part   # JSON files newer than this belong to this part
  touch "$marker"
  cmd=(env PYTHONPATH=bench python3 -m strata_bench "$part")
  [[ $part == throughput ]] && cmd=(env "BENCH_SPLIT=${BENCH_SPLIT:-1}" "${cmd[@]}")
  before=$(loadavg); t0=$(date +%s)
  echo "== $part: ${cmd[*]}   (load $before; full output in $log)"
  : >"$log"   # exists before tail opens it
  timeout -k 120 "$PART_TIMEOUT" "${cmd[@]}" </dev/null >"$log" 2>&1 &
  CHILD=$!
  tail -n +1 -f --pid="$CHILD" "$log" 2>/dev/null | grep --line-buffered -E "${SHOW[$part]}|$COMMON_SHOW" | sed -u 's/^/   /' &
  VIEWER=$!
  rc=0; wait "$CHILD" || rc=$?
  CHILD=
  wait "$VIEWER" 2>/dev/null || true   # tail stops within a second of the part
  VIEWER=
  after=$(loadavg); secs=$(( $(date +%s) - t0 ))
  json=$(grep -oE "bench/out/$part-[0-9]{14}\.json" "$log" | tail -1 || true)
  if [[ -z $json || ! -f $json ]]; then   # a part that failed late may still have written its JSON
    json=$(find bench/out -maxdepth 1 -name "$part-[0-9]*.json" -newer "$marker" -printf '%T@ %p\n' 2>/dev/null \
      | sort -n | tail -1 | cut -d' ' -f2- || true)
  fi
  rm -f "$marker"
  case $rc in
    0) status=ok ;;
    124|137) status=timeout ;;
    *) status=failed ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$part" "$status" "$rc" "$secs" "$before" "$after" "$json" "$log" >>"$RUN_DIR/parts.tsv"
  if [[ $status == ok ]]; then
    echo "-- $part: ok in ${secs} s   (load $before -> $after)"
  else
    failed+=("$part")
    echo "-- $part: $status (exit $rc) after ${secs} s   (load $before -> $after); last lines of $log:"
    tail -n 12 "$log" | sed 's/^/   | /'
  fi
done

echo
strata_bench summary --run "$RUN_DIR" --since "$STARTED_EPOCH" --ts "$TS" | tee "$RUN_DIR/summary.txt" \
  || { echo "run.sh: the summary failed" >&2; failed+=(summary); }
echo "logs, parts.tsv (status and load of each part) and summary.txt: $RUN_DIR"
if (( ${#failed[@]} > 0 )); then
  echo "run.sh: failed: ${failed[*]}" >&2
  exit 1
fi
