"""What the billing page shows: the subscription, what each tariff would cost now, payments."""

import math
from dataclasses import dataclass, field

from sqlmodel import Session, select

from tochka_app.i18n import format_date, format_money, gettext_, localized
from tochka_app.i18n.labels import payment_method_label
from tochka_app.models import Payment, PaymentMethod, Tariff
from tochka_app.models._types import utcnow
from tochka_app.services import tariffs as tariff_service
from tochka_app.services.billing import payments


@dataclass
class TariffOption:
    code: str
    name: str
    price: str
    limits: list[str]
    action: str  # current | pay | upgrade | downgrade | scheduled | none
    note: str  # what pressing the button costs, in words


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
    period_end: str = ""
    days_left: int = 0
    cancel_at_period_end: bool = False
    pending_tariff: str = ""
    method: str = ""
    options: list[TariffOption] = field(default_factory=list)
    history: list[PaymentLine] = field(default_factory=list)


def view(session: Session, tenant_id: int, locale: str) -> BillingView:
    subscription = payments.current_subscription(session, tenant_id)
    if subscription is None:
        return BillingView()
    current = session.get(Tariff, subscription.tariff_id)
    pending = session.get(Tariff, subscription.pending_tariff_id) \
        if subscription.pending_tariff_id else None
    method = session.get(PaymentMethod, subscription.payment_method_id) \
        if subscription.payment_method_id else None
    result = BillingView(
        tariff=localized(current.name, locale), status=subscription.status,
        status_label=gettext_(locale, f"billing.status.{subscription.status}"),
        period_end=format_date(subscription.period_end, locale, "long"),
        days_left=max(0, math.ceil((subscription.period_end - utcnow()).total_seconds() / 86400)),
        cancel_at_period_end=subscription.cancel_at_period_end,
        pending_tariff=localized(pending.name, locale) if pending else "",
        method=payment_method_label(method.title, locale) if method else "")
    paid = subscription.status in ("active", "past_due")
    for tariff in tariff_service.public_tariffs(session):
        if tariff.price_month_kopecks <= 0:
            continue
        action, note = "none", ""
        if paid and tariff.id == current.id:
            action = "current"
        elif pending is not None and tariff.id == pending.id:
            action, note = "scheduled", gettext_(locale, "billing.from_date",
                                                 date=result.period_end)
        else:
            offer = payments.quote(session, subscription, tariff)
            if not isinstance(offer, str):
                action = "pay" if offer.purpose == "subscribe" else "upgrade"
                note = gettext_(locale, "billing.charge_now",
                                amount=format_money(offer.charge_kopecks, locale))
                if offer.credit_kopecks:
                    note += " " + gettext_(locale, "billing.with_credit",
                                           credit=format_money(offer.credit_kopecks, locale))
            elif offer == "billing.not_an_upgrade" and subscription.status == "active":
                action, note = "downgrade", gettext_(locale, "billing.from_date",
                                                     date=result.period_end)
        result.options.append(TariffOption(
            tariff.code, localized(tariff.name, locale),
            format_money(tariff.price_month_kopecks, locale),
            tariff_service.tariff_limits(tariff, locale), action, note))
    for payment in session.exec(select(Payment).where(Payment.tenant_id == tenant_id)
                                .order_by(Payment.id.desc()).limit(50)):
        result.history.append(PaymentLine(
            payment.id, format_date(payment.created_at, locale, "medium"), payment.description,
            format_money(payment.amount_kopecks, locale), payment.status,
            gettext_(locale, f"billing.payment.{payment.status}")))
    return result


def receipt(session: Session, tenant_id: int, payment_id: int) -> Payment | None:
    """A payment of this tenant (someone else's id is simply not found)."""
    payment = session.get(Payment, payment_id)
    return payment if payment is not None and payment.tenant_id == tenant_id else None
