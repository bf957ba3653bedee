import asyncio
from datetime import datetime

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.layout import public_page
from tochka_app.components.prefetch import prefetch_route
from tochka_app.i18n import gettext_
from tochka_app.models._types import utcnow
from tochka_app.pages.auth.login_page import auth_card, error_callout
from tochka_app.services.auth import admin_login, tickets
from tochka_app.settings import get_settings
from tochka_app.state import browser
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


def _delay(phone: str) -> float:
    with db.session_scope() as session:
        return admin_login.attempt_delay(session, phone)


def _log_in(phone: str, password: str, ip: str | None, user_agent: str) -> tuple[str, str, int]:
    """(ticket for the cookie endpoint, "", 0), ("", error id, 0) or ("", "admin.totp_required",
    admin id) when the second factor is next. Runs in a worker thread: the bcrypt check takes a quarter of a
    second of CPU, which on the event loop would hold up every other visitor."""
    with db.session_scope() as session:
        result = admin_login.login(session, phone, password, ip)
        return _outcome(session, result, ip, user_agent)


def _log_in_code(user_id: int, code: str, ip: str | None, user_agent: str,
                 since: str) -> tuple[str, str, int]:
    with db.session_scope() as session:
        result = admin_login.second_factor(session, user_id, code, ip,
                                           datetime.fromisoformat(since))
        return _outcome(session, result, ip, user_agent)


def _outcome(session, result: admin_login.LoginResult, ip, user_agent) -> tuple[str, str, int]:
    if result.user is None:
        return "", result.error, result.pending_user_id or 0
    return tickets.issue(session, get_settings(), result.user, routes.ADMIN, kind="admin", ip=ip,
                         user_agent=user_agent), "", 0


class AdminLoginState(AdminSessionState):
    phone: str = ""
    error: str = ""
    needs_code: bool = False  # the password was right; the second factor is asked for
    # Server-only (underscore vars never reach the browser): whose code is awaited, since when.
    _pending_user_id: int = 0
    _pending_since: str = ""

    async def _slow_down(self):
        delay = await asyncio.to_thread(_delay, self.phone)
        if delay:  # the phone is under attack from elsewhere: slow down, never lock out
            await asyncio.sleep(delay)

    def _signed_in(self, ticket: str):
        self.error, self.needs_code, self._pending_user_id = "", False, 0
        return browser.hand_over(ticket)  # the endpoint sets the HttpOnly admin cookie

    @rx.event
    async def submit(self, form: dict):
        self.phone = str(form.get("phone", ""))[:32]
        await self._slow_down()
        ticket, error, pending = await asyncio.to_thread(
            _log_in, self.phone, str(form.get("password", "")), self._client_ip(),
            self.router.headers.user_agent or "")
        if ticket:
            return self._signed_in(ticket)
        if pending:
            self.needs_code, self.error = True, ""
            self._pending_user_id, self._pending_since = pending, utcnow().isoformat()
            return None
        self.error = gettext_(self.lang, error)
        return None

    @rx.event
    async def submit_code(self, form: dict):
        if not self._pending_user_id:
            self.needs_code = False
            return None
        await self._slow_down()
        ticket, error, pending = await asyncio.to_thread(
            _log_in_code, self._pending_user_id, str(form.get("code", ""))[:40],
            self._client_ip(), self.router.headers.user_agent or "", self._pending_since)
        if ticket:
            return self._signed_in(ticket)
        self.error = gettext_(self.lang, error)
        if not pending:  # expired or locked: start over with the password
            self.needs_code, self._pending_user_id = False, 0
        return None

    @rx.event
    def cancel_code(self):
        self.needs_code, self._pending_user_id, self.error = False, 0, ""


@public_page(routes.ADMIN_LOGIN, title="title.admin")
def admin_login_page() -> rx.Component:
    S = AdminLoginState
    return auth_card(
        prefetch_route(routes.ADMIN),
        rx.heading(T["admin.login_title"], size="6"),
        error_callout(S.error),
        rx.cond(S.needs_code, second_factor_form(), password_form()),
    )


def password_form() -> rx.Component:
    S = AdminLoginState
    return rx.form(
        rx.vstack(
            rx.text(T["admin.login"], as_="label", html_for="admin-phone", size="2"),
            rx.input(id="admin-phone", name="phone", type="tel", default_value=S.phone,
                     max_length=32, size="3", width="100%", auto_complete="username"),
            rx.text(T["admin.password"], as_="label", html_for="admin-password", size="2"),
            rx.input(id="admin-password", name="password", type="password", max_length=200,
                     size="3", width="100%", auto_complete="current-password"),
            rx.button(T["login.submit"], type="submit", size="3", width="100%",
                      id="admin-submit"),
            spacing="2", width="100%",
        ),
        on_submit=S.submit, width="100%",
    )


def second_factor_form() -> rx.Component:
    S = AdminLoginState
    return rx.form(
        rx.vstack(
            rx.text(T["admin.totp.login_hint"], size="2", color_scheme="gray"),
            rx.text(T["admin.totp.code"], as_="label", html_for="admin-code", size="2"),
            rx.input(id="admin-code", name="code", max_length=40, size="3", width="100%",
                     auto_complete="one-time-code", input_mode="text", auto_focus=True),
            rx.button(T["login.submit"], type="submit", size="3", width="100%",
                      id="admin-code-submit"),
            rx.button(T["admin.totp.back"], type="button", variant="ghost", size="2",
                      on_click=S.cancel_code),
            spacing="2", width="100%",
        ),
        on_submit=S.submit_code, reset_on_submit=True, width="100%",
    )
