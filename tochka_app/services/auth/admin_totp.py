"""Optional second factor for super admins: TOTP (RFC 6238, via pyotp) plus recovery codes.

Setup: `begin_setup` stores a new secret as unconfirmed and returns it once (with its otpauth://
URI) for the admin's authenticator app; `confirm_setup` checks a first code, switches the factor
on and returns ten recovery codes, shown once; only their HMACs are stored. From then on
`admin_login` asks for a code after the password. A TOTP code is accepted in the current 30 s
step or one step either side, and never twice (`last_step`); a recovery code works once.
"""

import hmac
import re
import secrets
import time
from dataclasses import dataclass

import pyotp
import qrcode
import qrcode.image.svg
from sqlmodel import Session, col, delete, select

from tochka_app.models import AdminRecoveryCode, AdminTotp, User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth.errors import AuthError
from tochka_app.services.auth.tokens import keyed_hash
from tochka_app.services.errors import CommonError, ServiceError
from tochka_app.settings import Settings

RECOVERY_CODES = 10
STEP_S = 30
DRIFT_STEPS = 1


@dataclass(frozen=True)
class Setup:
    secret: str
    uri: str
    qr_svg: str  # the URI as a QR code (SVG markup) for the authenticator app to scan


def qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def _confirmed(session: Session, user_id: int) -> AdminTotp | None:
    row = session.get(AdminTotp, user_id)
    return row if row is not None and row.confirmed_at is not None else None


def is_enabled(session: Session, user_id: int) -> bool:
    return _confirmed(session, user_id) is not None


def begin_setup(session: Session, user_id: int, settings: Settings) -> Setup:
    """A fresh secret waiting for its first code (refused when the factor is already on)."""
    user = session.get(User, user_id)
    if user is None:
        raise ServiceError(CommonError.not_found)
    if is_enabled(session, user_id):
        raise ServiceError(AuthError.totp_already_on)
    secret = pyotp.random_base32()
    row = session.get(AdminTotp, user_id) or AdminTotp(user_id=user_id, secret=secret)
    row.secret, row.last_step, row.created_at = secret, 0, utcnow()
    session.add(row)
    session.flush()
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.phone, issuer_name=settings.platform_name)
    return Setup(secret, uri, qr_svg(uri))


def _digits(code: str) -> str:
    return re.sub(r"\s", "", code or "")[:12]


def _totp_step(row: AdminTotp, code: str, now: float | None = None) -> int | None:
    """The time step `code` belongs to (within the drift window, newer than the last used)."""
    code = _digits(code)
    if not re.fullmatch(r"\d{6}", code):
        return None
    totp = pyotp.TOTP(row.secret)
    current = int((time.time() if now is None else now) // STEP_S)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if step > row.last_step and hmac.compare_digest(totp.at(step * STEP_S), code):
            return step
    return None


def _recovery_hash(code: str) -> str:
    return keyed_hash("admin-recovery", re.sub(r"[^0-9a-z]", "", (code or "").lower())[:32])


def _new_recovery_codes(session: Session, user_id: int) -> list[str]:
    session.exec(delete(AdminRecoveryCode).where(col(AdminRecoveryCode.user_id) == user_id))
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    session.add_all(
        [AdminRecoveryCode(user_id=user_id, code_hash=_recovery_hash(c)) for c in codes]
    )
    return codes


def confirm_setup(session: Session, user_id: int, code: str, ip: str | None) -> list[str]:
    """The recovery codes, once the first code matches (refused: `totp_no_setup`,
    `totp_bad_code`, field "code")."""
    row = session.exec(
        select(AdminTotp).where(AdminTotp.user_id == user_id).with_for_update()
    ).first()
    if row is None or row.confirmed_at is not None:
        raise ServiceError(AuthError.totp_no_setup, field="code")
    step = _totp_step(row, code)
    if step is None:
        raise ServiceError(AuthError.totp_bad_code, field="code")
    row.confirmed_at, row.last_step = utcnow(), step
    session.add(row)
    codes = _new_recovery_codes(session, user_id)
    audit.record(
        session,
        "admin.totp_enabled",
        actor=audit.By(user_id=user_id, ip=ip),
        target_type="user",
        target_id=user_id,
    )
    return codes


def check(session: Session, user_id: int, code: str) -> str | None:
    """Consume a TOTP or recovery code: "totp" | "recovery", or None when it does not match."""
    row = session.exec(
        select(AdminTotp).where(AdminTotp.user_id == user_id).with_for_update()
    ).first()
    if row is None or row.confirmed_at is None:
        return None
    step = _totp_step(row, code)
    if step is not None:
        row.last_step = step
        session.add(row)
        return "totp"
    if len(code or "") > 40:
        return None
    recovery = session.exec(
        select(AdminRecoveryCode)
        .where(
            AdminRecoveryCode.user_id == user_id,
            col(AdminRecoveryCode.used_at).is_(None),
            AdminRecoveryCode.code_hash == _recovery_hash(code),
        )
        .with_for_update()
    ).first()
    if recovery is None:
        return None
    recovery.used_at = utcnow()
    session.add(recovery)
    return "recovery"


def remaining_recovery_codes(session: Session, user_id: int) -> int:
    return len(
        session.exec(
            select(AdminRecoveryCode.id).where(
                AdminRecoveryCode.user_id == user_id, col(AdminRecoveryCode.used_at).is_(None)
            )
        ).all()
    )


def regenerate_recovery_codes(
    session: Session, user_id: int, code: str, ip: str | None
) -> list[str]:
    """New recovery codes (the old ones stop working); needs a valid code (field "code")."""
    if check(session, user_id, code) is None:
        raise ServiceError(AuthError.totp_bad_code, field="code")
    codes = _new_recovery_codes(session, user_id)
    audit.record(
        session,
        "admin.totp_recovery_renewed",
        actor=audit.By(user_id=user_id, ip=ip),
        target_type="user",
        target_id=user_id,
    )
    return codes


def reset_by_operator(session: Session, phone: str) -> bool:
    """The way back for an admin who lost both the app and the codes: whoever can run commands on
    the server (`cli admin-totp-reset`) switches the factor off. True when there was one."""
    user = session.exec(select(User).where(User.phone == phone)).first()
    if user is None or session.get(AdminTotp, user.id) is None:
        return False
    session.exec(delete(AdminRecoveryCode).where(col(AdminRecoveryCode.user_id) == user.id))
    session.exec(delete(AdminTotp).where(col(AdminTotp.user_id) == user.id))
    audit.record(
        session,
        "admin.totp_disabled",
        target_type="user",
        target_id=user.id,
        details={"by": "operator"},
    )
    return True


def disable(session: Session, user_id: int, code: str, ip: str | None) -> None:
    """Switch the factor off; needs a valid code (TOTP or recovery; field "code")."""
    if check(session, user_id, code) is None:
        raise ServiceError(AuthError.totp_bad_code, field="code")
    session.exec(delete(AdminRecoveryCode).where(col(AdminRecoveryCode.user_id) == user_id))
    session.exec(delete(AdminTotp).where(col(AdminTotp.user_id) == user_id))
    audit.record(
        session,
        "admin.totp_disabled",
        actor=audit.By(user_id=user_id, ip=ip),
        target_type="user",
        target_id=user_id,
    )
