"""Onboarding and super-admin login as a person waits for them, and as event handlers.

    .venv/bin/python bench/auth_flows.py [--runs 10] [--events 30]

Starts the production build on a throwaway PostgreSQL database, then:
  (a) in Chromium, a cold tab per run (new context, nothing cached): the onboarding form filled,
      click "Create" → the workspace overview shows the new company; the admin login form
      filled, click "Log in" → the dashboard shows its figures. Timed from the click.
  (b) in this process, the same handlers as Reflex runs them (fresh state per run): the form's
      submit and the next page's on_load events, against a no-op floor (an event that sets one
      var and touches no database) measured in the same run;
  (c) over the websocket: the trivial event (floor) alone, the admin login submit until its
      redirect arrives, and the floor in a second tab while the first one logs in back to back
      (a handler that blocks the server's event loop holds up every other visitor's events).
Figures only; nothing is asserted.
"""

import argparse
import asyncio
import inspect
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench._browser import (  # noqa: E402
    ADMIN_PASSWORD,
    launch,
    print_table,
    running_app,
    session_cookie,
)
from bench.landing import CAPTURE_SOCKET, ROUND_TRIPS  # noqa: E402

ADMIN_PHONE = "+79000000001"
_phones = (f"+7902{n:07d}" for n in itertools.count(1))


def new_user_token() -> str:
    """A signed-in user who has no workspace yet (what the phone login leaves behind)."""
    from tochka_app.db import session_scope
    from tochka_app.models import User
    from tochka_app.services.auth import sessions
    from tochka_app.settings import get_settings

    with session_scope() as session:
        user = User(phone=next(_phones), name="")
        session.add(user)
        session.flush()
        return sessions.start(session, get_settings(), user)


def browser_onboarding(browser, app_url: str, n: int) -> float:
    context = browser.new_context()
    context.add_cookies([session_cookie(app_url, new_user_token())])
    page = context.new_page()
    page.goto(app_url + "/onboarding")
    page.wait_for_selector("#create-workspace")
    page.wait_for_function("() => document.cookie.includes('tr_session')")
    page.fill("#name", "Анна")
    page.fill("#company", f"Ромашка {n}")
    page.fill("#slug", f"bench-onb-{n}")
    t0 = time.perf_counter()
    page.click("#create-workspace")
    page.wait_for_selector(
        f"#tenant-name:has-text('Ромашка {n}'), #tenant-switcher:has-text('Ромашка {n}')",
        timeout=30_000,
    )
    elapsed = (time.perf_counter() - t0) * 1000
    context.close()
    return elapsed


