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


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_0017_gives_an_existing_preorder_product_a_wave_and_keeps_order_lines(
    scratch_url, tmp_path, backend
):
    url = scratch_url if backend == "postgresql" else f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0016")
    engine = create_engine(url)
    now = "CURRENT_TIMESTAMP"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, phone, name, is_super_admin, is_blocked, created_at, "
                f"updated_at) VALUES (1, '+79990000000', 'Old', false, false, {now}, {now})"
            )
        )
        conn.execute(
            text(
                "INSERT INTO tenants (id, name, slug, status, owner_id, created_at, updated_at) "
                f"VALUES (1, 'Old shop', 'old-shop', 'active', 1, {now}, {now})"
            )
        )
        for product_id, kind in ((1, "preorder"), (2, "in_stock")):
            conn.execute(
                text(
                    "INSERT INTO module_shop_products (id, tenant_id, name, sku, description_md, "
                    "price_kopecks, status, order_type, care_instructions, size_table, "
                    f"search_text, created_at, updated_at) VALUES ({product_id}, 1, 'P', "
                    f"'P-{product_id}', '', 100, 'active', '{kind}', '', '[]', 'p', {now}, {now})"
                )
            )
        conn.execute(
            text(
                "INSERT INTO module_shop_variants (id, tenant_id, product_id, size, colour, "
                "sku_suffix, stock, reserved, position) VALUES "
                "(1, 1, 1, 'M', '', '', 7, 2, 0), (2, 1, 1, 'L', '', '', 5, 0, 1), "
                "(3, 1, 2, '', '', '', 9, 0, 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO module_shop_orders (id, tenant_id, number, status, payment_status, "
                "customer_name, customer_phone, customer_email, delivery_address, cdek_point, "
                "comment, items_kopecks, discount_kopecks, total_kopecks, tracking_number, "
                f"staff_note, secret_hash, created_at, updated_at) VALUES (1, 1, 1, 'paid', "
                f"'succeeded', 'A', '+79990000001', '', '', '', '', 200, 0, 200, '', '', 'h', "
                f"{now}, {now})"
            )
        )
        conn.execute(
            text(
                "INSERT INTO module_shop_order_items (id, tenant_id, order_id, product_id, "
                "variant_id, name, variant_label, sku, price_kopecks, quantity) "
                "VALUES (1, 1, 1, 1, 1, 'P', 'M', 'P-1', 100, 2)"
            )
        )
    engine.dispose()
    command.upgrade(config, "0017")
    engine = create_engine(url)
    with engine.connect() as conn:
        waves = conn.execute(
            text(
                "SELECT product_id, number, capacity, taken, status FROM module_shop_preorder_waves"
            )
        ).all()
        line = conn.execute(
            text("SELECT order_id, quantity, wave_id FROM module_shop_order_items")
        ).one()
    engine.dispose()
    assert [tuple(w) for w in waves] == [(1, 1, 10, 0, "collecting")]  # 7 - 2 + 5 left to sell
    assert tuple(line) == (1, 2, None)
    command.downgrade(config, "0016")
    assert "module_shop_preorder_waves" not in _tables(url)
