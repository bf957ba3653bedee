"""Deleting a user account: the phone is freed, a history record stays (who, when, why)."""

from sqlmodel import Session, select

from tochka_app.models import DeletedAccount, TelegramLink, Tenant, User
from tochka_app.services import audit
from tochka_app.services.auth import sessions

MAX_REASON = 500


def delete_account(session: Session, user_id: int, reason: str, deleted_by_id: int | None,
                   ip: str | None = None) -> str | None:
    """Delete a user; returns an error id instead when a rule forbids it."""
    user = session.get(User, user_id)
    if user is None:
        return "account.not_found"
    if session.exec(select(Tenant.id).where(Tenant.owner_id == user_id)).first() is not None:
        return "account.owns_workspace"  # ownership must be handed over (or the tenant closed)
    session.add(DeletedAccount(former_user_id=user.id, phone=user.phone, name=user.name,
                               deleted_by_id=deleted_by_id if deleted_by_id != user_id else None,
                               reason=(reason or "").strip()[:MAX_REASON]))
    sessions.end_all(session, user.id)
    for link in session.exec(select(TelegramLink).where(TelegramLink.phone == user.phone)):
        session.delete(link)
    audit.record(session, "user.deleted", actor=audit.By(ip=ip), target_type="user",
                 target_id=user.id,
                 details={"phone": user.phone, "by": deleted_by_id, "reason": reason[:MAX_REASON]})
    session.delete(user)  # memberships, sessions and external accounts go with it (ON DELETE CASCADE)
    session.flush()
    return None
