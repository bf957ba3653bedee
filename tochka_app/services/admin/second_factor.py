"""The signed-in super admin's own second factor, as `/admin/security` asks for it: the same
contract as every admin action (an `AdminActor` in, `ServiceError` out). The factor itself
(TOTP, recovery codes, the login step) lives in services/auth/admin_totp.py."""

from dataclasses import dataclass

from sqlmodel import Session

from tochka_app.models import User
from tochka_app.services.admin import AdminActor, AdminError
from tochka_app.services.auth import admin_totp
from tochka_app.services.auth.admin_totp import Setup
from tochka_app.services.errors import ErrorCode, ServiceError
from tochka_app.settings import Settings


class SecondFactorError(ErrorCode):
    already_on = "admin.totp.already_on"
    no_setup = "admin.totp.no_setup"
    bad_code = "admin.totp.bad_code"


@dataclass
class SecondFactor:
    enabled: bool
    recovery_left: int  # unused recovery codes


def status(session: Session, admin: AdminActor) -> SecondFactor:
    return SecondFactor(admin_totp.is_enabled(session, admin.user_id),
                        admin_totp.remaining_recovery_codes(session, admin.user_id))


def begin_setup(session: Session, admin: AdminActor, settings: Settings) -> Setup:
    """A new secret for the authenticator app, shown once (the factor is on once confirmed)."""
    user = session.get(User, admin.user_id)
    if user is None:
        raise ServiceError(AdminError.not_found)
    setup = admin_totp.begin_setup(session, user, settings)
    if setup is None:
        raise ServiceError(SecondFactorError.already_on)
    return setup


def _refused(error: str | None) -> ServiceError:
    if error is not None and error in SecondFactorError._value2member_map_:
        return ServiceError(SecondFactorError(error))
    return ServiceError(SecondFactorError.bad_code)


def confirm_setup(session: Session, admin: AdminActor, code: str) -> list[str]:
    """The first code from the app switches the factor on; returns the recovery codes."""
    codes, error = admin_totp.confirm_setup(session, admin.user_id, code, admin.ip)
    if codes is None:
        raise _refused(error)
    return codes


def renew_codes(session: Session, admin: AdminActor, code: str) -> list[str]:
    codes, error = admin_totp.regenerate_recovery_codes(session, admin.user_id, code, admin.ip)
    if codes is None:
        raise _refused(error)
    return codes


def disable(session: Session, admin: AdminActor, code: str) -> None:
    error = admin_totp.disable(session, admin.user_id, code, admin.ip)
    if error:
        raise _refused(error)
