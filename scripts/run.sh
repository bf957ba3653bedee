#!/usr/bin/env bash
# Install everything, migrate, load demo data and start the app.
#   scripts/run.sh          development mode: pages on http://localhost:3000, backend on :8000
#   scripts/run.sh --prod   production: APP_ENV=production, built frontend and backend on one port
# Ports: FRONTEND_PORT and BACKEND_PORT (development), PORT (--prod), FAKE_YOOKASSA_PORT (8090).
# Database: embedded SQLite file .data/tochka.db unless DATABASE_URL / REFLEX_DB_URL is set.
# Runtime files (database, uploads, generated keys) live in .data/, never among the sources:
# the development file watcher would restart the server on every write there.
set -euo pipefail
case "${1:-}" in
  "") mode=development ;;
  --prod) mode=production ;;
  *) echo "usage: scripts/run.sh [--prod]" >&2; exit 2 ;;
esac
source "$(dirname "$0")/bootstrap.sh"

if [ "$mode" = production ]; then
  export APP_ENV=production
  port="${PORT:-3000}"
  export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://localhost:$port}"
  python -m tochka_app.cli setup
  python -m tochka_app.cli ensure-secret-key
  python -m tochka_app.cli ready-banner "http://127.0.0.1:$port/ping" &
  exec reflex run --env prod --single-port --frontend-port "$port" --backend-port "$port"
fi

export APP_ENV="${APP_ENV:-development}"
frontend_port="${FRONTEND_PORT:-3000}"
export BACKEND_PORT="${BACKEND_PORT:-8000}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://localhost:$frontend_port}"
python -m tochka_app.cli setup
pids=()
# Stopping this script (Ctrl+C or a TERM to its pid) stops everything it started.
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
trap 'exit 143' TERM INT
# Without real YooKassa credentials, payments go to a local fake YooKassa (checkout page with
# "pay" / "decline" buttons on http://127.0.0.1:$FAKE_YOOKASSA_PORT).
if [ -z "${YOOKASSA_SHOP_ID:-}" ]; then
  export FAKE_YOOKASSA_PORT="${FAKE_YOOKASSA_PORT:-8090}"
  export YOOKASSA_SHOP_ID=local-shop YOOKASSA_SECRET_KEY=local-secret
  export YOOKASSA_BASE_URL="http://127.0.0.1:$FAKE_YOOKASSA_PORT/v3"
  python -m tochka_app.cli fake-yookassa &
  pids+=($!)
fi
python -m tochka_app.cli ready-banner "http://127.0.0.1:$BACKEND_PORT/ping" \
  "http://127.0.0.1:$frontend_port/" &
pids+=($!)
reflex run --frontend-port "$frontend_port" --backend-port "$BACKEND_PORT" &
pids+=($!)
wait "${pids[-1]}"
