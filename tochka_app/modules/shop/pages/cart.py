"""`/s/<slug>/shop/cart`: the cart with today's prices and what is left, saying plainly what
changed since a line was added (price, fewer left, sold out, gone) before checkout."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db
from tochka_app.components.site import site_page
from tochka_app.i18n import format_money
from tochka_app.modules.shop import cart, routes
from tochka_app.modules.shop.pages.store_state import StoreState
from tochka_app.modules.shop.pages.storefront import shop_nav
from tochka_app.modules.shop.rules import MAX_LINE_QUANTITY
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclass
class CartRow:
    variant_id: str
    name: str
    variant: str
    price: str
    quantity: int
    available: int
    total: str
    href: str
    price_changed: bool
    quantity_cut: bool
    sold_out: bool


class ShopCartState(StoreState):
    rows: list[CartRow] = []
    total: str = ""
    dropped: int = 0
    changed: bool = False
    ready: bool = False  # every line can be bought as shown

    def _show(self, session, tenant_id: int) -> None:
        view = cart.view(session, tenant_id, self._lines(session, tenant_id))
        lang = self.lang
        self.rows = [
            CartRow(
                str(line.variant_id),
                line.name,
                line.variant_label,
                format_money(line.price_kopecks, lang),
                line.quantity,
                line.available,
                format_money(line.price_kopecks * line.quantity, lang),
                routes.store_product(self.site_slug, line.product_id),
                line.price_changed,
                line.quantity_cut,
                line.sold_out,
            )
            for line in view.lines
        ]
        self.total, self.dropped, self.changed = (
            format_money(view.total_kopecks, lang),
            view.dropped,
            view.changed,
        )
        self.ready = bool(view.lines) and not any(line.sold_out for line in view.lines)
        # What the customer has now seen is what the cart keeps: the next change is news.
        self._keep(
            session,
            [
                cart.SavedLine(line.variant_id, line.quantity, line.price_kopecks)
                for line in view.lines
                if not line.sold_out
            ]
            + [
                cart.SavedLine(line.variant_id, 1, line.price_kopecks)
                for line in view.lines
                if line.sold_out
            ],
            self._customer(session, tenant_id),
        )

    @rx.event
    def load(self):
        with db.session_scope() as session:
            tenant, redirect = self._open_store(session)
            if tenant is None or tenant.id is None:
                self.rows = []
                return redirect
            self._show(session, tenant.id)
        return None

    @rx.event
    def set_quantity(self, variant_id: str, quantity: int):
        if not variant_id.isdigit():
            return None
        wanted = max(0, min(int(quantity), MAX_LINE_QUANTITY))

        def change(session, tenant_id: int) -> None:
            self._set_quantity(session, tenant_id, int(variant_id), wanted, -1)
            self._show(session, tenant_id)

        return self._store_run(change)

    @rx.event
    def remove(self, variant_id: str):
        return self.set_quantity(variant_id, 0)


def cart_row(row: CartRow) -> rx.Component:
    S = ShopCartState
    return rx.flex(
        rx.vstack(
            rx.link(row.name, href=row.href, weight="medium"),
            rx.text(row.variant, size="2", color=rx.color("gray", 11)),
            rx.cond(
                row.price_changed,
                rx.badge(T["shop.cart.price_changed"], color_scheme="amber", size="1"),
            ),
            rx.cond(
                row.quantity_cut,
                rx.badge(T["shop.cart.fewer_left"], color_scheme="amber", size="1"),
            ),
            rx.cond(row.sold_out, rx.badge(T["shop.cart.sold_out"], color_scheme="red", size="1")),
            spacing="1",
            flex="1",
            min_width="180px",
        ),
        rx.text(row.price, size="2"),
        rx.hstack(
            rx.icon_button(
                rx.icon("minus", size=14),
                size="1",
                variant="soft",
                on_click=S.set_quantity(row.variant_id, row.quantity - 1),
                aria_label=T["shop.cart.less"],
                disabled=row.sold_out,
                class_name="cart-less",
            ),
            rx.text(row.quantity, class_name="cart-quantity"),
            rx.icon_button(
                rx.icon("plus", size=14),
                size="1",
                variant="soft",
                on_click=S.set_quantity(row.variant_id, row.quantity + 1),
                aria_label=T["shop.cart.more"],
                disabled=row.quantity >= row.available,
                class_name="cart-more",
            ),
            align="center",
            spacing="2",
        ),
        rx.text(row.total, weight="bold", min_width="90px", text_align="right"),
        rx.icon_button(
            rx.icon("trash-2", size=14),
            size="1",
            variant="ghost",
            color_scheme="red",
            on_click=S.remove(row.variant_id),
            aria_label=T["shop.cart.remove"],
            class_name="cart-remove",
        ),
        gap="4",
        align="center",
        wrap="wrap",
        width="100%",
        padding_y="12px",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="cart-row",
        data_id=row.variant_id,
    )


@site_page(routes.CART, title="title.shop_cart", on_load=ShopCartState.load, max_width="960px")
def cart_view() -> rx.Component:
    S = ShopCartState
    return rx.vstack(
        shop_nav(),
        rx.heading(T["shop.cart"], size="7"),
        rx.cond(
            S.rows.length() == 0,
            rx.vstack(
                rx.text(T["shop.cart.empty"], id="cart-empty"),
                rx.link(T["shop.catalog"], href=routes.store(S.site_slug)),
                spacing="2",
            ),
            rx.vstack(
                rx.cond(
                    S.changed,
                    rx.callout(
                        T["shop.cart.changed"],
                        icon="info",
                        color_scheme="amber",
                        id="cart-changed",
                        width="100%",
                    ),
                ),
                rx.cond(
                    S.dropped > 0,
                    rx.text(T["shop.cart.dropped"], size="2", color=rx.color("gray", 11)),
                ),
                rx.foreach(S.rows, cart_row),
                rx.hstack(
                    rx.text(
                        T["shop.total"], ": ", rx.text.strong(S.total, id="cart-total"), size="4"
                    ),
                    rx.spacer(),
                    rx.cond(
                        S.ready,
                        rx.link(
                            rx.button(T["shop.checkout"], size="3", id="to-checkout"),
                            href=routes.store(S.site_slug, "/checkout"),
                        ),
                        rx.text(
                            T["shop.cart.remove_sold_out"], size="2", color=rx.color("red", 11)
                        ),
                    ),
                    width="100%",
                    align="center",
                    wrap="wrap",
                    gap="3",
                ),
                spacing="2",
                width="100%",
            ),
        ),
        spacing="5",
        width="100%",
    )
