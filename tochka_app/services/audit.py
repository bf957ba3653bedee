"""Audit trail: one row per state-changing action, written in the action's own transaction."""

from dataclasses import dataclass
from typing import Protocol

from sqlmodel import Session

from tochka_app.models import AuditEvent


class Who(Protocol):
    """Anyone an action can be written down for: a workspace `Actor`, an `AdminActor`, a `By`."""

    @property
    def user_id(self) -> int | None: ...

    @property
    def ip(self) -> str | None: ...


@dataclass(frozen=True)
class By:
    """The actor of an action that has no workspace or admin actor (a login, a sign-up)."""

    user_id: int | None = None
    ip: str | None = None


def record(
    session: Session,
    action: str,
    *,
    actor: Who | None = None,
    tenant_id: int | None = None,
    target_type: str | None = None,
    target_id: str | int | None = None,
    details: dict | None = None,
) -> AuditEvent:
    """Write down `action` by `actor` (None: the platform itself, e.g. a webhook or a job). The
    tenant is the actor's unless given; an action inside a super admin's visit names the visit."""
    details = dict(details or {})
    visit = getattr(actor, "impersonation_id", None)
    if visit is not None:
        details.setdefault("impersonation_id", visit)
    event = AuditEvent(
        action=action,
        actor_user_id=getattr(actor, "user_id", None),
        tenant_id=tenant_id if tenant_id is not None else getattr(actor, "tenant_id", None),
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=details,
        ip=getattr(actor, "ip", None),
    )
    session.add(event)
    return event
