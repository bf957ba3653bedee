"""Development-only pages: the code inbox and one-click login as a seeded user.

tochka_app.py imports this module only when settings say development, so in production these
routes do not exist at all (and the dev-inbox channel is refused by the delivery service).
"""

import reflex as rx
from sqlmodel import select

from tochka_app import db, routes
from tochka_app.components.layout import public_page
from tochka_app.integrations import dev_inbox
from tochka_app.models import User
from tochka_app.models._types import utcnow
from tochka_app.pages.auth.login_page import auth_card
from tochka_app.services import audit
from tochka_app.services.seed_data import DEMO_MEMBERS
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t


class DevToolsState(SessionState):
    inbox: list[dict[str, str]] = []
    demo_users: list[list[str]] = [[phone, name, role] for phone, name, role in DEMO_MEMBERS]

    @rx.event
    def load_inbox(self):
        self.inbox = [{"phone": m.phone, "text": m.text,
                       "at": m.sent_at.strftime("%H:%M:%S")} for m in dev_inbox.messages()]

    @rx.event
    def login_as(self, phone: str):
        if get_settings().is_production:  # belt and braces: the page is not even registered
            return rx.redirect(routes.LOGIN)
        with db.session_scope() as session:
            user = session.exec(select(User).where(User.phone == phone)).first()
            if user is None or user.is_blocked:
                return None
            user.last_login_at = utcnow()  # as a real login does (team and admin lists show it)
            session.add(user)
            audit.record(session, "login.succeeded", actor=audit.By(user_id=user.id),
                         target_type="user", target_id=user.id,
                         details={"method": "dev_login"})
            return self._sign_in(session, user, routes.APP)


@public_page(routes.DEV_INBOX, title="title.dev_inbox", on_load=DevToolsState.load_inbox)
def dev_inbox_page() -> rx.Component:
    S = DevToolsState
    return auth_card(
        rx.heading(T["dev.inbox"], size="6"),
        rx.button(rx.icon("refresh-cw", size=14), "Обновить", variant="soft", size="2",
                  on_click=S.load_inbox),
        rx.cond(S.inbox.length() > 0,
                rx.vstack(rx.foreach(S.inbox, lambda m: rx.card(
                    rx.text(m["phone"], " · ", m["at"], size="1", color=rx.color("gray", 10)),
                    rx.text(m["text"], size="2", class_name="dev-message"), width="100%")),
                    width="100%"),
                rx.text(T["dev.inbox_empty"], size="2", color=rx.color("gray", 11))),
    )


@public_page(routes.DEV_LOGIN, title="title.dev_login")
def dev_login_page() -> rx.Component:
    S = DevToolsState
    return auth_card(
        rx.heading("Dev login", size="6"),
        rx.foreach(S.demo_users, lambda u: rx.button(
            u[1], " (", u[2], ")", width="100%", variant="soft", on_click=S.login_as(u[0]))),
    )
