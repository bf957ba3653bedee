"""Issue 11, item 2: session tokens live only in HttpOnly cookies set by HTTP responses; the
login ticket that sets them is single-use, short-lived and never redirects off the site."""

from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import reflex as rx
from reflex.istate.storage import ClientStorageBase
from sqlmodel import select
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

import tochka_app.tochka_app  # noqa: F401  (registers every state class)
from tests.support.browser_state import redirect_target
from tochka_app.api import build_api, session_cookies
from tochka_app.api.session_cookies import SessionCookieMiddleware
from tochka_app.models import SessionTicket, User
from tochka_app.services.auth import sessions, tickets


@pytest.fixture
def owner(db, seeded):
    return db.exec(select(User).where(User.phone == "+79000000010")).one()


@pytest.fixture
def admin(db, seeded):
    return db.exec(select(User).where(User.is_super_admin)).first()


def client() -> TestClient:
    # Our own page navigates to the ticket endpoint: the browser says "same-origin".
    return TestClient(
        build_api(), headers={"sec-fetch-site": "same-origin"}, follow_redirects=False
    )


def landed(response) -> str:
    """Where the browser goes on after the endpoint: the `to` of the continue page."""
    location = urlsplit(response.headers["location"])
    assert location.path == "/auth/continue/go" and not location.netloc
    return parse_qs(location.query)["to"][0]


def set_cookies(response) -> dict[str, str]:
    return {line.split("=", 1)[0]: line for line in response.headers.get_list("set-cookie")}


def _all_states(cls=rx.State):
    yield cls
    for sub in cls.get_substates():
        yield from _all_states(sub)


def test_session_cookie_not_readable_by_script():
    """No state keeps a session token in browser storage that scripts can read (rx.Cookie,
    rx.LocalStorage): the frontend is never given the token at all."""
    states = list(_all_states())
    assert len(states) > 20
    for state in states:
        for name, field in state.get_fields().items():
            if isinstance(field.default, ClientStorageBase):
                assert (getattr(field.default, "name", None) or name) not in (
                    "tr_session",
                    "tr_admin",
                ), f"{state.__name__}.{name}"
        assert (
            "session_token" not in state.get_fields() and "admin_token" not in state.get_fields()
        ), state.__name__


def test_session_cookie_is_httponly_lax_and_secure_in_production(db, owner, settings, monkeypatch):
    ticket = tickets.issue(db, settings, owner, "/app")
    prod = settings.model_copy(update={"app_env": "production", "secret_key": "x" * 32})
    monkeypatch.setattr(session_cookies, "get_settings", lambda: prod)
    response = client().get(f"/auth/session?ticket={ticket}")
    assert response.status_code == 303 and landed(response) == "/app"
    cookie = set_cookies(response)["tr_session"]
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= attributes
    assert any(a.startswith("max-age=") for a in attributes)
    token = cookie.split(";")[0].split("=", 1)[1]
    assert sessions.resolve(db, settings, token).user.id == owner.id
    assert response.headers["cache-control"] == "no-store"


def test_admin_cookie_is_httponly_strict(db, admin, settings):
    ticket = tickets.issue(db, settings, admin, "/admin", kind="admin")
    cookie = set_cookies(client().get(f"/auth/session?ticket={ticket}"))["tr_admin"]
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/"} <= attributes
    assert "secure" not in attributes  # development over plain http


def test_session_ticket_replay_is_refused(db, owner, settings):
    ticket = tickets.issue(db, settings, owner, "/app")
    first = client().get(f"/auth/session?ticket={ticket}")
    assert "tr_session" in set_cookies(first)
    replay = client().get(f"/auth/session?ticket={ticket}")
    assert landed(replay) == "/login" and "tr_session" not in set_cookies(replay)


def test_session_ticket_expires_after_a_minute(db, owner, settings):
    ticket = tickets.issue(db, settings, owner, "/app")
    row = db.exec(select(SessionTicket)).one()
    assert row.expires_at - row.created_at <= timedelta(seconds=60)
    assert row.ticket_hash != ticket  # stored hashed
    row.expires_at = row.created_at - timedelta(seconds=1)
    db.add(row)
    db.flush()
    assert tickets.redeem(db, settings, ticket) is None
    assert "tr_session" not in set_cookies(client().get(f"/auth/session?ticket={ticket}"))


def test_forged_session_ticket_sets_nothing(db, owner, settings):
    response = client().get("/auth/session?ticket=forged")
    assert landed(response) == "/login" and not set_cookies(response)


def test_cross_site_ticket_link_does_not_log_the_victim_in(db, owner, settings):
    """A ticket for the attacker's own account, sent to a victim as a link (login CSRF)."""
    ticket = tickets.issue(db, settings, owner, "/app")
    response = TestClient(build_api(), follow_redirects=False).get(
        f"/auth/session?ticket={ticket}", headers={"sec-fetch-site": "cross-site"}
    )
    assert "tr_session" not in set_cookies(response)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.test/x",
        "https://evil.test",
        "/\\evil.test",
        "evil.test",
        "/ok\r\nSet-Cookie: a=b",
        "",
    ],
)
def test_ticket_never_redirects_off_site(db, owner, settings, target):
    ticket = tickets.issue(db, settings, owner, target)
    assert landed(client().get(f"/auth/session?ticket={ticket}")) == "/"
    assert tickets.local_path("/app/profile?tab=1") == "/app/profile?tab=1"


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.test",
        "http://localhost.evil.test:3000",
        "javascript:alert(1)",
        "http://localhost:3000/x",
    ],
)
def test_ticket_never_hands_the_browser_to_another_site(db, owner, settings, origin):
    ticket = tickets.issue(db, settings, owner, "/app")
    response = client().get("/auth/session", params={"ticket": ticket, "from": origin})
    assert landed(response) == "/app"  # relative: this site


