"""The acting member behind a plain HTTP request (downloads), from the same session cookie the
Reflex pages use; re-checked against the database the same way the event handlers' guard does."""

from sqlmodel import Session
from starlette.requests import Request

from tochka_app.api.client_address import request_ip
from tochka_app.services import access
from tochka_app.services.access import Actor
from tochka_app.services.auth import sessions
from tochka_app.settings import get_settings

SESSION_COOKIE = "tr_session"


def member_actor(session: Session, request: Request) -> Actor | None:
    # Only the member's own session: a super admin's visit does not take the tenant's data home.
    active = sessions.resolve(
        session, get_settings(), request.cookies.get(SESSION_COOKIE), kind="user"
    )
    if active is None:
        return None
    identity = access.identify(session, active)
    return identity.actor(request_ip(request)) if identity.tenant_id else None
