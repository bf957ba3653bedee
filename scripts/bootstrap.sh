# Sourced by scripts/run.sh and scripts/test.sh: installs what the app needs, idempotently.
#   - Python venv in .venv with the pinned requirements (re-installed when requirements.txt changes)
#   - bun from the npm registry in .tools/ (Reflex's own bun download needs the open internet)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUN_VERSION="1.4.4"
PYTHON="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
  echo "==> creating virtualenv .venv"
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.requirements.sha256"
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "==> installing Python requirements"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$want" > "$stamp"
fi

if [ ! -x ".tools/node_modules/.bin/bun" ] || [ "$(.tools/node_modules/.bin/bun --version 2>/dev/null)" != "$BUN_VERSION" ]; then
  command -v npm >/dev/null || { echo "npm is required to install bun (apt-get install -y npm)" >&2; exit 1; }
  echo "==> installing bun $BUN_VERSION from the npm registry"
  npm install --silent --no-audit --no-fund --prefix .tools "bun@$BUN_VERSION"
fi
export PATH="$ROOT/.tools/node_modules/.bin:$ROOT/.venv/bin:$PATH"
export REFLEX_TELEMETRY_ENABLED=false
