"""Issue 11, item 1: an external login's callback counts only in the browser tab that started it,
and an identity is linked only after the user presses "Link" on the confirmation screen."""

import time
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from reflex.istate.data import RouterData
from sqlmodel import select

from tests.support.browser_state import cookie_from, in_browser, redirect_target
from tests.unit.state.test_auth_states import code_for
from tochka_app.models import AuthFlow, ExternalAccount, User
from tochka_app.pages.auth.external_state import ExternalAuthState
from tochka_app.pages.auth.link_confirm import LinkConfirmState
from tochka_app.pages.auth.login_state import LoginState
from tochka_app.services.auth import sessions
from tochka_app.services.auth.external import telegram_widget_hash
from tochka_app.settings import get_settings

BOT = "123456:security-test-token"
ATTACKER_TELEGRAM = {"id": "666", "first_name": "Ева", "username": "eve"}


@pytest.fixture(autouse=True)
def telegram_bot(monkeypatch):
    monkeypatch.setattr(get_settings(), "telegram_bot_token", BOT)


def signed(fields: dict) -> dict:
    data = {**fields, "auth_date": str(int(time.time()))}
    return {**data, "hash": telegram_widget_hash(data, BOT)}


def started_flow(make_state, client: str, session: str = "") -> str:
    """A click on "Telegram" in tab `client`: the nonce of the return URL Telegram is given."""
    tab = in_browser(make_state(ExternalAuthState), session=session, client=client)
    event = tab.start_telegram()
    return_to = parse_qs(urlparse(redirect_target(event)).query)
    return parse_qs(urlparse(return_to["return_to"][0]).query)["flow"][0]


def callback(make_state, client: str, nonce: str, data: dict, session: str = ""):
    """Tab `client` opens /auth/telegram/callback?flow=<nonce>&<signed data>."""
    tab = in_browser(make_state(ExternalAuthState), session=session, client=client)
    query = urlencode({"flow": nonce, **data})
    tab.router = RouterData.from_router_data(
        {
            "token": client,
            "ip": "127.0.0.1",
            "pathname": "/auth/telegram/callback",
            "asPath": f"/auth/telegram/callback?{query}",
            "query": {"flow": nonce, **data},
            "headers": {
                "cookie": f"tr_session={session}" if session else "",
                "user-agent": "pytest",
            },
        }
    )
    return tab, tab.telegram_callback()


def victim(db, settings, phone="+79000000010"):
    user = db.exec(select(User).where(User.phone == phone)).one()
    return user, sessions.start(db, settings, user)


def test_forced_telegram_callback_links_nothing(db, seeded, settings, make_state):
    # The attacker starts a login with their own Telegram and keeps the callback URL.
    nonce = started_flow(make_state, client="attacker-tab")
    _user, token = victim(db, settings)
    tab, event = callback(make_state, "victim-tab", nonce, signed(ATTACKER_TELEGRAM), token)
    assert tab.action_error.startswith("Вход не завершён") and "/auth/confirm" not in str(event)
    assert db.exec(select(ExternalAccount)).all() == []
    confirm = in_browser(make_state(LinkConfirmState), session=token, client="victim-tab")
    confirm.load()
    assert confirm.link_question == "" and confirm.action_error
    confirm.confirm()
    assert db.exec(select(ExternalAccount)).all() == []


def test_forced_telegram_callback_then_phone_code_links_nothing(db, seeded, make_state):
    nonce = started_flow(make_state, client="attacker-tab")
    tab, _ = callback(make_state, "visitor-tab", nonce, signed(ATTACKER_TELEGRAM))
    assert tab.action_error.startswith("Вход не завершён")
    login = in_browser(make_state(LoginState), client="visitor-tab")
    login.request_code({"phone": "+79007770001"})
    cookie = cookie_from(db, login.verify({"code": code_for("+79007770001")}))
    assert cookie.next_path == "/onboarding"  # no confirmation screen, nothing linked
    assert db.exec(select(ExternalAccount)).all() == []


def test_telegram_callback_replayed_in_the_same_tab_is_refused(db, seeded, settings, make_state):
    _user, token = victim(db, settings)
    nonce = started_flow(make_state, client="tab", session=token)
    data = signed({"id": "4242", "first_name": "Мария", "username": "maria"})
    _, event = callback(make_state, "tab", nonce, data, token)
    assert "/auth/confirm" in str(event)
    again, event = callback(make_state, "tab", nonce, data, token)
    assert again.action_error.startswith("Вход не завершён") and "/auth/confirm" not in str(event)


def test_telegram_callback_without_a_started_flow_is_refused(db, seeded, settings, make_state):
    _user, token = victim(db, settings)
    tab, _event = callback(make_state, "tab", "made-up", signed(ATTACKER_TELEGRAM), token)
    assert tab.action_error.startswith("Вход не завершён")
    assert db.exec(select(ExternalAccount)).all() == []


