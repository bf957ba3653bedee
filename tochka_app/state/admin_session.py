"""Super-admin session: its own HttpOnly cookie (SameSite=Strict, set only by the ticket endpoint,
read from the websocket handshake) and shorter lifetimes, separate from tenant logins.
Times in the admin panel are shown in the admin's browser time zone, read on every page load."""

from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.api.admin_export import ADMIN_COOKIE
from tochka_app.i18n import time_zone, zone_note
from tochka_app.services.admin import AdminActor
from tochka_app.services.auth import sessions
from tochka_app.services.auth.sessions import ActiveSession
from tochka_app.services.errors import ServiceError
from tochka_app.settings import get_settings
from tochka_app.state import browser
from tochka_app.state.feedback import FeedbackMixin
from tochka_app.state.i18n import I18nState


class AdminSessionState(FeedbackMixin, I18nState):
    """Every admin handler goes through `_admin_load` (on_load) or `_admin_run` (actions): the
    same contract as the workspace guard in state/session.py."""

    admin_name: str = ""
    browser_zone: str = ""  # IANA name the browser reported ("" until it has)

    def _tz(self) -> str:
        """The zone every admin page shows times in: the browser's, or Moscow if unknown."""
        return time_zone(self.browser_zone)

    @rx.var
    def zone_text(self) -> str:
        """Written next to the times: "время: Екатеринбург (UTC+5)"."""
        return zone_note(time_zone(self.browser_zone), self.locale)

    def _admin_token(self) -> str:
        """The admin cookie of this browser (from the websocket handshake)."""
        return browser.request_cookie(self, ADMIN_COOKIE)

    def _admin(self, session: Session) -> ActiveSession | None:
        """The live admin session of a super admin, or None. Called by every admin handler."""
        active = sessions.resolve(session, get_settings(), self._admin_token(), kind="admin")
        if active is None or not active.user.is_super_admin:
            return None
        return active

    def _admin_actor(self, session: Session) -> AdminActor | None:
        active = self._admin(session)
        if active is None:
            return None
        assert active.user.id is not None  # a signed-in user is a stored row
        return AdminActor(active.user.id, self._client_ip())

    def _reload(self, session: Session) -> None:
        """Pages refill their vars here after an action."""

    def _admin_load(self):
        """on_load of an admin page: re-check the admin, fill the page."""
        self._clear_feedback()
        with db.session_scope() as session:
            active = self._admin(session)
            if active is None:
                self.admin_name = ""
                return rx.redirect(routes.ADMIN_LOGIN)
            self.admin_name = active.user.name or active.user.phone
            self._reload(session)
        return None

    def _admin_run(
        self,
        operation: Callable[[Session, AdminActor], Any],
        *,
        done: str | None = "admin.done",
        then: Callable[[Any], Any] | None = None,
    ):
        """Re-check the admin, run `operation(session, admin)` in one transaction, refill the
        page, and answer (`then(result)`, else the `done` toast). A `ServiceError` rolls the
        operation back and is shown by `_refuse`."""
        self._clear_feedback()
        try:
            with db.session_scope() as session:
                admin = self._admin_actor(session)
                if admin is None:
                    return rx.redirect(routes.ADMIN_LOGIN)
                result = operation(session, admin)
                session.flush()
                self._reload(session)
        except ServiceError as error:
            with db.session_scope() as session:
                self._reload(session)
            return self._refuse(error)
        return then(result) if then is not None else self._done(done)

    @rx.event
    def set_browser_zone(self, zone: str):
        # Whatever the browser sends is checked against the zone database (else: Moscow).
        self.browser_zone = time_zone(str(zone)[:64])

    @rx.event
    def guard_admin(self):
        with db.session_scope() as session:
            active = self._admin(session)
            if active is None:
                self.admin_name = ""
                return rx.redirect(routes.ADMIN_LOGIN)
            self.admin_name = active.user.name or active.user.phone

    @rx.event
    def admin_logout(self):
        with db.session_scope() as session:
            sessions.end(session, self._admin_token(), ip=self._client_ip())
        self.admin_name = ""
        return browser.post_to(routes.ADMIN_LOGOUT)
