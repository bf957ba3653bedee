"""`cli telegram-poll` against the fake Bot API behaving like the real one (issue 11, "also"):
one failing update does not stall the rest, the long poll outlives the HTTP timeout, the webhook
is deleted first (409 otherwise), and a user who blocked the bot is told so on the login page."""

import pytest
from sqlmodel import select

from tests.support.fake_telegram import FakeTelegramBotApi
from tochka_app import cli
from tochka_app.integrations.telegram_bot import TelegramBot, TelegramBotError
from tochka_app.models import TelegramLink
from tochka_app.pages.auth.login_state import LoginState

TOKEN = "42:poll"


@pytest.fixture(autouse=True)
def rolled_back(db, monkeypatch):
    """The poller's own transactions join the test's rolled-back session."""
    from tochka_app import db as app_db

    monkeypatch.setattr(cli, "session_scope", app_db.session_scope)


@pytest.fixture
def fake_bot():
    with FakeTelegramBotApi(TOKEN) as fake:
        yield fake


def _start(update_id: int, chat_id: int) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "U"},
            "text": "/start",
        },
    }


def test_a_user_who_blocked_the_bot_does_not_stall_everyone_after(db, fake_bot):
    fake_bot.blocked_chats.add(41)
    fake_bot.updates = [_start(100, 41), _start(101, 42)]
    bot = TelegramBot(TOKEN, fake_bot.url)
    offset, outcomes = cli.poll_once(bot, None, timeout=0)
    assert offset == 102
    assert outcomes[0].startswith("failed") and outcomes[1] == "asked_contact"
    assert fake_bot.messages_to(42)  # the next user got an answer
    assert cli.poll_once(bot, offset, timeout=0) == (102, [])  # nothing retried


def test_long_poll_waits_longer_than_the_ordinary_http_timeout(fake_bot):
    bot = TelegramBot(TOKEN, fake_bot.url, timeout=0.3)  # like HTTP_TIMEOUT_S, but shorter
    assert cli.poll_once(bot, None, timeout=1) == (None, [])  # held 1 s: no read timeout
    with pytest.raises(TelegramBotError):  # ordinary calls keep the short timeout
        TelegramBot(TOKEN, fake_bot.url, timeout=0.3).call("getUpdates", timeout=1)


def test_get_updates_is_refused_while_a_webhook_is_set(fake_bot):
    bot = TelegramBot(TOKEN, fake_bot.url)
    bot.set_webhook("https://app.example/api/telegram/webhook", "s")
    with pytest.raises(TelegramBotError) as refused:
        bot.get_updates(None, timeout=0)
    assert refused.value.webhook_conflict
    assert bot.delete_webhook() is True
    assert bot.get_updates(None, timeout=0) == []


def test_poller_deletes_the_webhook_on_start(fake_bot, monkeypatch, settings):
    fake_bot.webhook_url = "https://app.example/api/telegram/webhook"
    monkeypatch.setattr(
        cli,
        "get_settings",
        lambda: settings.model_copy(
            update={"telegram_bot_token": TOKEN, "telegram_api_base": fake_bot.url}
        ),
    )
    polled = []

    def one_poll(bot, offset, timeout=25):
        polled.append(bot.get_updates(offset, timeout=0))
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "poll_once", one_poll)
    cli.telegram_poll()
    assert fake_bot.calls[:2] == ["deleteWebhook", "getUpdates"] and polled == [[]]


def _link(db) -> TelegramLink:
    return db.exec(select(TelegramLink).where(TelegramLink.phone == "+79005551212")).one()


def test_login_page_says_the_user_blocked_the_bot(
    db, seeded, fake_bot, make_state, monkeypatch, dev_settings
):
    bot_settings = dev_settings.model_copy(
        update={
            "auth_code_channel": "telegram_bot",
            "telegram_bot_token": TOKEN,
            "telegram_api_base": fake_bot.url,
        }
    )
    monkeypatch.setattr("tochka_app.pages.auth.login_state.get_settings", lambda: bot_settings)
    db.add(TelegramLink(phone="+79005551212", chat_id=777, telegram_user_id=777))
    db.flush()
    fake_bot.blocked_chats.add(777)
    state = make_state(LoginState)
    state.request_code({"phone": "+79005551212"})
    assert "заблокировали" in state.error and state.telegram_url  # a way back to the bot
    assert _link(db).blocked_at is not None
    fake_bot.blocked_chats.clear()  # unblocked: the next request goes through
    state.request_code({"phone": "+79005551212"})
    assert state.error == "" and state.step == "code"
    assert _link(db).blocked_at is None
