"""What the billing page shows: the subscription and what its period cost, what each tariff
would cost now, payments. A change of a tariff's price reaches a subscriber at their next
period, so the running period is shown at the price paid for it."""

import math
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from tochka_app.i18n import (
    format_date,
    format_datetime,
    format_day_month,
    format_money,
    gettext_,
    localized,
    time_zone,
    zone_note,
)
from tochka_app.i18n.labels import payment_method_label
from tochka_app.integrations.errors import IntegrationError
from tochka_app.models import Payment, PaymentMethod, PaymentStatus, Subscription, Tariff, Tenant
from tochka_app.models import SubscriptionStatus as S
from tochka_app.models._types import utcnow
from tochka_app.services import tariffs as tariff_service
from tochka_app.services.billing import payments
from tochka_app.services.billing.errors import BillingError
from tochka_app.services.errors import ServiceError, parse_id

PAID = (S.active, S.past_due)


@dataclass
class TariffOption:
    code: str
    name: str
    price: str  # the current tariff: what the running period cost; others: today's price
    limits: list[str]
    action: str  # current | pay | upgrade | downgrade | scheduled | none
    note: str  # what pressing the button costs and which period it buys, in words
    current: bool = False  # the tariff the workspace is on (trial included)


@dataclass
class PaymentLine:
    id: int
    date: str
    description: str
    amount: str
    status: str  # succeeded | canceled | pending ...
    status_label: str


@dataclass
class BillingView:
    tariff: str = ""
    status: str = ""
    status_label: str = ""
    period_label: str = ""  # "Пробный период до" | "Оплачено до" | "Закончится"
    period_end: str = ""
    days_left: int = 0
    cancel_at_period_end: bool = False
    pending_tariff: str = ""
    period_price: str = ""  # what the running period cost (paid ones)
    next_period: str = ""  # when the next period starts and what it will cost
    method: str = ""  # a saved method's title, never empty when one is saved
    options: list[TariffOption] = field(default_factory=list)
    history: list[PaymentLine] = field(default_factory=list)


def method_label(method: PaymentMethod | None, locale: str) -> str:
    """A saved card is shown as saved even when the provider gave it no title."""
    if method is None:
        return ""
    return payment_method_label(method.title, locale) or gettext_(locale, "billing.method_card")


def _period_label(subscription: Subscription, locale: str) -> str:
    if subscription.cancel_at_period_end:
        return gettext_(locale, "billing.ends_on")
    key = "billing.trial_until" if subscription.status == S.trial else "billing.paid_until"
    return gettext_(locale, key)


def _period_lines(
    subscription: Subscription,
    current: Tariff,
    pending: Tariff | None,
    paid: int,
    now: datetime,
    locale: str,
) -> tuple[str, str]:
    """(what the running period cost, when the next one starts and what it will cost)."""
    if subscription.status not in PAID:
        return "", ""
    cost = (
        gettext_(locale, "billing.period_price", amount=format_money(paid, locale)) if paid else ""
    )
    if subscription.period_start > now:  # paid during the trial: starts when the trial ends
        cost = " ".join(
            filter(
                None,
                [
                    cost,
                    gettext_(
                        locale,
                        "billing.paid_from",
                        date=format_day_month(subscription.period_start, locale),
                    ),
                ],
            )
        )
    if subscription.status != S.active or subscription.cancel_at_period_end:
        return cost, ""
    following = pending or current
    upcoming = gettext_(
        locale,
        "billing.next_period",
        date=format_day_month(subscription.period_end, locale),
        amount=format_money(following.price_month_kopecks, locale),
    )
    if pending is None and paid and paid != current.price_month_kopecks:
        upcoming += " " + gettext_(locale, "billing.price_rule")
    return cost, upcoming


def _offer_note(subscription: Subscription, offer: payments.Quote, locale: str) -> str:
    note = gettext_(locale, "billing.charge_now", amount=format_money(offer.charge_kopecks, locale))
    if offer.credit_kopecks:
        note += " " + gettext_(
            locale, "billing.with_credit", credit=format_money(offer.credit_kopecks, locale)
        )
    key = "billing.after_trial" if subscription.status == S.trial else "billing.period_dates"
    return (
        note
        + " "
        + gettext_(
            locale,
            key,
            start=format_day_month(offer.starts_at, locale),
            end=format_day_month(offer.ends_at, locale),
        )
    )


def _option(
    session: Session,
    subscription: Subscription,
    current: Tariff,
    pending: Tariff | None,
    tariff: Tariff,
    paid: int,
    now: datetime,
    locale: str,
) -> TariffOption:
    is_current = tariff.id == current.id
    price, action, note = tariff.price_month_kopecks, "none", ""
    next_date = format_day_month(subscription.period_end, locale)
    if is_current and subscription.status in PAID:
        action, price = "current", paid or price
        if paid and paid != tariff.price_month_kopecks and not subscription.cancel_at_period_end:
            note = gettext_(
                locale,
                "billing.price_from",
                date=next_date,
                amount=format_money(tariff.price_month_kopecks, locale),
            )
    elif pending is not None and tariff.id == pending.id:
        action, note = "scheduled", gettext_(locale, "billing.from_date", date=next_date)
    else:
        try:
            offer = payments.quote(session, subscription, tariff, now)
            action = "pay" if offer.purpose == "subscribe" else "upgrade"
            note = _offer_note(subscription, offer, locale)
        except ServiceError as refusal:
            if refusal.code == BillingError.not_an_upgrade and subscription.status == S.active:
                action, note = "downgrade", gettext_(locale, "billing.from_date", date=next_date)
    return TariffOption(
        tariff.code,
        localized(tariff.name, locale),
        format_money(price, locale),
        tariff_service.tariff_limits(tariff, locale),
        action,
        note,
        is_current,
    )


