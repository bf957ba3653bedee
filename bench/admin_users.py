"""Admin users table benchmark: 1 000 000 generated users, the table's event handlers as Reflex
runs them (admin session re-check, query, building the rows), against a no-op event floor.

    .venv/bin/python bench/admin_users.py [--users 1000000] [--runs 100]

Creates a throwaway database on 127.0.0.1:5432 (or uses BENCH_DATABASE_URL), migrates, seeds,
loads the users with COPY, ANALYZEs, then times per run:
  - floor: an event that changes one var and touches no database (column chooser toggle),
    and the admin-session re-check every handler starts with (one indexed lookup);
  - page turn: next page from the first page (keyset), and 10 pages deep;
  - search: a name fragment, a phone fragment, a word nobody has;
  - sort: by name, by phone, by date (first page).
"""

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._database import bench_database  # noqa: E402

FIRST = ("Анна", "Иван", "Мария", "Олег", "Ольга", "Пётр", "Дарья", "Сергей", "Елена", "Максим")
LAST = ("Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков")


def load_users(url: str, count: int) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    rng = random.Random(7)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        with cur.copy(
            "COPY users (phone, name, is_super_admin, is_blocked, created_at, "
            "updated_at, last_login_at) FROM STDIN"
        ) as copy:
            for n in range(count):
                created = start + timedelta(seconds=n * 60)
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                copy.write_row(
                    (
                        f"+7999{n:07d}",
                        name,
                        False,
                        n % 97 == 0,
                        created,
                        created,
                        created if n % 3 else None,
                    )
                )
        conn.commit()
        conn.autocommit = True
        conn.execute("ANALYZE users")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()

    with bench_database() as url:
        results = run(args, url)
    report(results, args)


def run(args, url: str) -> dict[str, list[float]]:
    import reflex as rx
    from reflex.istate.data import RouterData
    from sqlmodel import select

    import tochka_app.tochka_app  # noqa: F401  (registers the states)
    from tochka_app.api.admin_export import ADMIN_COOKIE
    from tochka_app.cli import seed
    from tochka_app.db import session_scope
    from tochka_app.models import User
    from tochka_app.pages.admin.users import AdminUsersState
    from tochka_app.services.auth import sessions
    from tochka_app.settings import get_settings

    seed()
    t0 = time.perf_counter()
    load_users(url, args.users)
    print(f"loaded {args.users:,} users in {time.perf_counter() - t0:.1f} s")
    with session_scope() as session:
        admin = session.exec(select(User).where(User.is_super_admin)).one()
        token = sessions.start(session, get_settings(), admin, kind="admin")

    root = rx.State(_reflex_internal_init=True)
    table = root.get_substate(AdminUsersState.get_full_name().split(".")[1:])
    # The admin cookie is HttpOnly: the state reads it from the websocket handshake.
    root.router = RouterData.from_router_data(
        {"token": "bench", "headers": {"cookie": f"{ADMIN_COOKIE}={token}"}}
    )
    table.load_table()
    assert len(table.rows) == 50

    results: dict[str, list[float]] = {}

    def timed(label, fn, prepare=None):
        if prepare:
            prepare()
        t = time.perf_counter()
        fn()
        results.setdefault(label, []).append((time.perf_counter() - t) * 1000)

    def first_page():
        table.search, table.filter_values = "", {}
        table.sort, table.desc = "created", True
        table.load_table()

    def deep():
        first_page()
        for _ in range(9):
            table.next_page()

    for run in range(args.runs + 5):
        timed("no-op event (floor)", lambda: table.toggle_column("tenants"))
        timed("admin session re-check", table.guard_admin)
        timed("page turn (next page)", table.next_page, first_page)
        timed("page turn, 10 pages deep", table.next_page, deep)
        timed("search: name fragment", lambda: table.set_search("иван кузн"), first_page)
        timed("search: phone fragment", lambda: table.set_search("999000123"), first_page)
        timed("search: no match", lambda: table.set_search("жираф"), first_page)
        timed("sort by name", lambda: table.sort_by("name"), first_page)
        timed("sort by phone", lambda: table.sort_by("phone"), first_page)
        timed("sort by date (asc)", lambda: table.sort_by("created"), first_page)
        if run < 5:
            results.clear()
    print("total label:", table.total_label)
    return results


def report(results: dict[str, list[float]], args) -> None:
    def p95(values):
        return statistics.quantiles(values, n=20)[-1]

    floor = p95(results["no-op event (floor)"])
    print(f"\nadmin users table, {args.users:,} users, {args.runs} runs, ms")
    check = p95(results["admin session re-check"])
    print(f"{'event':<30}{'p50':>9}{'p95':>9}{'p95 / floor':>13}{'p95 / re-check':>16}")
    for label, values in results.items():
        print(
            f"{label:<30}{statistics.median(values):>9.2f}{p95(values):>9.2f}"
            f"{p95(values) / floor:>13.1f}{p95(values) / check:>16.1f}"
        )
    print("(the websocket round trip of a trivial event, bench/landing.py, adds ~17-23 ms p95)")


if __name__ == "__main__":
    main()
