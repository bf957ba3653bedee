"""Provider notifications (`POST /api/payments/webhook`). A notification is only a hint: the
payment or refund is fetched again from the provider's API and that answer is what counts, so a
forged or stale body cannot change anything. Duplicates, storms and out-of-order delivery are
harmless: `payments.apply` locks the payment and final states never change. A notification about
a payment already final here, or a refund already booked, is a duplicate without asking the
provider again (final states never change, so the answer could not matter)."""

import logging
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from tochka_app.integrations.errors import IntegrationError
from tochka_app.models import BillingEvent, LedgerEntry, Payment, PaymentStatus
from tochka_app.services import audit
from tochka_app.services.billing import payments

log = logging.getLogger(__name__)
EVENTS = (
    "payment.succeeded",
    "payment.canceled",
    "payment.waiting_for_capture",
    "refund.succeeded",
)


class ProviderUnavailableError(Exception):
    """The provider could not be asked; the notification should be delivered again later."""


@dataclass
class Outcome:
    outcome: str  # applied | duplicate | ignored | rejected
    reason: str = ""


def _book_refund(session, payment_provider_id: str, refund_id: str, amount: int) -> Outcome:
    payment = session.exec(
        select(Payment).where(Payment.provider_payment_id == payment_provider_id).with_for_update()
    ).first()
    if payment is None or payment.status != PaymentStatus.succeeded:
        return Outcome("rejected", "refund of an unknown or unpaid payment")
    reference = f"refund:{refund_id}"
    if session.exec(select(LedgerEntry.id).where(LedgerEntry.reference == reference)).first():
        return Outcome("duplicate")
    if payment.refunded_kopecks + amount > payment.amount_kopecks:
        return Outcome("rejected", "refunds exceed the payment")
    payment.refunded_kopecks += amount
    session.add(payment)
    session.add(
        LedgerEntry(
            tenant_id=payment.tenant_id,
            payment_id=payment.id,
            kind="refund",
            amount_kopecks=-amount,
            reference=reference,
        )
    )
    audit.record(
        session,
        "billing.refunded",
        tenant_id=payment.tenant_id,
        target_type="payment",
        target_id=payment.id,
        details={"amount": amount, "refund": refund_id},
    )
    return Outcome("applied")


FINAL = (PaymentStatus.succeeded, PaymentStatus.canceled)


def _process(session_factory, provider, event: str, object_id: str) -> Outcome:  # noqa: PLR0911  one return per outcome, in the order the checks must run
    try:
        if event == "refund.succeeded":
            with session_factory() as session:
                if session.exec(
                    select(LedgerEntry.id).where(LedgerEntry.reference == f"refund:{object_id}")
                ).first():
                    return Outcome("duplicate", "refund already booked")
            refund = provider.get_refund(object_id)
            if refund.status != "succeeded":
                return Outcome("ignored", f"refund is {refund.status}")
            try:
                with session_factory() as session:
                    return _book_refund(
                        session, refund.payment_id, refund.id, refund.amount_kopecks
                    )
            except IntegrityError:
                return Outcome("duplicate")
        with session_factory() as session:
            ours = session.exec(
                select(Payment).where(Payment.provider_payment_id == object_id)
            ).first()
        if ours is None:
            return Outcome("rejected", "unknown payment id")
        if ours.status in FINAL:
            return Outcome("duplicate", f"payment already {ours.status}")
        remote = provider.get_payment(object_id)
    except IntegrationError as exc:
        if exc.status == 404:
            return Outcome("rejected", "the provider does not know this object")
        raise ProviderUnavailableError(exc.reason) from exc
    if remote.amount_kopecks != ours.amount_kopecks or remote.metadata.get("payment_id") != str(
        ours.id
    ):
        return Outcome("rejected", "amount or metadata differ from our payment")
    return Outcome(payments.safe_apply(session_factory, ours.id, remote))


def handle(session_factory, provider, body) -> Outcome:
    """Process one notification body and log it; raises ProviderUnavailableError to ask for a retry."""
    event = body.get("event") if isinstance(body, dict) else None
    obj = body.get("object") if isinstance(body, dict) else None
    object_id = str(obj.get("id", ""))[:64] if isinstance(obj, dict) else ""
    if (
        not isinstance(body, dict)
        or body.get("type") != "notification"
        or event not in EVENTS
        or not object_id
    ):
        result = Outcome("rejected", "not a known notification")
    elif provider is None:
        result = Outcome("rejected", "payments are not configured")
    else:
        result = _process(session_factory, provider, event, object_id)
    if result.outcome == "rejected":
        log.warning("payment notification rejected: %s (%s %s)", result.reason, event, object_id)
    with session_factory() as session:
        session.add(
            BillingEvent(
                event=str(event or "?")[:40],
                object_id=object_id or "?",
                outcome=result.outcome,
                reason=result.reason[:200],
            )
        )
    return result
