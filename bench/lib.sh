# shellcheck shell=bash
# What the benchmark scripts share; each sources it (`. bench/lib.sh`) from the repo root.
# Needs python3 and curl. Talks only to 127.0.0.1.

# stop_pid <pid> [seconds=10]: TERM, wait up to the bound, then KILL; a finished or empty pid is fine.
stop_pid() {
  local pid=$1 limit=${2:-10}
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((limit * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
new_admin_token() { echo "bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"; }
new_secrets_key() { python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())'; }

# wait_health <port> <pid> <log> [seconds=120]: returns once GET /health answers 200; ends the script
# (with the log's tail) when the process exits first or the bound passes.
wait_health() {
  local port=$1 pid=$2 log=$3 limit=${4:-120} me
  me=$(basename "$0")
  for _ in $(seq 1 $((limit * 2))); do
    kill -0 "$pid" 2>/dev/null || { echo "$me: the process exited during start-up; see $log" >&2; tail -30 "$log" >&2; exit 1; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health") == 200 ]] && return 0
    sleep 0.5
  done
  echo "$me: no 200 from :$port/health after $limit s; see $log" >&2; tail -30 "$log" >&2; exit 1
}
