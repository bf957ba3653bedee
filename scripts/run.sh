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
exec reflex run
