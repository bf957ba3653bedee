"""End-to-end fixtures: the app built and started once per session with `reflex run --env prod`
on a free port and its own PostgreSQL database, and Playwright driving Debian's Chromium."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine
from sqlmodel import Session

from tests.conftest import TEST_DATABASE_URL
from tests.pgtool import create_database, drop_database

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
STARTUP_TIMEOUT_S = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def e2e_database_url():
    url = TEST_DATABASE_URL + "_e2e"
    drop_database(url)
    create_database(url)
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "tochka_app.cli", "setup"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def app_url(e2e_database_url):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": e2e_database_url,
        "REFLEX_DB_URL": e2e_database_url,
        "APP_ENV": "production",
        "PATH": f"{ROOT / '.tools/node_modules/.bin'}{os.pathsep}{os.environ['PATH']}",
    }
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / "e2e-app.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port",
             "--frontend-port", str(port), "--backend-port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, url, log_path)
        yield url
    finally:
        _stop(process)


def _wait_until_ready(process: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"app exited with {process.returncode}:\n{log_path.read_text()[-4000:]}")
        try:
            if httpx.get(f"{url}/ping", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    _stop(process)
    pytest.fail(f"app not ready after {STARTUP_TIMEOUT_S}s:\n{log_path.read_text()[-4000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="session")
def e2e_engine(e2e_database_url):
    engine = create_engine(e2e_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def e2e_db(e2e_engine):
    """A session on the running app's database (changes are committed and visible to the app)."""
    with Session(e2e_engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture(scope="session")
def base_url(app_url):
    return app_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS,
            "headless": True}


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
