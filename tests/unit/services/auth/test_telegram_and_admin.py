import httpx
import pytest
from sqlmodel import select

from tests.support.errors import refusal
from tests.support.fake_telegram import FakeTelegramBotApi
from tochka_app.integrations.telegram_bot import TelegramBot, TelegramBotError
from tochka_app.models import AuditEvent, LoginCode, TelegramLink, User
from tochka_app.services.auth import admin_login, codes, telegram_link
from tochka_app.services.auth.errors import NEEDS_TELEGRAM_LINK, CodeError
from tochka_app.services.errors import ServiceError
from tochka_app.services.passwords import hash_password

TOKEN = "42:unit"
PHONE = "+79005552222"


@pytest.fixture
def fake_bot():
    with FakeTelegramBotApi(TOKEN) as fake:
        yield fake


@pytest.fixture
def bot_settings(dev_settings, fake_bot):
    return dev_settings.model_copy(
        update={
            "auth_code_channel": "telegram_bot",
            "telegram_bot_token": TOKEN,
            "telegram_api_base": fake_bot.url,
        }
    )


def message(chat_id, **fields):
    return {
        "message": {
            "message_id": 1,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "T"},
            **fields,
        }
    }


def test_link_by_deep_link_and_contact_then_code_by_bot(db, bot_settings, fake_bot):
    bot = TelegramBot(TOKEN, fake_bot.url)
    with pytest.raises(ServiceError) as first:
        codes.request_code(db, bot_settings, PHONE, None)
    assert first.value.code == CodeError.telegram_not_linked
    assert first.value.code in NEEDS_TELEGRAM_LINK and first.value.params["phone"] == PHONE
    assert db.exec(select(LoginCode)).all() == []  # not counted as sent

    nonce = telegram_link.create_nonce(db, PHONE)
    assert (
        telegram_link.handle_update(db, bot, message(555, text=f"/start {nonce}"))
        == "asked_contact"
    )
    assert fake_bot.sent[-1]["reply_markup"]["keyboard"][0][0]["request_contact"] is True
    contact = {"phone_number": PHONE.lstrip("+"), "user_id": 555}
    assert telegram_link.handle_update(db, bot, message(555, contact=contact)) == "linked"
    assert db.exec(select(TelegramLink)).one().chat_id == 555

    assert refusal(codes.request_code, db, bot_settings, PHONE, None) is None
    assert "Код для входа" in fake_bot.messages_to(555)[-1]


def test_someone_elses_contact_is_refused(db, fake_bot):
    bot = TelegramBot(TOKEN, fake_bot.url)
    contact = {"phone_number": PHONE, "user_id": 999}
    assert telegram_link.handle_update(db, bot, message(555, contact=contact)) == "foreign_contact"
    assert db.exec(select(TelegramLink)).all() == []


def test_stale_or_unknown_nonce(db, fake_bot):
    bot = TelegramBot(TOKEN, fake_bot.url)
    assert telegram_link.handle_update(db, bot, message(1, text="/start nope")) == "stale_nonce"
    assert telegram_link.handle_update(db, bot, {"update_id": 5}) == "ignored"


def test_bot_blocked_by_user_unlinks_and_says_so(db, bot_settings, fake_bot):
    db.add(TelegramLink(phone=PHONE, chat_id=777, telegram_user_id=777))
    db.flush()
    fake_bot.blocked_chats.add(777)
    with pytest.raises(ServiceError) as result:
        codes.request_code(db, bot_settings, PHONE, None)
    assert result.value.code == CodeError.telegram_blocked
    assert result.value.code in NEEDS_TELEGRAM_LINK
    assert db.exec(select(TelegramLink)).one().blocked_at is not None
    failure = db.exec(select(AuditEvent).where(AuditEvent.action == "code.delivery_failed")).one()
    assert "blocked" in failure.details["reason"]


def test_bot_api_outage_and_bad_token(db, bot_settings, fake_bot):
    db.add(TelegramLink(phone=PHONE, chat_id=778, telegram_user_id=778))
    db.flush()
    fake_bot.fail_with_status = 500
    assert refusal(codes.request_code, db, bot_settings, PHONE, None) == "code.delivery_failed"
    fake_bot.fail_with_status = None
    wrong = bot_settings.model_copy(update={"telegram_bot_token": "0:wrong"})
    assert refusal(codes.request_code, db, wrong, PHONE, None) == "code.delivery_failed"
    assert db.exec(select(LoginCode)).all() == []


def test_bot_client_network_error():
    def refuse(request):
        raise httpx.ConnectError("refused", request=request)

    bot = TelegramBot(TOKEN, transport=httpx.MockTransport(refuse))
    with pytest.raises(TelegramBotError) as exc:
        bot.send_message(1, "hi")
    assert exc.value.reason == "network"


def test_admin_login_rules(db):
    admin = User(
        phone="+79005553333", is_super_admin=True, password_hash=hash_password("Pa55-word")
    )
    owner = User(phone="+79005553334", password_hash=hash_password("Pa55-word"))
    db.add_all([admin, owner])
    db.flush()
    assert admin_login.login(db, "8 900 555-33-33", "Pa55-word", "1.1.1.1").user.id == admin.id
    assert refusal(admin_login.login, db, "+79005553334", "Pa55-word", "1.1.1.1") == "admin.invalid"
    assert refusal(admin_login.login, db, "+79005553333", "nope", "1.1.1.1") == "admin.invalid"
    assert refusal(admin_login.login, db, "garbage", "x", "1.1.1.1") == "admin.invalid"
    for _ in range(admin_login.MAX_FAILURES_PER_PHONE):
        refusal(admin_login.login, db, "+79005553333", "nope", "2.2.2.2")
    assert refusal(admin_login.login, db, "+79005553333", "Pa55-word", "2.2.2.2") == "admin.locked"


def test_long_polling_handles_each_update_once(db, fake_bot, monkeypatch):
    from tochka_app import cli
    from tochka_app import db as app_db
    from tochka_app.cli import poll_once

    # cli imported the real session_scope: without this the link was committed for good and
    # broke the next run's tests of the same phone.
    monkeypatch.setattr(cli, "session_scope", app_db.session_scope)

    bot = TelegramBot(TOKEN, fake_bot.url)
    chat = {"id": 31, "type": "private"}
    sender = {"id": 31, "is_bot": False, "first_name": "P"}
    fake_bot.updates = [
        {
            "update_id": 10,
            "message": {"message_id": 1, "chat": chat, "from": sender, "text": "/start"},
        },
        {
            "update_id": 11,
            "message": {
                "message_id": 2,
                "chat": chat,
                "from": sender,
                "contact": {"phone_number": "79005556666", "user_id": 31},
            },
        },
    ]
    offset, outcomes = poll_once(bot, None, timeout=0)
    assert (offset, outcomes) == (12, ["asked_contact", "linked"])
    assert poll_once(bot, offset, timeout=0) == (12, [])
    assert db.exec(select(TelegramLink)).one().phone == "+79005556666"