def test_development_pages_on_another_port_get_the_browser_back(db, owner, settings, monkeypatch):
    """`reflex run` serves pages on :3000 and the backend on :8000 (same site)."""
    ticket = tickets.issue(db, settings, owner, "/app")
    response = TestClient(build_api(), follow_redirects=False).get(
        "/auth/session",
        params={"ticket": ticket, "from": "http://localhost:3000"},
        headers={"sec-fetch-site": "same-site"},
    )
    assert response.headers["location"].startswith("http://localhost:3000/auth/continue/go?")
    assert "tr_session" in set_cookies(response)
    prod = settings.model_copy(
        update={
            "app_env": "production",
            "secret_key": "x" * 32,
            "public_base_url": "https://tochka.example",
        }
    )
    monkeypatch.setattr(session_cookies, "get_settings", lambda: prod)
    ticket = tickets.issue(db, settings, owner, "/app")
    response = TestClient(build_api(), follow_redirects=False).get(
        "/auth/session",
        params={"ticket": ticket, "from": "http://localhost:3000"},
        headers={"sec-fetch-site": "same-site"},
    )  # a tenant subdomain is same-site too
    assert "tr_session" not in set_cookies(response)
    assert not urlsplit(response.headers["location"]).netloc


@pytest.mark.parametrize("target", ["//evil.test", "https://evil.test/x", "/\\evil.test"])
def test_continue_page_never_leaves_the_site(make_state, target):
    from reflex.istate.data import RouterData

    from tochka_app.pages.auth.continue_page import ContinueState

    state = make_state(ContinueState)
    state.router = RouterData.from_router_data(
        {
            "pathname": "/auth/continue/go",
            "query": {"to": target},
            "asPath": "/auth/continue/go?" + urlencode({"to": target}),
        }
    )
    assert redirect_target(state.go()) == "/"
    state.router = RouterData.from_router_data(
        {
            "pathname": "/auth/continue/go",
            "query": {"to": "/app/profile"},
            "asPath": "/auth/continue/go?to=%2Fapp%2Fprofile",
        }
    )
    assert redirect_target(state.go()) == "/app/profile"


def test_ticket_of_a_revoked_session_sets_nothing(db, owner, settings):
    ticket = tickets.issue(db, settings, owner, "/app")
    sessions.end_all(db, owner.id)
    assert "tr_session" not in set_cookies(client().get(f"/auth/session?ticket={ticket}"))


def test_logout_endpoint_revokes_the_session_and_deletes_the_cookie(db, owner, settings):
    token = sessions.start(db, settings, owner)
    http = client()
    http.cookies.set("tr_session", token)
    response = http.post("/auth/logout", data={"next": "//evil.test"})
    assert response.status_code == 303 and landed(response) == "/login"
    assert "max-age=0" in set_cookies(response)["tr_session"].lower()
    assert sessions.resolve(db, settings, token) is None


def test_cross_site_logout_post_is_refused(db, owner, settings):
    token = sessions.start(db, settings, owner)
    http = TestClient(build_api(), follow_redirects=False)
    http.cookies.set("tr_session", token)
    assert http.post("/auth/logout", headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert sessions.resolve(db, settings, token) is not None


def test_revoked_session_cookie_is_cleared_on_the_next_page_load(db, owner, admin, settings):
    page = Starlette(routes=[Route("/app", lambda r: PlainTextResponse("page"))])
    http = TestClient(SessionCookieMiddleware(page), headers={"sec-fetch-dest": "document"})
    live, dead = sessions.start(db, settings, owner), sessions.start(db, settings, owner)
    admin_token = sessions.start(db, settings, admin, kind="admin")
    sessions.end(db, dead)
    http.cookies.set("tr_session", live)
    http.cookies.set("tr_admin", admin_token)
    assert set_cookies(http.get("/app")) == {}  # live sessions keep their cookies
    http.cookies.set("tr_session", dead)
    sessions.end_all(db, admin.id)
    cleared = set_cookies(http.get("/app"))
    assert set(cleared) == {"tr_session", "tr_admin"}
    assert all("max-age=0" in line.lower() for line in cleared.values())


def test_admin_csv_export_still_reads_the_httponly_cookie(db, admin, settings):
    ticket = tickets.issue(db, settings, admin, "/admin", kind="admin")
    cookie = set_cookies(client().get(f"/auth/session?ticket={ticket}"))["tr_admin"]
    http = TestClient(build_api())
    http.cookies.set("tr_admin", cookie.split(";")[0].split("=", 1)[1])
    assert http.get("/api/admin/export/users.csv").status_code == 200


def test_backend_reads_the_session_from_the_handshake(db, owner, settings, make_state):
    from tests.support.browser_state import in_browser
    from tochka_app.pages.app.overview import OverviewState

    state = in_browser(make_state(OverviewState), session=sessions.start(db, settings, owner))
    assert state.load() is None and state.user_phone == owner.phone
    assert "/login" in str(in_browser(make_state(OverviewState)).load())  # no cookie: nobody
