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

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from tochka_app.models import AuditEvent, User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth import admin_totp
from tochka_app.services.auth.codes import _lock
from tochka_app.services.auth.errors import AuthError
from tochka_app.services.errors import ServiceError
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


@dataclass(frozen=True)
class AdminLogin:
    """A right password: the admin (start the admin session), or, when the second factor is on,
    only the id of the admin whose code is asked for next."""

    user: User | None = None
    pending_user_id: int | None = None


# A bcrypt hash (same cost as real ones) of a random password nobody knows: checked against when
# the phone is no admin's, so a refusal costs the same time either way. A constant, so the first
# failed login does not pay for hashing it too.
DUMMY_HASH = "$2b$12$l0zSwB0jMaLnj3IKNZ381uDN970qCDvjbeMiZnq2Rv9WG2jA65HvW"


def _recent_failures(session: Session, **match) -> int:
    conditions = [getattr(AuditEvent, column) == value for column, value in match.items()]
    return session.exec(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action == FAILED, AuditEvent.created_at > utcnow() - WINDOW, *conditions)
    ).one()


def _locked(session: Session, phone: str, ip: str | None) -> bool:
    return _recent_failures(session, target_id=phone, ip=ip) >= MAX_FAILURES_PER_PHONE_AND_IP or (
        ip is not None and _recent_failures(session, ip=ip) >= MAX_FAILURES_PER_IP
    )


def attempt_delay(session: Session, raw_phone: str) -> float:
    """Seconds every attempt for this phone waits while it is under attack (0 normally)."""
    try:
        phone = normalize_phone(raw_phone)
    except ServiceError:
        return 0.0
    failures = _recent_failures(session, target_id=phone)
    if failures < GLOBAL_SLOWDOWN_AFTER:
        return 0.0
    return min(MAX_DELAY_S, 0.5 * 2 ** ((failures - GLOBAL_SLOWDOWN_AFTER) // 10))


def _fail(session: Session, phone: str, ip: str | None, stage: str) -> None:
    """Count the failure (the throttle reads these rows); the caller then refuses."""
    audit.record(
        session,
        FAILED,
        actor=audit.By(ip=ip),
        target_type="phone",
        target_id=phone,
        details={"stage": stage},
    )


def _refuse_if_locked(session: Session, phone: str, ip: str | None) -> None:
    if _locked(session, phone, ip):
        audit.record(
            session,
            "admin_login.locked",
            actor=audit.By(ip=ip),
            target_type="phone",
            target_id=phone,
        )
        raise ServiceError(AuthError.admin_locked)


def _succeed(session: Session, user: User, ip: str | None, factor: str) -> User:
    user.last_login_at = utcnow()
    session.add(user)
    audit.record(
        session,
        "admin_login.succeeded",
        actor=audit.By(user_id=user.id, ip=ip),
        target_type="user",
        target_id=user.id,
        details={"factor": factor},
    )
    return user


def login(session: Session, raw_phone: str, password: str, ip: str | None) -> AdminLogin:
    """Check the password. Refusals: `AuthError.admin_invalid`, `admin_locked` — raised after
    the failure is recorded (audit rows the throttle counts): the caller commits them."""
    try:
        phone = normalize_phone(raw_phone)
    except ServiceError:
        raise ServiceError(AuthError.admin_invalid) from None
    _lock(session, f"admin-login:{phone}")
    _refuse_if_locked(session, phone, ip)
    user = session.exec(select(User).where(User.phone == phone)).first()
    admin = user if user is not None and user.is_super_admin and not user.is_blocked else None
    # Always pay one bcrypt check, so timing does not tell admins from other phones.
    matches = verify_password(
        (password or "")[:200], admin.password_hash if admin and admin.password_hash else DUMMY_HASH
    )
    if not (admin is not None and bool(admin.password_hash) and matches):
        _fail(session, phone, ip, "password")
        raise ServiceError(AuthError.admin_invalid)
    assert admin.id is not None  # a loaded row
    if admin_totp.is_enabled(session, admin.id):
        return AdminLogin(pending_user_id=admin.id)
    return AdminLogin(user=_succeed(session, admin, ip, "password"))


def second_factor(
    session: Session, user_id: int, code: str, ip: str | None, password_ok_at: datetime
) -> User:
    """Finish a login whose password was right at `password_ok_at` with a TOTP/recovery code.
    Refusals: `AuthError.totp_bad_code` (field "code": the same admin may try again; the failure
    is recorded first, the caller commits it), `admin_invalid`, `totp_expired`, `admin_locked`
    (start over with the password)."""
    user = session.get(User, user_id)
    if user is None or not user.is_super_admin or user.is_blocked:
        raise ServiceError(AuthError.admin_invalid)
    _lock(session, f"admin-login:{user.phone}")
    if utcnow() - password_ok_at > SECOND_FACTOR_TTL:
        raise ServiceError(AuthError.totp_expired)
    _refuse_if_locked(session, user.phone, ip)
    factor = admin_totp.check(session, user_id, code)
    if factor is None:
        _fail(session, user.phone, ip, "second_factor")
        raise ServiceError(AuthError.totp_bad_code, field="code")
    return _succeed(session, user, ip, factor)
