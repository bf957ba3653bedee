"""Who is using the app, re-checked on the server, and the one guard every workspace handler uses.

The token lives in an HttpOnly cookie that only HTTP responses set (a login hands the browser a
one-time ticket, see state/browser.py); handlers read it from the websocket handshake, so no
script and no state var ever holds it. The database stores only its HMAC.

Every workspace and module handler goes through `_run(permission, operation)` (actions) or
`_load_page(permission)` (on_load): they look the session up again, check membership, role,
read-only state, suspension and (for modules) that the module is enabled, run the operation in
one transaction, refill the page through `_reload`, and turn a `ServiceError` into words
(`state/feedback.py`). Pages decide what to show from `permissions`, the same table.
"""

from collections.abc import Callable
from typing import Any, cast

import reflex as rx
from reflex.vars import ArrayVar
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.api.auth import SESSION_COOKIE
from tochka_app.i18n import DEFAULT_TIME_ZONE, format_datetime, zone_note
from tochka_app.services import access, marketplace
from tochka_app.services.access import Actor, Identity, TenantChoice
from tochka_app.services.admin import impersonation
from tochka_app.services.auth import onboarding, sessions, tickets
from tochka_app.services.auth.sessions import ActiveSession
from tochka_app.services.errors import ServiceError
from tochka_app.services.marketplace import MenuLink
from tochka_app.services.permissions import allowed, require
from tochka_app.settings import get_settings
from tochka_app.state import browser
from tochka_app.state.feedback import FeedbackMixin
from tochka_app.state.i18n import I18nState

Operation = Callable[[Session, Actor], Any]


