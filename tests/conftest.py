"""Test database set-up shared by unit and e2e tests.

`scripts/test.sh` provides TEST_DATABASE_URL (a throwaway PostgreSQL database). The app's settings
read DATABASE_URL, so it is pointed at the test database before anything from tochka_app loads.
"""

import os

import pytest

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
if not TEST_DATABASE_URL.startswith("postgresql"):
    raise pytest.UsageError(
        "TEST_DATABASE_URL must point at a PostgreSQL database; run the suite with scripts/test.sh"
    )
os.environ["DATABASE_URL"] = TEST_DATABASE_URL
os.environ.pop("REFLEX_DB_URL", None)

from sqlalchemy import text  # noqa: E402
from sqlmodel import Session  # noqa: E402

from tochka_app import db as app_db  # noqa: E402
from tochka_app.cli import alembic_config  # noqa: E402
from tochka_app.modules import registry  # noqa: E402
from tochka_app.settings import get_settings  # noqa: E402

registry.manifests()  # module packages' tables join SQLModel.metadata

# Browser fixtures (prod app, fakes, Chromium, console check) for tests/e2e and tests/security/e2e.
# `base_url` and the launch arguments override pytest-playwright's own fixtures, which only a
# conftest can do (between plugins the order decides), so those two are defined here.
pytest_plugins = ["tests.support.e2e_fixtures"]


@pytest.fixture(scope="session")
def base_url(app_url):
    return app_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, app_port):
    from tests.support.e2e_fixtures import CHROMIUM, CHROMIUM_ARGS, secure_test_origins

    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*CHROMIUM_ARGS, secure_test_origins(app_port)],
        "headless": True,
    }


@pytest.fixture(scope="session")
def migrated_engine():
    from alembic import command

    command.upgrade(alembic_config(TEST_DATABASE_URL), "head")
    return app_db.get_engine()


@pytest.fixture
def db(migrated_engine, monkeypatch):
    """A session inside a transaction that is rolled back after the test.

    Code under test that opens `db.session_scope()` (states, CLI) gets this same session, and its
    commits become savepoints, so nothing a test writes survives it.
    """
    connection = migrated_engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )

    from contextlib import contextmanager

    @contextmanager
    def shared_scope():
        session.info.pop("forbid_writes", None)  # each scope is a new transaction, as in the app
        nested = session.begin_nested()
        try:
            yield session
            nested.commit()
        except Exception:
            nested.rollback()
            raise

    monkeypatch.setattr(app_db, "session_scope", shared_scope)
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def settings():
    return get_settings()


def truncate_all(session: Session) -> None:
    session.exec(
        text(
            "TRUNCATE audit_events, tenant_modules, subscriptions, memberships, platform_content, "
            "modules, tenants, tariffs, users RESTART IDENTITY CASCADE"
        )
    )