def browser_admin_login(browser, app_url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(app_url + "/admin/login")
    page.wait_for_selector("#admin-submit")
    page.fill("#admin-phone", ADMIN_PHONE)
    page.fill("#admin-password", ADMIN_PASSWORD)
    t0 = time.perf_counter()
    page.click("#admin-submit")
    page.wait_for_function(
        "() => { const f = document.querySelector('#figure-users');"
        " return f && f.textContent.trim() !== ''; }",
        timeout=30_000,
    )
    elapsed = (time.perf_counter() - t0) * 1000
    context.close()
    return elapsed


def _socket_page(browser, app_url: str):
    """A tab on the admin login page whose websocket and event frame the bench can reuse."""
    page = browser.new_page()
    page.add_init_script(CAPTURE_SOCKET)
    page.goto(app_url + "/admin/login")
    switch = page.locator("#lang-switch")
    switch.get_by_role("radio", name="EN").click()
    page.wait_for_function("() => window.__benchWS && window.__benchFrame")
    switch.get_by_role("radio", name="RU").click()
    return page


# One event per iteration on the tab's socket, each awaited until a reply frame contains `until`
# (a login answers with a delta and then a redirect: the redirect ends it).
TRIPS_UNTIL = """
async ([name, payload, n, until]) => {
  const ws = window.__benchWS, frame = window.__benchFrame;
  const head = frame.slice(0, frame.indexOf('['));
  const template = JSON.parse(frame.slice(head.length))[1];
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply for ' + name)), 30000);
      const onMessage = (m) => {
        if (typeof m.data === 'string' && m.data.includes(until)) {
          ws.removeEventListener('message', onMessage); clearTimeout(timer); resolve();
        }
      };
      ws.addEventListener('message', onMessage);
      ws.send(head + JSON.stringify(['event', {...template, name, payload}]));
    });
    times.push(performance.now() - t0);
  }
  return times;
}
"""


def socket_events(browser, app_url: str, runs: int) -> dict[str, list[float]]:
    from tochka_app.pages.admin.login import AdminLoginState
    from tochka_app.state.i18n import I18nState

    floor = (f"{I18nState.get_full_name()}.set_locale", [{"locale": "en"}, {"locale": "ru"}])
    login = [
        f"{AdminLoginState.get_full_name()}.submit",
        {"form": {"phone": ADMIN_PHONE, "password": ADMIN_PASSWORD}},
    ]
    first, second = _socket_page(browser, app_url), _socket_page(browser, app_url)
    second.evaluate(ROUND_TRIPS, [*floor, 10])
    first.evaluate(TRIPS_UNTIL, [*login, 2, '"_redirect"'])
    results = {
        "floor (trivial event)": second.evaluate(ROUND_TRIPS, [*floor, runs * 2]),
        "admin login submit (until its redirect)": first.evaluate(
            TRIPS_UNTIL, [*login, runs, '"_redirect"']
        ),
    }
    # The second tab's trivial events while the first tab logs in back to back.
    second.evaluate(
        "([fn, args]) => { window.__done = null;"
        " eval(fn)(args).then(r => { window.__done = r; }); }",
        [ROUND_TRIPS, [*floor, runs * 4]],
    )
    first.evaluate(TRIPS_UNTIL, [*login, runs, '"_redirect"'])
    second.wait_for_function("() => window.__done", timeout=120_000)
    results["floor in tab 2 while tab 1 logs in"] = second.evaluate("() => window.__done")
    first.close()
    second.close()
    return results


def run_handler(result):
    """A handler's return value, awaited when the handler is async (as Reflex does)."""
    return asyncio.run(result) if inspect.isawaitable(result) else result


def handlers(runs: int) -> dict[str, list[float]]:
    import reflex as rx

    import tochka_app.tochka_app  # noqa: F401  (registers the states)
    from tochka_app.components.invites import InvitesState
    from tochka_app.pages.admin.dashboard import AdminDashboardState
    from tochka_app.pages.admin.login import AdminLoginState
    from tochka_app.pages.app.overview import OverviewState
    from tochka_app.pages.auth.onboarding_state import OnboardingState

    def substate(root, cls):
        return root.get_substate(cls.get_full_name().split(".")[1:])

    results: dict[str, list[float]] = {}

    def timed(label, fn):
        t0 = time.perf_counter()
        fn()
        results.setdefault(label, []).append((time.perf_counter() - t0) * 1000)

    for run in range(runs + 3):
        root = rx.State(_reflex_internal_init=True)
        onb = substate(root, OnboardingState)
        onb.session_token = new_user_token()
        timed("no-op event (floor)", lambda onb=onb: onb.pick_slug("x"))
        timed(
            "onboarding: submit",
            lambda onb=onb, run=run: onb.submit(
                {"name": "Анна", "company": f"Ромашка {run}", "slug": f"bench-h-{run}"}
            ),
        )
        timed("  then /app: guard_app", onb.guard_app)
        timed("  then /app: overview load", substate(root, OverviewState).load)
        timed("  then /app: invites load", substate(root, InvitesState).load_invites)
        login = substate(root, AdminLoginState)
        timed(
            "admin login: submit",
            lambda login=login: run_handler(
                login.submit({"phone": ADMIN_PHONE, "password": ADMIN_PASSWORD})
            ),
        )
        dash = substate(root, AdminDashboardState)
        timed("  then /admin: guard_admin", dash.guard_admin)
        timed("  then /admin: dashboard load", dash.load)
        if run < 3:
            results.clear()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--events", type=int, default=30)
    args = parser.parse_args()

    with running_app("bench-auth-flows.log") as (app_url, _db):
        with sync_playwright() as pw:
            browser = launch(pw)
            clicks = {
                "onboarding, first after start": [browser_onboarding(browser, app_url, 0)],
                "admin login, first after start": [browser_admin_login(browser, app_url)],
                "onboarding: click → overview shown": [],
                "admin login: click → dashboard shown": [],
            }
            for n in range(1, args.runs + 1):
                clicks["onboarding: click → overview shown"].append(
                    browser_onboarding(browser, app_url, n)
                )
                clicks["admin login: click → dashboard shown"].append(
                    browser_admin_login(browser, app_url)
                )
            sockets = socket_events(browser, app_url, args.events)
            browser.close()
        events = handlers(args.events)  # outside Playwright's event loop
    print_table(f"(a) Chromium, cold tab, from the click, {args.runs} runs, ms", clicks)
    print_table(
        f"(b) event handlers in-process, {args.events} runs, ms",
        events,
        floor_label="no-op event (floor)",
    )
    print_table(
        f"(c) websocket round trips, {args.events} runs (tab 2: {args.events * 4}), ms",
        sockets,
        floor_label="floor (trivial event)",
    )


if __name__ == "__main__":
    main()
