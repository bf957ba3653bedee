"""Base for module pages: every handler re-checks session, membership and that the tenant has the
module enabled, so a disabled module's pages and handlers do nothing for anyone."""

from sqlmodel import Session

from tochka_app.services import marketplace
from tochka_app.services.team import Actor
from tochka_app.state.session import SessionState


class ModuleState(SessionState):
    def _module_actor(self, session: Session, code: str) -> Actor | None:
        actor = self._actor(session)
        if actor is None or not marketplace.is_enabled(session, actor.tenant_id, code):
            return None
        return actor
