import reflex as rx

from tochka_app import db, routes
from tochka_app.components.layout import public_page
from tochka_app.i18n import gettext_
from tochka_app.pages.auth.login_page import auth_card, error_callout
from tochka_app.services.auth import admin_login, sessions
from tochka_app.settings import get_settings
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


class AdminLoginState(AdminSessionState):
    phone: str = ""
    error: str = ""

    @rx.event
    def submit(self, form: dict):
        self.phone = str(form.get("phone", ""))[:32]
        ip = self._client_ip()
        with db.session_scope() as session:
            user, error = admin_login.login(session, self.phone, str(form.get("password", "")), ip)
            if user is None:
                self.error = gettext_(self.lang, error)
                return None
            self.admin_token = sessions.start(session, get_settings(), user, kind="admin", ip=ip,
                                              user_agent=self.router.headers.user_agent or "")
        self.error = ""
        return rx.redirect(routes.ADMIN)


@public_page(routes.ADMIN_LOGIN, title="Администратор — Точка Роста")
def admin_login_page() -> rx.Component:
    S = AdminLoginState
    return auth_card(
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
