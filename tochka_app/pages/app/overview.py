from dataclasses import dataclass
from typing import Any

import reflex as rx
from sqlmodel import Session

from tochka_app import routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.invites import InvitesState, pending_invites
from tochka_app.components.usage import UsageRow, usage_meters, usage_rows
from tochka_app.i18n import format_date
from tochka_app.services import audit_log, workspace
from tochka_app.services.access import Actor
from tochka_app.services.permissions import Permission
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t


ACTIVITY_DAYS = 30


@dataclass
class ActivityDay:
    """A point of the activity chart (its keys are the chart's data keys)."""

    day: str  # "22.11"
    events: int


class OverviewState(SessionState):
    members: int = 0
    modules_enabled: int = 0
    tariff: str = ""
    subscription_status: str = ""
    days_left: int = 0
    usage: list[UsageRow] = []
    activity: list[ActivityDay] = []

    def _reload(self, session: Session, actor: Actor) -> None:
        figures = workspace.overview(session, actor.tenant_id, self.lang)
        days = audit_log.activity_by_day(
            session, actor.tenant_id, ACTIVITY_DAYS, self.tenant_timezone
        )
        self.members, self.modules_enabled = figures.members, figures.modules_enabled
        self.tariff, self.subscription_status = figures.tariff, figures.subscription_status
        self.days_left = figures.days_left
        self.usage = usage_rows(figures.usage, self.lang)
        self.activity = [
            ActivityDay(format_date(day, self.lang, "dd.MM"), count) for day, count in days
        ]

    @rx.event
    def load(self):
        return self._load_page(Permission.view_workspace)

    @rx.var
    def is_new(self) -> bool:
        """A workspace with no module and nobody invited yet: show the first steps."""
        return self.modules_enabled == 0 and self.members <= 1


def role_label(role) -> rx.Component:
    return rx.match(
        role, ("owner", T["app.role.owner"]), ("admin", T["app.role.admin"]), T["app.role.staff"]
    )


def stat_card(label_key: str, value, icon: str, card_id: str) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.center(
                rx.icon(icon, size=20),
                width="40px",
                height="40px",
                border_radius="10px",
                background=rx.color("grass", 3),
                color=rx.color("grass", 11),
            ),
            rx.vstack(
                rx.text(T[label_key], size="2", color=rx.color("gray", 11)),
                rx.heading(value, size="6", id=card_id),
                spacing="0",
            ),
            spacing="3",
            align="center",
        ),
        size="2",
        width="100%",
    )


@app_page(
    routes.APP, title="title.overview", on_load=[OverviewState.load, InvitesState.load_invites]
)
def overview() -> rx.Component:
    S = OverviewState
    return rx.vstack(
        rx.heading(T["app.overview"], size="7"),
        rx.text(
            S.tenant_name,
            " · ",
            role_label(S.role),
            color=rx.color("gray", 11),
            id="overview-subtitle",
        ),
        pending_invites(),
        rx.cond(S.is_new, first_steps()),
        rx.grid(
            stat_card("app.tariff", S.tariff, "credit-card", "overview-tariff"),
            stat_card("app.period_left", S.days_left, "calendar", "overview-days-left"),
            stat_card("app.members", S.members, "users", "overview-members"),
            stat_card("app.modules", S.modules_enabled, "layout-grid", "overview-modules"),
            columns=rx.breakpoints(initial="1", sm="2", lg="4"),
            spacing="4",
            width="100%",
        ),
        rx.grid(
            usage_card(),
            activity_chart(),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
        spacing="5",
        width="100%",
    )


def first_steps() -> rx.Component:
    def step(icon: str, text_key: str, button_key: str, route: str, step_id: str):
        return rx.hstack(
            rx.icon(icon, size=18, color=rx.color("grass", 11)),
            rx.text(T[text_key], size="2", flex="1"),
            rx.link(rx.button(T[button_key], size="2", variant="soft"), href=route, id=step_id),
            align="center",
            width="100%",
            spacing="3",
            wrap="wrap",
        )

    return rx.card(
        rx.vstack(
            rx.heading(T["app.first_steps"], size="4"),
            step(
                "store",
                "app.first_steps.module",
                "app.first_steps.module_go",
                routes.MARKETPLACE_APP,
                "first-step-module",
            ),
            step(
                "user-plus",
                "app.first_steps.team",
                "app.first_steps.team_go",
                routes.TEAM,
                "first-step-team",
            ),
            step(
                "settings",
                "app.first_steps.settings",
                "app.first_steps.settings_go",
                routes.SETTINGS,
                "first-step-settings",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="first-steps",
    )


def usage_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T["app.usage"], size="4"),
            usage_meters(OverviewState.usage),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def activity_chart() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T["app.activity"], size="4"),
            rx.recharts.area_chart(
                rx.recharts.area(
                    data_key="events",
                    stroke=rx.color("grass", 9),
                    fill=rx.color("grass", 4),
                    type_="monotone",
                    is_animation_active=False,
                ),
                rx.recharts.x_axis(data_key="day", interval=6, font_size=11),
                rx.recharts.y_axis(allow_decimals=False, width=30, font_size=11),
                rx.recharts.graphing_tooltip(),
                # the points reach the chart as plain objects keyed by `data_key`
                data=OverviewState.activity.to(list[dict[str, Any]]),
                width="100%",
                height=200,
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="activity-chart",
    )
