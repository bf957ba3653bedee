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
        f"postgresql+psycopg://postgres@127.0.0.1:5432/tochka_bench_{uuid.uuid4().hex[:8]}")
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
