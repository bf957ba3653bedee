"""`/app/m/shop`: the products table (search, filters, sort, bulk archive / activate, CSV) with
the tariff's product meter."""

from dataclasses import dataclass

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.data_table import data_table
from tochka_app.i18n import gettext_
from tochka_app.modules.shop import catalog, routes, tables
from tochka_app.modules.shop.models import ProductStatus
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.services import entitlements
from tochka_app.services.errors import parse_id
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can
from tochka_app.state.table import ModuleTableState

T = I18nState.t


@dataclass
class CategoryOption:
    id: str
    label: str


class ShopProductsState(ModuleTableState, ModuleState):  # a non-mixin base: not a mixin
    category_options: list[CategoryOption] = []
    meter: str = ""  # "12 из 100 товаров"
    at_limit: bool = False

    def _module(self) -> str:
        return CODE

    def _spec(self):
        return tables.PRODUCTS_TABLE

    def _table_permission(self) -> str:
        return ShopPermission.view

    def _export_path(self) -> str:
        return routes.EXPORT.format(name="products")

    def _reload(self, session, actor) -> None:
        super()._reload(session, actor)
        self.category_options = [
            CategoryOption(str(c.id), ("— " if depth else "") + c.name)
            for c, depth in catalog.categories(session, actor.tenant_id)
        ]
        used = catalog.product_count(session, actor.tenant_id)
        limit = entitlements.limits(session, actor.tenant_id).max_products
        self.at_limit = not entitlements.within(limit, used + 1)
        self.meter = gettext_(
            self.lang,
            "shop.meter" if limit is not None else "shop.meter_unlimited",
            used=used,
            limit=limit or 0,
        )

    def _bulk(self, status: str):
        selected = [parse_id(i) for i in self.selected]
        return self._run(
            ShopPermission.catalog,
            lambda session, actor: catalog.set_status(session, actor, selected, status),
            done="shop.products_updated",
        )

    @rx.event
    def archive_selected(self):
        return self._bulk(ProductStatus.archived)

    @rx.event
    def activate_selected(self):
        return self._bulk(ProductStatus.active)

    @rx.event
    def pick_category(self, value: str):
        return self.set_filter("category", value)


@app_page(routes.PRODUCTS, title="title.shop_products", on_load=ShopProductsState.load_table)
def products_page() -> rx.Component:
    S = ShopProductsState
    return rx.vstack(
        rx.flex(
            rx.heading(T["shop.products"], size="7"),
            rx.spacer(),
            rx.cond(
                can(ShopPermission.catalog),
                rx.link(
                    rx.button(rx.icon("plus", size=16), T["shop.new_product"], id="new-product"),
                    href=routes.product("new"),
                ),
            ),
            width="100%",
            align="center",
            wrap="wrap",
            gap="3",
        ),
        rx.text(
            S.meter,
            size="2",
            color=rx.cond(S.at_limit, rx.color("amber", 11), rx.color("gray", 11)),
            id="product-meter",
        ),
        rx.select.root(
            rx.select.trigger(placeholder=T["shop.col.category"], id="filter-category"),
            rx.select.content(
                rx.select.item(T["admin.filter.all"], value="all"),
                rx.foreach(S.category_options, lambda c: rx.select.item(c.label, value=c.id)),
            ),
            on_change=S.pick_category,
            default_value="all",
        ),
        data_table(
            S,
            tables.PRODUCTS_TABLE,
            filters={
                "status": [
                    ("active", "shop.product_status.active"),
                    ("archived", "shop.product_status.archived"),
                ],
                "stock": [("in", "shop.stock.in"), ("out", "shop.stock.out")],
            },
            bulk=[
                ("shop.archive", S.archive_selected),
                ("shop.activate", S.activate_selected),
            ],
        ),
        spacing="4",
        width="100%",
    )
