#!/usr/bin/env bash
# Runs Strata split, as in production, on this machine: command-service (8081), query-service (8082)
# and provisioner-saga (8083) as three JVMs behind the nginx gateway (8080), all on one PostgreSQL.
#
#   bin/run-split.sh          start everything, wait until healthy, stay in the foreground; Ctrl-C stops all
#   bin/run-split.sh stop     stop a run started from another terminal (uses the pid files)
#
# Environment (defaults in brackets):
#   SPRING_DATASOURCE_URL [jdbc:postgresql://127.0.0.1:5432/strata], SPRING_DATASOURCE_USERNAME/_PASSWORD
#   STRATA_ADMIN_TOKEN [dev-admin-token]   the operator token (a development default, never use it for real)
#   GATEWAY_PORT [8080], COMMAND_PORT [8081], QUERY_PORT [8082], PROVISIONER_PORT [8083]
#   STRATA_RUN_DIR [target/split]          logs (logs/*.log), pid files and the rendered gateway config
#   JAVA_OPTS [-Xmx384m -XX:+UseSerialGC]  for each of the three JVMs
# Any other Strata variable (STRATA_ENGINES_*, ...) is passed through to the services as is.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN_DIR="${STRATA_RUN_DIR:-$ROOT/target/split}"
case "$RUN_DIR" in /*) ;; *) RUN_DIR="$ROOT/$RUN_DIR" ;; esac
LOGS="$RUN_DIR/logs"
PIDS="$RUN_DIR/pids"
GATEWAY_DIR="$RUN_DIR/gateway"

export GATEWAY_PORT="${GATEWAY_PORT:-8080}"
COMMAND_PORT="${COMMAND_PORT:-8081}"
QUERY_PORT="${QUERY_PORT:-8082}"
PROVISIONER_PORT="${PROVISIONER_PORT:-8083}"
export SPRING_DATASOURCE_URL="${SPRING_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/strata}"
export STRATA_ADMIN_TOKEN="${STRATA_ADMIN_TOKEN:-dev-admin-token}"
JAVA_OPTS="${JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}"
SERVICES=(command-service query-service provisioner-saga)

log() { echo "[run-split] $*"; }

port_of() {
  case "$1" in
    command-service) echo "$COMMAND_PORT" ;;
    query-service) echo "$QUERY_PORT" ;;
    provisioner-saga) echo "$PROVISIONER_PORT" ;;
    gateway) echo "$GATEWAY_PORT" ;;
  esac
}

# Stops what a pid file names, but only if that pid is still the process we started
# (its command line mentions our jar or our gateway config), never anything else.
stop_one() {
  local name="$1" file="$PIDS/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -e "$RUN_DIR" -e "$name.jar"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name ($pid) did not stop in 10 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name ($pid)"
  fi
  rm -f "$file"
}

stop_all() {
  # The gateway first, so no request reaches a service that is shutting down.
  for name in gateway "${SERVICES[@]}"; do stop_one "$name"; done
}

if [ "${1:-start}" = "stop" ]; then
  stop_all
  exit 0
elif [ "${1:-start}" != "start" ]; then
  echo "usage: $0 [start|stop]" >&2
  exit 2
fi

# --- prerequisites -------------------------------------------------------------------------------
NGINX="$(command -v nginx || true)"
[ -n "$NGINX" ] || { [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx; } || true
if [ -z "$NGINX" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    bash "$ROOT/.ci/ensure-nginx.sh"
    NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
  else
    echo "nginx is not installed: run 'sudo .ci/ensure-nginx.sh' (or install nginx) and retry" >&2
    exit 1
  fi
fi
command -v envsubst >/dev/null || { echo "envsubst is missing: install gettext-base" >&2; exit 1; }

missing=0
for s in "${SERVICES[@]}"; do [ -f "$ROOT/$s/target/$s.jar" ] || missing=1; done
if [ "$missing" = 1 ]; then
  log "building the jars (./mvnw -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
fi

for name in gateway "${SERVICES[@]}"; do
  if [ -f "$PIDS/$name.pid" ] && kill -0 "$(cat "$PIDS/$name.pid")" 2>/dev/null; then
    echo "a split run is already active ($name, pid $(cat "$PIDS/$name.pid")): run '$0 stop' first" >&2
    exit 1
  fi
done

mkdir -p "$LOGS" "$PIDS" "$GATEWAY_DIR/tmp"
trap 'stop_all' EXIT
trap 'exit 130' INT TERM   # exit runs the EXIT trap, which stops everything

# --- the three services --------------------------------------------------------------------------
for s in "${SERVICES[@]}"; do
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  SERVER_PORT="$(port_of "$s")" nohup java $JAVA_OPTS -jar "$ROOT/$s/target/$s.jar" >"$LOGS/$s.log" 2>&1 &
  echo $! >"$PIDS/$s.pid"
  log "started $s on :$(port_of "$s") (pid $!, log $LOGS/$s.log)"
done

# --- the gateway ---------------------------------------------------------------------------------
# Only these four names are substituted: the template's nginx variables ($uri, ...) stay as they are.
COMMAND_UPSTREAM="127.0.0.1:$COMMAND_PORT" QUERY_UPSTREAM="127.0.0.1:$QUERY_PORT" \
PROVISIONER_UPSTREAM="127.0.0.1:$PROVISIONER_PORT" GATEWAY_LISTEN="127.0.0.1:$GATEWAY_PORT" \
  envsubst '${COMMAND_UPSTREAM} ${QUERY_UPSTREAM} ${PROVISIONER_UPSTREAM} ${GATEWAY_LISTEN}' \
  <"$ROOT/gateway/nginx.conf.template" >"$GATEWAY_DIR/nginx.conf"
# -p: pid and temp files under our prefix; -e: startup errors to stderr, not /var/log/nginx;
# 'daemon off' keeps nginx our child, so its pid is the one we stop.
NGINX_ARGS=(-p "$GATEWAY_DIR/" -c "$GATEWAY_DIR/nginx.conf" -e stderr)
"$NGINX" "${NGINX_ARGS[@]}" -t -q
nohup "$NGINX" "${NGINX_ARGS[@]}" -g 'daemon off;' >"$LOGS/gateway.log" 2>&1 &
echo $! >"$PIDS/gateway.pid"
log "started gateway on :$GATEWAY_PORT (pid $!, log $LOGS/gateway.log)"

# --- wait until healthy --------------------------------------------------------------------------
deadline=$((SECONDS + ${STRATA_START_TIMEOUT:-120}))
for name in "${SERVICES[@]}" gateway; do
  until curl -fs -o /dev/null "http://127.0.0.1:$(port_of "$name")/health"; do
    if ! kill -0 "$(cat "$PIDS/$name.pid")" 2>/dev/null; then
      log "$name exited during startup; the end of its log:"; tail -n 40 "$LOGS/$name.log" >&2; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$name is not healthy after ${STRATA_START_TIMEOUT:-120} s; the end of its log:"; tail -n 40 "$LOGS/$name.log" >&2; exit 1
    fi
    sleep 1
  done
  log "$name is healthy"
done

log "Strata split is up: http://127.0.0.1:$GATEWAY_PORT (operator token: \$STRATA_ADMIN_TOKEN); Ctrl-C stops it"
# Stay in the foreground until a process dies or we are interrupted; either way the trap stops the rest.
wait -n || true
log "a process exited; stopping the others (see $LOGS)"
exit 1