def test_expired_flow_is_refused(db, seeded, settings, make_state):
    _user, token = victim(db, settings)
    nonce = started_flow(make_state, client="tab", session=token)
    flow = db.exec(select(AuthFlow)).one()
    flow.expires_at -= timedelta(minutes=16)
    db.add(flow)
    db.flush()
    tab, _ = callback(make_state, "tab", nonce, signed(ATTACKER_TELEGRAM), token)
    assert tab.action_error.startswith("Вход не завершён")


def test_link_shows_a_confirmation_and_links_only_after_it(db, seeded, settings, make_state):
    user, token = victim(db, settings)
    nonce = started_flow(make_state, client="tab", session=token)
    callback(
        make_state,
        "tab",
        nonce,
        signed({"id": "4242", "first_name": "Мария", "username": "maria"}),
        token,
    )
    assert db.exec(select(ExternalAccount)).all() == []  # the callback alone links nothing
    confirm = in_browser(make_state(LinkConfirmState), session=token, client="tab")
    confirm.load()
    assert confirm.link_question == "Привязать аккаунт Telegram «Мария» (@maria) к вашему аккаунту?"
    assert "/app/profile" in str(confirm.confirm())
    account = db.exec(select(ExternalAccount)).one()
    assert (account.user_id, account.provider_user_id) == (user.id, "4242")


def test_declined_link_links_nothing(db, seeded, settings, make_state):
    _user, token = victim(db, settings)
    nonce = started_flow(make_state, client="tab", session=token)
    callback(make_state, "tab", nonce, signed({"id": "4242", "first_name": "Мария"}), token)
    confirm = in_browser(make_state(LinkConfirmState), session=token, client="tab")
    confirm.cancel()
    confirm.confirm()
    assert db.exec(select(ExternalAccount)).all() == []


def test_link_flow_of_one_user_cannot_be_confirmed_by_another(db, seeded, settings, make_state):
    _, first = victim(db, settings)
    nonce = started_flow(make_state, client="tab", session=first)
    callback(make_state, "tab", nonce, signed({"id": "4242", "first_name": "Мария"}), first)
    _, second = victim(db, settings, "+79000000011")  # someone else logs in in that tab
    confirm = in_browser(make_state(LinkConfirmState), session=second, client="tab")
    confirm.load()
    assert confirm.link_question == ""
    confirm.confirm()
    assert db.exec(select(ExternalAccount)).all() == []


def test_unknown_identity_is_linked_after_the_phone_code_only_when_confirmed(
    db, seeded, make_state
):
    nonce = started_flow(make_state, client="tab")
    _, event = callback(
        make_state, "tab", nonce, signed({"id": "5151", "first_name": "Олег", "username": "oleg"})
    )
    assert "/login" in str(event)
    login = in_browser(make_state(LoginState), client="tab")
    login.load()
    assert login.error.startswith("Этот аккаунт ещё не привязан")
    login.request_code({"phone": "+79007770002"})
    cookie = cookie_from(db, login.verify({"code": code_for("+79007770002")}))
    assert cookie.next_path == "/auth/confirm"
    assert db.exec(select(ExternalAccount)).all() == []  # proving the phone is not enough
    confirm = in_browser(make_state(LinkConfirmState), session=cookie.token, client="tab")
    confirm.load()
    assert confirm.link_question == "Привязать аккаунт Telegram «Олег» (@oleg) к вашему аккаунту?"
    confirm.confirm()
    me = db.exec(select(User).where(User.phone == "+79007770002")).one()
    assert db.exec(select(ExternalAccount)).one().user_id == me.id


def test_forced_vk_callback_is_refused(db, seeded, settings, make_state, monkeypatch):
    monkeypatch.setattr(get_settings(), "vk_client_id", "51234567")
    monkeypatch.setattr(get_settings(), "vk_id_base", "http://127.0.0.1:9")  # never reached
    attacker = in_browser(make_state(ExternalAuthState), client="attacker-tab")
    state = parse_qs(urlparse(redirect_target(attacker.start_vk())).query)["state"][0]
    _user, token = victim(db, settings)
    tab = in_browser(make_state(ExternalAuthState), session=token, client="victim-tab")
    tab.start_vk()  # the victim even has a VK login of their own under way
    tab.router = RouterData.from_router_data(
        {
            "token": "victim-tab",
            "pathname": "/auth/vk/callback",
            "query": {"code": "attacker-code", "state": state, "device_id": "d"},
            "asPath": "/auth/vk/callback?" + urlencode({"code": "attacker-code", "state": state}),
            "headers": {"cookie": f"tr_session={token}"},
        }
    )
    tab.vk_callback()
    assert tab.action_error.startswith("Вход не завершён: ссылка устарела")
    assert db.exec(select(ExternalAccount)).all() == []
