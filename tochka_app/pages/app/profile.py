from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.forms import form_error
from tochka_app.i18n import format_date, format_datetime, gettext_
from tochka_app.pages.auth.external_state import ExternalAuthState
from tochka_app.services import user_agents
from tochka_app.services.access import Actor
from tochka_app.services.auth import accounts, external, sessions
from tochka_app.services.errors import parse_id
from tochka_app.services.permissions import Permission
from tochka_app.state import browser
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t


@dataclass
class DeviceRow:
    id: str
    device: str
    ip: str
    seen: str
    current: bool  # the browser looking at the page


@dataclass
class LinkedRow:
    id: str
    provider: str
    name: str
    since: str


class ProfileState(SessionState):
    """The person's own sessions, linked accounts and account. Any member may act here (it is
    their own, not the workspace's), so every handler asks only `Permission.view_workspace`."""

    devices: list[DeviceRow] = []
    linked: list[LinkedRow] = []

    def _reload(self, session: Session, actor: Actor) -> None:
        tz = self._zone(session, actor.tenant_id)
        unknown = gettext_(self.lang, "device.unknown")
        self.devices = [
            DeviceRow(
                str(s.id),
                user_agents.describe(s.user_agent) or unknown,
                s.ip or "—",
                format_datetime(s.last_seen_at, self.lang, "short", tz),
                s.id == actor.session_id,
            )
            for s in sessions.active_for_user(session, actor.user_id)
        ]
        self.linked = [
            LinkedRow(
                str(a.id),
                "Telegram" if a.provider == "telegram" else "VK ID",
                a.display_name or a.provider_user_id,
                format_date(a.linked_at, self.lang, "medium"),
            )
            for a in external.accounts_for(session, actor.user_id)
        ]

    @rx.event
    def load(self):
        return self._load_page(Permission.view_workspace)

    @rx.event
    def end_other_sessions(self):
        return self._run(
            Permission.view_workspace,
            lambda session, actor: sessions.end_others(
                session, actor.user_id, actor.session_id, actor.ip
            ),
            then=self._ended,
        )

    def _ended(self, count: int):
        return rx.toast.success(gettext_(self.lang, "profile.ended", count=count))

    @rx.event
    def unlink(self, account_id: str):
        return self._run(
            Permission.view_workspace,
            lambda session, actor: external.unlink(
                session, actor.user_id, parse_id(account_id), actor.ip
            ),
        )

    @rx.event
    def delete_account(self, form: dict):
        typed, reason = str(form.get("confirm", ""))[:20], str(form.get("reason", ""))[:500]
        return self._run(
            Permission.view_workspace,
            lambda session, actor: accounts.delete_own_account(session, actor, typed, reason),
            reload=False,
            then=self._deleted,
        )

    def _deleted(self, _result):
        self._clear()
        return browser.post_to(routes.LOGOUT, routes.LANDING)  # deletes the HttpOnly cookie


def section(title_key: str, *children) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(T[title_key], size="4"), *children, spacing="3", width="100%"),
        size="3",
        width="100%",
    )


def sessions_table() -> rx.Component:
    S = ProfileState
    return rx.vstack(
        rx.foreach(
            S.devices,
            lambda d: rx.hstack(
                rx.icon("monitor-smartphone", size=18),
                rx.vstack(
                    rx.text(d.device, size="2", trim="both", class_name="session-device"),
                    rx.text(d.ip, " · ", d.seen, size="1", color=rx.color("gray", 10)),
                    spacing="1",
                ),
                rx.cond(d.current, rx.badge(T["profile.this_device"], color_scheme="grass")),
                justify="between",
                width="100%",
                align="center",
                class_name="session-row",
            ),
        ),
        rx.text(S.zone_text, size="1", color=rx.color("gray", 10), class_name="zone-note"),
        rx.button(
            T["profile.end_others"],
            variant="soft",
            color_scheme="red",
            on_click=S.end_other_sessions,
            id="end-other-sessions",
        ),
        width="100%",
        spacing="3",
    )


def linked_accounts() -> rx.Component:
    S = ProfileState
    return rx.vstack(
        rx.cond(
            S.linked.length() == 0,
            rx.text(T["profile.no_accounts"], size="2", color=rx.color("gray", 11)),
        ),
        rx.foreach(
            S.linked,
            lambda a: rx.hstack(
                rx.text(a.provider, weight="medium", size="2"),
                rx.text(a.name, size="2"),
                rx.text(a.since, size="1", color=rx.color("gray", 10)),
                rx.button(
                    T["profile.unlink"],
                    size="1",
                    variant="ghost",
                    color_scheme="red",
                    on_click=S.unlink(a.id),
                ),
                justify="between",
                width="100%",
                align="center",
                class_name="linked-account",
            ),
        ),
        rx.hstack(
            rx.cond(
                ExternalAuthState.telegram_enabled,
                rx.button(
                    rx.icon("send", size=14),
                    T["profile.link_telegram"],
                    variant="outline",
                    id="link-telegram",
                    on_click=ExternalAuthState.start_telegram,
                ),
            ),
            rx.button(
                T["profile.link_vk"],
                variant="outline",
                on_click=ExternalAuthState.start_vk,
                id="link-vk",
            ),
            spacing="2",
            wrap="wrap",
        ),
        width="100%",
        spacing="2",
    )


def danger_zone() -> rx.Component:
    S = ProfileState
    return rx.form(
        rx.vstack(
            rx.text(T["profile.delete_text"], size="2", color=rx.color("gray", 11)),
            rx.input(
                name="reason", placeholder=T["profile.delete_reason"], max_length=500, width="100%"
            ),
            rx.input(
                name="confirm",
                placeholder=S.user_phone,
                max_length=20,
                width="100%",
                id="delete-confirm",
            ),
            form_error(S, "confirm", id="profile-error"),
            rx.button(T["profile.delete"], color_scheme="red", type="submit", id="delete-account"),
            spacing="2",
            width="100%",
        ),
        on_submit=S.delete_account,
        reset_on_submit=False,
        width="100%",
    )


@app_page(routes.PROFILE, title="title.profile", on_load=ProfileState.load)
def profile() -> rx.Component:
    return rx.vstack(
        rx.heading(T["profile.title"], size="7"),
        rx.text(ProfileState.user_name, " · ", ProfileState.user_phone, color=rx.color("gray", 11)),
        section("profile.sessions", sessions_table()),
        section("profile.accounts", linked_accounts()),
        section("profile.delete_title", danger_zone()),
        spacing="4",
        width="100%",
        max_width="760px",
    )
