#!/usr/bin/env bash
# Install everything, migrate, load demo data and start the app.
#   scripts/run.sh          development mode on http://localhost:3000
#   scripts/run.sh --prod   production build (`reflex run --env prod`), one port
# Database: embedded SQLite file ./tochka.db unless DATABASE_URL / REFLEX_DB_URL is set.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"

python -m tochka_app.cli setup
if [ "${1:-}" = "--prod" ]; then
  exec reflex run --env prod --single-port
fi
# Development: without real YooKassa credentials, payments go to a local fake YooKassa
# (checkout page with "pay" / "decline" buttons on http://127.0.0.1:8090).
if [ -z "${YOOKASSA_SHOP_ID:-}" ]; then
  export YOOKASSA_SHOP_ID=local-shop YOOKASSA_SECRET_KEY=local-secret
  export YOOKASSA_BASE_URL=http://127.0.0.1:8090/v3
  python -m tochka_app.cli fake-yookassa &
  fake_pid=$!
  trap 'kill "$fake_pid" 2>/dev/null || true' EXIT
fi
reflex run
