import reflex as rx

from tochka_app import db, routes
from tochka_app.components.layout import MAX_WIDTH, logo
from tochka_app.services import stats
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t


class AdminDashboardState(AdminSessionState):
    figures: dict[str, int] = {}

    @rx.event
    def load(self):
        with db.session_scope() as session:
            if self._admin(session) is None:
                return rx.redirect(routes.ADMIN_LOGIN)
            numbers = stats.platform_stats(session)
        self.figures = {"tenants": numbers.tenants, "users": numbers.users,
                        "modules": numbers.modules, "subscriptions": numbers.live_subscriptions}


@rx.page(route=routes.ADMIN, title="Администратор — Точка Роста",
         on_load=[AdminSessionState.guard_admin, AdminDashboardState.load])
def admin_dashboard() -> rx.Component:
    S = AdminDashboardState
    return rx.vstack(
        rx.hstack(
            logo(),
            rx.hstack(rx.text(S.admin_name, size="2", id="admin-name"),
                      rx.button(T["app.logout"], variant="soft", size="2", on_click=S.admin_logout,
                                id="admin-logout"), spacing="3", align="center"),
            justify="between", width="100%", max_width=MAX_WIDTH, margin_x="auto",
            padding="12px 16px",
        ),
        rx.box(
            rx.heading(T["admin.title"], size="7", margin_bottom="16px", id="admin-title"),
            rx.grid(
                *[rx.card(rx.text(label, size="2", color=rx.color("gray", 11)),
                          rx.heading(S.figures[key], size="7"), size="2")
                  for key, label in (("tenants", "Tenants"), ("users", "Users"),
                                     ("modules", "Modules"), ("subscriptions", "Subscriptions"))],
                columns=rx.breakpoints(initial="2", md="4"), spacing="4", width="100%",
            ),
            max_width=MAX_WIDTH, margin_x="auto", padding="16px", width="100%",
        ),
        width="100%", spacing="0",
    )
