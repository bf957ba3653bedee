"""Workspaces as the super admin manages them: the table, one tenant's page, suspend /
reactivate, a manual tariff change with a reason (impersonation: impersonation.py)."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from tochka_app import routes
from tochka_app.i18n import format_datetime, localized
from tochka_app.i18n.labels import subscription_status_label, tenant_status_label
from tochka_app.models import (
    Membership,
    Module,
    Subscription,
    Tariff,
    Tenant,
    TenantModule,
    TenantStatus,
    User,
)
from tochka_app.models._types import utcnow
from tochka_app.models.billing import LIVE_SUBSCRIPTION_STATUSES
from tochka_app.services import audit
from tochka_app.services.admin import AdminActor, AdminError
from tochka_app.services.admin.tables import Column, TableSpec
from tochka_app.services.billing import lifecycle
from tochka_app.services.billing.payments import current_subscription
from tochka_app.services.errors import ServiceError
from tochka_app.services.text import LIKE_ESCAPE, like_contains


def _latest(column):
    return (
        select(column)
        .select_from(Subscription)
        .join(Tariff, col(Tariff.id) == Subscription.tariff_id)
        .where(Subscription.tenant_id == Tenant.id)
        .order_by(col(Subscription.id).desc())
        .limit(1)
        .scalar_subquery()
    )


def _select():
    members = (
        select(func.count())
        .select_from(Membership)
        .where(Membership.tenant_id == Tenant.id)
        .scalar_subquery()
    )
    modules = (
        select(func.count())
        .select_from(TenantModule)
        .where(TenantModule.tenant_id == Tenant.id, TenantModule.enabled)
        .scalar_subquery()
    )
    # sqlmodel's select is typed for up to 4 columns; SQLAlchemy's takes any number
    return sa.select(
        col(Tenant.id),
        col(Tenant.name),
        col(Tenant.slug),
        col(Tenant.status),
        col(Tenant.created_at),
        col(User.phone).label("owner_phone"),
        _latest(Tariff.name).label("tariff"),
        _latest(Subscription.status).label("sub_status"),
        members.label("members"),
        modules.label("modules"),
    ).join(User, col(User.id) == Tenant.owner_id)


def _row(r, locale: str, tz: str | None = None) -> dict[str, str]:
    return {
        "id": str(r.id),
        "name": r.name,
        "slug": r.slug,
        "owner": r.owner_phone,
        "tariff": localized(r.tariff, locale) if r.tariff else "—",
        "subscription": subscription_status_label(r.sub_status, locale),
        "status": tenant_status_label(r.status, locale),
        "status_code": r.status,
        "members": str(r.members),
        "modules": str(r.modules),
        "created": format_datetime(r.created_at, locale, "short", tz),
    }


def _search(text: str):
    needle = like_contains(text.lower())
    return or_(
        func.lower(Tenant.name).like(needle, escape=LIKE_ESCAPE),
        col(Tenant.slug).like(needle, escape=LIKE_ESCAPE),
        col(User.phone).like(needle, escape=LIKE_ESCAPE),
    )


TENANTS_TABLE = TableSpec(
    name="tenants",
    table="tenants",
    columns=(
        Column("name", "admin.col.name", Tenant.name),
        Column("slug", "admin.col.slug", Tenant.slug),
        Column("owner", "admin.col.owner"),
        Column("tariff", "admin.col.tariff"),
        Column("subscription", "admin.col.subscription"),
        Column("status", "admin.col.status"),
        Column("members", "admin.col.members"),
        Column("modules", "admin.col.modules"),
        Column("created", "admin.col.created", Tenant.created_at),
    ),
    id_column=Tenant.id,
    select=_select,
    row=_row,
    search=_search,
    filters={
        "status": {
            "active": Tenant.status == TenantStatus.active,
            "suspended": Tenant.status == TenantStatus.suspended,
        }
    },
    default_sort="created",
    default_desc=True,
    link=routes.admin_tenant,
)


@dataclass
class TenantMember:
    user_id: int
    name: str  # or the phone when the user gave no name
    role: str


@dataclass
class TenantCard:
    tenant: Tenant
    owner: User
    members: list[TenantMember]
    subscription: Subscription | None
    tariff: Tariff | None
    modules: list[dict]  # names of the enabled modules, {"ru": ..., "en": ...}


def card(session: Session, tenant_id: int) -> TenantCard | None:
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        return None
    members = [
        TenantMember(m.user_id, u.name or u.phone, m.role)
        for m, u in session.exec(
            select(Membership, User)
            .join(User, col(User.id) == Membership.user_id)
            .where(Membership.tenant_id == tenant_id)
            .order_by(col(Membership.created_at))
        )
    ]
    subscription = current_subscription(session, tenant_id)
    tariff = session.get(Tariff, subscription.tariff_id) if subscription else None
    modules = list(
        session.exec(
            select(col(Module.name))
            .join(TenantModule, col(TenantModule.module_id) == Module.id)
            .where(TenantModule.tenant_id == tenant_id, TenantModule.enabled)
            .order_by(col(Module.sort_order))
        )
    )
    return TenantCard(
        tenant, session.get_one(User, tenant.owner_id), members, subscription, tariff, modules
    )


def _tenant(session: Session, tenant_id: int) -> Tenant:
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise ServiceError(AdminError.not_found)
    return tenant


def set_suspended(
    session: Session, admin: AdminActor, tenant_id: int, suspended: bool, reason: str
) -> None:
    reason = (reason or "").strip()
    if suspended and not reason:
        raise ServiceError(AdminError.reason_required)
    tenant = _tenant(session, tenant_id)
    target = TenantStatus.suspended if suspended else TenantStatus.active
    if tenant.status == target:
        return
    before, tenant.status, tenant.updated_at = tenant.status, target, utcnow()
    session.add(tenant)
    audit.record(
        session,
        "admin.tenant_suspended" if suspended else "admin.tenant_reactivated",
        actor=admin,
        tenant_id=tenant.id,
        target_type="tenant",
        target_id=tenant.id,
        details={"before": {"status": before}, "after": {"status": target}, "reason": reason[:500]},
    )


def change_tariff(
    session: Session, admin: AdminActor, tenant_id: int, tariff_code: str, reason: str
) -> None:
    """Put a tenant on a tariff by hand (support, deals): the live subscription changes tariff;
    an ended one is reopened for a 30-day period. No money moves; the reason is audited."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(AdminError.reason_required)
    _tenant(session, tenant_id)
    tariff = session.exec(select(Tariff).where(Tariff.code == tariff_code[:32])).first()
    if tariff is None or tariff.is_archived:
        raise ServiceError(AdminError.not_found)
    assert tariff.id is not None  # a loaded row
    subscription = current_subscription(session, tenant_id)
    now = utcnow()
    before = {
        "tariff_id": subscription.tariff_id if subscription else None,
        "status": subscription.status if subscription else None,
    }
    if subscription is None:
        subscription = Subscription(
            tenant_id=tenant_id,
            tariff_id=tariff.id,
            status="active",
            period_start=now,
            period_end=now + lifecycle.PERIOD,
        )
    elif subscription.status not in LIVE_SUBSCRIPTION_STATUSES:
        lifecycle.transition(subscription, "pay", now)
        subscription.period_start, subscription.period_end = now, now + lifecycle.PERIOD
        subscription.period_grant_id = None  # a period nobody paid for: no upgrade credit
    subscription.tariff_id, subscription.pending_tariff_id = tariff.id, None
    subscription.updated_at = now
    session.add(subscription)
    audit.record(
        session,
        "admin.tariff_changed",
        actor=admin,
        tenant_id=tenant_id,
        target_type="subscription",
        target_id=subscription.id,
        details={
            "before": before,
            "after": {"tariff_id": tariff.id, "status": subscription.status},
            "reason": reason[:500],
        },
    )
