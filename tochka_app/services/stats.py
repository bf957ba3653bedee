"""Live platform figures shown on the landing page: SQL aggregates, never loaded rows."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.models import Module, Subscription, Tenant, TenantStatus, User
from tochka_app.models.billing import LIVE_SUBSCRIPTION_STATUSES


@dataclass(frozen=True)
class PlatformStats:
    tenants: int
    users: int
    modules: int
    live_subscriptions: int


def platform_stats(session: Session) -> PlatformStats:
    def count(stmt) -> int:
        return session.exec(stmt).one()

    return PlatformStats(
        tenants=count(
            select(func.count()).select_from(Tenant).where(Tenant.status == TenantStatus.active)
        ),
        users=count(select(func.count()).select_from(User).where(col(User.is_blocked).is_(False))),
        modules=count(select(func.count()).select_from(Module).where(Module.is_published)),
        live_subscriptions=count(
            select(func.count())
            .select_from(Subscription)
            .where(col(Subscription.status).in_(LIVE_SUBSCRIPTION_STATUSES))
        ),
    )
