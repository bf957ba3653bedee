"""The periodic task: ends trials, cancels at period end, charges saved methods for renewals,
moves unpaid subscriptions to past_due and, after the grace period, to expired.

Safe with several workers at once: due subscriptions are claimed with `FOR UPDATE SKIP LOCKED`,
and a renewal payment's idempotence key is derived from the subscription and the day, so the same
attempt can neither be created twice here nor charged twice by the provider.
"""

import logging
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from tochka_app.integrations.errors import IntegrationError
from tochka_app.models import (
    Payment,
    PaymentMethod,
    PaymentStatus,
    Subscription,
    Tariff,
)
from tochka_app.models import SubscriptionStatus as S
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.billing import lifecycle, payments

log = logging.getLogger(__name__)
BATCH = 50


def _renewal_payment(session: Session, subscription: Subscription, now: datetime) -> Payment | None:
    """Today's renewal attempt for this period (created once), or None when already made."""
    tariff_id = subscription.pending_tariff_id or subscription.tariff_id
    tariff = session.get_one(Tariff, tariff_id)
    assert subscription.id is not None  # a loaded row
    key = f"renewal:{subscription.id}:{subscription.period_end:%Y%m%d%H%M}:{now:%Y%m%d}"
    if session.exec(select(Payment.id).where(Payment.idempotence_key == key)).first():
        return None
    payment = Payment(
        tenant_id=subscription.tenant_id,
        subscription_id=subscription.id,
        tariff_id=tariff_id,
        purpose="renewal",
        amount_kopecks=tariff.price_month_kopecks,
        description=f"Точка Роста: продление «{tariff.name.get('ru', tariff.code)}»",
        idempotence_key=key,
    )
    session.add(payment)
    session.flush()
    return payment


def process(
    session: Session,
    subscription: Subscription,
    provider,
    now: datetime,
    grace: timedelta,
    remind=None,
) -> str:
    """Move one due subscription on; returns what happened. `remind(session, subscription,
    kind)` tells the owner when money is due (see reminders.py)."""
    remind = remind or (lambda *_args: None)
    if subscription.cancel_at_period_end:
        lifecycle.transition(subscription, "ended_cancelled", now)
        session.add(subscription)
        audit.record(session, "billing.ended", tenant_id=subscription.tenant_id)
        return "cancelled"
    if subscription.status == S.trial:
        lifecycle.transition(subscription, "trial_over", now)
        session.add(subscription)
        audit.record(session, "billing.trial_over", tenant_id=subscription.tenant_id)
        return "expired"
    if (
        subscription.status == S.past_due
        and subscription.past_due_since
        and now - subscription.past_due_since >= grace
    ):
        lifecycle.transition(subscription, "grace_over", now)
        session.add(subscription)
        audit.record(session, "billing.expired", tenant_id=subscription.tenant_id)
        remind(session, subscription, "expired")
        return "expired"
    method = (
        session.get(PaymentMethod, subscription.payment_method_id)
        if subscription.payment_method_id
        else None
    )
    payment = _renewal_payment(session, subscription, now) if method and provider else None
    outcome = "no_method" if method is None or provider is None else "waiting"
    if payment is not None:
        assert method is not None and payment.id is not None  # made only with a method, flushed
        try:
            remote = provider.create_payment(
                amount_kopecks=payment.amount_kopecks,
                description=payment.description,
                metadata={"payment_id": payment.id, "tenant_id": subscription.tenant_id},
                idempotence_key=payment.idempotence_key,
                payment_method_id=method.provider_method_id,
            )
        except IntegrationError as exc:
            payment.status, payment.cancel_reason = PaymentStatus.canceled, f"provider:{exc.reason}"
            session.add(payment)
            remote = None
        if remote is not None:
            payment.provider_payment_id = remote.id
            session.add(payment)
            session.flush()
            outcome = payments.apply(session, payment.id, remote)
            if remote.status == PaymentStatus.succeeded:
                return "renewed"
    if subscription.status == S.active:
        lifecycle.transition(subscription, "renewal_failed", now)
        session.add(subscription)
        audit.record(
            session,
            "billing.past_due",
            tenant_id=subscription.tenant_id,
            details={"reason": outcome},
        )
        remind(session, subscription, "past_due")
        return "past_due"
    if payment is not None:  # today's retry during the grace period failed too
        remind(session, subscription, "past_due")
    return outcome


def run_once(
    session_factory,
    provider,
    grace: timedelta,
    now: datetime | None = None,
    batch: int = BATCH,
    remind=None,
) -> dict[str, int]:
    """One pass over due subscriptions, each in its own transaction; returns counts by outcome."""
    moment = now or utcnow()
    due = (
        col(Subscription.status).in_((S.trial, S.active, S.past_due)),
        Subscription.period_end <= moment,
    )
    with session_factory() as session:
        ids = list(
            session.exec(
                select(Subscription.id)
                .where(*due)
                .order_by(col(Subscription.period_end))
                .limit(batch)
            )
        )
    counts: dict[str, int] = {}
    for subscription_id in ids:
        try:
            with session_factory() as session:
                # Re-checked under a lock; a row another worker holds is skipped, not waited for.
                subscription = session.exec(
                    select(Subscription)
                    .where(Subscription.id == subscription_id, *due)
                    .with_for_update(skip_locked=True)
                ).first()
                outcome = (
                    "skipped"
                    if subscription is None
                    else process(session, subscription, provider, moment, grace, remind)
                )
        except IntegrityError:  # another worker made today's attempt first
            outcome = "skipped"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
