"""`/app/m/shop/orders/<id>`: one order — items, sums, customer, delivery, payments, the timeline
of every change; moves along the transition table (shipping asks for the tracking number) and
staff notes. The packing slip (slip.py) shows the same state."""

from dataclasses import dataclass

import reflex as rx

from tochka_app.components.app_layout import app_page
from tochka_app.components.forms import field_error as shared_field_error
from tochka_app.components.table import table
from tochka_app.i18n import format_datetime, format_money, gettext_
from tochka_app.modules.shop import orders, routes
from tochka_app.modules.shop.checkout import order_label
from tochka_app.modules.shop.models import OrderStatus
from tochka_app.modules.shop.pages.order_refunds import ShopRefundsState, refunds_section
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.modules.shop.tables import ORDER_PREFIX
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can

T = I18nState.t


@dataclass
class ItemLine:
    name: str
    variant: str
    sku: str
    price: str
    quantity: str
    total: str
    note: str = ""  # a preorder line's wave and its status


@dataclass
class PaymentLine:
    reference: str
    amount: str
    status: str
    when: str


@dataclass
class EventLine:
    when: str
    text: str


@dataclass
class MoveOption:
    status: str
    label: str


class ShopOrderState(ModuleState):
    order_id: str = ""
    number: str = ""
    status: str = ""
    status_label: str = ""
    payment_label: str = ""
    created: str = ""
    customer_name: str = ""
    customer_phone: str = ""
    customer_email: str = ""
    delivery: str = ""
    comment: str = ""
    tracking: str = ""
    items_total: str = ""
    discount: str = ""
    total: str = ""
    items: list[ItemLine] = []
    payments: list[PaymentLine] = []
    events: list[EventLine] = []
    moves: list[MoveOption] = []
    found: bool = True
    note_key: int = 0

    def _module(self) -> str:
        return CODE

    def _reload(self, session, actor) -> None:
        param = str(self.router.page.params.get("order", ""))
        self.order_id = param if param.isdigit() else "0"
        try:
            view = orders.detail(session, actor, parse_id(self.order_id))
        except ServiceError:  # another tenant's order, or none: "not found", nothing of it shown
            self.found, self.items, self.events, self.payments, self.moves = False, [], [], [], []
            return
        self.found = True
        tz, lang, o = self._zone(session, actor.tenant_id), self.lang, view.order
        self.number = order_label(ORDER_PREFIX, o.number)
        self.status = o.status
        self.status_label = gettext_(lang, f"shop.order_status.{o.status}")
        self.payment_label = gettext_(lang, f"shop.payment_status.{o.payment_status}")
        self.created = format_datetime(o.created_at, lang, "short", tz)
        self.customer_name, self.customer_phone = o.customer_name, o.customer_phone
        self.customer_email, self.comment = o.customer_email, o.comment
        self.delivery = " · ".join(
            filter(
                None,
                (
                    o.delivery_address,
                    gettext_(lang, "shop.cdek_point", point=o.cdek_point) if o.cdek_point else "",
                ),
            )
        )
        self.tracking = o.tracking_number
        self.items_total = format_money(o.items_kopecks, lang)
        self.discount = (
            f"−{format_money(o.discount_kopecks, lang)} ({o.promo_code})"
            if o.discount_kopecks
            else ""
        )
        self.total = format_money(o.total_kopecks, lang)
        notes = orders.wave_notes(session, view.items, lang)
        self.items = [
            ItemLine(
                i.name,
                i.variant_label,
                i.sku,
                format_money(i.price_kopecks, lang),
                str(i.quantity),
                format_money(i.price_kopecks * i.quantity, lang),
                notes.get(i.id or 0, ""),
            )
            for i in view.items
        ]
        self.payments = [
            PaymentLine(
                p.provider_payment_id,
                format_money(p.amount_kopecks, lang),
                gettext_(lang, f"shop.payment_status.{p.status}"),
                format_datetime(p.created_at, lang, "short", tz),
            )
            for p in view.payments
        ]
        self.events = [
            EventLine(
                format_datetime(e.created_at, lang, "short", tz),
                orders.event_text(e.kind, e.details, lang),
            )
            for e in view.events
        ]
        self.moves = [
            MoveOption(s, gettext_(lang, f"shop.move.{s}")) for s in orders.NEXT.get(o.status, ())
        ]

    @rx.event
    def load(self):
        return self._load_page(ShopPermission.view)

    @rx.event
    def move(self, form: dict):
        status = str(form.get("status", ""))[:24]
        tracking = str(form.get("tracking_number", ""))[: orders.MAX_TRACKING + 1]
        order_id = self.order_id
        return self._run(
            ShopPermission.orders,
            lambda session, actor: orders.move(
                session, actor, parse_id(order_id), status, tracking
            ),
            done="shop.order_moved",
        )

    @rx.event
    def add_note(self, form: dict):
        text = str(form.get("note", ""))[: orders.MAX_NOTE + 1]
        order_id = self.order_id
        return self._run(
            ShopPermission.orders,
            lambda session, actor: orders.add_note(session, actor, parse_id(order_id), text),
            then=self._noted,
        )

    def _noted(self, _):
        self.note_key += 1  # a fresh, empty note field
        return self._done("shop.note_added")


def items_table() -> rx.Component:
    S = ShopOrderState
    return table(
        rx.table.header(
            rx.table.row(
                *[
                    rx.table.column_header_cell(T[f"shop.item.{key}"])
                    for key in ("name", "sku", "price", "quantity", "total")
                ]
            )
        ),
        rx.table.body(
            rx.foreach(
                S.items,
                lambda i: rx.table.row(
                    rx.table.cell(
                        rx.text(i.name, " ", rx.text.span(i.variant, color=rx.color("gray", 11))),
                        rx.cond(
                            i.note != "",
                            rx.text(i.note, size="1", color=rx.color("amber", 11)),
                        ),
                    ),
                    rx.table.cell(i.sku),
                    rx.table.cell(i.price),
                    rx.table.cell(i.quantity),
                    rx.table.cell(i.total),
                ),
            )
        ),
        id="order-items",
    )


