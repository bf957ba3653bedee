"""Logins through Telegram and VK ID. An identity is keyed by (provider, provider user id) and is
linked to a user only by an explicit, confirmed act in the browser that started the flow (see
flows.py): the logged-in user presses "Link", or a visitor proves a phone by code in the same tab
and then presses "Link". Nothing is merged by phone or email, and a callback never links.
"""

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from tochka_app.models import ExternalAccount, User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth.errors import AuthError, ExternalError
from tochka_app.services.errors import CommonError, ServiceError

TELEGRAM_MAX_AGE_S = 600
PROVIDERS = ("telegram", "vk")


@dataclass
class Identity:
    provider: str
    provider_user_id: str
    display_name: str = ""
    profile: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ExternalLogin:
    """What a verified identity means here: log `user` in, or (`linked`) it already belongs to
    the logged-in user, or (`pending`) it is unknown and linking it needs a confirmation."""

    user: User | None = None
    linked: bool = False
    pending: bool = False


# --- Telegram Login widget -------------------------------------------------------------------


def telegram_widget_hash(data: dict, bot_token: str) -> str:
    """HMAC-SHA256 over the sorted `key=value` lines, keyed with SHA256(bot_token)."""
    check = "\n".join(f"{k}={data[k]}" for k in sorted(data) if k != "hash")
    secret = hashlib.sha256(bot_token.encode()).digest()
    return hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()


def verify_telegram_widget(data: dict, bot_token: str, now: float | None = None) -> Identity | None:
    """The identity the widget vouches for, or None (bad hash, stale or future auth_date)."""
    data = {k: str(v) for k, v in data.items()}
    given = data.get("hash", "")
    if not given or not data.get("id", "").isdigit():
        return None
    if not hmac.compare_digest(telegram_widget_hash(data, bot_token), given):
        return None
    try:
        auth_date = int(data.get("auth_date", ""))
    except ValueError:
        return None
    now = time.time() if now is None else now
    if now - auth_date > TELEGRAM_MAX_AGE_S or auth_date - now > 60:
        return None
    name = " ".join(p for p in (data.get("first_name"), data.get("last_name")) if p)
    profile = {k: data[k] for k in ("username", "photo_url") if k in data}
    return Identity("telegram", data["id"], name or data.get("username", ""), profile)


# --- OAuth 2.1 PKCE helpers -----------------------------------------------------------------


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge) as in RFC 7636."""
    verifier = secrets.token_urlsafe(64)[:96]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


def new_state() -> str:
    return secrets.token_urlsafe(24)


def vk_identity(info: dict) -> Identity:
    name = " ".join(p for p in (info.get("first_name"), info.get("last_name")) if p)
    profile = {k: info[k] for k in ("avatar",) if info.get(k)}
    return Identity("vk", str(info["user_id"]), name, profile)


# --- Accounts ---------------------------------------------------------------------------------


def _account(session: Session, identity: Identity) -> ExternalAccount | None:
    return session.exec(
        select(ExternalAccount).where(
            ExternalAccount.provider == identity.provider,
            ExternalAccount.provider_user_id == identity.provider_user_id,
        )
    ).first()


def link(session: Session, user_id: int, identity: Identity, ip: str | None = None) -> None:
    """Link an identity to a user (refused when it belongs to someone else)."""
    existing = _account(session, identity)
    if existing is not None:
        if existing.user_id != user_id:
            raise ServiceError(ExternalError.linked_elsewhere)
        return
    session.add(
        ExternalAccount(
            user_id=user_id,
            provider=identity.provider,
            provider_user_id=identity.provider_user_id,
            display_name=identity.display_name[:200],
            profile=identity.profile,
        )
    )
    audit.record(
        session,
        "external.linked",
        actor=audit.By(user_id=user_id, ip=ip),
        target_type=identity.provider,
        target_id=identity.provider_user_id,
    )


def sign_in(
    session: Session, identity: Identity, current_user_id: int | None, ip: str | None = None
) -> ExternalLogin:
    """What a verified identity means here; it is never linked by this call. Refusals:
    `ExternalError.linked_elsewhere` (someone else's, while logged in), `AuthError.blocked`."""
    account = _account(session, identity)
    if account is None:
        return ExternalLogin(pending=True)
    if current_user_id is not None:
        if account.user_id != current_user_id:
            raise ServiceError(ExternalError.linked_elsewhere)
        return ExternalLogin(user=session.get(User, current_user_id), linked=True)
    user = session.get(User, account.user_id)
    if user is None or user.is_blocked:
        raise ServiceError(AuthError.blocked)
    user.last_login_at = utcnow()
    session.add(user)
    audit.record(
        session,
        "login.succeeded",
        actor=audit.By(user_id=user.id, ip=ip),
        target_type="user",
        target_id=user.id,
        details={"method": identity.provider},
    )
    return ExternalLogin(user=user)


def accounts_for(session: Session, user_id: int) -> list[ExternalAccount]:
    return list(
        session.exec(
            select(ExternalAccount)
            .where(ExternalAccount.user_id == user_id)
            .order_by(col(ExternalAccount.linked_at))
        )
    )


def unlink(session: Session, user_id: int, account_id: int, ip: str | None = None) -> None:
    """Only the owner can unlink; someone else's id is refused as not found."""
    account = session.get(ExternalAccount, account_id)
    if account is None or account.user_id != user_id:
        raise ServiceError(CommonError.not_found)
    session.delete(account)
    audit.record(
        session,
        "external.unlinked",
        actor=audit.By(user_id=user_id, ip=ip),
        target_type=account.provider,
        target_id=account.provider_user_id,
    )
