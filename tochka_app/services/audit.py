"""Audit trail: one row per state-changing action, written in the action's own transaction."""

from sqlmodel import Session

from tochka_app.models import AuditEvent


def record(
    session: Session,
    action: str,
    *,
    actor_user_id: int | None = None,
    tenant_id: int | None = None,
    target_type: str | None = None,
    target_id: str | int | None = None,
    details: dict | None = None,
    ip: str | None = None,
) -> AuditEvent:
    event = AuditEvent(
        action=action,
        actor_user_id=actor_user_id,
        tenant_id=tenant_id,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=details or {},
        ip=ip,
    )
    session.add(event)
    return event
