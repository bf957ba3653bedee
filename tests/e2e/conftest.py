"""End-to-end fixtures: the app built and started once per session with `reflex run --env prod`
on a free port and its own PostgreSQL database, and Playwright driving Debian's Chromium."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session

from tests.conftest import TEST_DATABASE_URL
from tests.pgtool import create_database, drop_database
from tests.support.app_process import ROOT, AppStartError, setup_database, start_app, stop_app

ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # Debian's chromium on a machine with no outside network
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def e2e_database_url():
    url = TEST_DATABASE_URL + "_e2e"
    drop_database(url)
    create_database(url)
    setup_database(url)
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def app_url(e2e_database_url):
    try:
        process, url = start_app(e2e_database_url, ARTIFACTS / "e2e-app.log")
    except AppStartError as exc:
        pytest.fail(str(exc))
    try:
        yield url
    finally:
        stop_app(process)


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
