"""Module benchmark: marketplace enable and knowledge-base search as event handlers on PostgreSQL.

    .venv/bin/python bench/modules.py [--rows 100000] [--runs 200]

Creates a throwaway database on 127.0.0.1:5432 (or uses BENCH_DATABASE_URL), migrates and seeds
it, gives one tenant (tariff Про, no row limit) `--rows` knowledge-base rows, then calls the real
state handlers as Reflex runs them for one browser tab (session re-check, permission and module
checks, the query, building the vars), each in its own transaction:
  - AppMarketplaceState.enable("pages") (a disable between runs is not timed);
  - KnowledgeState.search(query) for a rare word, a common word, a two-word query and no hit.
Baselines in the same run: an empty transaction, and a handler that only re-checks the session.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._database import bench_database, knowledge_workspace  # noqa: E402

WORDS = (
    "чай",
    "кофе",
    "зелёный",
    "чёрный",
    "молотый",
    "шоколад",
    "мёд",
    "варенье",
    "печенье",
    "сахар",
    "кружка",
    "чайник",
    "турка",
    "пряник",
    "зефир",
    "халва",
    "какао",
    "сироп",
)
CATEGORIES = ("Чай", "Кофе", "Сладости", "Бакалея", "Посуда")


def fill_rows(session, tenant_id: int, rows: int) -> None:
    from tochka_app.modules.knowledge.models import KnowledgeItem

    rng = random.Random(42)
    table = KnowledgeItem.__table__
    for start in range(0, rows, 5000):
        batch = []
        for n in range(start, min(rows, start + 5000)):
            name = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} №{n}"
            sku, category = f"SKU-{n:07d}", rng.choice(CATEGORIES)
            batch.append(
                {
                    "tenant_id": tenant_id,
                    "name": name,
                    "sku": sku,
                    "category": category,
                    "price_kopecks": rng.randint(1000, 500000),
                    "quantity": rng.randint(0, 99),
                    "description": "",
                    "search_text": f"{name} {sku} {category}".lower(),
                }
            )
        session.execute(table.insert(), batch)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    with bench_database():
        results = run(args)
    report(results, args)


def run(args) -> dict[str, list[float]]:
    import reflex as rx
    from reflex.istate.data import RouterData
    from sqlalchemy import text

    import tochka_app.tochka_app  # noqa: F401  (registers the states)
    from tochka_app.api.auth import SESSION_COOKIE
    from tochka_app.cli import seed
    from tochka_app.db import get_engine, session_scope
    from tochka_app.modules.knowledge.pages import KnowledgeState
    from tochka_app.pages.app.marketplace import AppMarketplaceState
    from tochka_app.services.auth import sessions
    from tochka_app.settings import get_settings

    def state(cls, token):
        root = rx.State(_reflex_internal_init=True)
        instance = root.get_substate(cls.get_full_name().split(".")[1:])
        # The session cookie is HttpOnly: states read it from the websocket handshake.
        root.router = RouterData.from_router_data(
            {"token": "bench", "headers": {"cookie": f"{SESSION_COOKIE}={token}"}}
        )
        return instance

    seed()
    with session_scope() as session:
        user, tenant = knowledge_workspace(session, "+79990001122")
        token = sessions.start(session, get_settings(), user, tenant_id=tenant.id)
        fill_rows(session, tenant.id, args.rows)
    with get_engine().connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "ANALYZE module_knowledge_items"
        )

    results: dict[str, list[float]] = {}

    def timed(label, fn):
        t0 = time.perf_counter()
        fn()
        results.setdefault(label, []).append((time.perf_counter() - t0) * 1000)

    def empty_txn():
        with session_scope() as session:
            session.exec(text("SELECT 1"))

    shop = state(AppMarketplaceState, token)
    kb = state(KnowledgeState, token)
    assert kb.load() is None and kb.total == args.rows
    queries = {
        "search: rare word (№12345)": "№12345",
        "search: common word (чай)": "чай",
        "search: two words": "зелёный чай",
        "search: no hit": "жираф",
    }
    for run in range(args.runs + 10):
        warm = run < 10
        timed("empty transaction (floor)", empty_txn)
        timed("session re-check only", shop.load)
        timed("marketplace enable", lambda: shop.enable("pages"))
        shop.disable("pages")
        for label, query in queries.items():
            timed(label, lambda q=query: kb.search(q))
        timed("first + next page (2 events)", lambda: (kb.search(""), kb.older()))
        if warm:
            results.clear()
    return results


def report(results: dict[str, list[float]], args) -> None:
    def p95(values):
        return statistics.quantiles(values, n=20)[-1]

    floor = p95(results["empty transaction (floor)"])
    print(
        f"\nevent handlers on PostgreSQL, {args.rows:,} knowledge-base rows, {args.runs} runs, ms"
    )
    print(f"{'handler':<34}{'p50':>8}{'p95':>8}{'p95 / empty txn':>18}")
    for label, values in results.items():
        print(
            f"{label:<34}{statistics.median(values):>8.2f}{p95(values):>8.2f}"
            f"{p95(values) / floor:>18.1f}"
        )


if __name__ == "__main__":
    main()
