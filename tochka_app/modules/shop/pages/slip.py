"""`/app/m/shop/slip/<id>`: the packing slip of an order, laid out for paper (no app shell; the
print button opens the browser's print dialog)."""

import reflex as rx

from tochka_app.components.titles import page_title
from tochka_app.modules.shop import routes
from tochka_app.modules.shop.pages.order import ShopOrderState, customer_block, items_table, sums
from tochka_app.state.i18n import I18nState

T = I18nState.t


@rx.page(
    route=routes.SLIP, title=page_title(routes.SLIP, "title.shop_slip"), on_load=ShopOrderState.load
)
def slip_page() -> rx.Component:
    S = ShopOrderState
    return rx.box(
        rx.cond(
            S.found,
            rx.vstack(
                rx.hstack(
                    rx.heading(S.tenant_name, size="5"),
                    rx.spacer(),
                    rx.button(
                        rx.icon("printer", size=14),
                        T["shop.print"],
                        on_click=rx.call_script("window.print()"),
                        class_name="no-print",
                        id="slip-print",
                    ),
                    width="100%",
                ),
                rx.heading(T["shop.slip"], " ", S.number, size="6", id="slip-number"),
                rx.text(S.created, size="2"),
                customer_block(),
                items_table(),
                sums(),
                spacing="4",
                width="100%",
            ),
            rx.text(T["shop.not_found"]),
        ),
        rx.el.style("@media print { .no-print { display: none !important; } }"),
        max_width="800px",
        margin="0 auto",
        padding="32px 16px",
    )
