"""Linking a Telegram chat to a phone, so that login codes can be sent by the bot.

The login page shows a deep link `t.me/<bot>?start=<nonce>`. The bot answers `/start <nonce>` with a
"share my number" button; Telegram then sends the contact, and only a contact whose `user_id` is the
sender's own proves the phone belongs to this chat.
"""

from datetime import timedelta

import phonenumbers
from sqlmodel import Session, col, select

from tochka_app.integrations.telegram_bot import TelegramBot
from tochka_app.models import TelegramLink, TelegramLinkNonce
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth.tokens import keyed_hash, new_token
from tochka_app.settings import Settings

NONCE_TTL = timedelta(minutes=15)
SHARE_BUTTON = {
    "keyboard": [[{"text": "📱 Поделиться номером", "request_contact": True}]],
    "one_time_keyboard": True,
    "resize_keyboard": True,
}
REMOVE_KEYBOARD = {"remove_keyboard": True}


def _nonce_hash(nonce: str) -> str:
    return keyed_hash("telegram-nonce", nonce)


def create_nonce(session: Session, phone: str) -> str:
    nonce = new_token()[:32]  # Telegram allows up to 64 characters of [A-Za-z0-9_-]
    now = utcnow()
    session.add(
        TelegramLinkNonce(
            nonce_hash=_nonce_hash(nonce), phone=phone, created_at=now, expires_at=now + NONCE_TTL
        )
    )
    return nonce


def deep_link(settings: Settings, nonce: str) -> str:
    return f"https://t.me/{settings.telegram_bot_username}?start={nonce}"


def handle_update(session: Session, bot: TelegramBot, update: dict) -> str:
    """Process one Bot API update; returns what happened (for logs and tests)."""
    message = update.get("message") or {}
    chat_id = (message.get("chat") or {}).get("id")
    sender_id = (message.get("from") or {}).get("id")
    if not isinstance(chat_id, int) or not isinstance(sender_id, int):
        return "ignored"
    text = message.get("text") or ""
    if contact := message.get("contact"):
        return _handle_contact(session, bot, chat_id, sender_id, contact)
    if text.startswith("/start"):
        parts = text.split(maxsplit=1)
        if len(parts) == 2:
            nonce = session.exec(
                select(TelegramLinkNonce).where(
                    TelegramLinkNonce.nonce_hash == _nonce_hash(parts[1][:64])
                )
            ).first()
            if nonce is None or nonce.used_at is not None or nonce.expires_at <= utcnow():
                bot.send_message(
                    chat_id,
                    "Ссылка устарела. Откройте страницу входа и нажмите «Открыть бота» ещё раз.",
                )
                return "stale_nonce"
            nonce.chat_id = chat_id
            session.add(nonce)
        bot.send_message(
            chat_id,
            "Здравствуйте! Это бот Точки Роста. Нажмите кнопку ниже, чтобы "
            "подтвердить номер телефона — коды для входа будут приходить сюда.",
            reply_markup=SHARE_BUTTON,
        )
        return "asked_contact"
    bot.send_message(
        chat_id,
        "Чтобы получать коды для входа, нажмите кнопку «Поделиться номером».",
        reply_markup=SHARE_BUTTON,
    )
    return "hint"


def _handle_contact(
    session: Session, bot: TelegramBot, chat_id: int, sender_id: int, contact: dict
) -> str:
    if contact.get("user_id") != sender_id:
        bot.send_message(
            chat_id,
            "Это чужой контакт. Поделитесь своим номером кнопкой ниже.",
            reply_markup=SHARE_BUTTON,
        )
        return "foreign_contact"
    raw = str(contact.get("phone_number") or "")
    try:
        number = phonenumbers.parse(raw if raw.startswith("+") else f"+{raw}", None)
        if not phonenumbers.is_valid_number(number):
            raise ValueError(raw)
    except (phonenumbers.NumberParseException, ValueError):
        bot.send_message(chat_id, "Не удалось распознать номер. Попробуйте ещё раз.")
        return "bad_phone"
    phone = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    link = session.exec(select(TelegramLink).where(TelegramLink.phone == phone)).first()
    link = link or TelegramLink(phone=phone, chat_id=chat_id, telegram_user_id=sender_id)
    link.chat_id, link.telegram_user_id, link.blocked_at, link.linked_at = (
        chat_id,
        sender_id,
        None,
        utcnow(),
    )
    session.add(link)
    pending = session.exec(
        select(TelegramLinkNonce).where(
            TelegramLinkNonce.chat_id == chat_id, col(TelegramLinkNonce.used_at).is_(None)
        )
    ).all()
    asked_for = {n.phone for n in pending}
    for nonce in pending:
        nonce.used_at = utcnow()
        session.add(nonce)
    audit.record(
        session,
        "telegram.linked",
        target_type="phone",
        target_id=phone,
        details={"chat_id": chat_id},
    )
    reply = f"Готово! Номер {phone} подтверждён. Вернитесь на сайт и запросите код."
    if asked_for and phone not in asked_for:
        reply += (
            f" Обратите внимание: на сайте был введён другой номер ({', '.join(asked_for)}) — "
            "коды придут только для номера этого Telegram-аккаунта."
        )
    bot.send_message(chat_id, reply, reply_markup=REMOVE_KEYBOARD)
    return "linked"
