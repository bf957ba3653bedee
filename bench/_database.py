"""The throwaway PostgreSQL database every benchmark runs on (or BENCH_DATABASE_URL)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bench_database() -> Iterator[str]:
    """Point the app at a fresh database on 127.0.0.1:5432, migrated; dropped afterwards."""
    own = "BENCH_DATABASE_URL" not in os.environ
    url = os.environ.get("BENCH_DATABASE_URL") or (
        f"postgresql+psycopg://postgres@127.0.0.1:5432/tochka_bench_{uuid.uuid4().hex[:8]}"
    )
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-only-key")
    from tests.pgtool import create_database, drop_database
    from tochka_app.cli import migrate

    if own:
        create_database(url)
    try:
        migrate()
        yield url
    finally:
        if own:
            from tochka_app.db import get_engine

            get_engine().dispose()
            drop_database(url)


def knowledge_workspace(session, phone: str):
    """A new owner with a workspace on the top tariff and the knowledge base enabled: the shape
    every knowledge-base bench measures. Returns (user, tenant)."""
    from sqlmodel import select

    from tochka_app.models import Subscription, Tariff, User
    from tochka_app.services import marketplace
    from tochka_app.services.auth import onboarding
    from tochka_app.services.team import Actor

    user = User(phone=phone, name="Bench")
    session.add(user)
    session.flush()
    tenant = onboarding.complete(session, user, "Bench", "Bench shop", "bench")
    pro = session.exec(select(Tariff).where(Tariff.code == "pro")).one()
    subscription = session.exec(
        select(Subscription).where(Subscription.tenant_id == tenant.id)
    ).one()
    subscription.tariff_id = pro.id
    session.add(subscription)
    session.flush()
    assert marketplace.enable(session, Actor(user.id, tenant.id, "owner"), "knowledge") is None
    return user, tenant
