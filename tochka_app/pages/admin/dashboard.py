"""`/admin`: platform figures with charts over a date range."""

from datetime import UTC, date, datetime, timedelta

import reflex as rx

from tochka_app import routes
from tochka_app.components.admin_layout import admin_page
from tochka_app.components.charts import chart
from tochka_app.i18n import format_money, format_number, localized
from tochka_app.i18n.labels import month_label
from tochka_app.services.admin import dashboard
from tochka_app.state.admin_session import AdminSessionState
from tochka_app.state.i18n import I18nState

T = I18nState.t
DEFAULT_DAYS = 30
MAX_DAYS = 366


def _day(raw: str, fallback: date) -> date:
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return fallback


class AdminDashboardState(AdminSessionState):
    figures: dict[str, str] = {}
    signups: list[dict[str, int | str]] = []
    revenue: list[dict[str, int | str]] = []
    adoption: list[dict[str, int | str]] = []
    date_from: str = ""
    date_to: str = ""

    def _reload(self, session) -> None:
        today = datetime.now(UTC).date()  # the service counts UTC days
        end = _day(self.date_to, today)
        start = _day(self.date_from, end - timedelta(days=DEFAULT_DAYS - 1))
        start = max(min(start, end), end - timedelta(days=MAX_DAYS))
        self.date_from, self.date_to = start.isoformat(), end.isoformat()
        data = dashboard.dashboard(session, start, end)
        n = lambda v: format_number(v, self.lang)  # noqa: E731
        self.figures = {
            "users": n(data.users),
            "tenants": n(data.tenants),
            "active": n(data.by_status.get("active", 0)),
            "trial": n(data.by_status.get("trial", 0)),
            "past_due": n(data.by_status.get("past_due", 0)),
            "mrr": format_money(data.mrr_kopecks, self.lang),
        }
        self.signups = [{"day": d.strftime("%d.%m"), "users": c} for d, c in data.signups]
        self.revenue = [
            {"month": month_label(m, self.lang), "rub": v // 100} for m, v in data.revenue
        ]
        self.adoption = [
            {"module": localized(name, self.lang) or code, "tenants": c}
            for code, name, c in data.adoption
        ]

    @rx.event
    def load(self):
        return self._admin_load()

    @rx.event
    def set_range(self, form: dict):
        self.date_from, self.date_to = str(form.get("from", ""))[:10], str(form.get("to", ""))[:10]
        return self._admin_load()


def figure(key: str, label_key: str) -> rx.Component:
    S = AdminDashboardState
    return rx.card(
        rx.text(T[label_key], size="2", color=rx.color("gray", 11)),
        rx.heading(S.figures[key], size="6", id=f"figure-{key}"),
        size="2",
    )


@admin_page(routes.ADMIN, title="title.admin", on_load=AdminDashboardState.load)
def admin_dashboard() -> rx.Component:
    S = AdminDashboardState
    return rx.vstack(
        rx.heading(T["admin.title"], size="7", id="admin-title"),
        rx.form(
            rx.hstack(
                rx.input(
                    type="date",
                    name="from",
                    default_value=S.date_from,
                    key=S.date_from,
                    id="range-from",
                ),
                rx.input(
                    type="date", name="to", default_value=S.date_to, key=S.date_to, id="range-to"
                ),
                rx.button(T["audit.apply"], type="submit", id="range-apply"),
                spacing="2",
                wrap="wrap",
            ),
            on_submit=S.set_range,
            reset_on_submit=False,
        ),
        rx.grid(
            figure("users", "admin.fig.users"),
            figure("tenants", "admin.fig.tenants"),
            figure("active", "admin.fig.active"),
            figure("trial", "admin.fig.trial"),
            figure("past_due", "admin.fig.past_due"),
            figure("mrr", "admin.fig.mrr"),
            columns=rx.breakpoints(initial="2", md="3", xl="6"),
            spacing="3",
            width="100%",
        ),
        rx.grid(
            chart("admin.chart.signups", S.signups, "day", "users", "area", "admin-chart"),
            chart("admin.chart.revenue", S.revenue, "month", "rub", class_name="admin-chart"),
            chart(
                "admin.chart.adoption", S.adoption, "module", "tenants", class_name="admin-chart"
            ),
            columns=rx.breakpoints(initial="1", lg="3"),
            spacing="4",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
