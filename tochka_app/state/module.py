"""Base for module pages: every handler re-checks session, membership and that the tenant has the
module enabled, so a disabled module's pages and handlers do nothing for anyone."""

import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.services import marketplace
from tochka_app.services.team import Actor
from tochka_app.state.session import SessionState


class ModuleState(SessionState):
    def _module_actor(self, session: Session, code: str) -> Actor | None:
        actor = self._actor(session)
        if actor is None or not marketplace.is_enabled(session, actor.tenant_id, code):
            return None
        return actor

    def _reload(self, session: Session, actor: Actor) -> None:
        """Module pages refill their vars here."""

    def _module_run(self, code: str, operation=None):
        """Re-check, run `operation(session, actor)` in one transaction, refill the page.
        Returns (its result, None) or (None, the redirect to the marketplace when refused)."""
        with db.session_scope() as session:
            actor = self._module_actor(session, code)
            if actor is None:
                return None, rx.redirect(routes.MARKETPLACE_APP)
            result = operation(session, actor) if operation else None
            self._reload(session, actor)
        return result, None
