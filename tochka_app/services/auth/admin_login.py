"""Super-admin login: phone + password (passlib bcrypt), throttled like code logins.

At most 5 failed attempts per phone and 20 per IP in 15 minutes; failures are audit rows, which
is also what the throttle counts. Only `is_super_admin` users get in; the error never says which
part was wrong.
"""

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from tochka_app.models import AuditEvent, User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth.codes import _lock
from tochka_app.services.errors import InvalidInput
from tochka_app.services.passwords import verify_password
from tochka_app.services.phones import normalize_phone

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_PHONE = 5
MAX_FAILURES_PER_IP = 20
FAILED = "admin_login.failed"


# A bcrypt hash (same cost as real ones) of a random password nobody knows: checked against when
# the phone is no admin's, so a refusal costs the same time either way. A constant, so the first
# failed login does not pay for hashing it too.
DUMMY_HASH = "$2b$12$l0zSwB0jMaLnj3IKNZ381uDN970qCDvjbeMiZnq2Rv9WG2jA65HvW"


def _recent_failures(session: Session, **match) -> int:
    column, value = next(iter(match.items()))
    return session.exec(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == FAILED, getattr(AuditEvent, column) == value,
        AuditEvent.created_at > utcnow() - WINDOW)).one()


def login(session: Session, raw_phone: str, password: str, ip: str | None) -> tuple[User | None, str]:
    """(user, "") on success, else (None, i18n message id)."""
    try:
        phone = normalize_phone(raw_phone)
    except InvalidInput:
        return None, "admin.invalid"
    _lock(session, f"admin-login:{phone}")
    if (_recent_failures(session, target_id=phone) >= MAX_FAILURES_PER_PHONE
            or (ip and _recent_failures(session, ip=ip) >= MAX_FAILURES_PER_IP)):
        audit.record(session, "admin_login.locked", target_type="phone", target_id=phone, ip=ip)
        return None, "admin.locked"
    user = session.exec(select(User).where(User.phone == phone)).first()
    eligible = user is not None and user.is_super_admin and not user.is_blocked
    # Always pay one bcrypt check, so timing does not tell admins from other phones.
    matches = verify_password((password or "")[:200],
                              user.password_hash if eligible and user.password_hash else DUMMY_HASH)
    ok = eligible and bool(user.password_hash) and matches
    if not ok:
        audit.record(session, FAILED, target_type="phone", target_id=phone, ip=ip)
        return None, "admin.invalid"
    user.last_login_at = utcnow()
    session.add(user)
    audit.record(session, "admin_login.succeeded", actor_user_id=user.id, target_type="user",
                 target_id=user.id, ip=ip)
    return user, ""
