"""Deleting a user account: the phone is freed, a history record stays (who, when, why)."""

from sqlmodel import Session, select

from tochka_app.models import DeletedAccount, TelegramLink, Tenant, User
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.auth import sessions
from tochka_app.services.errors import ErrorCode, ServiceError

MAX_REASON = 500


class AccountError(ErrorCode):
    not_found = "account.not_found"
    owns_workspace = (
        "account.owns_workspace"  # ownership must be handed over (or the tenant closed)
    )
    confirm_mismatch = "profile.delete_confirm_mismatch"


def delete_account(
    session: Session, user_id: int, reason: str, deleted_by_id: int | None, ip: str | None = None
) -> None:
    """Delete a user (by themselves or by a super admin); refused while they own a workspace."""
    user = session.get(User, user_id)
    if user is None:
        raise ServiceError(AccountError.not_found)
    if session.exec(select(Tenant.id).where(Tenant.owner_id == user_id)).first() is not None:
        raise ServiceError(AccountError.owns_workspace)
    session.add(
        DeletedAccount(
            former_user_id=user_id,
            phone=user.phone,
            name=user.name,
            deleted_by_id=deleted_by_id if deleted_by_id != user_id else None,
            reason=(reason or "").strip()[:MAX_REASON],
        )
    )
    sessions.end_all(session, user_id)
    for link in session.exec(select(TelegramLink).where(TelegramLink.phone == user.phone)):
        session.delete(link)
    audit.record(
        session,
        "user.deleted",
        actor=audit.By(ip=ip),
        target_type="user",
        target_id=user.id,
        details={"phone": user.phone, "by": deleted_by_id, "reason": reason[:MAX_REASON]},
    )
    session.delete(
        user
    )  # memberships, sessions and external accounts go with it (ON DELETE CASCADE)
    session.flush()


def delete_own_account(session: Session, actor: Actor, typed_phone: str, reason: str) -> None:
    """The profile's "delete my account": the person types their phone to confirm."""
    user = session.get(User, actor.user_id)
    if user is None:
        raise ServiceError(AccountError.not_found)
    if (typed_phone or "").strip() != user.phone:
        raise ServiceError(AccountError.confirm_mismatch, field="confirm")
    delete_account(session, actor.user_id, reason, actor.user_id, actor.ip)