def view(session: Session, tenant_id: int, locale: str) -> BillingView:
    subscription = payments.current_subscription(session, tenant_id)
    if subscription is None:
        return BillingView()
    now = utcnow()
    current = session.get_one(Tariff, subscription.tariff_id)
    pending = (
        session.get(Tariff, subscription.pending_tariff_id)
        if subscription.pending_tariff_id
        else None
    )
    method = (
        session.get(PaymentMethod, subscription.payment_method_id)
        if subscription.payment_method_id
        else None
    )
    paid = payments.period_paid(session, subscription)
    period_price, next_period = _period_lines(subscription, current, pending, paid, now, locale)
    result = BillingView(
        tariff=localized(current.name, locale),
        status=subscription.status,
        status_label=gettext_(locale, f"billing.status.{subscription.status}"),
        period_label=_period_label(subscription, locale),
        period_end=format_date(subscription.period_end, locale, "long"),
        days_left=max(0, math.ceil((subscription.period_end - now).total_seconds() / 86400)),
        cancel_at_period_end=subscription.cancel_at_period_end,
        pending_tariff=localized(pending.name, locale) if pending else "",
        period_price=period_price,
        next_period=next_period,
        method=method_label(method, locale),
    )
    for tariff in tariff_service.public_tariffs(session):
        if tariff.price_month_kopecks > 0:
            result.options.append(
                _option(session, subscription, current, pending, tariff, paid, now, locale)
            )
    for payment in session.exec(
        select(Payment)
        .where(Payment.tenant_id == tenant_id)
        .order_by(col(Payment.id).desc())
        .limit(50)
    ):
        assert payment.id is not None  # a loaded row
        result.history.append(
            PaymentLine(
                payment.id,
                format_date(payment.created_at, locale, "medium"),
                payment.description,
                format_money(payment.amount_kopecks, locale),
                payment.status,
                gettext_(locale, f"billing.payment.{payment.status}"),
            )
        )
    return result


def _payment_of(session: Session, tenant_id: int, raw_id: object) -> Payment | None:
    """A payment of this tenant by the id the browser sent (someone else's is not found)."""
    try:
        payment = session.get(Payment, parse_id(raw_id))
    except ServiceError:
        return None
    return payment if payment is not None and payment.tenant_id == tenant_id else None


@dataclass
class Receipt:
    number: str = ""
    provider_id: str = ""
    date: str = ""  # when it was paid, in the workspace's zone, with the zone named
    company: str = ""
    slug: str = ""
    description: str = ""
    amount: str = ""
    credit: str = ""  # "" when nothing was carried over
    refunded: str = ""  # "" when nothing was refunded


def receipt(session: Session, tenant_id: int, raw_id: object, locale: str) -> Receipt | None:
    """The receipt of a succeeded payment of this tenant; None for any other id."""
    payment = _payment_of(session, tenant_id, raw_id)
    if payment is None or payment.status != PaymentStatus.succeeded:
        return None
    tenant = session.get_one(Tenant, tenant_id)
    assert payment.paid_at is not None  # set together with the succeeded status
    tz = time_zone(tenant.timezone)
    return Receipt(
        number=f"TR-{payment.id:06d}",
        provider_id=payment.provider_payment_id or "",
        date=f"{format_datetime(payment.paid_at, locale, 'medium', tz)} · {zone_note(tz, locale)}",
        company=tenant.name,
        slug=tenant.slug,
        description=payment.description,
        amount=format_money(payment.amount_kopecks, locale),
        credit=format_money(payment.credit_kopecks, locale) if payment.credit_kopecks else "",
        refunded=format_money(payment.refunded_kopecks, locale) if payment.refunded_kopecks else "",
    )


@dataclass
class ReturnNotice:
    """What the buyer reads on coming back from the checkout."""

    text: str
    ok: bool


def returned(
    session: Session, tenant_id: int, raw_id: object, provider, locale: str
) -> ReturnNotice | None:
    """Back from the checkout with `?payment=<id>`: ask the provider about that payment (the
    notification may be late) and say how it went; None for an id that is not this tenant's."""
    payment = _payment_of(session, tenant_id, raw_id)
    if payment is None:
        return None
    try:
        if payment.status == PaymentStatus.pending:
            payments.sync(session, payment, provider)
    except IntegrationError:
        pass  # the notification will bring it; the status below says "pending"
    session.refresh(payment)
    keys: dict[str, str] = {
        PaymentStatus.succeeded: "billing.paid_ok",
        PaymentStatus.canceled: "billing.paid_declined",
    }
    key = keys.get(payment.status, "billing.paid_pending")
    return ReturnNotice(
        gettext_(
            locale,
            key,
            reason=gettext_(locale, f"billing.reason.{payment.cancel_reason or 'unknown'}"),
        ),
        payment.status == PaymentStatus.succeeded,
    )
