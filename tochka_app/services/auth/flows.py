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

from sqlmodel import Session, col, select

from tochka_app.models import AuthFlow, User
from tochka_app.models._types import utcnow
from tochka_app.services import audit
from tochka_app.services.auth import external
from tochka_app.services.auth.errors import ExternalError
from tochka_app.services.auth.external import Identity
from tochka_app.services.auth.tokens import keyed_hash, new_token
from tochka_app.services.errors import ServiceError

FLOW_TTL = timedelta(minutes=15)


def _client(client_token: str) -> str:
    return keyed_hash("auth-flow-client", client_token)


def _nonce(nonce: str) -> str:
    return keyed_hash("auth-flow", nonce)


def start(session: Session, provider: str, client_token: str, user_id: int | None) -> str:
    """A new flow for this tab: "link" for a logged-in user, else "login". Returns the nonce
    (refused without a client token: nothing to bind the flow to)."""
    if provider not in external.PROVIDERS or not client_token:
        raise ServiceError(ExternalError.failed)
    nonce = new_token()
    now = utcnow()
    session.add(
        AuthFlow(
            nonce_hash=_nonce(nonce),
            client_hash=_client(client_token),
            provider=provider,
            purpose="link" if user_id else "login",
            user_id=user_id,
            created_at=now,
            expires_at=now + FLOW_TTL,
        )
    )
    return nonce


def take(
    session: Session,
    nonce: str | None,
    provider: str,
    client_token: str,
    refusal: ExternalError = ExternalError.flow_invalid,
) -> int:
    """The id of the flow a callback returns to, once, if this same tab started it and it is
    fresh; else `refusal` (VK ID says `state_mismatch`: its OAuth state is the nonce)."""
    if not nonce or len(nonce) > 100 or not client_token:
        raise ServiceError(refusal)
    flow = session.exec(
        select(AuthFlow).where(AuthFlow.nonce_hash == _nonce(nonce)).with_for_update()
    ).first()
    now = utcnow()
    if (
        flow is None
        or flow.provider != provider
        or flow.client_hash != _client(client_token)
        or flow.returned_at is not None
        or flow.used_at is not None
        or now >= flow.expires_at
    ):
        raise ServiceError(refusal)
    assert flow.id is not None  # a loaded row
    flow.returned_at = now
    session.add(flow)
    return flow.id


def hold(session: Session, flow: AuthFlow, identity: Identity) -> None:
    """The verified identity waits on its flow for the user's confirmation."""
    flow.identity = {
        "provider": identity.provider,
        "provider_user_id": identity.provider_user_id,
        "display_name": identity.display_name[:200],
        "profile": identity.profile,
    }
    session.add(flow)


def awaiting(session: Session, client_token: str) -> AuthFlow | None:
    """The newest flow of this tab whose identity waits for confirmation, if still fresh."""
    if not client_token:
        return None
    return session.exec(
        select(AuthFlow)
        .where(
            AuthFlow.client_hash == _client(client_token),
            col(AuthFlow.identity).is_not(None),
            col(AuthFlow.returned_at).is_not(None),
            col(AuthFlow.used_at).is_(None),
            AuthFlow.expires_at > utcnow(),
        )
        .order_by(col(AuthFlow.id).desc())
    ).first()


def identity_of(flow: AuthFlow) -> Identity:
    assert flow.identity is not None  # only flows from `awaiting`, which have one
    return Identity(**flow.identity)


def allowed_for(flow: AuthFlow, user_id: int | None) -> bool:
    """A link flow belongs to the user who started it; a login flow's identity may go to the
    user who has just proven a phone in this tab."""
    return user_id is not None and (flow.purpose != "link" or flow.user_id == user_id)


def waiting_identity(session: Session, client_token: str, user_id: int | None) -> Identity | None:
    """The identity waiting in this tab for `user_id`'s confirmation (None: nothing to ask)."""
    flow = awaiting(session, client_token)
    return identity_of(flow) if flow is not None and allowed_for(flow, user_id) else None


def finish(
    session: Session, flow_id: int, identity: Identity, user_id: int | None, ip: str | None = None
) -> external.ExternalLogin:
    """A verified identity back in the tab that started flow `flow_id` (see `take`): log in with
    it, or hold it on the flow for the confirmation screen (linking, or after the phone code).
    A link flow counts only for the user who started it, still logged in."""
    flow = session.get(AuthFlow, flow_id)
    if flow is None or (flow.purpose == "link" and (user_id is None or user_id != flow.user_id)):
        raise ServiceError(ExternalError.flow_invalid)  # logged out, or in as someone else
    outcome = external.sign_in(session, identity, user_id, ip)
    if outcome.pending:
        hold(session, flow, identity)
    return outcome


def confirm(session: Session, client_token: str, user_id: int | None, ip: str | None = None) -> str:
    """The user pressed "Link": the provider linked. Links only the identity waiting on a flow of
    this tab, for the user it belongs to (else `flow_invalid`). The flow is used up before the
    link is tried, so a refused link (`linked_elsewhere`) cannot be retried: the caller commits
    that (LinkConfirmState does)."""
    flow = awaiting(session, client_token)
    if (
        flow is None
        or user_id is None
        or not allowed_for(flow, user_id)
        or session.get(User, user_id) is None
    ):
        raise ServiceError(ExternalError.flow_invalid)
    flow.used_at = utcnow()
    session.add(flow)
    external.link(session, user_id, identity_of(flow), ip)
    return flow.provider


def cancel(session: Session, client_token: str, user_id: int | None, ip: str | None = None) -> None:
    """The user declined: the waiting identity is dropped, nothing is linked."""
    flow = awaiting(session, client_token)
    if flow is None:
        return
    flow.used_at = utcnow()
    session.add(flow)
    audit.record(
        session,
        "external.link_declined",
        actor=audit.By(user_id=user_id, ip=ip),
        target_type=flow.provider,
        target_id=(flow.identity or {}).get("provider_user_id"),
    )
