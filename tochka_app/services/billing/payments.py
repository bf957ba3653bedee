"""Paying for a tariff: checkout (subscribe / upgrade with proration), applying what the provider
confirms, and provider notifications. A payment changes the subscription only after the provider
says it succeeded — re-fetched from the provider's API, never taken from a notification body."""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.yookassa import ProviderPayment
from tochka_app.models import (
    LedgerEntry,
    Payment,
    PaymentMethod,
    PaymentStatus,
    PeriodGrant,
    Subscription,
    SubscriptionStatus,
    Tariff,
)
from tochka_app.models._types import utcnow
from tochka_app.models.billing import LIVE_SUBSCRIPTION_STATUSES
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.billing import lifecycle, proration
from tochka_app.services.billing.errors import BillingError
from tochka_app.services.errors import ServiceError
from tochka_app.services.permissions import Permission, require

log = logging.getLogger(__name__)


def current_subscription(session: Session, tenant_id: int) -> Subscription | None:
    """The live subscription, else the latest ended one (an expired tenant can pay again)."""
    live = session.exec(
        select(Subscription).where(
            Subscription.tenant_id == tenant_id,
            col(Subscription.status).in_(LIVE_SUBSCRIPTION_STATUSES),
        )
    ).first()
    return (
        live
        or session.exec(
            select(Subscription)
            .where(Subscription.tenant_id == tenant_id)
            .order_by(col(Subscription.id).desc())
        ).first()
    )


@dataclass
class Quote:
    tariff: Tariff
    purpose: str  # subscribe | upgrade
    price_kopecks: int
    credit_kopecks: int
    charge_kopecks: int
    starts_at: datetime  # the period this payment buys
    ends_at: datetime


def period_paid(session: Session, subscription: Subscription) -> int:
    """What was paid for the period now running: the payment behind its grant, less refunds,
    plus the credit carried into it from the period before. 0 when nobody paid for it (a trial,
    a period given by hand). A later price change of the tariff does not change it."""
    grant = (
        session.get(PeriodGrant, subscription.period_grant_id)
        if subscription.period_grant_id
        else None
    )
    if grant is None or grant.subscription_id != subscription.id:
        return 0
    payment = session.get_one(Payment, grant.payment_id)
    return max(0, payment.amount_kopecks - payment.refunded_kopecks) + payment.credit_kopecks


def is_upgrade(
    session: Session, subscription: Subscription, current: Tariff, target: Tariff
) -> bool:
    """Dearer than the current tariff today and than what was paid for the running period: such
    a move can start now (the credit never covers the whole charge). Any other tariff is a
    switch from the next period."""
    return target.id != current.id and target.price_month_kopecks > max(
        current.price_month_kopecks, period_paid(session, subscription)
    )


def quote(
    session: Session, subscription: Subscription, tariff: Tariff, now: datetime | None = None
) -> Quote:
    """What moving to `tariff` now costs; refuses a tariff that cannot be bought now
    (`BillingError.not_an_upgrade`: a downgrade waits for the period end).
    The credit for the unused days comes from what was paid for the running period, never from
    today's price of the tariff."""
    now = now or utcnow()
    current = session.get_one(Tariff, subscription.tariff_id)
    if (
        tariff.is_archived
        or (not tariff.is_public and tariff.id != current.id)
        or tariff.price_month_kopecks <= 0
    ):
        raise ServiceError(BillingError.tariff_unavailable)
    price = tariff.price_month_kopecks
    if subscription.status not in (SubscriptionStatus.active, SubscriptionStatus.past_due):
        # trial, expired or cancelled: a fresh period at the full price (after the trial days)
        return Quote(
            tariff,
            "subscribe",
            price,
            0,
            price,
            *lifecycle.paid_period(subscription, "subscribe", now),
        )
    if not is_upgrade(session, subscription, current, tariff):
        raise ServiceError(BillingError.not_an_upgrade)
    credit = proration.unused_credit(
        period_paid(session, subscription), subscription.period_start, subscription.period_end, now
    )
    return Quote(
        tariff,
        "upgrade",
        price,
        credit,
        proration.upgrade_charge(price, credit),
        *lifecycle.paid_period(subscription, "upgrade", now),
    )


@dataclass
class Checkout:
    confirmation_url: str
    payment_id: int


def start_checkout(
    session: Session, actor: Actor, tariff_code: str, provider, return_url: str
) -> Checkout:
    """Create our payment row, then the provider's payment; the buyer goes to its URL. When the
    provider does not answer the refusal rolls the attempt back: nothing exists at the provider
    that a notification could refer to, and the buyer simply tries again."""
    require(actor, Permission.manage_billing)
    if provider is None:
        raise ServiceError(BillingError.not_configured)
    subscription = current_subscription(session, actor.tenant_id)
    tariff = session.exec(select(Tariff).where(Tariff.code == tariff_code[:32])).first()
    if subscription is None or tariff is None:
        raise ServiceError(BillingError.tariff_unavailable)
    assert subscription.id is not None and tariff.id is not None  # loaded rows
    offer = quote(session, subscription, tariff)
    payment = Payment(
        tenant_id=actor.tenant_id,
        subscription_id=subscription.id,
        tariff_id=tariff.id,
        purpose=offer.purpose,
        amount_kopecks=offer.charge_kopecks,
        credit_kopecks=offer.credit_kopecks,
        description=f"Точка Роста: тариф «{tariff.name.get('ru', tariff.code)}», 30 дней",
        idempotence_key=f"checkout:{uuid.uuid4()}",
    )
    session.add(payment)
    session.flush()
    assert payment.id is not None  # given by the flush
    try:
        remote = provider.create_payment(
            amount_kopecks=payment.amount_kopecks,
            description=payment.description,
            metadata={"payment_id": payment.id, "tenant_id": actor.tenant_id},
            idempotence_key=payment.idempotence_key,
            return_url=f"{return_url}?payment={payment.id}",
            save_payment_method=True,
        )
    except IntegrationError as exc:
        log.warning(
            "checkout of payment %s not created at the provider: %s", payment.id, exc.reason
        )
        raise ServiceError(BillingError.provider_failed) from exc
    payment.provider_payment_id, payment.confirmation_url = remote.id, remote.confirmation_url
    session.add(payment)
    audit.record(
        session,
        "billing.checkout_started",
        actor=actor,
        target_type="payment",
        target_id=payment.id,
        details={
            "tariff": tariff.code,
            "amount": payment.amount_kopecks,
            "credit": payment.credit_kopecks,
        },
    )
    return Checkout(remote.confirmation_url, payment.id)


