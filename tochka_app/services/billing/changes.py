"""Changes a tenant makes without paying now: downgrade at period end, cancel at period end,
resume. One function per operation; the owner only (`billing.manage`). A refusal raises
`ServiceError(BillingError...)` before anything is written."""

from sqlmodel import Session, select

from tochka_app.models import Subscription, SubscriptionStatus, Tariff
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.billing import lifecycle
from tochka_app.services.billing.errors import BillingError
from tochka_app.services.billing.payments import current_subscription, is_upgrade
from tochka_app.services.errors import ServiceError
from tochka_app.services.permissions import Permission, require


def _live(session: Session, actor: Actor) -> Subscription:
    require(actor, Permission.manage_billing)
    subscription = current_subscription(session, actor.tenant_id)
    if subscription is None or subscription.status not in (
        SubscriptionStatus.trial,
        SubscriptionStatus.active,
        SubscriptionStatus.past_due,
    ):
        raise ServiceError(BillingError.no_live_subscription)
    return subscription


def schedule_downgrade(session: Session, actor: Actor, tariff_code: str) -> None:
    """Another tariff from the next period (one that is not an upgrade, see is_upgrade); nothing
    is deleted, over-limit items turn read-only."""
    subscription = _live(session, actor)
    current = session.get_one(Tariff, subscription.tariff_id)
    target = session.exec(select(Tariff).where(Tariff.code == tariff_code[:32])).first()
    if (
        target is None
        or target.is_archived
        or not target.is_public
        or target.price_month_kopecks <= 0
    ):
        raise ServiceError(BillingError.tariff_unavailable)
    if subscription.status == SubscriptionStatus.trial:
        # a trial chooses its tariff by paying for it
        raise ServiceError(BillingError.trial_pick_by_paying)
    if target.id == current.id or is_upgrade(session, subscription, current, target):
        raise ServiceError(BillingError.not_a_downgrade)
    subscription.pending_tariff_id, subscription.updated_at = target.id, utcnow()
    session.add(subscription)
    audit.record(
        session,
        "billing.downgrade_scheduled",
        actor=actor,
        details={
            "from": current.code,
            "to": target.code,
            "at": subscription.period_end.isoformat(),
        },
    )


def cancel_downgrade(session: Session, actor: Actor) -> None:
    subscription = _live(session, actor)
    subscription.pending_tariff_id = None
    session.add(subscription)


def cancel(session: Session, actor: Actor) -> None:
    """Stop at the end of the paid (or trial) period; the workspace works until then."""
    subscription = _live(session, actor)
    if not lifecycle.can_cancel(subscription):
        raise ServiceError(BillingError.already_cancelled)
    subscription.cancel_at_period_end, subscription.updated_at = True, utcnow()
    session.add(subscription)
    audit.record(
        session,
        "billing.cancelled",
        actor=actor,
        details={"at": subscription.period_end.isoformat()},
    )


def resume(session: Session, actor: Actor) -> None:
    subscription = _live(session, actor)
    if not lifecycle.can_resume(subscription):
        raise ServiceError(BillingError.not_cancelled)
    subscription.cancel_at_period_end, subscription.updated_at = False, utcnow()
    session.add(subscription)
    audit.record(session, "billing.resumed", actor=actor)
