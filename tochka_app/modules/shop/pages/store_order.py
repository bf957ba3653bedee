"""`/s/<slug>/shop/order/<number>?key=…`: an order's status for the customer — by its secret link
(no login needed; it is also where YooKassa sends the customer back, so the page asks YooKassa
about an unfinished payment itself), or from "my orders" when signed in."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db
from tochka_app.components.site import site_page
from tochka_app.i18n import format_datetime, format_money, gettext_
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import checkout, orders, payments, routes
from tochka_app.modules.shop.models import OrderStatus, PaymentStatus, ShopOrder
from tochka_app.modules.shop.pages.checkout import pay_url
from tochka_app.modules.shop.pages.store_state import StoreState
from tochka_app.modules.shop.pages.storefront import shop_nav
from tochka_app.modules.shop.rules import ShopError
from tochka_app.modules.shop.tables import ORDER_PREFIX
from tochka_app.services.errors import ServiceError
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState

T = I18nState.t


@dataclass
class OrderLine:
    text: str
    total: str
    note: str = ""  # a preorder line's wave and its status


class ShopStoreOrderState(StoreState):
    order_found: bool = True
    number: str = ""
    status: str = ""
    status_label: str = ""
    payment_label: str = ""
    paid: bool = False
    can_pay: bool = False  # unpaid and still reserved: the customer may (re)open the payment
    tracking: str = ""
    created: str = ""
    total: str = ""
    discount: str = ""  # "−100 ₽ (LETO10)"
    refunded: str = ""  # money given back so far
    lines: list[OrderLine] = []

    def _find(self, session, tenant_id: int) -> ShopOrder | None:
        """The order this visitor may see — by the secret link in the address or as the
        signed-in customer's own — or None ("not found")."""
        params = self.router.page.params
        number, secret = str(params.get("order", "")), str(params.get("key", ""))[:100]
        if not number.isdigit() or len(number) > 9:
            return None
        customer = self._customer(session, tenant_id)
        return checkout.find_order(
            session,
            tenant_id,
            int(number),
            secret=secret,
            key=get_settings().signing_key,
            customer_id=customer.id if customer else None,
        )

    @rx.event
    def load(self):
        self.order_found = False
        with db.session_scope() as session:
            tenant, redirect = self._open_store(session)
            if tenant is None or tenant.id is None:
                return redirect
            tenant_id, order = tenant.id, self._find(session, tenant.id)
            if order is None:
                return None
            pending = order.payment_status == PaymentStatus.pending
        if pending:  # back from YooKassa: ask it now rather than wait for the notification
            payments.recheck(db.session_scope, tenant_id, order.id or 0, get_settings())
        with db.session_scope() as session:
            if (order := self._find(session, tenant_id)) is not None:
                self._show(session, order)
        return None

    def _show(self, session, order: ShopOrder) -> None:
        items, lang = orders.lines_of(session, order), self.lang
        self.order_found = True
        self.number = checkout.order_label(ORDER_PREFIX, order.number)
        self.status = order.status
        self.status_label = gettext_(lang, f"shop.order_status.{order.status}")
        self.payment_label = gettext_(lang, f"shop.payment_status.{order.payment_status}")
        self.paid = order.payment_status == PaymentStatus.succeeded
        self.can_pay = (
            order.status == OrderStatus.awaiting_payment
            and order.payment_status == PaymentStatus.pending
            and order.reserved_until is not None
            and order.reserved_until > utcnow()
        )
        self.tracking = order.tracking_number
        self.created = format_datetime(order.created_at, lang, "short")
        self.total = format_money(order.total_kopecks, lang)
        self.refunded = format_money(order.refunded_kopecks, lang) if order.refunded_kopecks else ""
        self.discount = (
            f"−{format_money(order.discount_kopecks, lang)} ({order.promo_code})"
            if order.discount_kopecks
            else ""
        )
        notes = orders.wave_notes(session, items, lang)
        self.lines = [
            OrderLine(
                f"{i.name} {i.variant_label} × {i.quantity}".strip(),
                format_money(i.price_kopecks * i.quantity, lang),
                notes.get(i.id or 0, ""),
            )
            for i in items
        ]

    @rx.event
    def pay(self):
        """Back to YooKassa for an unpaid order: its pending payment, or a new one."""
        with db.session_scope() as session:
            tenant, _ = self._open_store(session)
            order = self._find(session, tenant.id) if tenant and tenant.id else None
        if tenant is None or tenant.id is None or order is None:
            return None
        tenant_id = tenant.id
        url = pay_url(tenant_id, order.id or 0, str(self.router.url))  # back here, key and all
        if url is None:
            return self._refuse(ServiceError(ShopError.kassa_unreachable))
        return rx.redirect(url)


@site_page(
    routes.STORE_ORDER,
    title="title.shop_order",
    on_load=ShopStoreOrderState.load,
    max_width="760px",
)
def store_order_view() -> rx.Component:
    S = ShopStoreOrderState
    return rx.vstack(
        shop_nav(),
        rx.cond(
            S.order_found,
            rx.vstack(
                rx.heading(T["shop.order"], " ", S.number, size="7", id="store-order-number"),
                rx.text(S.created, size="2", color=rx.color("gray", 11)),
                rx.hstack(
                    rx.badge(S.status_label, size="3", id="store-order-status"),
                    rx.badge(
                        S.payment_label,
                        size="3",
                        color_scheme=rx.cond(S.paid, "green", "gray"),
                        id="store-order-payment",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                rx.cond(
                    S.tracking != "",
                    rx.text(
                        T["shop.tracking"], ": ", rx.code(S.tracking), id="store-order-tracking"
                    ),
                ),
                rx.cond(
                    S.can_pay,
                    rx.button(
                        T["shop.checkout.pay"],
                        " ",
                        S.total,
                        size="3",
                        on_click=S.pay,
                        id="order-pay",
                    ),
                ),
                rx.card(
                    rx.vstack(
                        rx.foreach(
                            S.lines,
                            lambda line: rx.vstack(
                                rx.hstack(
                                    rx.text(line.text, size="2"),
                                    rx.spacer(),
                                    rx.text(line.total, size="2"),
                                    width="100%",
                                ),
                                rx.cond(
                                    line.note != "",
                                    rx.text(
                                        line.note,
                                        size="1",
                                        color=rx.color("amber", 11),
                                        class_name="wave-note",
                                    ),
                                ),
                                spacing="1",
                                width="100%",
                            ),
                        ),
                        rx.divider(),
                        rx.cond(
                            S.discount != "",
                            rx.hstack(
                                rx.text(T["shop.discount"], size="2"),
                                rx.spacer(),
                                rx.text(S.discount, size="2", id="store-order-discount"),
                                width="100%",
                            ),
                        ),
                        rx.hstack(
                            rx.text(T["shop.total"], weight="bold"),
                            rx.spacer(),
                            rx.text(S.total, weight="bold"),
                            width="100%",
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    width="100%",
                ),
                rx.cond(
                    S.refunded != "",
                    rx.callout.root(
                        rx.callout.icon(rx.icon("undo-2")),
                        rx.callout.text(T["shop.refunded"], ": ", S.refunded),  # one <p>
                        color_scheme="blue",
                        id="store-order-refunded",
                    ),
                ),
                rx.text(T["shop.order.keep_link"], size="1", color=rx.color("gray", 10)),
                spacing="4",
                width="100%",
            ),
            rx.text(T["shop.order.not_found"], id="store-order-not-found"),
        ),
        spacing="5",
        width="100%",
    )
