"""Migration 0011 on a database that already has paid subscriptions: every row stays, each
subscription points at the grant of the period it is in, and a period nobody paid for gets none."""

import pytest
from sqlalchemy import create_engine, text

from alembic import command
from tests.conftest import TEST_DATABASE_URL
from tests.pgtool import create_database, drop_database
from tochka_app.cli import alembic_config

NOW = "CURRENT_TIMESTAMP"
ROWS = [
    "INSERT INTO users (id, phone, name, is_super_admin, is_blocked, created_at, updated_at) "
    f"VALUES (1, '+79990000001', 'Owner', false, false, {NOW}, {NOW})",
    "INSERT INTO tenants (id, name, slug, status, owner_id, created_at, updated_at) VALUES "
    f"(1, 'Paid', 'paid', 'active', 1, {NOW}, {NOW}), (2, 'Gift', 'gift', 'active', 1, {NOW}, {NOW})",
    "INSERT INTO tariffs (id, code, name, description, price_month_kopecks, trial_days, is_public, "
    "is_archived, sort_order, created_at, updated_at) VALUES (1, 'business', '{\"ru\": \"Бизнес\"}', "
    f"'{{}}', 349000, 14, true, false, 10, {NOW}, {NOW})",
    # 1: paid twice (an old period, then the running one). 2: paid once, later reopened by hand.
    "INSERT INTO subscriptions (id, tenant_id, tariff_id, status, period_start, period_end, "
    "cancel_at_period_end, created_at, updated_at) VALUES "
    f"(1, 1, 1, 'active', '2026-11-01 12:00:00', '2026-12-01 12:00:00', false, {NOW}, {NOW}), "
    f"(2, 2, 1, 'active', '2026-11-20 12:00:00', '2026-12-20 12:00:00', false, {NOW}, {NOW})",
    "INSERT INTO payments (id, tenant_id, subscription_id, tariff_id, purpose, amount_kopecks, "
    "credit_kopecks, currency, description, idempotence_key, status, refunded_kopecks, created_at) "
    "VALUES "
    f"(1, 1, 1, 1, 'subscribe', 299000, 0, 'RUB', 'x', 'k1', 'succeeded', 0, {NOW}), "
    f"(2, 1, 1, 1, 'renewal', 299000, 0, 'RUB', 'x', 'k2', 'succeeded', 0, {NOW}), "
    f"(3, 2, 2, 1, 'subscribe', 299000, 0, 'RUB', 'x', 'k3', 'succeeded', 0, {NOW})",
    "INSERT INTO period_grants (id, subscription_id, payment_id, tariff_id, starts_at, ends_at, "
    "created_at) VALUES "
    f"(1, 1, 1, 1, '2026-10-02 12:00:00', '2026-11-01 12:00:00', {NOW}), "
    f"(2, 1, 2, 1, '2026-11-01 12:00:00', '2026-12-01 12:00:00', {NOW}), "
    f"(3, 2, 3, 1, '2026-09-01 12:00:00', '2026-10-01 12:00:00', {NOW})",
]


@pytest.fixture
def scratch_url():
    url = TEST_DATABASE_URL + "_m0011"
    drop_database(url)
    create_database(url)
    yield url
    drop_database(url)


def _query(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
def test_0011_backfills_the_running_period_and_keeps_every_row(scratch_url, tmp_path, backend):
    url = scratch_url if backend == "postgresql" else f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0010")
    engine = create_engine(url)
    with engine.begin() as conn:
        for sql in ROWS:
            conn.execute(text(sql))
    engine.dispose()

    command.upgrade(config, "0011")
    assert _query(url, "SELECT id, period_grant_id FROM subscriptions ORDER BY id") == [
        (1, 2),
        (2, None),
    ]
    counts = "SELECT (SELECT count(*) FROM payments), (SELECT count(*) FROM period_grants)"
    assert _query(url, counts) == [(3, 3)]  # SQLite rebuilt `subscriptions`: nothing cascaded

    command.downgrade(config, "0010")
    assert _query(url, counts) == [(3, 3)]
    assert _query(url, "SELECT count(*) FROM subscriptions") == [(2,)]
