#!/usr/bin/env bash
# Install everything the tests need, run ruff and mypy, then the whole suite (unit + Playwright e2e)
# on PostgreSQL.
#   scripts/test.sh [pytest args]
# Database: $TEST_DATABASE_URL when set; otherwise a throwaway database on the server at
# 127.0.0.1:5432; otherwise a throwaway cluster started with the local PostgreSQL binaries.
# Everything throwaway is dropped when the run ends.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"

if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian's chromium"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Lint, import order, formatting and types first: a finding fails the run before any test starts
# (settings in pyproject.toml).
echo "==> ruff check, ruff format --check, mypy"
ruff check --quiet .
ruff format --check --quiet .
mypy

cleanup_steps=()
cleanup() { for step in "${cleanup_steps[@]}"; do eval "$step" || true; done; }
trap cleanup EXIT

pg_answers() { python -c "import socket,sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 2)" "$1" 2>/dev/null; }

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  name="tochka_test_$(date +%s)_$$"
  if pg_answers 5432; then
    server="postgresql+psycopg://postgres@127.0.0.1:5432"
  else
    initdb_bin="$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$initdb_bin" ] || initdb_bin="$(command -v initdb || true)"
    if [ -z "$initdb_bin" ]; then
      echo "ERROR: no PostgreSQL for the tests. Set TEST_DATABASE_URL, start a server on" \
           "127.0.0.1:5432, or install PostgreSQL (apt-get install -y postgresql)." >&2
      exit 1
    fi
    bindir="$(dirname "$initdb_bin")"
    cluster="$(mktemp -d /tmp/tochka-pg.XXXXXX)"
    port="$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    as_pg=(); [ "$(id -u)" -eq 0 ] && { chown postgres "$cluster"; as_pg=(runuser -u postgres --); }
    echo "==> starting a throwaway PostgreSQL cluster in $cluster on port $port"
    "${as_pg[@]}" "$bindir/initdb" -D "$cluster/data" -A trust -U postgres >/dev/null
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w \
      -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    cleanup_steps+=("'${as_pg[*]}' '$bindir/pg_ctl' -D '$cluster/data' -m immediate stop >/dev/null; rm -rf '$cluster'")
    server="postgresql+psycopg://postgres@127.0.0.1:$port"
  fi
  export TEST_DATABASE_URL="$server/$name"
  python -m tests.pgtool create "$TEST_DATABASE_URL"
  cleanup_steps=("python -m tests.pgtool drop '$TEST_DATABASE_URL'" "${cleanup_steps[@]}")
  echo "==> test database: $TEST_DATABASE_URL"
fi

set +e
if [ $# -eq 0 ]; then set -- tests; fi
python -m pytest "$@"
status=$?
set -e
exit $status
