"""The acting member behind a plain HTTP request (downloads), from the same session cookie the
Reflex pages use; re-checked against the database like every event handler does."""

from sqlmodel import Session, select
from starlette.requests import Request

from tochka_app.api.client_address import request_ip
from tochka_app.models import Membership
from tochka_app.services import entitlements
from tochka_app.services.auth import sessions
from tochka_app.services.team import Actor
from tochka_app.settings import get_settings

SESSION_COOKIE = "tr_session"


def member_actor(session: Session, request: Request) -> Actor | None:
    active = sessions.resolve(session, get_settings(), request.cookies.get(SESSION_COOKIE))
    if active is None or active.session.current_tenant_id is None:
        return None
    membership = session.exec(select(Membership).where(
        Membership.user_id == active.user.id,
        Membership.tenant_id == active.session.current_tenant_id)).first()
    if membership is None:
        return None
    return Actor(active.user.id, membership.tenant_id, membership.role,
                 request_ip(request),
                 entitlements.is_read_only(session, membership.tenant_id))
