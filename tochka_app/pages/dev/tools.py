"""Development-only pages: the code inbox and one-click login as a seeded user.

tochka_app.py imports this module only when settings say development, so in production these
routes do not exist at all (and the dev-inbox channel is refused by the delivery service).
"""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db, routes
from tochka_app.components.layout import public_page
from tochka_app.integrations import dev_inbox
from tochka_app.pages.auth.login_page import auth_card
from tochka_app.services.auth import dev_login
from tochka_app.services.errors import ServiceError
from tochka_app.services.seed_data import DEMO_MEMBERS
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t


@dataclass
class InboxRow:
    phone: str
    text: str
    at: str


@dataclass
class DemoUser:
    phone: str
    name: str
    role: str


class DevToolsState(SessionState):
    inbox: list[InboxRow] = []
    demo_users: list[DemoUser] = [DemoUser(*member) for member in DEMO_MEMBERS]

    @rx.event
    def load_inbox(self):
        self.inbox = [
            InboxRow(m.phone, m.text, m.sent_at.strftime("%H:%M:%S")) for m in dev_inbox.messages()
        ]

    @rx.event
    def login_as(self, phone: str):
        """No guard: this is the sign-in itself (for a seeded user, in development only)."""
        if get_settings().is_production:  # belt and braces: the page is not even registered
            return rx.redirect(routes.LOGIN)
        try:
            with db.session_scope() as session:
                user = dev_login.sign_in(session, str(phone)[:32])
                return self._sign_in(session, user, routes.APP)
        except ServiceError as error:
            return self._refuse(error)


@public_page(routes.DEV_INBOX, title="title.dev_inbox", on_load=DevToolsState.load_inbox)
def dev_inbox_page() -> rx.Component:
    S = DevToolsState
    return auth_card(
        rx.heading(T["dev.inbox"], size="6"),
        rx.button(
            rx.icon("refresh-cw", size=14),
            "Обновить",
            variant="soft",
            size="2",
            on_click=S.load_inbox,
        ),
        rx.cond(
            S.inbox.length() > 0,
            rx.vstack(
                rx.foreach(
                    S.inbox,
                    lambda m: rx.card(
                        rx.text(m.phone, " · ", m.at, size="1", color=rx.color("gray", 10)),
                        rx.text(m.text, size="2", class_name="dev-message"),
                        width="100%",
                    ),
                ),
                width="100%",
            ),
            rx.text(T["dev.inbox_empty"], size="2", color=rx.color("gray", 11)),
        ),
    )


@public_page(routes.DEV_LOGIN, title="title.dev_login")
def dev_login_page() -> rx.Component:
    S = DevToolsState
    return auth_card(
        rx.heading("Dev login", size="6"),
        rx.foreach(
            S.demo_users,
            lambda u: rx.button(
                u.name,
                " (",
                u.role,
                ")",
                width="100%",
                variant="soft",
                on_click=S.login_as(u.phone),
            ),
        ),
    )
