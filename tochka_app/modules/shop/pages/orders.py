"""`/app/m/shop/orders`: the orders table (search by number or phone, filters by status,
payment and period, CSV)."""

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.data_table import data_table
from tochka_app.modules.shop import routes, tables
from tochka_app.modules.shop.models import OrderStatus, PaymentStatus
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.table import ModuleTableState

T = I18nState.t


class ShopOrdersState(ModuleTableState, ModuleState):  # a non-mixin base: not a mixin itself
    def _module(self) -> str:
        return CODE

    def _spec(self):
        return tables.ORDERS_TABLE

    def _table_permission(self) -> str:
        return ShopPermission.view

    def _export_path(self) -> str:
        return routes.EXPORT.format(name="orders")


@app_page(routes.ORDERS, title="title.shop_orders", on_load=ShopOrdersState.load_table)
def orders_page() -> rx.Component:
    return rx.vstack(
        rx.heading(T["shop.orders"], size="7"),
        data_table(
            ShopOrdersState,
            tables.ORDERS_TABLE,
            filters={
                "order_status": [(s.value, f"shop.order_status.{s.value}") for s in OrderStatus],
                "payment": [(s.value, f"shop.payment_status.{s.value}") for s in PaymentStatus],
                "period": [
                    ("1", "shop.period.1"),
                    ("7", "shop.period.7"),
                    ("30", "shop.period.30"),
                ],
            },
        ),
        spacing="4",
        width="100%",
    )
