"""The refunds of an order on its back-office page: how many units of each line to give back,
whether they go back on the shelf, the reason; and the refunds made, with their status. Admins
only (`shop.refunds`); YooKassa is asked outside the page's transaction (refunds.py)."""

from dataclasses import dataclass

import reflex as rx

from tochka_app import db
from tochka_app.components.forms import field_error
from tochka_app.i18n import format_datetime, format_money, gettext_
from tochka_app.modules.shop import orders, refunds
from tochka_app.modules.shop.models import PaymentStatus
from tochka_app.modules.shop.rules import CODE, ShopPermission
from tochka_app.services.access import Actor
from tochka_app.services.errors import ServiceError, parse_id
from tochka_app.settings import get_settings
from tochka_app.state.i18n import I18nState
from tochka_app.state.module import ModuleState
from tochka_app.state.session import can

T = I18nState.t


@dataclass
class RefundableLine:
    id: str
    text: str
    left: int  # units not refunded yet


@dataclass
class RefundLine:
    when: str
    amount: str
    status: str
    reason: str


class ShopRefundsState(ModuleState):
    refundable: list[RefundableLine] = []
    made: list[RefundLine] = []
    refunded: str = ""  # "1 490 ₽" refunded so far
    form_key: int = 0

    def _module(self) -> str:
        return CODE

    def _order_id(self) -> int:
        return parse_id(str(self.router.page.params.get("order", "")) or "0")

    def _reload(self, session, actor) -> None:
        self.refundable, self.made, self.refunded = [], [], ""
        try:
            view = orders.detail(session, actor, self._order_id())
            made = refunds.of_order(session, actor, self._order_id())
        except ServiceError:  # another tenant's order, or none: nothing of it
            return
        lang, tz = self.lang, self._zone(session, actor.tenant_id)
        if view.order.payment_status == PaymentStatus.succeeded:
            self.refundable = [
                RefundableLine(
                    str(i.id),
                    f"{i.name} {i.variant_label}".strip(),
                    i.quantity - i.refunded_quantity,
                )
                for i in view.items
                if i.quantity > i.refunded_quantity
            ]
        self.made = [
            RefundLine(
                format_datetime(r.created_at, lang, "short", tz),
                format_money(r.amount_kopecks, lang),
                gettext_(lang, f"shop.refund_status.{r.status}"),
                r.reason,
            )
            for r in made
        ]
        if view.order.refunded_kopecks:
            self.refunded = format_money(view.order.refunded_kopecks, lang)

    @rx.event
    def load(self):
        return self._load_page(ShopPermission.view)

    @rx.event
    def refund(self, form: dict):
        units: dict[int, int] = {}
        for key, value in form.items():
            text = str(value or "").strip()
            if key.startswith("units_") and key[6:].isdigit() and text:
                units[int(key[6:])] = int(text) if text.isdigit() else -1
        restock, reason = form.get("restock") == "on", str(form.get("reason", ""))[:300]
        order_id = self._order_id()
        # The caller is checked in a transaction of its own; the refund then talks to YooKassa
        # between its own transactions (no order row stays locked while YooKassa answers).
        return self._run(
            ShopPermission.refunds,
            lambda _session, actor: actor,
            reload=False,
            then=lambda actor: self._refund(actor, order_id, units, restock, reason),
        )

    def _refund(self, actor: Actor, order_id: int, units: dict[int, int], restock, reason):
        try:
            refunds.refund(
                db.session_scope, actor, order_id, units, restock, reason, get_settings()
            )
        except ServiceError as error:
            with db.session_scope() as session:
                self._reload(session, actor)
            return self._refuse(error)
        self.form_key += 1
        from tochka_app.modules.shop.pages.order import ShopOrderState  # the sums and timeline

        return [ShopRefundsState.load, ShopOrderState.load, self._done("shop.refund_done")]


def refunds_section() -> rx.Component:
    S = ShopRefundsState
    return rx.cond(
        (S.refundable.length() > 0) | (S.made.length() > 0),
        rx.card(
            rx.vstack(
                rx.heading(T["shop.refunds"], size="4"),
                rx.cond(
                    S.refunded != "",
                    rx.text(T["shop.refunded"], ": ", S.refunded, size="2", id="order-refunded"),
                ),
                rx.foreach(
                    S.made,
                    lambda r: rx.hstack(
                        rx.text(r.when, size="2", color=rx.color("gray", 11)),
                        rx.text(r.amount, size="2"),
                        rx.badge(r.status),
                        rx.text(r.reason, size="2"),
                        spacing="3",
                        wrap="wrap",
                        class_name="refund-row",
                    ),
                ),
                rx.cond(
                    can(ShopPermission.refunds) & (S.refundable.length() > 0),
                    rx.form(
                        rx.vstack(
                            rx.foreach(
                                S.refundable,
                                lambda line: rx.hstack(
                                    rx.text(line.text, size="2", flex="1"),
                                    rx.input(
                                        name="units_" + line.id,
                                        type="number",
                                        min=0,
                                        max=line.left,
                                        placeholder="0",
                                        width="90px",
                                        aria_label=T["shop.refund_units_label"],
                                        class_name="refund-units",
                                    ),
                                    width="100%",
                                    align="center",
                                ),
                            ),
                            field_error(S.field_errors, "units"),
                            rx.checkbox(
                                T["shop.refund_restock"],
                                name="restock",
                                default_checked=True,
                                id="refund-restock",
                            ),
                            rx.input(
                                name="reason",
                                placeholder=T["shop.refund_reason"],
                                max_length=300,
                                width="100%",
                                id="refund-reason",
                            ),
                            rx.text(T["shop.refund_q"], size="1", color=rx.color("gray", 11)),
                            rx.button(
                                T["shop.refund_do"],
                                type="submit",
                                color_scheme="red",
                                variant="soft",
                                id="refund-submit",
                            ),
                            spacing="3",
                            width="100%",
                        ),
                        on_submit=S.refund,
                        key=S.form_key.to_string(),
                        width="100%",
                    ),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
            id="refunds",
        ),
    )
