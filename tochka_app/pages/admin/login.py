import asyncio

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.layout import public_page
from tochka_app.components.prefetch import prefetch_route
from tochka_app.i18n import gettext_
from tochka_app.pages.auth.login_page import auth_card, error_callout
from tochka_app.services.auth import admin_login, tickets
from tochka_app.settings import get_settings
from tochka_app.state import browser
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


def _log_in(phone: str, password: str, ip: str | None, user_agent: str) -> tuple[str, str]:
    """(ticket for the cookie endpoint, "") or ("", error id). Runs in a worker thread: the bcrypt
    check takes a quarter of a second of CPU, which on the event loop would hold up every other
    visitor."""
    with db.session_scope() as session:
        user, error = admin_login.login(session, phone, password, ip)
        if user is None:
            return "", error
        return tickets.issue(session, get_settings(), user, routes.ADMIN, kind="admin", ip=ip,
                             user_agent=user_agent), ""


class AdminLoginState(AdminSessionState):
    phone: str = ""
    error: str = ""

    @rx.event
    async def submit(self, form: dict):
        self.phone = str(form.get("phone", ""))[:32]
        ticket, error = await asyncio.to_thread(
            _log_in, self.phone, str(form.get("password", "")),
            self.router.session.client_ip or None, self.router.headers.user_agent or "")
        if error:
            self.error = gettext_(self.lang, error)
            return None
        self.error = ""
        return browser.hand_over(ticket)  # the endpoint sets the HttpOnly admin cookie


@public_page(routes.ADMIN_LOGIN, title="Администратор — Точка Роста")
def admin_login_page() -> rx.Component:
    S = AdminLoginState
    return auth_card(
        prefetch_route(routes.ADMIN),
        rx.heading(T["admin.login_title"], size="6"),
        error_callout(S.error),
        rx.form(
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
        ),
    )
