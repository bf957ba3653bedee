"""Search boxes as a person uses them: from the last key typed to the matching rows on screen.

    .venv/bin/python bench/search_latency.py [--runs 10] [--users 5000] [--rows 5000]

Starts the production build on a throwaway PostgreSQL database with `--users` generated users and
one workspace with `--rows` knowledge-base rows, then in Chromium types a query into each search
box (one key every 60 ms, faster than any debounce) and times from the last key typed to the
first animation frame where every shown row matches the query:
  - admin users table (/admin/users, the shared data table);
  - knowledge base (/app/m/knowledge);
  - marketplace (/marketplace).
The box is cleared (and the full list awaited) between runs. Figures only; nothing is asserted.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench._browser import launch, print_table, running_app, session_cookie  # noqa: E402

# True once rows exist and every one of them contains the needle (polled every animation frame).
ROWS_MATCH = """([sel, needle]) => { const r = [...document.querySelectorAll(sel)];
  return r.length > 0 && r.every(x => x.textContent.toLowerCase().includes(needle)); }"""
FULL_LIST = """([sel, needle]) => { const r = [...document.querySelectorAll(sel)];
  return r.length > 0 && !r.every(x => x.textContent.toLowerCase().includes(needle)); }"""

CASES = (  # label, path, search box, row selector, query, text every matching row shows
    ("admin users table", "/admin/users", "#table-search", ".table-row", "кузнец", "кузнец"),
    ("knowledge base", "/app/m/knowledge", "#kb-search", ".kb-row", "халва", "халва"),
    ("marketplace", "/marketplace", "#module-search", ".module-card", "знаний", "знаний"),
)


def prepare(users: int, rows: int) -> tuple[str, str]:
    """(admin session token, workspace member token) on the bench database."""
    from sqlmodel import select

    from bench._database import knowledge_workspace
    from bench.admin_users import load_users
    from bench.modules import fill_rows
    from tochka_app.db import session_scope
    from tochka_app.models import User
    from tochka_app.services.auth import sessions
    from tochka_app.settings import get_settings

    load_users(os.environ["DATABASE_URL"], users)
    with session_scope() as session:
        admin = session.exec(select(User).where(User.is_super_admin)).one()
        admin_token = sessions.start(session, get_settings(), admin, kind="admin")
        user, tenant = knowledge_workspace(session, "+79980001122")
        fill_rows(session, tenant.id, rows)
        member_token = sessions.start(session, get_settings(), user, tenant_id=tenant.id)
    return admin_token, member_token


def measure(page, box: str, rows: str, query: str, needle: str, runs: int) -> list[float]:
    """From the moment the last key has been typed to the first frame showing only matches."""
    times = []
    for run in range(runs + 2):
        field = page.locator(box)
        field.fill("")
        page.wait_for_function(FULL_LIST, arg=[rows, needle], polling="raf")
        time.sleep(0.4)
        field.press_sequentially(query, delay=60)
        t0 = time.perf_counter()
        page.wait_for_function(ROWS_MATCH, arg=[rows, needle], polling="raf")
        if run >= 2:  # warm-up excluded
            times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()

    results = {}
    with running_app("bench-search.log") as (app_url, _db), sync_playwright() as pw:
        admin_token, member_token = prepare(args.users, args.rows)
        browser = launch(pw)
        context = browser.new_context()
        context.add_cookies(
            [
                session_cookie(app_url, admin_token, "tr_admin"),
                session_cookie(app_url, member_token),
            ]
        )
        page = context.new_page()
        for label, path, box, rows, query, needle in CASES:
            page.goto(app_url + path)
            page.wait_for_selector(rows)
            results[f"{label}: last key → rows"] = measure(
                page, box, rows, query, needle, args.runs
            )
        browser.close()
    print_table(f"search, last keystroke to matching rows on screen, {args.runs} runs, ms", results)


if __name__ == "__main__":
    main()