def _save_method(
    session: Session, payment: Payment, remote: ProviderPayment, subscription: Subscription
) -> None:
    if not remote.method_id:
        return
    method = session.exec(
        select(PaymentMethod).where(PaymentMethod.provider_method_id == remote.method_id)
    ).first()
    if method is None:
        method = PaymentMethod(
            tenant_id=payment.tenant_id,
            provider_method_id=remote.method_id,
            title=remote.method_title or "",
        )
        session.add(method)
        session.flush()
    if method.tenant_id == payment.tenant_id:
        subscription.payment_method_id = method.id


def apply(session: Session, payment_id: int, remote: ProviderPayment) -> str:
    """Record what the provider says about one of our payments. Safe to call any number of times
    concurrently: the payment row is locked and a succeeded payment is applied exactly once.
    Returns applied | duplicate | ignored."""
    payment = session.exec(select(Payment).where(Payment.id == payment_id).with_for_update()).one()
    if payment.status in (PaymentStatus.succeeded, PaymentStatus.canceled):
        return "duplicate"  # final states never change (a late "canceled" after success too)
    if remote.status == PaymentStatus.canceled:
        payment.status, payment.cancel_reason = (
            PaymentStatus.canceled,
            (remote.cancel_reason or "")[:64],
        )
        session.add(payment)
        session.flush()
        audit.record(
            session,
            "billing.payment_canceled",
            tenant_id=payment.tenant_id,
            target_type="payment",
            target_id=payment.id,
            details={"reason": payment.cancel_reason},
        )
        return "applied"
    if remote.status != PaymentStatus.succeeded:
        return "ignored"
    now = utcnow()
    subscription = session.exec(
        select(Subscription).where(Subscription.id == payment.subscription_id).with_for_update()
    ).one()
    starts, ends = lifecycle.paid_period(subscription, payment.purpose, now)
    payment.status, payment.paid_at = PaymentStatus.succeeded, now
    session.add(payment)
    session.add(
        LedgerEntry(
            tenant_id=payment.tenant_id,
            payment_id=payment_id,
            kind="payment",
            amount_kopecks=payment.amount_kopecks,
            reference=f"payment:{payment.provider_payment_id or payment.id}",
        )
    )
    grant = PeriodGrant(
        subscription_id=payment.subscription_id,
        payment_id=payment_id,
        tariff_id=payment.tariff_id,
        starts_at=starts,
        ends_at=ends,
    )
    session.add(grant)
    session.flush()  # the unique ledger reference / grant make a double booking fail here
    if subscription.status not in LIVE_SUBSCRIPTION_STATUSES and _other_live(session, subscription):
        # Paid for an ended subscription while another one is live: should not happen; keep money.
        audit.record(
            session,
            "billing.payment_orphaned",
            tenant_id=payment.tenant_id,
            target_type="payment",
            target_id=payment.id,
        )
        return "applied"
    lifecycle.transition(subscription, "pay", now)
    subscription.tariff_id, subscription.period_start, subscription.period_end = (
        payment.tariff_id,
        starts,
        ends,
    )
    subscription.period_grant_id = grant.id  # what this period cost: see period_paid
    subscription.pending_tariff_id = None  # an upgrade replaces it; a renewal has just used it
    _save_method(session, payment, remote, subscription)
    session.add(subscription)
    session.flush()
    audit.record(
        session,
        "billing.payment_succeeded",
        tenant_id=payment.tenant_id,
        target_type="payment",
        target_id=payment.id,
        details={
            "amount": payment.amount_kopecks,
            "purpose": payment.purpose,
            "period_end": ends.isoformat(),
        },
    )
    return "applied"


def _other_live(session: Session, subscription: Subscription) -> bool:
    return (
        session.exec(
            select(Subscription.id).where(
                Subscription.tenant_id == subscription.tenant_id,
                Subscription.id != subscription.id,
                col(Subscription.status).in_(LIVE_SUBSCRIPTION_STATUSES),
            )
        ).first()
        is not None
    )


def sync(session: Session, payment: Payment, provider) -> str:
    """Re-fetch one payment from the provider and apply it (the return page and webhooks)."""
    if not payment.provider_payment_id or provider is None:
        return "ignored"
    remote = provider.get_payment(payment.provider_payment_id)
    if remote.amount_kopecks != payment.amount_kopecks or remote.metadata.get(
        "payment_id", str(payment.id)
    ) != str(payment.id):
        return "rejected"
    assert payment.id is not None  # a stored payment
    return apply(session, payment.id, remote)


def safe_apply(session_factory, payment_id: int, remote: ProviderPayment) -> str:
    """`apply` in its own transaction; a unique violation means another worker booked it."""
    try:
        with session_factory() as session:
            return apply(session, payment_id, remote)
    except IntegrityError:
        return "duplicate"
