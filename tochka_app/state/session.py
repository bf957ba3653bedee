"""Who is using the app: the session token in the browser, re-checked on the server.

The token lives in a cookie written by Reflex (Reflex events run over a websocket and cannot set
HTTP-only cookies); the database stores only its HMAC, so a database leak reveals no sessions.
Every protected handler calls `_active()` / `_require_member()`, which look the session up again.
"""

import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.api.auth import SESSION_COOKIE
from tochka_app.i18n import format_datetime
from tochka_app.models import Role, TenantStatus
from tochka_app.services import entitlements, marketplace
from tochka_app.services.admin import impersonation
from tochka_app.services.auth import onboarding, sessions
from tochka_app.services.auth.sessions import ActiveSession
from tochka_app.services.team import Actor
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState

COOKIE_MAX_AGE = 30 * 24 * 3600


class SessionState(I18nState):
    session_token: str = rx.Cookie("", name=SESSION_COOKIE, max_age=COOKIE_MAX_AGE,
                                   same_site="lax")
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
    tenants: list[list[str]] = []  # [id, name] of every workspace the user belongs to
    module_menu: list[dict[str, str]] = []  # sidebar entries of the enabled modules
    # An external identity (Telegram/VK) tried before the visitor proved a phone; linked to the
    # user right after the phone code succeeds in this same browser tab. Never sent to the browser.
    _pending_identity: dict = {}

    @rx.var
    def is_authenticated(self) -> bool:
        return bool(self.user_phone)

    def _user_agent(self) -> str:
        return self.router.headers.user_agent or ""

    def _active(self, session: Session) -> ActiveSession | None:
        active = sessions.resolve(session, get_settings(), self.session_token,
                                  kind=("user", "imp"))
        if active is not None and active.session.kind == "imp" and \
                impersonation.check(session, active.session) is None:
            return None  # the visit ended, timed out, or the admin lost the right
        return active

    def _clear(self) -> None:
        self.session_token = ""
        self.user_name = self.user_phone = self.tenant_name = self.tenant_slug = self.role = ""
        self.tenant_id = 0
        self.tenants = []

    def _sign_in(self, session: Session, user, kind: str = "user") -> None:
        self.session_token = sessions.start(session, get_settings(), user, kind=kind,
                                            ip=self._client_ip(), user_agent=self._user_agent())

    def _load_identity(self, session: Session, active: ActiveSession) -> bool:
        """Fill the public vars; returns False when the user belongs to no workspace yet."""
        self.user_name, self.user_phone = active.user.name, active.user.phone
        rows = onboarding.memberships(session, active.user.id)
        visit = impersonation.check(session, active.session) \
            if active.session.kind == "imp" else None
        if visit is not None:  # pinned to the visited workspace, whatever else the owner has
            rows = [pair for pair in rows if pair[1].id == visit.tenant_id]
        self.tenants = [[str(t.id), t.name] for _, t in rows]
        if not rows:
            return False
        current = next((pair for pair in rows if pair[1].id == active.session.current_tenant_id),
                       rows[0])
        membership, tenant = current
        if active.session.current_tenant_id != tenant.id:
            active.session.current_tenant_id = tenant.id
            session.add(active.session)
        self.tenant_id, self.tenant_name, self.tenant_slug = tenant.id, tenant.name, tenant.slug
        self.role = membership.role
        self.suspended = tenant.status == TenantStatus.suspended
        self.read_only = self.suspended or entitlements.is_read_only(session, tenant.id) or \
            (visit is not None and visit.read_only)
        self.impersonation_until = format_datetime(visit.expires_at, self.lang, "short",
                                                   tenant.timezone) if visit else ""
        self.impersonation_read_only = visit.read_only if visit else True
        return True

    def _require_member(self, session: Session, min_role: Role = Role.staff):
        """The active session and its current membership, or None. Checked on every call."""
        active = self._active(session)
        if active is None or not self._load_identity(session, active):
            return None
        order = [Role.staff, Role.admin, Role.owner]
        if order.index(Role(self.role)) < order.index(min_role):
            return None
        return active

    def _actor(self, session: Session, min_role: Role = Role.staff) -> Actor | None:
        """The acting member as services expect it, re-checked from the session; or None."""
        active = self._require_member(session, min_role)
        if active is None:
            return None
        return Actor(active.user.id, self.tenant_id, self.role, self._client_ip(), self.read_only)

    @rx.event
    def guard_app(self):
        """on_load of workspace pages: anonymous -> /login, no workspace yet -> /onboarding."""
        with db.session_scope() as session:
            active = self._active(session)
            if active is None:
                self._clear()
                return rx.redirect(routes.LOGIN)
            if not self._load_identity(session, active):
                return rx.redirect(routes.ONBOARDING)
            self.module_menu = marketplace.menu(session, self.tenant_id, self.lang)

    @rx.event
    def switch_tenant(self, tenant_id: str):
        with db.session_scope() as session:
            active = self._active(session)
            if active is None:
                return rx.redirect(routes.LOGIN)
            # Only a workspace the user belongs to can become current.
            allowed = {t.id for _, t in onboarding.memberships(session, active.user.id)}
            if tenant_id.isdigit() and int(tenant_id) in allowed:
                active.session.current_tenant_id = int(tenant_id)
                session.add(active.session)
        return rx.redirect(routes.APP)

    @rx.event
    def logout(self):
        with db.session_scope() as session:
            sessions.end(session, self.session_token, ip=self._client_ip())
        self._clear()
        return rx.redirect(routes.LOGIN)

    @rx.event
    def end_impersonation(self):
        """The banner's button: the admin leaves the workspace and returns to its admin page."""
        with db.session_scope() as session:
            active = sessions.resolve(session, get_settings(), self.session_token, kind="imp")
            tenant_id = impersonation.end(session, active.session) if active else None
        self._clear()
        self.impersonation_until = ""
        return rx.redirect(f"/admin/tenants/{tenant_id}" if tenant_id else routes.ADMIN)
