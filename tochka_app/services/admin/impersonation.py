"""A super admin inside a tenant's workspace, to help or investigate: a reason is required, it
lasts at most 30 minutes, it is read-only unless explicitly widened, the tenant UI shows a banner
the whole time, and start and end are written to the admin's and the tenant's audit logs."""

from datetime import timedelta

from sqlmodel import Session, col, select

from tochka_app import db
from tochka_app.models import Impersonation, Tenant, User, UserSession
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.admin import AdminActor, AdminError
from tochka_app.services.auth import sessions, tickets
from tochka_app.services.errors import ServiceError
from tochka_app.settings import Settings

MAX_REASON = 500


def start(
    session: Session,
    admin: AdminActor,
    tenant_id: int,
    reason: str,
    allow_changes: bool,
    settings: Settings,
    next_path: str = "/",
) -> str:
    """The ticket that sets the tenant UI's session cookie (see tickets.py)."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(AdminError.reason_required)
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        raise ServiceError(AdminError.not_found)
    owner = session.get_one(User, tenant.owner_id)
    now = utcnow()
    row = Impersonation(
        admin_user_id=admin.user_id,
        tenant_id=tenant_id,
        reason=reason[:MAX_REASON],
        read_only=not allow_changes,
        started_at=now,
        expires_at=now + timedelta(minutes=sessions.IMPERSONATION_MINUTES),
    )
    session.add(row)
    session.flush()
    ticket = tickets.issue(
        session,
        settings,
        owner,
        next_path,
        kind="imp",
        ip=admin.ip,
        tenant_id=tenant.id,
        impersonation_id=row.id,
    )
    audit.record(
        session,
        "admin.impersonation_started",
        actor=admin,
        tenant_id=tenant.id,
        target_type="tenant",
        target_id=tenant.id,
        details={
            "reason": row.reason,
            "read_only": row.read_only,
            "expires_at": row.expires_at.isoformat(),
        },
    )
    return ticket


def check(session: Session, user_session: UserSession) -> Impersonation | None:
    """The impersonation behind a session, if it is still allowed to run."""
    if user_session.impersonation_id is None:
        return None
    row = session.get(Impersonation, user_session.impersonation_id)
    if row is None or row.ended_at is not None or row.expires_at <= utcnow():
        return None
    admin = session.get(User, row.admin_user_id)
    if admin is None or not admin.is_super_admin or admin.is_blocked:
        return None
    if row.read_only:  # whatever the handler does next in this transaction
        db.forbid_writes(session, user_session, row)
    return row


def end(session: Session, user_session: UserSession) -> int | None:
    """Stop it (the banner's button, or logout); returns the tenant id."""
    row = (
        session.get(Impersonation, user_session.impersonation_id)
        if user_session.impersonation_id
        else None
    )
    if row is None:
        return None
    if row.ended_at is None:
        row.ended_at = utcnow()
        session.add(row)
        audit.record(
            session,
            "admin.impersonation_ended",
            actor=audit.By(user_id=row.admin_user_id),
            tenant_id=row.tenant_id,
            target_type="tenant",
            target_id=row.tenant_id,
        )
    user_session.revoked_at = user_session.revoked_at or utcnow()
    session.add(user_session)
    return row.tenant_id


def recent(session: Session, tenant_id: int) -> list[Impersonation]:
    return list(
        session.exec(
            select(Impersonation)
            .where(Impersonation.tenant_id == tenant_id)
            .order_by(col(Impersonation.id).desc())
            .limit(10)
        )
    )
