import asyncio
from datetime import datetime

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.layout import public_page
from tochka_app.i18n import gettext_
from tochka_app.models._types import utcnow
from tochka_app.pages.auth.login_page import auth_card, error_callout
from tochka_app.services.auth import admin_login, sessions
from tochka_app.settings import get_settings
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


class AdminLoginState(AdminSessionState):
    phone: str = ""
    error: str = ""
    needs_code: bool = False  # the password was right; the second factor is asked for
    # Server-only (underscore vars never reach the browser): whose code is awaited, since when.
    _pending_user_id: int = 0
    _pending_since: str = ""

    def _start(self, session, user, ip):
        self.admin_token = sessions.start(session, get_settings(), user, kind="admin", ip=ip,
                                          user_agent=self.router.headers.user_agent or "")
        self.error, self.needs_code, self._pending_user_id = "", False, 0
        return rx.redirect(routes.ADMIN)

    @rx.event
    async def submit(self, form: dict):
        self.phone = str(form.get("phone", ""))[:32]
        ip = self._client_ip()
        with db.session_scope() as session:
            delay = admin_login.attempt_delay(session, self.phone)
        if delay:  # the phone is under attack from elsewhere: slow down, never lock out
            await asyncio.sleep(delay)
        with db.session_scope() as session:
            result = admin_login.login(session, self.phone, str(form.get("password", "")), ip)
            if result.pending_user_id:
                self.needs_code, self.error = True, ""
                self._pending_user_id = result.pending_user_id
                self._pending_since = utcnow().isoformat()
                return None
            if result.user is None:
                self.error = gettext_(self.lang, result.error)
                return None
            return self._start(session, result.user, ip)

    @rx.event
    async def submit_code(self, form: dict):
        if not self._pending_user_id:
            self.needs_code = False
            return None
        ip = self._client_ip()
        with db.session_scope() as session:
            delay = admin_login.attempt_delay(session, self.phone)
        if delay:
            await asyncio.sleep(delay)
        with db.session_scope() as session:
            result = admin_login.second_factor(session, self._pending_user_id,
                                               str(form.get("code", ""))[:40], ip,
                                               datetime.fromisoformat(self._pending_since))
            if result.user is None:
                self.error = gettext_(self.lang, result.error)
                if result.pending_user_id is None:  # expired or locked: start over
                    self.needs_code, self._pending_user_id = False, 0
                return None
            return self._start(session, result.user, ip)

    @rx.event
    def cancel_code(self):
        self.needs_code, self._pending_user_id, self.error = False, 0, ""


@public_page(routes.ADMIN_LOGIN, title="Администратор — Точка Роста")
def admin_login_page() -> rx.Component:
    S = AdminLoginState
    return auth_card(
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
