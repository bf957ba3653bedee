"""Delivery of login codes: one interface, four channels chosen by settings."""

from dataclasses import dataclass

from sqlmodel import Session, select

from tochka_app.integrations import dev_inbox
from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.sms_ru import SmsRu
from tochka_app.integrations.telegram_bot import TelegramBot, TelegramBotError
from tochka_app.integrations.telegram_gateway import TelegramGateway
from tochka_app.models import TelegramLink
from tochka_app.models._types import utcnow
from tochka_app.services.auth.errors import CodeError
from tochka_app.settings import Settings

CODE_TTL_S = 300


class DeliveryError(Exception):
    """`code` is what the user is told (codes.request_code raises it as a ServiceError);
    `reason` goes to the audit log."""

    def __init__(self, code: CodeError, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass
class Sent:
    provider_ref: str | None = None


def code_text(code: str) -> str:
    return f"Код для входа в Точку Роста: {code}. Никому его не сообщайте. Действует 5 минут."


def telegram_bot(settings: Settings) -> TelegramBot:
    if not settings.telegram_bot_token:
        raise DeliveryError(CodeError.channel_unavailable, "telegram bot token not configured")
    return TelegramBot(
        settings.telegram_bot_token, settings.telegram_api_base, settings.http_timeout_s
    )


def send_code(session: Session, settings: Settings, phone: str, code: str) -> Sent:
    channel = settings.auth_code_channel
    if channel == "dev_inbox":
        if settings.is_production:
            raise DeliveryError(CodeError.channel_unavailable, "dev inbox refused in production")
        dev_inbox.deliver(phone, code_text(code))
        return Sent()
    if channel == "telegram_bot":
        return _send_by_bot(session, settings, phone, code)
    try:
        if channel == "telegram_gateway":
            if not settings.telegram_gateway_token:
                raise DeliveryError(CodeError.channel_unavailable, "gateway token not configured")
            gateway = TelegramGateway(
                settings.telegram_gateway_token,
                settings.telegram_gateway_base,
                settings.http_timeout_s,
            )
            try:
                return Sent(gateway.send_verification_message(phone, code, CODE_TTL_S))
            finally:
                gateway.close()
        if not settings.sms_ru_api_id:
            raise DeliveryError(CodeError.channel_unavailable, "sms.ru api_id not configured")
        sms = SmsRu(
            settings.sms_ru_api_id,
            settings.sms_ru_base,
            settings.sms_sender,
            settings.http_timeout_s,
        )
        try:
            return Sent(sms.send(phone, code_text(code)))
        finally:
            sms.close()
    except IntegrationError as exc:
        raise DeliveryError(CodeError.delivery_failed, f"{channel}: {exc}") from exc


def _send_by_bot(session: Session, settings: Settings, phone: str, code: str) -> Sent:
    link = session.exec(select(TelegramLink).where(TelegramLink.phone == phone)).first()
    if link is None:
        raise DeliveryError(CodeError.telegram_not_linked, "no linked telegram chat")
    bot = telegram_bot(settings)
    try:  # tried even when blocked before: the user may have unblocked the bot since
        message = bot.send_message(link.chat_id, code_text(code))
    except TelegramBotError as exc:
        if exc.bot_blocked:  # 403: the user blocked the bot; the login page says so
            link.blocked_at = utcnow()
            session.add(link)
            raise DeliveryError(CodeError.telegram_blocked, f"bot blocked: {exc}") from exc
        raise DeliveryError(CodeError.delivery_failed, f"telegram_bot: {exc}") from exc
    finally:
        bot.close()
    if link.blocked_at is not None:
        link.blocked_at = None
        session.add(link)
    return Sent(str(message.get("message_id", "")))


def report_verified(settings: Settings, provider_ref: str | None, code: str) -> None:
    """Tell the Gateway the code was used (it bills and reports per verification)."""
    if settings.auth_code_channel != "telegram_gateway" or not provider_ref:
        return
    gateway = TelegramGateway(
        settings.telegram_gateway_token or "",
        settings.telegram_gateway_base,
        settings.http_timeout_s,
    )
    try:
        gateway.check_verification_status(provider_ref, code)
    except IntegrationError:
        pass  # the login already succeeded; the report is best effort
    finally:
        gateway.close()
