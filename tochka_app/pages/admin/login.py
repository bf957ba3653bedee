import asyncio
from collections.abc import Callable
from datetime import datetime

import reflex as rx
from sqlmodel import Session

from tochka_app import db, routes
from tochka_app.components.layout import public_page
from tochka_app.components.prefetch import prefetch_route
from tochka_app.models._types import utcnow
from tochka_app.pages.auth.guard import SignInFlow
from tochka_app.pages.auth.login_page import NOT_LIVE, auth_card, error_callout
from tochka_app.services.auth import admin_login, tickets
from tochka_app.services.auth.errors import AuthError
from tochka_app.services.errors import ServiceError
from tochka_app.settings import get_settings
from tochka_app.state import browser
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


def _delay(phone: str) -> float:
    with db.session_scope() as session:
        return admin_login.attempt_delay(session, phone)


# What a login step answers: a ticket for the cookie endpoint (signed in), or the admin whose
# second factor is asked for next, or the refusal.
Step = tuple[str, int, ServiceError | None]


def _step(
    attempt: Callable[[Session], admin_login.AdminLogin], ip: str | None, user_agent: str
) -> Step:
    """Run a login step in one transaction that is committed even when refused: the failure's
    audit row is what the throttle counts. Runs in a worker thread: the bcrypt check takes a
    quarter of a second of CPU, which on the event loop would hold up every other visitor."""
    with db.session_scope() as session:
        try:
            passed = attempt(session)
        except ServiceError as error:
            return "", 0, error
        if passed.user is None:
            return "", passed.pending_user_id or 0, None
        return (
            tickets.issue(
                session,
                get_settings(),
                passed.user,
                routes.ADMIN,
                kind="admin",
                ip=ip,
                user_agent=user_agent,
            ),
            0,
            None,
        )


def _log_in(phone: str, password: str, ip: str | None, user_agent: str) -> Step:
    return _step(lambda session: admin_login.login(session, phone, password, ip), ip, user_agent)


def _log_in_code(user_id: int, code: str, ip: str | None, user_agent: str, since: str) -> Step:
    return _step(
        lambda session: admin_login.AdminLogin(
            user=admin_login.second_factor(
                session, user_id, code, ip, datetime.fromisoformat(since)
            )
        ),
        ip,
        user_agent,
    )


class AdminLoginState(SignInFlow, AdminSessionState):
    phone: str = ""
    needs_code: bool = False  # the password was right; the second factor is asked for
    # Server-only (underscore vars never reach the browser): whose code is awaited, since when.
    _pending_user_id: int = 0
    _pending_since: str = ""

    @rx.var
    def error(self) -> str:
        """What `#auth-error` shows (never which of phone and password was wrong)."""
        return self.field_errors.get("code") or self.action_error

    async def _slow_down(self):
        delay = await asyncio.to_thread(_delay, self.phone)
        if delay:  # the phone is under attack from elsewhere: slow down, never lock out
            await asyncio.sleep(delay)

    def _signed_in(self, ticket: str):
        self.needs_code, self._pending_user_id = False, 0
        return browser.hand_over(ticket)  # the endpoint sets the HttpOnly admin cookie

    @rx.event
    async def submit(self, form: dict):
        self._clear_feedback()
        self.phone = str(form.get("phone", ""))[:32]
        await self._slow_down()
        ticket, pending, error = await asyncio.to_thread(
            _log_in,
            self.phone,
            str(form.get("password", "")),
            self._client_ip(),
            self.router.headers.user_agent or "",
        )
        if error is not None:
            return self._show(error)
        if ticket:
            return self._signed_in(ticket)
        self.needs_code = True
        self._pending_user_id, self._pending_since = pending, utcnow().isoformat()
        return None

    @rx.event
    async def submit_code(self, form: dict):
        self._clear_feedback()
        if not self._pending_user_id:
            self.needs_code = False
            return None
        await self._slow_down()
        ticket, _, error = await asyncio.to_thread(
            _log_in_code,
            self._pending_user_id,
            str(form.get("code", ""))[:40],
            self._client_ip(),
            self.router.headers.user_agent or "",
            self._pending_since,
        )
        if error is None:
            return self._signed_in(ticket)
        if error.code != AuthError.totp_bad_code:  # expired or locked: start over
            self.needs_code, self._pending_user_id = False, 0
        return self._show(error)

    @rx.event
    def cancel_code(self):
        self._clear_feedback()
        self.needs_code, self._pending_user_id = False, 0


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
            rx.input(
                id="admin-phone",
                name="phone",
                type="tel",
                default_value=S.phone,
                max_length=32,
                size="3",
                width="100%",
                auto_complete="username",
                read_only=NOT_LIVE,
            ),
            rx.text(T["admin.password"], as_="label", html_for="admin-password", size="2"),
            rx.input(
                id="admin-password",
                name="password",
                type="password",
                max_length=200,
                size="3",
                width="100%",
                auto_complete="current-password",
                read_only=NOT_LIVE,
            ),
            rx.button(
                T["login.submit"],
                type="submit",
                size="3",
                width="100%",
                disabled=NOT_LIVE,
                id="admin-submit",
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=S.submit,
        width="100%",
    )


def second_factor_form() -> rx.Component:
    S = AdminLoginState
    return rx.form(
        rx.vstack(
            rx.text(T["admin.totp.login_hint"], size="2", color_scheme="gray"),
            rx.text(T["admin.totp.code"], as_="label", html_for="admin-code", size="2"),
            rx.input(
                id="admin-code",
                name="code",
                max_length=40,
                size="3",
                width="100%",
                auto_complete="one-time-code",
                input_mode="text",
                auto_focus=True,
            ),
            rx.button(
                T["login.submit"], type="submit", size="3", width="100%", id="admin-code-submit"
            ),
            rx.button(
                T["admin.totp.back"],
                type="button",
                variant="ghost",
                size="2",
                on_click=S.cancel_code,
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=S.submit_code,
        reset_on_submit=True,
        width="100%",
    )
