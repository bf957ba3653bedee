"""Figures for a tenant's overview page. Always called with the tenant of the verified session."""

import math
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from tochka_app.i18n import localized
from tochka_app.models import Membership, Subscription, Tariff, TenantModule
from tochka_app.models._types import utcnow
from tochka_app.models.billing import LIVE_SUBSCRIPTION_STATUSES
from tochka_app.services import entitlements


@dataclass
class Usage:
    key: str  # i18n id of the label
    used: int
    limit: int | None  # None: unlimited

    @property
    def percent(self) -> int:
        return 0 if not self.limit else min(100, round(100 * self.used / self.limit))


@dataclass
class Overview:
    members: int
    modules_enabled: int
    tariff: str
    subscription_status: str
    days_left: int
    usage: list[Usage] = field(default_factory=list)


def overview(session: Session, tenant_id: int, locale: str) -> Overview:
    members = session.exec(
        select(func.count()).select_from(Membership).where(Membership.tenant_id == tenant_id)
    ).one()
    modules = session.exec(
        select(func.count())
        .select_from(TenantModule)
        .where(TenantModule.tenant_id == tenant_id, TenantModule.enabled)
    ).one()
    live = session.exec(
        select(Subscription, Tariff)
        .join(Tariff, col(Tariff.id) == Subscription.tariff_id)
        .where(
            Subscription.tenant_id == tenant_id,
            col(Subscription.status).in_(LIVE_SUBSCRIPTION_STATUSES),
        )
    ).first()
    limits = entitlements.limits(session, tenant_id)
    usage = [
        Usage("app.usage.seats", entitlements.seats_used(session, tenant_id), limits.max_staff),
        Usage("app.usage.modules", modules, limits.max_modules),
    ]
    if live is None:
        return Overview(members, modules, "", "", 0, usage)
    subscription, tariff = live
    # A started day counts: a fresh 14-day trial shows 14, not 13.
    days_left = max(0, math.ceil((subscription.period_end - utcnow()).total_seconds() / 86400))
    return Overview(
        members, modules, localized(tariff.name, locale), subscription.status, days_left, usage
    )
