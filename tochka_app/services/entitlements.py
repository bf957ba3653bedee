"""What a tenant's current tariff allows. Billing (subscriptions, add-ons) builds on this."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models import Membership, Subscription, Tariff, TenantModule
from tochka_app.models._types import utcnow
from tochka_app.models.billing import LIVE_SUBSCRIPTION_STATUSES
from tochka_app.models.team import Invite


@dataclass(frozen=True)
class Limits:
    tariff_id: int | None
    tariff_code: str
    sort_order: int  # position of the tariff, to compare "at least tariff X"
    max_modules: int | None
    max_staff: int | None
    max_products: int | None


NO_SUBSCRIPTION = Limits(None, "", -1, 0, 1, 0)


def limits(session: Session, tenant_id: int) -> Limits:
    row = session.exec(
        select(Tariff)
        .join(Subscription, col(Subscription.tariff_id) == Tariff.id)
        .where(
            Subscription.tenant_id == tenant_id,
            col(Subscription.status).in_(LIVE_SUBSCRIPTION_STATUSES),
        )
    ).first()
    if row is None:
        return NO_SUBSCRIPTION
    return Limits(
        row.id, row.code, row.sort_order, row.max_modules, row.max_staff, row.max_products
    )


def is_read_only(session: Session, tenant_id: int) -> bool:
    """No live subscription (trial, active or past_due): the workspace is read-only, data kept."""
    return (
        session.exec(
            select(Subscription.id).where(
                Subscription.tenant_id == tenant_id,
                col(Subscription.status).in_(LIVE_SUBSCRIPTION_STATUSES),
            )
        ).first()
        is None
    )


def seats_used(session: Session, tenant_id: int) -> int:
    """Members plus open invitations: an invite holds a seat until it is accepted or expires."""
    members = session.exec(
        select(func.count()).select_from(Membership).where(Membership.tenant_id == tenant_id)
    ).one()
    invites = session.exec(
        select(func.count())
        .select_from(Invite)
        .where(
            Invite.tenant_id == tenant_id,
            col(Invite.accepted_at).is_(None),
            col(Invite.revoked_at).is_(None),
            Invite.expires_at > utcnow(),
        )
    ).one()
    return members + invites


def modules_enabled(session: Session, tenant_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(TenantModule)
        .where(TenantModule.tenant_id == tenant_id, TenantModule.enabled)
    ).one()


def within(limit: int | None, used: int) -> bool:
    return limit is None or used < limit
