"""Server-side sessions. The browser holds a random token; the database holds only its HMAC.

Idle (sliding) expiry plus an absolute cap; admin sessions are shorter. `last_seen_at` is written
at most once a minute so that reading a session is not a write on every event.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from tochka_app.models import User, UserSession
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth.tokens import keyed_hash, new_token
from tochka_app.settings import Settings

TOUCH_EVERY = timedelta(minutes=1)


@dataclass
class ActiveSession:
    session: UserSession
    user: User


IMPERSONATION_MINUTES = 30


def _lifetimes(settings: Settings, kind: str) -> tuple[timedelta, timedelta]:
    if kind == "imp":  # a super admin inside a tenant: never longer than 30 minutes
        return timedelta(minutes=IMPERSONATION_MINUTES), timedelta(minutes=IMPERSONATION_MINUTES)
    if kind == "admin":
        return (
            timedelta(minutes=settings.admin_session_idle_minutes),
            timedelta(hours=settings.admin_session_absolute_hours),
        )
    return timedelta(days=settings.session_idle_days), timedelta(
        days=settings.session_absolute_days
    )


def token_hash(token: str) -> str:
    return keyed_hash("session", token)


def start(
    session: Session,
    settings: Settings,
    user: User,
    *,
    kind: str = "user",
    ip: str | None = None,
    user_agent: str = "",
    tenant_id: int | None = None,
    impersonation_id: int | None = None,
    token: str | None = None,
) -> str:
    """Create a session and return its token (the only time the plain token exists).
    `token`: one derived from a cookie ticket (see tickets.issue) instead of a random one."""
    idle, absolute = _lifetimes(settings, kind)
    now = utcnow()
    token = token or new_token()
    assert user.id is not None  # sessions are opened for stored users
    session.add(
        UserSession(
            user_id=user.id,
            token_hash=token_hash(token),
            kind=kind,
            ip=ip,
            user_agent=(user_agent or "")[:300],
            current_tenant_id=tenant_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + idle,
            absolute_expires_at=now + absolute,
            impersonation_id=impersonation_id,
        )
    )
    return token


def resolve(
    session: Session, settings: Settings, token: str | None, kind: str | tuple[str, ...] = "user"
) -> ActiveSession | None:
    """The live session for a token, or None (unknown, revoked, expired, blocked user)."""
    if not token or len(token) > 100:
        return None
    row = session.exec(
        select(UserSession).where(
            UserSession.token_hash == token_hash(token),
            col(UserSession.kind).in_((kind,) if isinstance(kind, str) else kind),
        )
    ).first()
    now = utcnow()
    if (
        row is None
        or row.revoked_at is not None
        or now >= min(row.expires_at, row.absolute_expires_at)
    ):
        return None
    user = session.get(User, row.user_id)
    if user is None or user.is_blocked:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        idle, _ = _lifetimes(settings, row.kind)
        row.last_seen_at = now
        row.expires_at = min(now + idle, row.absolute_expires_at)
        session.add(row)
    return ActiveSession(session=row, user=user)


def end(session: Session, token: str | None, ip: str | None = None) -> None:
    if not token:
        return
    row = session.exec(
        select(UserSession).where(UserSession.token_hash == token_hash(token))
    ).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)
        audit.record(
            session,
            "logout",
            actor=audit.By(user_id=row.user_id, ip=ip),
            target_type="session",
            target_id=row.id,
        )


def end_others(session: Session, user_id: int, keep_session_id: int, ip: str | None = None) -> int:
    rows = session.exec(
        select(UserSession).where(
            UserSession.user_id == user_id,
            col(UserSession.revoked_at).is_(None),
            UserSession.id != keep_session_id,
        )
    ).all()
    now = utcnow()
    for row in rows:
        row.revoked_at = now
        session.add(row)
    audit.record(
        session,
        "logout.other_sessions",
        actor=audit.By(user_id=user_id, ip=ip),
        target_type="user",
        target_id=user_id,
        details={"count": len(rows)},
    )
    return len(rows)


def end_all(session: Session, user_id: int) -> int:
    """Revoke every session of a user (used when the user is blocked or deleted)."""
    rows = session.exec(
        select(UserSession).where(
            UserSession.user_id == user_id, col(UserSession.revoked_at).is_(None)
        )
    ).all()
    now = utcnow()
    for row in rows:
        row.revoked_at = now
        session.add(row)
    return len(rows)


def active_for_user(session: Session, user_id: int) -> list[UserSession]:
    now = utcnow()
    return list(
        session.exec(
            select(UserSession)
            .where(
                UserSession.user_id == user_id,
                col(UserSession.revoked_at).is_(None),
                UserSession.expires_at > now,
                UserSession.absolute_expires_at > now,
            )
            .order_by(col(UserSession.last_seen_at).desc())
            .limit(50)
        )
    )
