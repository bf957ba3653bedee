"""Who is using the app: the session token in the browser, re-checked on the server.

The token lives in an HttpOnly cookie that only HTTP responses set (a login hands the browser a
one-time ticket, see state/browser.py); handlers read it from the websocket handshake, so no
script and no state var ever holds it. The database stores only its HMAC. Every protected
handler calls `_active()` / `_require_member()`, which look the session up again.
"""

import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.api.auth import SESSION_COOKIE
from tochka_app.i18n import DEFAULT_TIME_ZONE, format_datetime, time_zone, zone_note
from tochka_app.models import Role, Tenant, TenantStatus
from tochka_app.services import entitlements, marketplace
from tochka_app.services.admin import impersonation
from tochka_app.services.auth import onboarding, sessions, tickets
from tochka_app.services.auth.sessions import ActiveSession
from tochka_app.services.team import Actor
from tochka_app.settings import get_settings
from tochka_app.state import browser
from tochka_app.state.i18n import I18nState


class SessionState(I18nState):
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
    tenants: list[list[str]] = []  # [id, name] of every workspace the user belongs to
    module_menu: list[dict[str, str]] = []  # sidebar entries of the enabled modules

    @rx.var
    def is_authenticated(self) -> bool:
        return bool(self.user_phone)

    @rx.var
    def zone_text(self) -> str:
        """Written next to the times of a workspace screen: "время: Москва (UTC+3)"."""
        return zone_note(self.tenant_timezone, self.locale)

    def _zone(self, session: Session, tenant_id: int | None = None) -> str:
        """The time zone of the workspace (current one by default) — the zone its screens use."""
        tenant = session.get(Tenant, tenant_id or self.tenant_id) if (
            tenant_id or self.tenant_id) else None
        self.tenant_timezone = time_zone(tenant.timezone if tenant else None)
        return self.tenant_timezone

    def _user_agent(self) -> str:
        return self.router.headers.user_agent or ""

    def _session_token(self) -> str:
        """The session cookie of this browser (from the websocket handshake)."""
        return browser.request_cookie(self, SESSION_COOKIE)

    def _client_token(self) -> str:
        return browser.client_token(self)

    def _active(self, session: Session) -> ActiveSession | None:
        active = sessions.resolve(session, get_settings(), self._session_token(),
                                  kind=("user", "imp"))
        if active is not None and active.session.kind == "imp" and \
                impersonation.check(session, active.session) is None:
            return None  # the visit ended, timed out, or the admin lost the right
        return active

    def _clear(self) -> None:
        self.user_name = self.user_phone = self.tenant_name = self.tenant_slug = self.role = ""
        self.tenant_id = 0
        self.tenants = []

    def _sign_in(self, session: Session, user, next_path: str | None = None):
        """Start a session; the returned event takes the browser through the ticket endpoint,
        which sets the HttpOnly cookie and goes on to `next_path` (the workspace or onboarding
        by default)."""
        if next_path is None:
            next_path = routes.APP if onboarding.memberships(session, user.id) \
                else routes.ONBOARDING
        ticket = tickets.issue(session, get_settings(), user, next_path, kind="user",
                               ip=self._client_ip(), user_agent=self._user_agent())
        return browser.hand_over(ticket)

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
        self.tenant_timezone = time_zone(tenant.timezone)
        self.impersonation_until = (
            f"{format_datetime(visit.expires_at, self.lang, 'short', self.tenant_timezone)} · "
            f"{zone_note(self.tenant_timezone, self.lang)}") if visit else ""
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
        return browser.post_to(routes.LOGOUT,
                               f"/admin/tenants/{tenant_id}" if tenant_id else routes.ADMIN)
