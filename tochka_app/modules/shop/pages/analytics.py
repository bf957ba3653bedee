"""`/app/m/shop/analytics`: the shop's figures for a day, a week or a month against the period
before, revenue by day, top products, the funnel, promo codes and preorder waves."""

from dataclasses import dataclass

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.charts import chart
from tochka_app.i18n import format_money, gettext_
from tochka_app.modules.shop import analytics, routes
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState

T = I18nState.t


@dataclass
class Kpi:
    key: str
    value: str
    change: str  # "+12 %" against the period before, or ""
    up: bool


@dataclass
class Row:
    name: str
    first: str
    second: str


class ShopAnalyticsState(ModuleState):
    period: str = "week"
    kpis: list[Kpi] = []
    days: list[dict] = []  # {"day": "01.12", "rub": 1234}
    top: list[Row] = []
    funnel: list[Row] = []
    promo_rows: list[Row] = []
    wave_rows: list[Row] = []

    def _module(self) -> str:
        return CODE

    def _reload(self, session, actor) -> None:
        board = analytics.dashboard(session, actor, self.period)
        lang = self.lang

        def kpi(key: str, now: int, before: int, money: bool) -> Kpi:
            delta = analytics.change(now, before)
            return Kpi(
                key,
                format_money(now, lang) if money else str(now),
                "" if delta is None else f"{delta:+d} %",
                delta is not None and delta >= 0,
            )

        self.kpis = [
            kpi("revenue", board.now.revenue_kopecks, board.before.revenue_kopecks, True),
            kpi("orders", board.now.orders, board.before.orders, False),
            kpi("average", board.now.average_kopecks, board.before.average_kopecks, True),
        ]
        self.days = [
            {"day": p.day.strftime("%d.%m"), "rub": p.revenue_kopecks // 100} for p in board.days
        ]
        self.top = [
            Row(t.name, str(t.units), format_money(t.revenue_kopecks, lang)) for t in board.top
        ]
        f = board.funnel
        steps = (
            ("views", f.views),
            ("carts", f.carts),
            ("checkouts", f.checkouts),
            ("paid", f.paid),
        )
        self.funnel = [
            Row(
                gettext_(lang, f"shop.funnel.{key}"),
                str(n),
                f"{round(n * 100 / f.views)} %" if f.views else "",
            )
            for key, n in steps
        ]
        self.promo_rows = [
            Row(r.promo.code, str(r.orders), format_money(r.revenue_kopecks, lang))
            for r in board.promos
        ]
        self.wave_rows = [
            Row(
                f"{w.product} · {gettext_(lang, 'shop.wave')} {w.number}",
                f"{w.taken} / {w.capacity}",
                gettext_(lang, f"shop.wave_status.{w.status}"),
            )
            for w in board.waves
        ]

    @rx.event
    def load(self):
        return self._load_page(ShopPermission.view)

    @rx.event
    def set_period(self, period: str | list[str]):
        chosen = period if isinstance(period, str) else ""
        self.period = chosen if chosen in analytics.PERIODS else "week"
        return self._load_page(ShopPermission.view)


def _kpi(k: Kpi) -> rx.Component:
    return rx.card(
        rx.text(T[f"shop.kpi.{k.key}"], size="2", color=rx.color("gray", 11)),
        rx.heading(k.value, size="6"),
        rx.cond(
            k.change != "",
            rx.text(
                k.change,
                " ",
                T["shop.kpi.vs_before"],
                size="1",
                color=rx.cond(k.up, rx.color("grass", 11), rx.color("red", 11)),
            ),
        ),
        class_name="kpi",
        data_key=k.key,
    )


def _table(title: str, rows, heads: tuple[str, str, str], table_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(T[title], size="3"),
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(T[h]) for h in heads])),
                rx.table.body(
                    rx.foreach(
                        rows,
                        lambda r: rx.table.row(
                            rx.table.cell(r.name), rx.table.cell(r.first), rx.table.cell(r.second)
                        ),
                    )
                ),
                size="1",
                width="100%",
            ),
            width="100%",
        ),
        width="100%",
        id=table_id,
    )


@app_page(routes.ANALYTICS, title="title.shop_analytics", on_load=ShopAnalyticsState.load)
def analytics_page() -> rx.Component:
    S = ShopAnalyticsState
    return rx.vstack(
        rx.flex(
            rx.heading(T["shop.analytics"], size="7"),
            rx.spacer(),
            rx.segmented_control.root(
                *[
                    rx.segmented_control.item(T[f"shop.period.{p}"], value=p)
                    for p in analytics.PERIODS
                ],
                value=S.period,
                on_change=S.set_period,
                id="analytics-period",
            ),
            width="100%",
            align="center",
            wrap="wrap",
            gap="3",
        ),
        rx.grid(
            rx.foreach(S.kpis, _kpi),
            columns=rx.breakpoints(initial="1", sm="3"),
            gap="3",
            width="100%",
        ),
        chart("shop.chart.revenue", S.days, "day", "rub", class_name="shop-chart"),
        rx.grid(
            _table(
                "shop.top_products",
                S.top,
                ("shop.col.name", "shop.units", "shop.promo.revenue"),
                "top-products",
            ),
            _table(
                "shop.funnel",
                S.funnel,
                ("shop.funnel.step", "shop.funnel.count", "shop.funnel.share"),
                "funnel",
            ),
            _table(
                "shop.promos",
                S.promo_rows,
                ("shop.promo.code", "shop.col.orders", "shop.promo.revenue"),
                "promo-figures",
            ),
            _table(
                "shop.waves_title",
                S.wave_rows,
                ("shop.wave", "shop.wave_places", "shop.col.status"),
                "wave-figures",
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            gap="3",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )
