#!/usr/bin/env bash
# Starts the local servers the tests use, when they are not already running:
#   PostgreSQL on 5432 (event store, read tables, the postgres engine),
#   MariaDB on 3306 (the mariadb engine).
# Where Docker exists the tests use Testcontainers instead; this script is for machines without it.
set -euo pipefail

log() { echo "[start-services] $*"; }

wait_for() { # name, command
  for _ in $(seq 1 60); do
    if eval "$2" >/dev/null 2>&1; then log "$1 is up"; return 0; fi
    sleep 1
  done
  log "$1 did not come up"; return 1
}

if command -v pg_isready >/dev/null && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
fi
wait_for PostgreSQL "pg_isready -h 127.0.0.1 -p 5432 -q"

if command -v mariadb-admin >/dev/null; then
  if ! mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -uroot status >/dev/null 2>&1; then
    log "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  fi
  wait_for MariaDB "mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -uroot status"
fi
