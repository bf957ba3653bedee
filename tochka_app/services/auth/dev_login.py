"""Development only: sign in as a seeded user with one click (the /dev/login page)."""

from sqlmodel import Session, select

from tochka_app.models import User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.errors import CommonError, ServiceError


def sign_in(session: Session, phone: str) -> User:
    """The user with `phone`, noted as just logged in (as a real login does: the team and admin
    lists show it); an unknown or blocked phone is refused as not found."""
    user = session.exec(select(User).where(User.phone == phone)).first()
    if user is None or user.is_blocked:
        raise ServiceError(CommonError.not_found)
    user.last_login_at = utcnow()
    session.add(user)
    audit.record(
        session,
        "login.succeeded",
        actor=audit.By(user_id=user.id),
        target_type="user",
        target_id=user.id,
        details={"method": "dev_login"},
    )
    return user
