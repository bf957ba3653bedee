"""A customer signs in on the shop's site with a phone code (the platform's code service, its
limits and its Telegram bot), then the ticket endpoint sets the site's own HttpOnly cookie and
brings them back to the page they were on (checkout or "my orders")."""

import reflex as rx

from tochka_app import db
from tochka_app.modules.shop import customers, routes
from tochka_app.modules.shop.pages.store_state import StoreState
from tochka_app.services.auth import telegram_link
from tochka_app.services.auth.errors import NEEDS_TELEGRAM_LINK
from tochka_app.services.errors import ServiceError
from tochka_app.settings import get_settings
from tochka_app.state import browser
from tochka_app.state.i18n import I18nState

T = I18nState.t


class ShopLoginState(StoreState):
    login_phone: str = ""
    code_sent: bool = False
    telegram_url: str = ""

    @rx.event
    def send_code(self, form: dict):
        self.login_phone = str(form.get("phone", ""))[:32]
        self._clear_feedback()
        settings, refusal = get_settings(), None
        with db.session_scope() as session:  # a refused send still counts: committed
            tenant, _ = self._open_store(session)
            if tenant is None:
                return None
            try:
                customers.request_code(session, settings, self.login_phone, self._client_ip())
            except ServiceError as error:
                refusal = error
                if error.code in NEEDS_TELEGRAM_LINK:  # the bot learns the phone, then sends
                    self.telegram_url = telegram_link.deep_link(
                        settings, telegram_link.create_nonce(session, str(error.params["phone"]))
                    )
        if refusal is not None:
            return self._refuse(refusal)
        self.code_sent, self.telegram_url = True, ""
        return None

    @rx.event
    def confirm_code(self, form: dict):
        code = str(form.get("code", ""))[:12]
        back = self.router.url.path
        self._clear_feedback()
        ticket, refusal = "", None
        with db.session_scope() as session:  # a wrong code is counted: committed
            tenant, _ = self._open_store(session)
            if tenant is None or tenant.id is None:
                return None
            try:
                ticket = customers.sign_in(
                    session, tenant.id, self.login_phone, code, self._client_ip(), back
                )
            except ServiceError as error:
                refusal = error
        if refusal is not None:
            return self._refuse(refusal)
        self.code_sent = False
        return browser.hand_over(ticket, routes.SESSION, back=back)

    @rx.event
    def change_phone(self):
        self.code_sent = False
        self._clear_feedback()

    @rx.event
    def sign_out(self):
        with db.session_scope() as session:
            tenant, _ = self._open_store(session)
        if tenant is None or tenant.id is None:
            return None
        return browser.post_to(f"{routes.LOGOUT}?tenant={tenant.id}", self.router.url.path)


def login_form() -> rx.Component:
    S = ShopLoginState
    error = rx.cond(
        S.field_errors.contains("phone"),
        S.field_errors["phone"],
        rx.cond(S.field_errors.contains("code"), S.field_errors["code"], S.action_error),
    )
    return rx.card(
        rx.vstack(
            rx.heading(T["shop.login.title"], size="4"),
            rx.text(T["shop.login.why"], size="2", color=rx.color("gray", 11)),
            rx.cond(
                S.code_sent,
                rx.form(
                    rx.vstack(
                        rx.text(T["shop.login.code_sent"], " ", S.login_phone, size="2"),
                        rx.input(
                            name="code",
                            placeholder="000000",
                            max_length=6,
                            inputmode="numeric",
                            auto_complete="one-time-code",
                            id="customer-code",
                            aria_label=T["shop.login.code"],
                        ),
                        rx.hstack(
                            rx.button(
                                T["shop.login.confirm"], type="submit", id="customer-confirm"
                            ),
                            rx.button(
                                T["shop.login.other_phone"],
                                type="button",
                                variant="ghost",
                                on_click=S.change_phone,
                            ),
                            spacing="2",
                        ),
                        spacing="2",
                    ),
                    on_submit=S.confirm_code,
                ),
                rx.form(
                    rx.vstack(
                        rx.input(
                            name="phone",
                            default_value=S.login_phone,
                            placeholder="+7 900 000-00-00",
                            type="tel",
                            auto_complete="tel",
                            id="customer-phone",
                            aria_label=T["shop.login.phone"],
                        ),
                        rx.button(T["shop.login.send"], type="submit", id="customer-send"),
                        spacing="2",
                    ),
                    on_submit=S.send_code,
                ),
            ),
            rx.cond(
                error != "",
                rx.text(
                    error,
                    color=rx.color("red", 11),
                    size="2",
                    role="alert",
                    id="customer-login-error",
                ),
            ),
            rx.cond(
                S.telegram_url != "",
                rx.link(
                    T["shop.login.open_bot"],
                    href=S.telegram_url,
                    is_external=True,
                    id="customer-bot",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        max_width="420px",
    )
