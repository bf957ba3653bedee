"""`/app/m/shop/promos`: the shop's promo codes with their uses and the revenue of their paid
orders, and the form to add or edit one (admins). What was typed stays when it is refused."""

from dataclasses import dataclass

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.forms import field_error
from tochka_app.i18n import format_money
from tochka_app.modules.shop import promo_form, promos, routes
from tochka_app.modules.shop.models import PromoKind
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.services.errors import parse_id
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can

T = I18nState.t
EMPTY = dict.fromkeys(promo_form.FORM_FIELDS, "") | {"kind": PromoKind.percent, "active": "on"}


@dataclass
class PromoLine:
    id: str
    code: str
    discount: str
    uses: str  # "2 / 10 · 1 ждёт оплаты"
    orders: str
    revenue: str
    active: bool


class ShopPromosState(ModuleState):
    rows: list[PromoLine] = []
    editing_id: str = ""
    values: dict[str, str] = EMPTY
    form_key: int = 0

    def _module(self) -> str:
        return CODE

    def _reload(self, session, actor) -> None:
        lang = self.lang
        self.rows = [
            PromoLine(
                str(r.promo.id),
                r.promo.code,
                f"{r.promo.percent} %"
                if r.promo.kind == PromoKind.percent
                else format_money(r.promo.amount_kopecks, lang),
                f"{r.promo.uses} / {r.promo.max_uses or '∞'}"
                + (f" (+{r.promo.reserved})" if r.promo.reserved else ""),
                str(r.orders),
                format_money(r.revenue_kopecks, lang),
                r.promo.active,
            )
            for r in promos.table(session, actor)
        ]

    @rx.event
    def load(self):
        return self._load_page(ShopPermission.view)

    @rx.event
    def new(self):
        self.editing_id, self.values = "", dict(EMPTY)
        self.form_key += 1
        self._clear_feedback()

    @rx.event
    def edit(self, promo_id: str):
        return self._run(
            ShopPermission.view,
            lambda session, actor: promo_form.form_of(
                session,
                promos.own_promo(session, actor.tenant_id, parse_id(promo_id)),
                self._zone(session, actor.tenant_id),
            ),
            reload=False,
            then=lambda values: self._editing(promo_id, values),
        )

    def _editing(self, promo_id: str, values: dict[str, str]) -> None:
        self.editing_id, self.values = promo_id, values
        self.form_key += 1

    @rx.event
    def set_kind(self, kind: str):
        self.values = {**self.values, "kind": kind[:16]}

    @rx.event
    def save(self, form: dict):
        typed = {k: str(form.get(k, "") or "")[:500] for k in promo_form.FORM_FIELDS}
        typed["kind"] = self.values.get("kind", PromoKind.percent)
        self.values, editing = typed, self.editing_id

        def save(session, actor) -> int:
            data = promo_form.parse_form(
                session, actor.tenant_id, typed, self._zone(session, actor.tenant_id)
            )
            return promos.save(session, actor, parse_id(editing) if editing else None, data)

        return self._run(
            ShopPermission.catalog,
            save,
            then=lambda _: [ShopPromosState.new, self._done("shop.promo_saved")],
        )


def _field(key: str, label: str, **props) -> rx.Component:
    S = ShopPromosState
    return rx.vstack(
        rx.text(T[label], size="2", as_="label", html_for=f"promo-{key}"),
        rx.input(name=key, default_value=S.values[key], id=f"promo-{key}", width="100%", **props),
        field_error(S.field_errors, key),
        spacing="1",
        width="100%",
    )


def promo_editor() -> rx.Component:
    S = ShopPromosState
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(
                    rx.cond(S.editing_id == "", T["shop.promo_new"], S.values["code"]), size="4"
                ),
                rx.grid(
                    _field("code", "shop.promo.code", max_length=40, placeholder="LETO10"),
                    rx.vstack(
                        rx.text(T["shop.promo.kind"], size="2"),
                        rx.select.root(
                            rx.select.trigger(id="promo-kind", width="100%"),
                            rx.select.content(
                                *[
                                    rx.select.item(T[f"shop.promo.kind.{k.value}"], value=k.value)
                                    for k in PromoKind
                                ]
                            ),
                            value=S.values["kind"],
                            on_change=S.set_kind,
                        ),
                        spacing="1",
                        width="100%",
                    ),
                    _field("value", "shop.promo.value", inputmode="decimal"),
                    _field("min_order", "shop.promo.min_order", inputmode="decimal"),
                    _field("max_uses", "shop.promo.max_uses", inputmode="numeric"),
                    _field("max_per_customer", "shop.promo.max_per_customer", inputmode="numeric"),
                    _field("valid_from", "shop.promo.valid_from", type="date"),
                    _field("valid_until", "shop.promo.valid_until", type="date"),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    gap="3",
                    width="100%",
                ),
                _field("description", "shop.promo.description", max_length=300),
                _field("products", "shop.promo.products", placeholder="TR-101, TR-102"),
                _field("categories", "shop.promo.categories", placeholder="t-shirts"),
                rx.checkbox(
                    T["shop.promo.active"],
                    name="active",
                    default_checked=S.values["active"] == "on",
                    id="promo-active",
                ),
                rx.hstack(
                    rx.button(T["shop.save"], type="submit", id="promo-save"),
                    rx.cond(
                        S.editing_id != "",
                        rx.button(T["shop.cancel"], variant="soft", type="button", on_click=S.new),
                    ),
                    spacing="2",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=S.save,
            key=S.form_key.to_string(),
            width="100%",
        ),
        width="100%",
    )


def _row(row: PromoLine) -> rx.Component:
    S = ShopPromosState
    return rx.table.row(
        rx.table.cell(rx.code(row.code)),
        rx.table.cell(row.discount),
        rx.table.cell(row.uses),
        rx.table.cell(row.orders),
        rx.table.cell(row.revenue),
        rx.table.cell(
            rx.cond(
                row.active,
                rx.badge(T["shop.promo.active"], color_scheme="grass"),
                rx.badge("—", color_scheme="gray"),
            )
        ),
        rx.table.cell(rx.button(T["shop.edit"], size="1", variant="soft", on_click=S.edit(row.id))),
        class_name="promo-row",
        data_code=row.code,
    )


@app_page(routes.PROMOS, title="title.shop_promos", on_load=ShopPromosState.load)
def promos_page() -> rx.Component:
    S = ShopPromosState
    return rx.vstack(
        rx.heading(T["shop.promos"], size="7"),
        rx.card(
            rx.cond(
                S.rows.length() == 0,
                rx.text(T["shop.promo.none"], color=rx.color("gray", 11)),
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                *[
                                    rx.table.column_header_cell(T[key])
                                    for key in (
                                        "shop.promo.code",
                                        "shop.discount",
                                        "shop.promo.uses",
                                        "shop.col.orders",
                                        "shop.promo.revenue",
                                        "shop.col.status",
                                    )
                                ],
                                rx.table.column_header_cell(""),
                            )
                        ),
                        rx.table.body(rx.foreach(S.rows, _row)),
                        width="100%",
                    ),
                    overflow_x="auto",
                    width="100%",
                ),
            ),
            width="100%",
            id="promos",
        ),
        rx.cond(can(ShopPermission.catalog), promo_editor()),
        spacing="4",
        width="100%",
    )
