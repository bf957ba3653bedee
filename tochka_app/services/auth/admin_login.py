"""Super-admin login: phone + password (passlib bcrypt), then a TOTP or recovery code when the
admin has switched the second factor on (`admin_totp`).

Failures are audit rows, which is also what the throttle counts (15-minute window):
- 5 failures for one phone *from one address* lock that (phone, address) pair;
- 20 failures from one address lock that address;
- failures for the phone from everywhere never lock it (an attacker elsewhere could lock the real
  admin out): past GLOBAL_SLOWDOWN_AFTER they only make every attempt for that phone wait
  `attempt_delay` seconds first (the caller awaits it without blocking the server).
Only `is_super_admin` users get in; the error never says which part was wrong.
"""

from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import func
from sqlmodel import Session, select

from tochka_app.models import AuditEvent, User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth import admin_totp
from tochka_app.services.auth.codes import _lock
from tochka_app.services.errors import InvalidInput
from tochka_app.services.passwords import verify_password
from tochka_app.services.phones import normalize_phone

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_PHONE_AND_IP = 5
MAX_FAILURES_PER_PHONE = MAX_FAILURES_PER_PHONE_AND_IP  # kept for callers of the old name
MAX_FAILURES_PER_IP = 20
GLOBAL_SLOWDOWN_AFTER = 10
MAX_DELAY_S = 5.0
SECOND_FACTOR_TTL = timedelta(minutes=5)  # between the right password and the code
FAILED = "admin_login.failed"


class LoginResult(NamedTuple):
    user: User | None  # set only when the login is complete: start the admin session
    error: str  # i18n message id; "admin.totp_required" asks for the second factor
    pending_user_id: int | None = None  # the admin whose second factor is awaited


# A bcrypt hash (same cost as real ones) of a random password nobody knows: checked against when
# the phone is no admin's, so a refusal costs the same time either way. A constant, so the first
# failed login does not pay for hashing it too.
DUMMY_HASH = "$2b$12$l0zSwB0jMaLnj3IKNZ381uDN970qCDvjbeMiZnq2Rv9WG2jA65HvW"


def _recent_failures(session: Session, **match) -> int:
    conditions = [getattr(AuditEvent, column) == value for column, value in match.items()]
    return session.exec(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == FAILED, AuditEvent.created_at > utcnow() - WINDOW,
        *conditions)).one()


def _locked(session: Session, phone: str, ip: str | None) -> bool:
    return (_recent_failures(session, target_id=phone, ip=ip) >= MAX_FAILURES_PER_PHONE_AND_IP
            or (ip is not None and _recent_failures(session, ip=ip) >= MAX_FAILURES_PER_IP))


def attempt_delay(session: Session, raw_phone: str) -> float:
    """Seconds every attempt for this phone waits while it is under attack (0 normally)."""
    try:
        phone = normalize_phone(raw_phone)
    except InvalidInput:
        return 0.0
    failures = _recent_failures(session, target_id=phone)
    if failures < GLOBAL_SLOWDOWN_AFTER:
        return 0.0
    return min(MAX_DELAY_S, 0.5 * 2 ** ((failures - GLOBAL_SLOWDOWN_AFTER) // 10))


def _fail(session: Session, phone: str, ip: str | None, stage: str) -> LoginResult:
    audit.record(session, FAILED, actor=audit.By(ip=ip), target_type="phone", target_id=phone,
                 details={"stage": stage})
    return LoginResult(None, "admin.invalid")


def _succeed(session: Session, user: User, ip: str | None, factor: str) -> LoginResult:
    user.last_login_at = utcnow()
    session.add(user)
    audit.record(session, "admin_login.succeeded", actor=audit.By(user_id=user.id, ip=ip),
                 target_type="user", target_id=user.id, details={"factor": factor})
    return LoginResult(user, "")


def login(session: Session, raw_phone: str, password: str, ip: str | None) -> LoginResult:
    try:
        phone = normalize_phone(raw_phone)
    except InvalidInput:
        return LoginResult(None, "admin.invalid")
    _lock(session, f"admin-login:{phone}")
    if _locked(session, phone, ip):
        audit.record(session, "admin_login.locked", actor=audit.By(ip=ip), target_type="phone",
                     target_id=phone)
        return LoginResult(None, "admin.locked")
    user = session.exec(select(User).where(User.phone == phone)).first()
    eligible = user is not None and user.is_super_admin and not user.is_blocked
    # Always pay one bcrypt check, so timing does not tell admins from other phones.
    matches = verify_password((password or "")[:200],
                              user.password_hash if eligible and user.password_hash else DUMMY_HASH)
    if not (eligible and bool(user.password_hash) and matches):
        return _fail(session, phone, ip, "password")
    if admin_totp.is_enabled(session, user.id):
        return LoginResult(None, "admin.totp_required", user.id)
    return _succeed(session, user, ip, "password")


def second_factor(session: Session, user_id: int, code: str, ip: str | None,
                  password_ok_at: datetime) -> LoginResult:
    """Finish a login whose password was right at `password_ok_at` with a TOTP/recovery code."""
    user = session.get(User, user_id)
    if user is None or not user.is_super_admin or user.is_blocked:
        return LoginResult(None, "admin.invalid")
    _lock(session, f"admin-login:{user.phone}")
    if utcnow() - password_ok_at > SECOND_FACTOR_TTL:
        return LoginResult(None, "admin.totp.expired")
    if _locked(session, user.phone, ip):
        audit.record(session, "admin_login.locked", actor=audit.By(ip=ip), target_type="phone",
                     target_id=user.phone)
        return LoginResult(None, "admin.locked")
    factor = admin_totp.check(session, user.id, code)
    if factor is None:
        _fail(session, user.phone, ip, "second_factor")
        return LoginResult(None, "admin.totp.bad_code", user.id)
    return _succeed(session, user, ip, factor)
