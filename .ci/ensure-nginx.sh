#!/usr/bin/env bash
# Makes sure an nginx binary exists: bin/run-split.sh and the acceptance-tests module run the gateway
# with it. Idempotent: does nothing when nginx is already on the PATH (or in /usr/sbin).
# Installs the Debian package only; it does not start or enable the system nginx service (the
# gateway is always started with its own config, prefix, pid and log files).
set -euo pipefail

log() { echo "[ensure-nginx] $*"; }

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  log "nginx present: $( (command -v nginx || echo /usr/sbin/nginx) )"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  log "nginx is missing and cannot be installed here (needs root and apt-get); install it and retry"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log "installing nginx with apt-get"
apt-get update -qq
# nginx-light is the smallest build with everything the gateway needs (proxy, map, upstream keepalive);
# newer Debian releases dropped it, so fall back to the plain package.
apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 \
  || apt-get install -y -qq --no-install-recommends nginx >/dev/null
# gettext-base provides envsubst, used by bin/run-split.sh to render the gateway template.
command -v envsubst >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends gettext-base >/dev/null
log "installed $(/usr/sbin/nginx -v 2>&1)"
