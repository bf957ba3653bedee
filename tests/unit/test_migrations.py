"""Models and migrations agree, and the migration chain goes down and up cleanly."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

from alembic import command
from tests.conftest import TEST_DATABASE_URL
from tests.pgtool import create_database, drop_database
from tochka_app.cli import alembic_config
from tochka_app.models import include_in_autogenerate


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
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": include_in_autogenerate}
            )
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


def _seed_tenant_with_domain(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, phone, name, is_super_admin, is_blocked, created_at, "
                "updated_at) "
                "VALUES (1, '+79990000000', 'Old', false, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO tenants (id, name, slug, custom_domain, status, owner_id, "
                "created_at, updated_at) VALUES (1, 'Old shop', 'old-shop', "
                "'Shop.Example.RU', 'active', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO memberships (user_id, tenant_id, role, created_at) "
                "VALUES (1, 1, 'owner', CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_0005_keeps_tenants_and_moves_custom_domain(scratch_url, tmp_path, backend):
    url = scratch_url if backend == "postgresql" else f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0004")
    _seed_tenant_with_domain(url)
    command.upgrade(config, "0005")
    engine = create_engine(url)
    with engine.connect() as conn:
        tenant = conn.execute(text("SELECT name, brand_color, timezone, locale FROM tenants")).one()
        domain = conn.execute(
            text("SELECT tenant_id, domain, verified_at, verification_token FROM tenant_domains")
        ).one()
        # SQLite rebuilds `tenants` in batch mode: rows pointing at it must not cascade away.
        members = conn.execute(text("SELECT count(*) FROM memberships")).scalar()
    engine.dispose()
    assert tuple(tenant) == ("Old shop", "#30a46c", "Europe/Moscow", "ru")
    assert domain[:3] == (1, "shop.example.ru", None) and len(domain[3]) == 32
    assert members == 1

    command.downgrade(config, "0004")  # and back: the domain returns to its column
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT custom_domain FROM tenants")).scalar() == "shop.example.ru"
    engine.dispose()