def sums() -> rx.Component:
    S = ShopOrderState
    return rx.vstack(
        rx.cond(
            S.discount != "",
            rx.text(T["shop.discount"], ": ", S.discount, size="2", id="order-discount"),
        ),
        rx.text(T["shop.total"], ": ", rx.text.strong(S.total, id="order-total"), size="3"),
        align="end",
        width="100%",
    )


def customer_block() -> rx.Component:
    S = ShopOrderState
    return rx.vstack(
        rx.text(S.customer_name, weight="bold"),
        rx.text(S.customer_phone),
        rx.cond(S.customer_email != "", rx.text(S.customer_email)),
        rx.text(T["shop.delivery"], ": ", S.delivery),
        rx.cond(S.comment != "", rx.text(T["shop.comment"], ": ", S.comment)),
        rx.cond(
            S.tracking != "",
            rx.text(T["shop.tracking"], ": ", rx.code(S.tracking), id="order-tracking"),
        ),
        spacing="1",
        align="start",
    )


def move_form() -> rx.Component:
    S = ShopOrderState
    return rx.form(
        rx.vstack(
            rx.heading(T["shop.move_title"], size="4"),
            rx.radio_group.root(
                rx.vstack(
                    rx.foreach(S.moves, lambda m: rx.radio_group.item(m.label, value=m.status)),
                    spacing="2",
                ),
                name="status",
                id="order-move",
            ),
            rx.cond(
                S.status == OrderStatus.assembling,  # the next move may be "shipped"
                rx.vstack(
                    rx.text(T["shop.tracking"], size="2"),
                    rx.input(name="tracking_number", max_length=64, id="order-tracking-input"),
                    shared_field_error(S.field_errors, "tracking_number"),
                    spacing="1",
                ),
            ),
            shared_field_error(S.field_errors, "status"),
            rx.button(T["shop.move_do"], type="submit", id="order-move-submit"),
            spacing="3",
        ),
        on_submit=S.move,
        reset_on_submit=False,
    )


def notes_form() -> rx.Component:
    S = ShopOrderState
    return rx.form(
        rx.vstack(
            rx.text_area(
                name="note",
                rows="2",
                placeholder=T["shop.note_placeholder"],
                id="order-note",
                key=S.note_key.to_string(),
                width="100%",
            ),
            shared_field_error(S.field_errors, "note"),
            rx.button(T["shop.note_add"], type="submit", variant="soft", id="order-note-submit"),
            spacing="2",
            width="100%",
        ),
        on_submit=S.add_note,
        width="100%",
    )


@app_page(
    routes.ORDER, title="title.shop_order", on_load=[ShopOrderState.load, ShopRefundsState.load]
)
def order_page() -> rx.Component:
    S = ShopOrderState
    return rx.cond(
        S.found,
        rx.vstack(
            rx.link(T["shop.back_to_orders"], href=routes.ORDERS, size="2"),
            rx.flex(
                rx.heading(T["shop.order"], " ", S.number, size="6", id="order-number"),
                rx.badge(S.status_label, size="2", id="order-status"),
                rx.badge(S.payment_label, size="2", color_scheme="gray", id="order-payment"),
                rx.spacer(),
                rx.link(
                    rx.button(rx.icon("printer", size=14), T["shop.slip"], variant="soft"),
                    href=routes.slip(S.order_id),
                    id="order-slip",
                ),
                gap="3",
                align="center",
                wrap="wrap",
                width="100%",
            ),
            rx.text(S.created, size="2", color=rx.color("gray", 11)),
            rx.card(rx.vstack(items_table(), sums(), width="100%"), width="100%"),
            rx.flex(
                rx.card(customer_block(), flex="1", min_width="260px"),
                rx.cond(
                    can(ShopPermission.orders) & (S.moves.length() > 0),
                    rx.card(move_form(), flex="1", min_width="260px"),
                ),
                gap="4",
                wrap="wrap",
                width="100%",
            ),
            rx.card(
                rx.vstack(
                    rx.heading(T["shop.payments"], size="4"),
                    rx.cond(
                        S.payments.length() == 0,
                        rx.text(T["shop.no_payments"], size="2", color=rx.color("gray", 11)),
                        rx.foreach(
                            S.payments,
                            lambda p: rx.hstack(
                                rx.text(p.when, size="2"),
                                rx.code(p.reference, size="1"),
                                rx.text(p.amount, size="2"),
                                rx.badge(p.status),
                                spacing="3",
                                wrap="wrap",
                            ),
                        ),
                    ),
                    spacing="2",
                ),
                width="100%",
            ),
            refunds_section(),
            rx.card(
                rx.vstack(
                    rx.heading(T["shop.timeline"], size="4"),
                    rx.foreach(
                        S.events,
                        lambda e: rx.hstack(
                            rx.text(
                                e.when, size="2", color=rx.color("gray", 11), white_space="nowrap"
                            ),
                            rx.text(e.text, size="2"),
                            spacing="3",
                            class_name="timeline-row",
                        ),
                    ),
                    rx.cond(can(ShopPermission.orders), notes_form()),
                    spacing="2",
                    width="100%",
                    id="order-timeline",
                ),
                width="100%",
            ),
            spacing="4",
            width="100%",
        ),
        rx.text(T["shop.not_found"], id="order-not-found"),
    )
