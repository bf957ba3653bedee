"""The team of a workspace: one function per operation. Every function gets the acting member's
role from the verified session and the tenant id from the session, never from the browser."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from tochka_app.models import Membership, Role, Tenant, User
from tochka_app.models._types import utcnow
from tochka_app.models.team import Invite
from tochka_app.services import audit, entitlements
from tochka_app.services.access import Actor  # re-exported: services take it
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.services.permissions import Permission, rank, require
from tochka_app.services.phones import normalize_phone

INVITE_TTL = timedelta(days=7)
INVITABLE_ROLES = (Role.admin, Role.staff)


class TeamError(ErrorCode):
    bad_role = "team.bad_role"
    already_member = "team.already_member"
    seat_limit = "team.seat_limit"
    not_found = "team.not_found"
    owner_protected = "team.owner_protected"
    use_leave = "team.use_leave"
    owner_must_transfer = "team.owner_must_transfer"
    invite_gone = "invites.gone"


@dataclass
class Member:
    user_id: int
    name: str
    phone: str
    role: str
    last_login_at: datetime | None


def members(session: Session, tenant_id: int) -> list[Member]:
    rows = session.exec(
        select(Membership, User)
        .join(User, col(User.id) == Membership.user_id)
        .where(Membership.tenant_id == tenant_id)
        .order_by(col(Membership.created_at))
    )
    return [Member(m.user_id, u.name, u.phone, m.role, u.last_login_at) for m, u in rows]


def open_invites(session: Session, tenant_id: int) -> list[Invite]:
    return list(
        session.exec(
            select(Invite)
            .where(
                Invite.tenant_id == tenant_id,
                col(Invite.accepted_at).is_(None),
                col(Invite.revoked_at).is_(None),
                Invite.expires_at > utcnow(),
            )
            .order_by(col(Invite.created_at))
        )
    )


def invite(session: Session, actor: Actor, raw_phone: str, role: str) -> None:
    """Invite a phone (a new invite, or the open one renewed with this role)."""
    require(actor, Permission.invite_members)
    if role not in INVITABLE_ROLES or rank(role) > rank(actor.role):
        raise ServiceError(TeamError.bad_role, field="role")
    phone = normalize_phone(raw_phone)  # ServiceError("phone.invalid", field="phone")
    member = session.exec(
        select(Membership)
        .join(User, col(User.id) == Membership.user_id)
        .where(Membership.tenant_id == actor.tenant_id, User.phone == phone)
    ).first()
    if member is not None:
        raise ServiceError(TeamError.already_member, field="phone")
    existing = next((i for i in open_invites(session, actor.tenant_id) if i.phone == phone), None)
    if existing is None:
        limits = entitlements.limits(session, actor.tenant_id)
        if not entitlements.within(
            limits.max_staff, entitlements.seats_used(session, actor.tenant_id)
        ):
            raise ServiceError(TeamError.seat_limit)
        existing = Invite(
            tenant_id=actor.tenant_id, phone=phone, invited_by_id=actor.user_id, expires_at=utcnow()
        )
    existing.role, existing.expires_at = role, utcnow() + INVITE_TTL
    session.add(existing)
    session.flush()
    audit.record(
        session,
        "team.invited",
        actor=actor,
        target_type="invite",
        target_id=existing.id,
        details={"phone": phone, "role": role},
    )


def revoke_invite(session: Session, actor: Actor, invite_id: int) -> None:
    require(actor, Permission.invite_members)
    row = session.get(Invite, invite_id)
    if row is None or row.tenant_id != actor.tenant_id or row.accepted_at or row.revoked_at:
        raise ServiceError(TeamError.not_found)
    row.revoked_at = utcnow()
    session.add(row)
    audit.record(
        session, "team.invite_revoked", actor=actor, target_type="invite", target_id=row.id
    )


def invites_for_user(session: Session, user: User) -> list[tuple[Invite, Tenant]]:
    return list(
        session.exec(
            select(Invite, Tenant)
            .join(Tenant, col(Tenant.id) == Invite.tenant_id)
            .where(
                Invite.phone == user.phone,
                col(Invite.accepted_at).is_(None),
                col(Invite.revoked_at).is_(None),
                Invite.expires_at > utcnow(),
            )
        )
    )


def accept_invite(session: Session, user: User, invite_id: int, ip: str | None = None) -> int:
    """Join the inviting workspace; returns its tenant id. An invite for another phone, used,
    revoked or expired is "not found"."""
    assert user.id is not None  # a signed-in user is a stored row
    row = session.get(Invite, invite_id)
    if (
        row is None
        or row.phone != user.phone
        or row.accepted_at
        or row.revoked_at
        or row.expires_at <= utcnow()
    ):
        raise ServiceError(TeamError.invite_gone)
    row.accepted_at = utcnow()
    session.add(row)
    if (
        session.exec(
            select(Membership).where(
                Membership.user_id == user.id, Membership.tenant_id == row.tenant_id
            )
        ).first()
        is None
    ):
        session.add(Membership(user_id=user.id, tenant_id=row.tenant_id, role=row.role))
    audit.record(
        session,
        "team.joined",
        actor=audit.By(user_id=user.id, ip=ip),
        tenant_id=row.tenant_id,
        target_type="user",
        target_id=user.id,
        details={"role": row.role},
    )
    return row.tenant_id


def _target(session: Session, tenant_id: int, user_id: int) -> Membership | None:
    return session.exec(
        select(Membership).where(Membership.tenant_id == tenant_id, Membership.user_id == user_id)
    ).first()


def change_role(session: Session, actor: Actor, user_id: int, role: str) -> None:
    require(actor, Permission.change_roles)
    target = _target(session, actor.tenant_id, user_id)
    if target is None:
        raise ServiceError(TeamError.not_found)
    if target.role == Role.owner:
        raise ServiceError(TeamError.owner_protected)
    if role not in INVITABLE_ROLES or rank(role) > rank(actor.role):
        raise ServiceError(TeamError.bad_role, field="role")
    before, target.role = target.role, role
    session.add(target)
    audit.record(
        session,
        "team.role_changed",
        actor=actor,
        target_type="user",
        target_id=user_id,
        details={"before": before, "after": role},
    )


def remove_member(session: Session, actor: Actor, user_id: int) -> None:
    require(actor, Permission.remove_members)
    target = _target(session, actor.tenant_id, user_id)
    if target is None:
        raise ServiceError(TeamError.not_found)
    if target.role == Role.owner:
        raise ServiceError(TeamError.owner_protected)
    if user_id == actor.user_id:
        raise ServiceError(TeamError.use_leave)
    session.delete(target)
    audit.record(session, "team.removed", actor=actor, target_type="user", target_id=user_id)


def leave(session: Session, actor: Actor) -> None:
    target = _target(session, actor.tenant_id, actor.user_id)
    if target is None:
        raise ServiceError(TeamError.not_found)
    if target.role == Role.owner:
        raise ServiceError(TeamError.owner_must_transfer)
    session.delete(target)
    audit.record(session, "team.left", actor=actor, target_type="user", target_id=actor.user_id)


def transfer_ownership(session: Session, actor: Actor, user_id: int) -> None:
    require(actor, Permission.transfer_ownership)
    target = _target(session, actor.tenant_id, user_id)
    current = _target(session, actor.tenant_id, actor.user_id)
    if target is None or current is None or user_id == actor.user_id:
        raise ServiceError(TeamError.not_found)
    tenant = session.get_one(Tenant, actor.tenant_id)
    target.role, current.role, tenant.owner_id = Role.owner, Role.admin, user_id
    session.add_all([target, current, tenant])
    audit.record(
        session, "team.ownership_transferred", actor=actor, target_type="user", target_id=user_id
    )
