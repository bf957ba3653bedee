"""External-login flows bound to the browser tab that started them.

A Telegram or VK ID login / link starts with a click in our page: `start` stores a one-time nonce
(hashed) for that tab's client token, the purpose (login, or link for the logged-in user) and a
15-minute expiry. The provider brings the nonce back (Telegram: `?flow=` of the auth URL we gave
it; VK ID: the OAuth `state`), and `take` accepts it once, from the same tab only. So a callback
URL captured elsewhere and opened in a victim's browser does nothing.

An identity is never linked by the callback itself: it waits on the flow (`hold`) until the user
presses "Link" on the confirmation screen (`confirm`), logged in as the flow's user (a link
flow), or after proving a phone in the same tab (a login flow with an unknown identity).
"""

from datetime import timedelta

from sqlmodel import Session, select

from tochka_app.models import AuthFlow, User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth import external
from tochka_app.services.auth.external import Identity
from tochka_app.services.auth.tokens import keyed_hash, new_token

FLOW_TTL = timedelta(minutes=15)


def _client(client_token: str) -> str:
    return keyed_hash("auth-flow-client", client_token)


def _nonce(nonce: str) -> str:
    return keyed_hash("auth-flow", nonce)


def start(session: Session, provider: str, client_token: str, user_id: int | None) -> str | None:
    """A new flow for this tab: "link" for a logged-in user, else "login". Returns the nonce
    (None without a client token: nothing to bind the flow to)."""
    if provider not in external.PROVIDERS or not client_token:
        return None
    nonce = new_token()
    now = utcnow()
    session.add(AuthFlow(nonce_hash=_nonce(nonce), client_hash=_client(client_token),
                         provider=provider, purpose="link" if user_id else "login",
                         user_id=user_id, created_at=now, expires_at=now + FLOW_TTL))
    return nonce


def take(session: Session, nonce: str | None, provider: str, client_token: str) -> AuthFlow | None:
    """The flow a callback returns to, once, if this same tab started it and it is fresh."""
    if not nonce or len(nonce) > 100 or not client_token:
        return None
    flow = session.exec(select(AuthFlow).where(AuthFlow.nonce_hash == _nonce(nonce))
                        .with_for_update()).first()
    now = utcnow()
    if (flow is None or flow.provider != provider or flow.client_hash != _client(client_token)
            or flow.returned_at is not None or flow.used_at is not None
            or now >= flow.expires_at):
        return None
    flow.returned_at = now
    session.add(flow)
    return flow


def hold(session: Session, flow: AuthFlow, identity: Identity) -> None:
    """The verified identity waits on its flow for the user's confirmation."""
    flow.identity = {"provider": identity.provider, "provider_user_id": identity.provider_user_id,
                     "display_name": identity.display_name[:200], "profile": identity.profile}
    session.add(flow)


def awaiting(session: Session, client_token: str) -> AuthFlow | None:
    """The newest flow of this tab whose identity waits for confirmation, if still fresh."""
    if not client_token:
        return None
    return session.exec(select(AuthFlow).where(
        AuthFlow.client_hash == _client(client_token), AuthFlow.identity.is_not(None),
        AuthFlow.returned_at.is_not(None), AuthFlow.used_at.is_(None),
        AuthFlow.expires_at > utcnow()).order_by(AuthFlow.id.desc())).first()


def identity_of(flow: AuthFlow) -> Identity:
    return Identity(**flow.identity)


def allowed_for(flow: AuthFlow, user_id: int | None) -> bool:
    """A link flow belongs to the user who started it; a login flow's identity may go to the
    user who has just proven a phone in this tab."""
    return user_id is not None and (flow.purpose != "link" or flow.user_id == user_id)


def confirm(session: Session, client_token: str, user_id: int | None,
            ip: str | None = None) -> tuple[str | None, str | None]:
    """The user pressed "Link": (provider, error id). Links only the identity waiting on a
    flow of this tab, for the user it belongs to; the flow is used up either way."""
    flow = awaiting(session, client_token)
    if flow is None or not allowed_for(flow, user_id) or session.get(User, user_id) is None:
        return None, "external.flow_invalid"
    flow.used_at = utcnow()
    session.add(flow)
    error = external.link(session, user_id, identity_of(flow), ip)
    return flow.provider, error


def cancel(session: Session, client_token: str, user_id: int | None,
           ip: str | None = None) -> None:
    """The user declined: the waiting identity is dropped, nothing is linked."""
    flow = awaiting(session, client_token)
    if flow is None:
        return
    flow.used_at = utcnow()
    session.add(flow)
    audit.record(session, "external.link_declined", actor=audit.By(user_id=user_id, ip=ip),
                 target_type=flow.provider,
                 target_id=(flow.identity or {}).get("provider_user_id"))
