"""Who is acting and where: the workspace identity a verified session stands for.

The state layer's one guard (`SessionState._run`) asks `identify()` on every handler call and
hands the resulting `Actor` to the service; services trust nothing else about the caller.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session

from tochka_app.i18n import time_zone
from tochka_app.models import Tenant, TenantStatus
from tochka_app.services import entitlements
from tochka_app.services.admin import impersonation
from tochka_app.services.auth import onboarding
from tochka_app.services.auth.sessions import ActiveSession
from tochka_app.services.permissions import granted


@dataclass(frozen=True)
class Actor:
    """The acting member as the session proved it: who, in which tenant, with which role."""

    user_id: int
    tenant_id: int
    role: str
    ip: str | None = None
    read_only: bool = False  # the subscription has ended or the platform suspended it
    impersonation_id: int | None = None  # a super admin's visit behind this session
    session_id: int | None = None  # the browser session acting (the profile ends the others)


@dataclass(frozen=True)
class TenantChoice:
    """A workspace the user may switch to (the sidebar's selector)."""

    id: str
    name: str


@dataclass(frozen=True)
class Visit:
    """A super admin's visit shown in the banner."""

    expires_at: datetime
    read_only: bool


@dataclass(frozen=True)
class Identity:
    user_id: int
    user_name: str
    user_phone: str
    tenants: list[TenantChoice]
    tenant_id: int = 0  # 0: the user belongs to no workspace yet
    tenant_name: str = ""
    tenant_slug: str = ""
    role: str = ""
    suspended: bool = False
    read_only: bool = False
    timezone: str = ""
    visit: Visit | None = None
    impersonation_id: int | None = None
    permissions: list[str] = field(default_factory=list)
    session_id: int | None = None

    def actor(self, ip: str | None) -> Actor:
        return Actor(
            self.user_id,
            self.tenant_id,
            self.role,
            ip,
            self.read_only,
            self.impersonation_id,
            self.session_id,
        )


def identify(session: Session, active: ActiveSession) -> Identity:
    """The user's current workspace (kept on the session row), their role and its state. A visit
    by a super admin is pinned to the visited workspace, whatever else the owner has."""
    user_id = active.user.id
    assert user_id is not None  # a signed-in user is a stored row
    rows = onboarding.memberships(session, user_id)
    visit = impersonation.check(session, active.session) if active.session.kind == "imp" else None
    if visit is not None:
        rows = [pair for pair in rows if pair[1].id == visit.tenant_id]
    choices = [TenantChoice(str(t.id), t.name) for _, t in rows]
    base = Identity(
        user_id=user_id,
        user_name=active.user.name,
        user_phone=active.user.phone,
        tenants=choices,
        session_id=active.session.id,
    )
    if not rows:
        return base
    membership, tenant = next(
        (pair for pair in rows if pair[1].id == active.session.current_tenant_id), rows[0]
    )
    if active.session.current_tenant_id != tenant.id:
        active.session.current_tenant_id = tenant.id
        session.add(active.session)
    suspended = tenant.status == TenantStatus.suspended
    read_only = suspended or entitlements.is_read_only(session, membership.tenant_id)
    identity = replace(
        base,
        tenant_id=membership.tenant_id,
        tenant_name=tenant.name,
        tenant_slug=tenant.slug,
        role=membership.role,
        suspended=suspended,
        read_only=read_only or (visit is not None and visit.read_only),
        timezone=time_zone(tenant.timezone),
        visit=Visit(visit.expires_at, visit.read_only) if visit else None,
        impersonation_id=visit.id if visit else None,
    )
    return replace(identity, permissions=granted(identity.actor(None)))


def tenant_zone(session: Session, tenant_id: int | None) -> str:
    """The time zone a workspace's screens show times in."""
    tenant = session.get(Tenant, tenant_id) if tenant_id else None
    return time_zone(tenant.timezone if tenant else None)
