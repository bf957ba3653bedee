"""One-time tickets that hand a new session to the browser as an HttpOnly cookie.

A Reflex event cannot set an HTTP-only cookie (it runs over the websocket), so a login handler
creates the session and a ticket, and sends the browser to an HTTP endpoint that redeems the
ticket and sets the cookie. The session token is derived from the ticket with the server key:
neither is stored in plain (the database keeps keyed hashes), and only the endpoint's response
ever carries the token. A ticket lives 60 seconds and is redeemed once.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select

from tochka_app.models import SessionTicket, User, UserSession
from tochka_app.models._types import utcnow
from tochka_app.services.auth import sessions
from tochka_app.services.auth.tokens import keyed_hash, new_token
from tochka_app.settings import Settings

TICKET_TTL = timedelta(seconds=60)
MAX_PATH = 300


@dataclass
class Redeemed:
    token: str  # the session token the cookie carries
    kind: str  # "user", "imp" or "admin": which cookie
    next_path: str
    max_age: int  # seconds until the session's absolute end


def local_path(path: str | None, default: str = "/") -> str:
    """`path` when it is a path on this site, else `default` (never another host)."""
    path = path or ""
    if (
        not path.startswith("/")
        or path.startswith("//")
        or "\\" in path
        or len(path) > MAX_PATH
        or any(ord(c) < 33 or ord(c) == 127 for c in path)
    ):
        return default
    return path


def _hash(ticket: str) -> str:
    return keyed_hash("session-ticket", ticket)


def _token_for(ticket: str) -> str:
    return keyed_hash("session-from-ticket", ticket)


def issue(
    session: Session,
    settings: Settings,
    user: User,
    next_path: str,
    *,
    kind: str = "user",
    ip: str | None = None,
    user_agent: str = "",
    tenant_id: int | None = None,
    impersonation_id: int | None = None,
) -> str:
    """Start a session for `user` and return the ticket that sets its cookie."""
    ticket = new_token()
    token = sessions.start(
        session,
        settings,
        user,
        kind=kind,
        ip=ip,
        user_agent=user_agent,
        tenant_id=tenant_id,
        impersonation_id=impersonation_id,
        token=_token_for(ticket),
    )
    session.flush()
    row = session.exec(
        select(UserSession).where(UserSession.token_hash == sessions.token_hash(token))
    ).one()
    assert row.id is not None  # flushed above
    now = utcnow()
    session.add(
        SessionTicket(
            ticket_hash=_hash(ticket),
            session_id=row.id,
            next_path=local_path(next_path),
            created_at=now,
            expires_at=now + TICKET_TTL,
        )
    )
    return ticket


def redeem(session: Session, settings: Settings, ticket: str | None) -> Redeemed | None:
    """The cookie for a ticket, once; None when unknown, used, expired or its session is over."""
    if not ticket or len(ticket) > 100:
        return None
    row = session.exec(
        select(SessionTicket).where(SessionTicket.ticket_hash == _hash(ticket)).with_for_update()
    ).first()
    now = utcnow()
    if row is None or row.used_at is not None or now >= row.expires_at:
        return None
    row.used_at = now
    session.add(row)
    token = _token_for(ticket)
    user_session = session.get(UserSession, row.session_id)
    if user_session is None:
        return None
    active = sessions.resolve(session, settings, token, kind=user_session.kind)
    if active is None:
        return None
    left = int((active.session.absolute_expires_at - now).total_seconds())
    return Redeemed(token, user_session.kind, row.next_path, max(left, 0))
