"""Super-admin session: its own cookie and shorter lifetimes, separate from tenant logins."""

import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.api.admin_export import ADMIN_COOKIE
from tochka_app.services.auth import sessions
from tochka_app.i18n import gettext_
from tochka_app.services.admin import AdminActor
from tochka_app.services.auth.sessions import ActiveSession
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState


class AdminSessionState(I18nState):
    admin_token: str = rx.Cookie("", name=ADMIN_COOKIE, max_age=12 * 3600, same_site="strict")
    admin_name: str = ""
    action_error: str = ""  # the last admin action's refusal, shown next to its controls

    def _admin(self, session: Session) -> ActiveSession | None:
        """The live admin session of a super admin, or None. Called by every admin handler."""
        active = sessions.resolve(session, get_settings(), self.admin_token, kind="admin")
        if active is None or not active.user.is_super_admin:
            return None
        return active

    def _admin_actor(self, session: Session) -> AdminActor | None:
        active = self._admin(session)
        if active is None:
            return None
        return AdminActor(active.user.id, self._client_ip())

    def _reload(self, session: Session) -> None:
        """Pages refill their vars here after an action."""

    def _admin_load(self):
        """on_load of an admin page: re-check the admin, fill the page."""
        self.action_error = ""
        with db.session_scope() as session:
            if self._admin(session) is None:
                return rx.redirect(routes.ADMIN_LOGIN)
            self._reload(session)
        return None

    def _admin_action(self, operation, *args):
        """Re-check the admin, run `operation(session, admin, *args)` (an error id or None) in
        one transaction, refill the page, and say how it went."""
        with db.session_scope() as session:
            admin = self._admin_actor(session)
            if admin is None:
                return rx.redirect(routes.ADMIN_LOGIN)
            error = operation(session, admin, *args)
        with db.session_scope() as session:
            self._reload(session)
        self.action_error = gettext_(self.lang, error) if error else ""
        if error:
            return rx.toast.error(self.action_error)
        return rx.toast.success(gettext_(self.lang, "admin.done"))

    @rx.event
    def guard_admin(self):
        with db.session_scope() as session:
            active = self._admin(session)
            if active is None:
                self.admin_token, self.admin_name = "", ""
                return rx.redirect(routes.ADMIN_LOGIN)
            self.admin_name = active.user.name or active.user.phone

    @rx.event
    def admin_logout(self):
        with db.session_scope() as session:
            sessions.end(session, self.admin_token, ip=self._client_ip())
        self.admin_token, self.admin_name = "", ""
        return rx.redirect(routes.ADMIN_LOGIN)
