#!/usr/bin/env bash
# Starts a second, password-enforcing PostgreSQL cluster for credential tests (run as root, no Docker).
# The main cluster on 5432 trusts everyone, so "the old password is refused" would pass vacuously there.
#   cluster "scram", 127.0.0.1:5433, password_encryption = scram-sha-256,
#   pg_hba: local all postgres peer / host all all 127.0.0.1/32 scram-sha-256,
#   superuser postgres with password "strata-admin" (override with STRATA_TEST_SCRAM_PG_PASSWORD).
# Idempotent: creates the cluster only when missing, starts it only when stopped.
set -euo pipefail

log() { echo "[start-scram-postgres] $*"; }

PORT=5433
NAME=scram
PASSWORD="${STRATA_TEST_SCRAM_PG_PASSWORD:-strata-admin}"

if [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
  VERSION="$(ls /etc/postgresql | sort -V | tail -1)"
else
  VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
fi
CONF_DIR="/etc/postgresql/$VERSION/$NAME"

if [ ! -d "$CONF_DIR" ]; then
  log "creating cluster $VERSION/$NAME on port $PORT"
  pg_createcluster "$VERSION" "$NAME" -p "$PORT" -- --auth-host=scram-sha-256 --auth-local=peer
fi

# Enforce the configuration on every run (also repairs a cluster created by hand).
cat > "$CONF_DIR/pg_hba.conf" <<'EOF'
# Written by .ci/start-scram-postgres.sh
local   all   postgres                 peer
host    all   all        127.0.0.1/32  scram-sha-256
EOF
chown postgres:postgres "$CONF_DIR/pg_hba.conf"
mkdir -p "$CONF_DIR/conf.d"
cat > "$CONF_DIR/conf.d/strata-scram.conf" <<EOF
# Written by .ci/start-scram-postgres.sh
port = $PORT
listen_addresses = '127.0.0.1'
password_encryption = 'scram-sha-256'
EOF
chown -R postgres:postgres "$CONF_DIR/conf.d"

if pg_ctlcluster "$VERSION" "$NAME" status >/dev/null 2>&1; then
  log "cluster already running; reloading configuration"
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" reload
else
  log "starting cluster"
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start
fi

for _ in $(seq 1 60); do
  if pg_isready -h 127.0.0.1 -p "$PORT" -q; then break; fi
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$PORT" -q || { log "cluster did not come up"; exit 1; }

# Through the peer-authenticated socket; \password-free: the literal is hashed by the server (scram).
su postgres -c "psql -q -X -p $PORT -v ON_ERROR_STOP=1 -v pw=\"$PASSWORD\" -d postgres" <<'EOF'
SET password_encryption = 'scram-sha-256';
ALTER ROLE postgres PASSWORD :'pw';
EOF
log "ready on 127.0.0.1:$PORT"
