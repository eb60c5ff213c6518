#!/usr/bin/env bash
# Installs whatever is missing, builds the release widget and serves it with its bundled snapshot.
# Usage: bash scripts/serve.sh [PORT]   (default 8080; the widget is at http://127.0.0.1:PORT/)
set -euo pipefail
source "$(dirname "$0")/setup.sh"
oms_setup_build
oms_build_release
port="${1:-${PORT:-8080}}"
oms_log "serving $OMS_ROOT/dist at http://127.0.0.1:$port/ (Ctrl-C to stop)"
exec node "$OMS_ROOT/tests/e2e/server.mjs" --dir "$OMS_ROOT/dist" --port "$port" --prefix /
