"""Telling the owner that money is due: a message from the Telegram bot the owner logs in with
(when linked), and an audit event in any case, so the reminder is visible in the workspace log."""

import logging

from sqlmodel import Session, col, select

from tochka_app import routes
from tochka_app.i18n import format_date, gettext_
from tochka_app.integrations.errors import IntegrationError
from tochka_app.models import Subscription, TelegramLink, Tenant, User
from tochka_app.services import audit
from tochka_app.services.auth import delivery
from tochka_app.settings import Settings

log = logging.getLogger(__name__)


class Reminder:
    """`reminder(session, subscription, kind)` with kind past_due | expired."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, session: Session, subscription: Subscription, kind: str) -> None:
        tenant = session.get_one(Tenant, subscription.tenant_id)
        owner = session.get_one(User, tenant.owner_id)
        locale = tenant.locale or "ru"
        text = gettext_(
            locale,
            f"billing.remind.{kind}",
            company=tenant.name,
            days=self.settings.billing_grace_days,
            date=format_date(subscription.period_end, locale, "long"),
            url=routes.absolute(self.settings.public_base_url, routes.BILLING),
        )
        link = session.exec(
            select(TelegramLink).where(
                TelegramLink.phone == owner.phone, col(TelegramLink.blocked_at).is_(None)
            )
        ).first()
        channel = "none"
        if link is not None and self.settings.telegram_bot_token:
            bot = delivery.telegram_bot(self.settings)
            try:
                bot.send_message(link.chat_id, text)
                channel = "telegram"
            except IntegrationError as exc:
                log.warning("billing reminder not delivered: %s", exc)
            finally:
                bot.close()
        audit.record(
            session,
            "billing.reminder",
            tenant_id=subscription.tenant_id,
            details={"kind": kind, "channel": channel},
        )
