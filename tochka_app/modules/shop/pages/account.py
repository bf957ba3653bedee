"""`/s/<slug>/shop/account`: a customer's orders on this site (sign in by phone code first)."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db
from tochka_app.components.site import site_page
from tochka_app.i18n import format_datetime, format_money, gettext_
from tochka_app.modules.shop import checkout, customers, routes
from tochka_app.modules.shop.pages.customer_login import ShopLoginState, login_form
from tochka_app.modules.shop.pages.storefront import shop_nav
from tochka_app.modules.shop.tables import ORDER_PREFIX
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclass
class MyOrder:
    number: str
    when: str
    total: str
    status: str
    href: str


class ShopAccountState(ShopLoginState):
    my_orders: list[MyOrder] = []

    @rx.event
    def load(self):
        self.my_orders = []
        with db.session_scope() as session:
            tenant, redirect = self._open_store(session)
            if tenant is None or tenant.id is None:
                return redirect
            customer = self._customer(session, tenant.id)
            if customer is None:
                return None
            self.my_orders = [
                MyOrder(
                    checkout.order_label(ORDER_PREFIX, o.number),
                    format_datetime(o.created_at, self.lang, "short"),
                    format_money(o.total_kopecks, self.lang),
                    gettext_(self.lang, f"shop.order_status.{o.status}"),
                    routes.store_order(self.site_slug, o.number),
                )
                for o in customers.orders_of(session, customer)
            ]
        return None


@site_page(
    routes.ACCOUNT, title="title.shop_account", on_load=ShopAccountState.load, max_width="760px"
)
def account_view() -> rx.Component:
    S = ShopAccountState
    return rx.vstack(
        shop_nav(),
        rx.heading(T["shop.my_orders"], size="7"),
        rx.cond(
            S.signed_in,
            rx.vstack(
                rx.hstack(
                    rx.text(S.customer_phone, size="2", color=rx.color("gray", 11)),
                    rx.button(
                        T["shop.login.sign_out"],
                        variant="ghost",
                        size="1",
                        on_click=ShopLoginState.sign_out,
                        id="customer-sign-out",
                    ),
                    spacing="3",
                    align="center",
                ),
                rx.cond(
                    S.my_orders.length() == 0,
                    rx.text(T["shop.no_orders"], id="my-orders-empty"),
                    rx.vstack(
                        rx.foreach(
                            S.my_orders,
                            lambda o: rx.hstack(
                                rx.link(o.number, href=o.href, weight="medium"),
                                rx.text(o.when, size="2", color=rx.color("gray", 11)),
                                rx.spacer(),
                                rx.badge(o.status),
                                rx.text(o.total, weight="bold"),
                                width="100%",
                                align="center",
                                wrap="wrap",
                                class_name="my-order",
                            ),
                        ),
                        spacing="3",
                        width="100%",
                    ),
                ),
                spacing="4",
                width="100%",
            ),
            login_form(),
        ),
        spacing="5",
        width="100%",
    )
