"""Start the app as `reflex run --env prod` on a free port with its own database, and stop it.

Shared by the e2e fixtures and the benchmark script, so both measure the same production build.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 300


class AppStartError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_database(database_url: str, extra_env: dict[str, str] | None = None) -> None:
    """Migrate and seed a database through the project's own CLI."""
    subprocess.run(
        [sys.executable, "-m", "tochka_app.cli", "setup"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, **(extra_env or {})},
        check=True,
        capture_output=True,
    )


def start_app(
    database_url: str,
    log_path: Path,
    extra_env: dict[str, str] | None = None,
    port: int | None = None,
) -> tuple[subprocess.Popen, str]:
    port = port or free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REFLEX_DB_URL": database_url,
        "APP_ENV": "production",
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}{os.pathsep}{os.environ['PATH']}",
        **(extra_env or {}),
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reflex",
                "run",
                "--env",
                "prod",
                "--single-port",
                "--frontend-port",
                str(port),
                "--backend-port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    ready_in_a_row = 0
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AppStartError(
                f"app exited with {process.returncode}:\n{log_path.read_text()[-4000:]}"
            )
        ready_in_a_row = ready_in_a_row + 1 if _serves_events(url) else 0
        if ready_in_a_row >= 2:
            return process, url
        time.sleep(1)
    stop_app(process)
    raise AppStartError(
        f"app not ready after {STARTUP_TIMEOUT_S}s:\n{log_path.read_text()[-4000:]}"
    )


def _serves_events(url: str) -> bool:
    """/ping answers and so does the websocket endpoint's engine.io (its "Invalid transport" for
    a polling request — while the backend is still starting, the page fallback answers /_event
    with HTML and the first browser's websocket fails). Twice in a row, a second apart."""
    try:
        if httpx.get(f"{url}/ping", timeout=2).status_code != 200:
            return False
        events = httpx.get(f"{url}/_event/?EIO=4&transport=polling", timeout=2)
    except httpx.HTTPError:
        return False
    return not events.headers.get("content-type", "").startswith("text/html")


def stop_app(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
