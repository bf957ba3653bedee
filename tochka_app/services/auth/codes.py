"""One-time login codes: request (with limits) and verify (with tries).

Limits (the numbers are the product's choice, see the module constants):
  code lifetime 5 min, single use, one active code per phone, 5 wrong tries per code,
  60 s between sends to a phone, 5 sends per phone per hour, 20 sends per client IP per hour (LOGIN_CODES_PER_IP_HOUR).
Sends are rows of `login_codes`, so the hourly limits are counts over that table; a per-phone and
per-IP advisory lock (PostgreSQL) serialises concurrent requests, so limits hold across workers.
Errors shown to users are generic and never tell whether a phone is registered.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from tochka_app.models import LoginCode, User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth import delivery
from tochka_app.services.auth.errors import NEEDS_TELEGRAM_LINK, AuthError, CodeError
from tochka_app.services.auth.tokens import keyed_hash, new_code, same
from tochka_app.services.errors import ServiceError
from tochka_app.services.phones import normalize_phone
from tochka_app.settings import Settings

CODE_TTL = timedelta(seconds=delivery.CODE_TTL_S)
MAX_TRIES = 5
RESEND_COOLDOWN = timedelta(seconds=60)
MAX_SENDS_PER_PHONE_HOUR = 5


@dataclass(frozen=True)
class CodeSent:
    phone: str  # E.164, as the code was sent to it
    retry_after_s: int  # when a new code may be asked for


@dataclass(frozen=True)
class SignedIn:
    user: User
    is_new_user: bool = False


def _lock(session: Session, *keys: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        for key in sorted(keys):  # same order everywhere: no deadlocks
            session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))").bindparams(k=key))


def _code_hash(phone: str, code: str) -> str:
    return keyed_hash("login-code", phone, code)


def request_code(session: Session, settings: Settings, raw_phone: str, ip: str | None) -> CodeSent:
    """Send a code to a phone. Refusals (field "phone"): `phone.invalid`, `CodeError.cooldown`
    and `too_many` (params: `seconds`), the delivery's own (`NEEDS_TELEGRAM_LINK` ones carry the
    normalised `phone` in params, for the bot's deep link). A refused request may still have
    written its audit row (and a blocked bot's mark): the caller commits it."""
    phone = normalize_phone(raw_phone)  # ServiceError("phone.invalid", field="phone")
    _lock(session, f"code-phone:{phone}", f"code-ip:{ip}")
    now = utcnow()
    hour_ago = now - timedelta(hours=1)

    last_sent = session.exec(
        select(func.max(LoginCode.created_at)).where(LoginCode.phone == phone)
    ).one()
    if last_sent is not None and now - last_sent < RESEND_COOLDOWN:
        wait = int((RESEND_COOLDOWN - (now - last_sent)).total_seconds()) + 1
        raise ServiceError(CodeError.cooldown, field="phone", seconds=wait)

    phone_sends = session.exec(
        select(func.count())
        .select_from(LoginCode)
        .where(LoginCode.phone == phone, LoginCode.created_at > hour_ago)
    ).one()
    ip_sends = (
        session.exec(
            select(func.count())
            .select_from(LoginCode)
            .where(LoginCode.ip == ip, LoginCode.created_at > hour_ago)
        ).one()
        if ip
        else 0
    )
    if phone_sends >= MAX_SENDS_PER_PHONE_HOUR or ip_sends >= settings.login_codes_per_ip_hour:
        audit.record(
            session,
            "code.rate_limited",
            actor=audit.By(ip=ip),
            target_type="phone",
            target_id=phone,
            details={"phone_sends": phone_sends, "ip_sends": ip_sends},
        )
        raise ServiceError(CodeError.too_many, field="phone", seconds=3600)

    code = new_code()
    try:
        sent = delivery.send_code(session, settings, phone, code)
    except delivery.DeliveryError as failure:
        audit.record(
            session,
            "code.delivery_failed",
            actor=audit.By(ip=ip),
            target_type="phone",
            target_id=phone,
            details={"channel": settings.auth_code_channel, "reason": failure.reason},
        )
        params = {"phone": phone} if failure.code in NEEDS_TELEGRAM_LINK else {}
        raise ServiceError(failure.code, field="phone", **params) from failure

    for active in session.exec(
        select(LoginCode).where(
            LoginCode.phone == phone,
            col(LoginCode.consumed_at).is_(None),
            col(LoginCode.cancelled_at).is_(None),
        )
    ):
        active.cancelled_at = now  # one active code per phone
        session.add(active)
    session.add(
        LoginCode(
            phone=phone,
            code_hash=_code_hash(phone, code),
            channel=settings.auth_code_channel,
            provider_ref=sent.provider_ref,
            ip=ip,
            created_at=now,
            expires_at=now + CODE_TTL,
        )
    )
    audit.record(
        session,
        "code.sent",
        actor=audit.By(ip=ip),
        target_type="phone",
        target_id=phone,
        details={"channel": settings.auth_code_channel},
    )
    return CodeSent(phone=phone, retry_after_s=int(RESEND_COOLDOWN.total_seconds()))


def consume_code(session: Session, raw_phone: str, code: str, ip: str | None) -> LoginCode:
    """Check a code and use it up; the code's row (its `phone` is proven). The one check behind
    every login by code — the platform's and a shop customer's. Refusal: `CodeError.invalid`
    (field "code", whatever was wrong). A wrong code is counted (and audited) before the refusal
    is raised: the caller commits it, or the tries never run out."""
    generic = ServiceError(CodeError.invalid, field="code")
    try:
        phone = normalize_phone(raw_phone)
    except ServiceError:
        raise generic from None
    code = (code or "").strip()
    _lock(session, f"code-phone:{phone}")
    now = utcnow()
    row = session.exec(
        select(LoginCode)
        .where(
            LoginCode.phone == phone,
            col(LoginCode.consumed_at).is_(None),
            col(LoginCode.cancelled_at).is_(None),
        )
        .order_by(col(LoginCode.created_at).desc())
        .limit(1)
        .with_for_update()
    ).first()
    if row is None or row.expires_at <= now or row.attempts >= MAX_TRIES:
        audit.record(
            session,
            "login.failed",
            actor=audit.By(ip=ip),
            target_type="phone",
            target_id=phone,
            details={"reason": "no_active_code" if row is None else "expired_or_locked"},
        )
        raise generic
    if not (len(code) == 6 and code.isdigit() and same(row.code_hash, _code_hash(phone, code))):
        row.attempts += 1
        session.add(row)
        audit.record(
            session,
            "login.failed",
            actor=audit.By(ip=ip),
            target_type="phone",
            target_id=phone,
            details={"reason": "wrong_code", "attempts": row.attempts},
        )
        if row.attempts >= MAX_TRIES:
            audit.record(
                session, "code.locked", actor=audit.By(ip=ip), target_type="phone", target_id=phone
            )
        raise generic

    row.consumed_at = now
    session.add(row)
    return row


def verify_code(
    session: Session, settings: Settings, raw_phone: str, code: str, ip: str | None
) -> SignedIn:
    """Check a code; on success the user (created on first login). Refusals: `CodeError.invalid`
    (field "code", whatever was wrong) and `AuthError.blocked`; see `consume_code`."""
    row = consume_code(session, raw_phone, code, ip)
    phone, now = row.phone, utcnow()
    user = session.exec(select(User).where(User.phone == phone)).first()
    is_new = user is None
    if user is None:
        user = User(phone=phone)
        session.add(user)
        session.flush()
        audit.record(
            session,
            "user.signed_up",
            actor=audit.By(user_id=user.id, ip=ip),
            target_type="user",
            target_id=user.id,
        )
    if user.is_blocked:
        audit.record(
            session,
            "login.failed",
            actor=audit.By(user_id=user.id, ip=ip),
            target_type="user",
            target_id=user.id,
            details={"reason": "blocked"},
        )
        raise ServiceError(AuthError.blocked)
    user.last_login_at = now
    session.add(user)
    audit.record(
        session,
        "login.succeeded",
        actor=audit.By(user_id=user.id, ip=ip),
        target_type="user",
        target_id=user.id,
        details={"method": "phone_code"},
    )
    delivery.report_verified(settings, row.provider_ref, code)
    return SignedIn(user=user, is_new_user=is_new)