class SessionState(FeedbackMixin, I18nState):
    user_name: str = ""
    user_phone: str = ""
    tenant_id: int = 0
    tenant_name: str = ""
    tenant_slug: str = ""
    role: str = ""
    read_only: bool = False  # the workspace's subscription has ended (or a read-only admin visit)
    suspended: bool = False  # the platform has suspended this workspace
    impersonation_until: str = ""  # a super admin is inside (banner); the time it ends
    impersonation_read_only: bool = True
    tenant_timezone: str = DEFAULT_TIME_ZONE  # workspace screens show every time in this zone
    tenants: list[TenantChoice] = []  # every workspace the user belongs to
    permissions: list[str] = []  # what the member may do now (services/permissions.py)
    module_menu: list[MenuLink] = []  # sidebar entries of the enabled modules

    @rx.var
    def is_authenticated(self) -> bool:
        return bool(self.user_phone)

    @rx.var
    def zone_text(self) -> str:
        """Written next to the times of a workspace screen: "время: Москва (UTC+3)"."""
        return zone_note(self.tenant_timezone, self.locale)

    def _zone(self, session: Session, tenant_id: int | None = None) -> str:
        """The time zone of the workspace (current one by default) — the zone its screens use."""
        self.tenant_timezone = access.tenant_zone(session, tenant_id or self.tenant_id)
        return self.tenant_timezone

    def _user_agent(self) -> str:
        return self.router.headers.user_agent or ""

    def _session_token(self) -> str:
        """The session cookie of this browser (from the websocket handshake)."""
        return browser.request_cookie(self, SESSION_COOKIE)

    def _client_token(self) -> str:
        return browser.client_token(self)

    def _active(self, session: Session) -> ActiveSession | None:
        active = sessions.resolve(
            session, get_settings(), self._session_token(), kind=("user", "imp")
        )
        if (
            active is not None
            and active.session.kind == "imp"
            and impersonation.check(session, active.session) is None
        ):
            return None  # the visit ended, timed out, or the admin lost the right
        return active

    def _clear(self) -> None:
        self.user_name = self.user_phone = self.tenant_name = self.tenant_slug = self.role = ""
        self.tenant_id = 0
        self.tenants, self.permissions = [], []

    def _sign_in(self, session: Session, user, next_path: str | None = None):
        """Start a session; the returned event takes the browser through the ticket endpoint,
        which sets the HttpOnly cookie and goes on to `next_path` (the workspace or onboarding
        by default)."""
        if next_path is None:
            next_path = (
                routes.APP if onboarding.memberships(session, user.id) else routes.ONBOARDING
            )
        ticket = tickets.issue(
            session,
            get_settings(),
            user,
            next_path,
            kind="user",
            ip=self._client_ip(),
            user_agent=self._user_agent(),
        )
        return browser.hand_over(ticket)

    def _show_identity(self, identity: Identity) -> None:
        self.user_name, self.user_phone = identity.user_name, identity.user_phone
        self.tenants, self.permissions = identity.tenants, identity.permissions
        if not identity.tenant_id:
            return
        self.tenant_id, self.tenant_name = identity.tenant_id, identity.tenant_name
        self.tenant_slug, self.role = identity.tenant_slug, identity.role
        self.suspended, self.read_only = identity.suspended, identity.read_only
        self.tenant_timezone = identity.timezone
        visit = identity.visit
        self.impersonation_until = (
            (
                f"{format_datetime(visit.expires_at, self.lang, 'short', self.tenant_timezone)} · "
                f"{zone_note(self.tenant_timezone, self.lang)}"
            )
            if visit
            else ""
        )
        self.impersonation_read_only = visit.read_only if visit else True

    def _module(self) -> str | None:
        """The module whose pages this state serves (ModuleState says which); None: platform."""
        return None

    def _admit(self, session: Session, permission: str | None = None):
        """(actor, None) when the caller may go on; (None, where to send them) otherwise. With
        `permission` None only a member is required (pages that adapt to what the role holds)."""
        active = self._active(session)
        if active is None:
            self._clear()
            return None, rx.redirect(routes.LOGIN)
        identity = access.identify(session, active)
        self._show_identity(identity)
        if not identity.tenant_id:
            return None, rx.redirect(routes.ONBOARDING)
        module = self._module()
        if module is not None and not marketplace.is_enabled(session, identity.tenant_id, module):
            return None, rx.redirect(routes.MARKETPLACE_APP)
        actor = identity.actor(self._client_ip())
        if permission is not None:
            try:
                require(actor, permission)  # the same rule the services apply
            except ServiceError as refusal:
                return None, self._refuse(refusal)
        return actor, None

    def _reload(self, session: Session, actor: Actor) -> None:
        """Pages refill their vars here (on load and after every action)."""

    def _load_page(self, permission: str | None = None):
        """on_load of a workspace or module page: re-check, then fill the page. A member without
        `permission` stays on the page, which shows what `permissions` allows (no toast)."""
        self._clear_feedback()
        with db.session_scope() as session:
            actor, refusal = self._admit(session)
            if actor is None:
                return refusal
            self.module_menu = marketplace.menu(session, actor.tenant_id, self.lang)
            if permission is None or allowed(actor, permission):
                self._reload(session, actor)
        return None

    def _run(
        self,
        permission: str,
        operation: Operation | None = None,
        *,
        done: str | None = None,
        then: Callable[[Any], Any] | None = None,
        reload: bool = True,
    ):
        """Re-check the caller, run `operation(session, actor)` in one transaction, refill the
        page, and answer: `then(result)` when given, else the `done` toast. A `ServiceError`
        rolls the whole operation back and is shown by `_refuse` (field error or toast)."""
        self._clear_feedback()
        try:
            with db.session_scope() as session:
                actor, refusal = self._admit(session, permission)
                if actor is None:
                    return refusal
                result = operation(session, actor) if operation else None
                session.flush()
                if reload:
                    self._reload(session, actor)
        except ServiceError as error:
            with db.session_scope() as session:  # show what is there now, next to the refusal
                actor, _ = self._admit(session)
                if actor is not None and reload:
                    self._reload(session, actor)
            return self._refuse(error)
        if then is not None:
            return then(result)
        return self._done(done)

    def _run_signed_in(
        self,
        operation: Callable[[Session, ActiveSession], Any],
        *,
        done: str | None = None,
        then: Callable[[Any], Any] | None = None,
        commit_refused: bool = False,
    ):
        """`_run` for what a signed-in person does whether or not they have a workspace yet
        (accepting an invitation, creating the first workspace, confirming a linked account):
        re-check the session (anonymous -> /login), run `operation(session, active)` in one
        transaction, answer the same way. A refusal is rolled back unless `commit_refused` (the
        step used something up that must stay used, e.g. a one-time link flow)."""
        self._clear_feedback()
        refusal: ServiceError | None = None
        try:
            with db.session_scope() as session:
                active = self._active(session)
                if active is None:
                    self._clear()
                    return rx.redirect(routes.LOGIN)
                try:
                    result = operation(session, active)
                except ServiceError as error:
                    if not commit_refused:
                        raise
                    refusal = error
        except ServiceError as error:
            refusal = error
        if refusal is not None:
            return self._refuse(refusal)
        if then is not None:
            return then(result)
        return self._done(done)

    @rx.event
    def guard_app(self):
        """on_load of workspace pages: anonymous -> /login, no workspace yet -> /onboarding."""
        return self._load_page()

    @rx.event
    def switch_tenant(self, tenant_id: str):
        with db.session_scope() as session:
            active = self._active(session)
            if active is None:
                return rx.redirect(routes.LOGIN)
            # Only a workspace the user belongs to can become current.
            onboarding.switch_tenant(session, active, tenant_id)
        return rx.redirect(routes.APP)

    @rx.event
    def logout(self):
        """Revoke the session now; the logout endpoint then deletes the cookie."""
        with db.session_scope() as session:
            sessions.end(session, self._session_token(), ip=self._client_ip())
        self._clear()
        return browser.post_to(routes.LOGOUT, routes.LOGIN)

    @rx.event
    def end_impersonation(self):
        """The banner's button: the admin leaves the workspace and returns to its admin page."""
        with db.session_scope() as session:
            active = sessions.resolve(session, get_settings(), self._session_token(), kind="imp")
            tenant_id = impersonation.end(session, active.session) if active else None
        self._clear()
        self.impersonation_until = ""
        return browser.post_to(
            routes.LOGOUT, routes.admin_tenant(tenant_id) if tenant_id else routes.ADMIN
        )


def can(permission: str):
    """In a component: does the member hold `permission` now? The same table as the guard."""
    # On the class (in a component) a state var is a Reflex Var, not the list a handler sees.
    return cast("ArrayVar[list[str]]", SessionState.permissions).contains(str(permission))
