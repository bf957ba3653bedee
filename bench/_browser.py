"""The production build on a throwaway database and headless Chromium, for the browser benchmarks
(shared by bench/landing.py, bench/auth_flows.py and bench/search_latency.py)."""

import os
import statistics
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ADMIN_PASSWORD = "bench-Admin-pass-42"
BENCH_ENV = {"SECRET_KEY": "bench-only-key", "SUPER_ADMIN_PASSWORD": ADMIN_PASSWORD}


@contextmanager
def running_app(log_name: str) -> Iterator[tuple[str, str]]:
    """(app url, database url): `reflex run --env prod` on a migrated, seeded database
    (BENCH_DATABASE_URL, or a new one on 127.0.0.1:5432 dropped afterwards)."""
    from tests.pgtool import create_database, drop_database
    from tests.support.app_process import setup_database, start_app, stop_app

    own_db = "BENCH_DATABASE_URL" not in os.environ
    db_url = os.environ.get("BENCH_DATABASE_URL") or (
        f"postgresql+psycopg://postgres@127.0.0.1:5432/tochka_bench_{uuid.uuid4().hex[:8]}"
    )
    os.environ.update({"DATABASE_URL": db_url, **BENCH_ENV})
    if own_db:
        create_database(db_url)
    process = None
    try:
        setup_database(db_url, BENCH_ENV)
        print("starting the production build ...", flush=True)
        process, app_url = start_app(db_url, ROOT / "artifacts" / log_name, BENCH_ENV)
        yield app_url, db_url
    finally:
        if process is not None:
            stop_app(process)
        if own_db:
            from tochka_app.db import get_engine

            get_engine().dispose()
            drop_database(db_url)


def launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def print_table(
    title: str, results: dict[str, list[float]], floor_label: str | None = None
) -> None:
    """p50 / p95 / max per row; with `floor_label`, each p95 as a multiple of that row's p95."""
    print(f"\n{title}")
    head = f"{'':<44}{'n':>5}{'p50':>9}{'p95':>9}{'max':>9}"
    print(head + (f"{'p95/floor':>11}" if floor_label else ""))
    floor = pct(results[floor_label], 95) if floor_label else None
    for label, values in results.items():
        line = (
            f"{label:<44}{len(values):>5}{statistics.median(values):>9.1f}"
            f"{pct(values, 95):>9.1f}{max(values):>9.1f}"
        )
        print(line + (f"{pct(values, 95) / floor:>11.1f}" if floor else ""))


def session_cookie(app_url: str, token: str, name: str = "tr_session") -> dict:
    return {"name": name, "value": token, "url": app_url}
