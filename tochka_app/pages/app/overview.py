import reflex as rx

from tochka_app import db, routes
from tochka_app.components.app_layout import app_page
from tochka_app.components.invites import InvitesState, pending_invites
from tochka_app.services import workspace
from tochka_app.state.i18n import I18nState
from tochka_app.state.session import SessionState

T = I18nState.t


class OverviewState(SessionState):
    members: int = 0
    modules_enabled: int = 0
    tariff: str = ""
    subscription_status: str = ""
    days_left: int = 0

    @rx.event
    def load(self):
        with db.session_scope() as session:
            if self._require_member(session) is None:
                return rx.redirect(routes.LOGIN)
            figures = workspace.overview(session, self.tenant_id, self.lang)
        self.members, self.modules_enabled = figures.members, figures.modules_enabled
        self.tariff, self.subscription_status = figures.tariff, figures.subscription_status
        self.days_left = figures.days_left


def role_label(role) -> rx.Component:
    return rx.match(role, ("owner", T["app.role.owner"]), ("admin", T["app.role.admin"]),
                    T["app.role.staff"])


def stat_card(label_key: str, value, icon: str, card_id: str) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.center(rx.icon(icon, size=20), width="40px", height="40px", border_radius="10px",
                      background=rx.color("grass", 3), color=rx.color("grass", 11)),
            rx.vstack(rx.text(T[label_key], size="2", color=rx.color("gray", 11)),
                      rx.heading(value, size="6", id=card_id), spacing="0"),
            spacing="3", align="center",
        ),
        size="2", width="100%",
    )


@app_page(routes.APP, title="Обзор — Точка Роста",
          on_load=[OverviewState.load, InvitesState.load_invites])
def overview() -> rx.Component:
    S = OverviewState
    return rx.vstack(
        rx.heading(T["app.overview"], size="7"),
        rx.text(S.tenant_name, " · ", role_label(S.role), color=rx.color("gray", 11),
                id="overview-subtitle"),
        pending_invites(),
        rx.grid(
            stat_card("app.tariff", S.tariff, "credit-card", "overview-tariff"),
            stat_card("app.period_left", S.days_left, "calendar", "overview-days-left"),
            stat_card("app.members", S.members, "users", "overview-members"),
            stat_card("app.modules", S.modules_enabled, "layout-grid", "overview-modules"),
            columns=rx.breakpoints(initial="1", sm="2", lg="4"), spacing="4", width="100%",
        ),
        spacing="5", width="100%",
    )
