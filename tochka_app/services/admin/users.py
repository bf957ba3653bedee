"""Platform users as the super admin manages them: the table, one user's page, block / unblock,
delete with a reason, grant / revoke super admin (never leaving the platform without one)."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from tochka_app import routes
from tochka_app.i18n import format_datetime
from tochka_app.i18n.labels import user_status_label
from tochka_app.models import (
    AuditEvent,
    ExternalAccount,
    Membership,
    Tenant,
    User,
    UserSession,
)
from tochka_app.services import audit
from tochka_app.services.admin import AdminActor, AdminError
from tochka_app.services.admin.tables import Column, TableSpec
from tochka_app.services.auth import accounts, sessions
from tochka_app.services.errors import ServiceError
from tochka_app.services.text import LIKE_ESCAPE, like_contains


def _search(text: str):
    """Name (any case) or, when the text looks like a phone number, its digits."""
    clauses = [func.lower(User.name).like(like_contains(text.lower()), escape=LIKE_ESCAPE)]
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and not any(ch.isalpha() for ch in text):
        clauses.append(col(User.phone).like(f"%{digits}%"))
    return or_(*clauses)


def _row(r, locale: str, tz: str | None = None) -> dict[str, str]:
    status = "blocked" if r.is_blocked else ("admin" if r.is_super_admin else "active")
    return {
        "id": str(r.id),
        "phone": r.phone,
        "name": r.name or "—",
        "tenants": str(r.tenants or 0),
        "last_login": format_datetime(r.last_login_at, locale, "short", tz)
        if r.last_login_at
        else "—",
        "created": format_datetime(r.created_at, locale, "short", tz),
        "status": user_status_label(status, locale),
        "status_code": status,
    }


def _select():
    tenants = (
        select(func.count())
        .select_from(Membership)
        .where(Membership.user_id == User.id)
        .scalar_subquery()
    )
    # sqlmodel's select is typed for up to 4 columns; SQLAlchemy's takes any number
    return sa.select(
        col(User.id),
        col(User.phone),
        col(User.name),
        col(User.last_login_at),
        col(User.created_at),
        col(User.is_blocked),
        col(User.is_super_admin),
        tenants.label("tenants"),
    )


USERS_TABLE = TableSpec(
    name="users",
    table="users",
    columns=(
        Column("phone", "admin.col.phone", User.phone),
        Column("name", "admin.col.name", User.name),
        Column("tenants", "admin.col.tenants"),
        Column("last_login", "admin.col.last_login"),
        Column("created", "admin.col.created", User.created_at),
        Column("status", "admin.col.status"),
    ),
    id_column=User.id,
    select=_select,
    row=_row,
    search=_search,
    filters={
        "status": {
            "active": col(User.is_blocked).is_(False),
            "blocked": col(User.is_blocked).is_(True),
            "admin": col(User.is_super_admin).is_(True),
        }
    },
    default_sort="created",
    default_desc=True,
    link=routes.admin_user,
)


@dataclass
class UserMembership:
    tenant_id: int
    tenant_name: str
    role: str


@dataclass
class UserCard:
    user: User
    memberships: list[UserMembership]
    sessions: list[UserSession]
    external: list[ExternalAccount]
    trail: list[AuditEvent]


def card(session: Session, user_id: int) -> UserCard | None:
    user = session.get(User, user_id)
    if user is None:
        return None
    memberships = [
        UserMembership(m.tenant_id, t.name, m.role)
        for m, t in session.exec(
            select(Membership, Tenant)
            .join(Tenant, col(Tenant.id) == Membership.tenant_id)
            .where(Membership.user_id == user_id)
            .order_by(col(Tenant.name))
        )
    ]
    trail = list(
        session.exec(
            select(AuditEvent)
            .where(
                or_(
                    col(AuditEvent.actor_user_id) == user_id,
                    (col(AuditEvent.target_type) == "user")
                    & (col(AuditEvent.target_id) == str(user_id)),
                )
            )
            .order_by(col(AuditEvent.id).desc())
            .limit(50)
        )
    )
    external = list(session.exec(select(ExternalAccount).where(ExternalAccount.user_id == user_id)))
    return UserCard(user, memberships, sessions.active_for_user(session, user_id), external, trail)


def _change(
    session: Session,
    admin: AdminActor,
    user: User,
    action: str,
    before: dict,
    after: dict,
    **details,
) -> None:
    audit.record(
        session,
        action,
        actor=admin,
        target_type="user",
        target_id=user.id,
        details={"before": before, "after": after, **details},
    )


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise ServiceError(AdminError.not_found)
    return user


def set_blocked(session: Session, admin: AdminActor, user_id: int, blocked: bool) -> None:
    """Block (every session revoked at once: open tabs are logged out) or unblock a user."""
    user = _user(session, user_id)
    if blocked and user.id == admin.user_id:
        raise ServiceError(AdminError.not_yourself)
    if user.is_blocked == blocked:
        return
    user.is_blocked = blocked
    session.add(user)
    revoked = sessions.end_all(session, user_id) if blocked else 0
    _change(
        session,
        admin,
        user,
        "admin.user_blocked" if blocked else "admin.user_unblocked",
        {"blocked": not blocked},
        {"blocked": blocked},
        sessions_revoked=revoked,
    )


def set_blocked_many(
    session: Session, admin: AdminActor, user_ids: list[int], blocked: bool
) -> None:
    """The bulk action of the table: every selected user, or (one of them refused) none."""
    for user_id in user_ids:  # check them all before changing any
        if blocked and _user(session, user_id).id == admin.user_id:
            raise ServiceError(AdminError.not_yourself)
    for user_id in user_ids:
        set_blocked(session, admin, user_id, blocked)


def delete(session: Session, admin: AdminActor, user_id: int, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(AdminError.reason_required)
    if user_id == admin.user_id:
        raise ServiceError(AdminError.not_yourself)
    user = _user(session, user_id)
    if user.is_super_admin and _super_admins(session) <= 1:
        raise ServiceError(AdminError.last_super_admin)
    # accounts refuses (before writing) an owner of a workspace: ownership goes first.
    accounts.delete_account(session, user_id, reason, admin.user_id, admin.ip)


def _super_admins(session: Session) -> int:
    return session.exec(
        select(func.count())
        .select_from(User)
        .where(User.is_super_admin, col(User.is_blocked).is_(False))
    ).one()


def set_super_admin(session: Session, admin: AdminActor, user_id: int, grant: bool) -> None:
    user = _user(session, user_id)
    if user.is_super_admin == grant:
        return
    if not grant:
        if user.id == admin.user_id:
            raise ServiceError(AdminError.not_yourself)
        if _super_admins(session) <= 1:
            raise ServiceError(AdminError.last_super_admin)
    if grant and user.is_blocked:
        raise ServiceError(AdminError.blocked_user)
    user.is_super_admin = grant
    session.add(user)
    if not grant:  # an admin session must not outlive the right
        sessions.end_all(session, user_id)
    _change(
        session,
        admin,
        user,
        "admin.super_admin_granted" if grant else "admin.super_admin_revoked",
        {"super_admin": not grant},
        {"super_admin": grant},
    )
