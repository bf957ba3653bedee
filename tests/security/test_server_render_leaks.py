"""Attacks on the server rendering of public pages (tochka_app/server_render): the visitor's session
or an admin's preview reaching the state crawlers get, a forged language cookie, and text typed by a
tenant that tries to close the state's <script>."""

import json
import re

from tests.support import factories
from tests.unit.server_render.test_page_state import I18N, LANDING, state_of
from tochka_app.api.public_pages import state_script
from tochka_app.models import User
from tochka_app.server_render.page_state import cookie_headers
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
    assert cookie_headers(state, forged) == []


def test_tenant_text_cannot_close_the_state_script():
    hostile = "</script><script>alert(1)</script><!-- &amp; </SCRIPT >"
    script = state_script(json.dumps({"page": {"body_rx_state_": hostile}}))
    inner = re.fullmatch(r'<script id="tochka-state" type="application/json">(.*)</script>', script)
    assert inner is not None
    assert "<" not in inner.group(1) and ">" not in inner.group(1)
    assert json.loads(inner.group(1))["page"]["body_rx_state_"] == hostile
