"""Attacks on the server rendering of public pages (tochka_app/server_render): the visitor's session
or an admin's preview reaching the state crawlers get, a forged language cookie or Host header, text
typed by a tenant that tries to close the state's <script>, and a flood that would queue renders."""

import json
import re

from tests.support import factories
from tests.support.async_run import run_async
from tests.unit.server_render.test_page_state import I18N, LANDING, state_of
from tochka_app.models import User
from tochka_app.server_render.page import request_cookies, state_script
from tochka_app.server_render.page_state import cookies_to_set
from tochka_app.server_render.renderer import MAX_IN_FLIGHT, Renderer
from tochka_app.services.admin import AdminActor, content_admin
from tochka_app.services.auth import sessions
from tochka_app.settings import get_settings

SESSION_STATE = I18N + ".tochka_app___state___session____session_state"


def test_an_admins_preview_cookie_does_not_put_drafts_into_the_server_render(db, seeded):
    admin = factories.user(db, name="Админ", is_super_admin=True)
    content_admin.save_draft(db, AdminActor(admin.id), "hero", "ru", {"title": "ЧЕРНОВИК-СЕКРЕТ"})
    admin_token = sessions.start(db, get_settings(), admin, kind="admin")
    state = state_of("/", "preview=ru", cookies={"tr_admin": admin_token})
    assert "ЧЕРНОВИК-СЕКРЕТ" not in json.dumps(state, default=str, ensure_ascii=False)
    assert state[LANDING].get("preview_rx_state_", False) is False


def test_a_signed_in_visitors_session_does_not_reach_the_server_render(db, demo_team):
    tenant, actors = demo_team
    owner = db.get(User, actors["owner"].user_id)
    token = factories.session_token(db, actors["owner"])
    state = state_of("/", cookies={"tr_session": token})
    text = json.dumps(state, default=str, ensure_ascii=False)
    assert owner.phone not in text and owner.name not in text and tenant.name not in text
    assert SESSION_STATE not in state


def test_a_forged_language_cookie_renders_the_default_and_is_not_echoed(seeded):
    forged = {"locale": '"><script>alert(1)</script>'}
    state = state_of("/", cookies=forged)
    assert state[I18N]["lang_rx_state_"] == "ru"
    assert cookies_to_set(state, forged) == []


def test_tenant_text_cannot_close_the_state_script():
    hostile = "</script><script>alert(1)</script><!-- &amp; </SCRIPT >"
    script = state_script(json.dumps({"page": {"body_rx_state_": hostile}}))
    inner = re.fullmatch(r'<script id="tochka-state" type="application/json">(.*)</script>', script)
    assert inner is not None
    assert "<" not in inner.group(1) and ">" not in inner.group(1)
    assert json.loads(inner.group(1))["page"]["body_rx_state_"] == hostile


class _RecordingRenderer:
    """Stands in for the bun render server: records what it was asked to render."""

    available = True

    def __init__(self):
        self.urls: list[str] = []

    async def render(self, url: str, state_json: str) -> str:
        self.urls.append(url)
        return "<html><head></head><body></body></html>"


def _scope(path: str, host: str, cookie: str = "", query: bytes = b"") -> dict:
    headers = [(b"host", host.encode()), (b"cookie", cookie.encode())]
    return {
        "type": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "headers": headers,
        "scheme": "http",
        "method": "GET",
    }


def test_a_forged_host_header_cannot_choose_the_page_that_is_rendered(monkeypatch, seeded):
    from tochka_app.server_render import page as server_page
    from tochka_app.tochka_app import app

    fake = _RecordingRenderer()
    monkeypatch.setattr(server_page, "get_renderer", lambda: fake)
    state_of("/")  # the pages' handlers registered
    rendered = run_async(
        server_page.render_page(app, _scope("/s/demo", "127.0.0.1:1/marketplace?"), "/s/demo")
    )
    assert rendered is not None
    assert fake.urls == [server_page.RENDER_ORIGIN + "/s/demo"]


def test_one_malformed_cookie_does_not_hide_the_language():
    assert request_cookies(_scope("/", "x.test", 'a=b c; "bad; locale=en'))["locale"] == "en"


def test_an_overloaded_render_server_is_not_queued_for(tmp_path):
    renderer = Renderer(tmp_path)
    renderer._in_flight = MAX_IN_FLIGHT
    assert run_async(renderer.render("http://render.invalid/", "{}")) is None
