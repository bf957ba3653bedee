"""Models and migrations agree, and the migration chain goes down and up cleanly."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from tests.conftest import TEST_DATABASE_URL
from tests.pgtool import create_database, drop_database
from tochka_app.cli import alembic_config


@pytest.fixture
def scratch_url():
    url = TEST_DATABASE_URL + "_migrations"
    drop_database(url)
    create_database(url)
    yield url
    drop_database(url)


def _diff(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_autogenerate_finds_no_difference_after_upgrade(scratch_url):
    command.upgrade(alembic_config(scratch_url), "head")
    assert _diff(scratch_url) == []


def test_downgrade_base_then_upgrade_head(scratch_url):
    config = alembic_config(scratch_url)
    command.upgrade(config, "head")
    all_tables = set(SQLModel.metadata.tables)
    assert all_tables <= _tables(scratch_url)

    command.downgrade(config, "base")
    assert _tables(scratch_url) == {"alembic_version"}

    command.upgrade(config, "head")
    assert all_tables <= _tables(scratch_url)
    assert _diff(scratch_url) == []
