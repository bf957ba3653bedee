"""Moving an order along: the transition table, the tracking number shipping needs, staff notes,
the timeline of every change.

    new → awaiting payment → paid → assembling → shipped → delivered
    cancel from any state before shipping (an unpaid order gives its stock back; a paid one
    returns its units to the stock and waits for the refund, which part 2 makes through YooKassa)
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from tochka_app.i18n import format_money, gettext_
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import checkout, promos, waves
from tochka_app.modules.shop.models import (
    OrderStatus,
    ShopOrder,
    ShopOrderEvent,
    ShopOrderItem,
    ShopPayment,
    ShopPreorderWave,
    ShopVariant,
)
from tochka_app.modules.shop.rules import ShopError, ShopPermission
from tochka_app.modules.shop.timeline import add_event
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.errors import ServiceError
from tochka_app.services.permissions import require

S = OrderStatus
# Where staff may move an order from each status (payments move it by themselves).
NEXT: dict[str, tuple[str, ...]] = {
    S.new: (S.awaiting_payment, S.canceled),
    S.awaiting_payment: (S.canceled,),
    S.paid: (S.assembling, S.canceled),
    S.assembling: (S.shipped, S.canceled),
    S.shipped: (S.delivered,),
    S.delivered: (),
    S.canceled: (),
}
MAX_TRACKING = 64
MAX_NOTE = 2000


def own_order(session: Session, tenant_id: int, order_id: int) -> ShopOrder:
    order = session.get(ShopOrder, order_id)
    if order is None or order.tenant_id != tenant_id:
        raise ServiceError(ShopError.not_found)
    return order


def move(
    session: Session, actor: Actor, order_id: int, status: str, tracking_number: str = ""
) -> None:
    require(actor, ShopPermission.orders)
    order = own_order(session, actor.tenant_id, order_id)
    order = session.exec(
        select(ShopOrder)
        .where(ShopOrder.id == order.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if status not in NEXT.get(order.status, ()):
        raise ServiceError(ShopError.bad_transition, field="status")
    tracking = tracking_number.strip()
    if status == S.shipped and not (0 < len(tracking) <= MAX_TRACKING):
        raise ServiceError(ShopError.tracking_required, field="tracking_number")
    before = order.status
    if status == S.canceled:
        if order.reserved_until is not None:  # unpaid: the reservation goes back
            checkout.release(session, order.id or 0, "canceled by staff")
            session.refresh(order)
        else:
            _return_to_stock(session, order)
    now = utcnow()
    order.status, order.updated_at = status, now
    if status == S.shipped:
        order.tracking_number, order.shipped_at = tracking, now
    session.add(order)
    details = {"from": before, "to": status} | ({"tracking": tracking} if tracking else {})
    add_event(session, order, "status", details, actor.user_id)
    audit.record(
        session,
        "shop.order_moved",
        actor=actor,
        target_type="order",
        target_id=order.id,
        details=details,
    )
    session.flush()


def _return_to_stock(session: Session, order: ShopOrder) -> None:
    """A paid order canceled before shipping: its units are on the shelf again, its preorder
    places free."""
    items = lines_of(session, order)
    ids = sorted({i.variant_id for i in items if i.variant_id is not None})
    variants = {
        v.id: v
        for v in session.exec(
            select(ShopVariant)
            .where(col(ShopVariant.id).in_(ids))
            .order_by(col(ShopVariant.id))  # the lock order every path keeps
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    }
    for item in items:
        if item.wave_id is None and (variant := variants.get(item.variant_id)) is not None:
            variant.stock += item.quantity
            session.add(variant)
    waves.give_back(session, items)  # a preorder line's places go to the next buyer
    promos.given_back(session, order, was_paid=True)


def add_note(session: Session, actor: Actor, order_id: int, text: str) -> None:
    require(actor, ShopPermission.orders)
    order = own_order(session, actor.tenant_id, order_id)
    text = text.strip()
    if not 0 < len(text) <= MAX_NOTE:
        raise ServiceError(ShopError.note_invalid, field="note")
    add_event(session, order, "note", {"text": text}, actor.user_id)


def timeline(session: Session, actor: Actor, order_id: int) -> list[ShopOrderEvent]:
    require(actor, ShopPermission.view)
    order = own_order(session, actor.tenant_id, order_id)
    return list(
        session.exec(
            select(ShopOrderEvent)
            .where(ShopOrderEvent.order_id == order.id, ShopOrderEvent.tenant_id == actor.tenant_id)
            .order_by(col(ShopOrderEvent.id))
        )
    )


@dataclass(frozen=True)
class OrderDetail:
    order: ShopOrder
    items: list[ShopOrderItem]
    payments: list[ShopPayment]
    events: list[ShopOrderEvent]


def lines_of(session: Session, order: ShopOrder) -> list[ShopOrderItem]:
    return list(
        session.exec(
            select(ShopOrderItem)
            .where(ShopOrderItem.order_id == order.id, ShopOrderItem.tenant_id == order.tenant_id)
            .order_by(col(ShopOrderItem.id))
        )
    )


def detail(session: Session, actor: Actor, order_id: int) -> OrderDetail:
    """Everything the order page and the packing slip show."""
    require(actor, ShopPermission.view)
    order = own_order(session, actor.tenant_id, order_id)
    payments = list(
        session.exec(
            select(ShopPayment)
            .where(ShopPayment.order_id == order.id, ShopPayment.tenant_id == actor.tenant_id)
            .order_by(col(ShopPayment.id))
        )
    )
    return OrderDetail(
        order, lines_of(session, order), payments, timeline(session, actor, order_id)
    )


def wave_notes(session: Session, items: list[ShopOrderItem], locale: str) -> dict[int, str]:
    """item id -> "Предзаказ, волна 1: В производстве · <message>" for its preorder lines."""
    ids = sorted({i.wave_id for i in items if i.wave_id is not None})
    found = {
        w.id: w
        for w in session.exec(select(ShopPreorderWave).where(col(ShopPreorderWave.id).in_(ids)))
    }
    notes = {}
    for item in items:
        if (wave := found.get(item.wave_id)) is not None:
            status = gettext_(locale, f"shop.wave_status.{wave.status}")
            text = gettext_(locale, "shop.wave_line", wave=wave.number, status=status)
            notes[item.id or 0] = text + (f" · {wave.message}" if wave.message else "")
    return notes


def event_text(kind: str, details: dict, locale: str) -> str:
    """One line of the timeline, in the reader's language."""
    if kind == "created":
        return gettext_(locale, "shop.event.created")
    if kind == "note":
        return gettext_(locale, "shop.event.note", text=str(details.get("text", "")))
    if kind == "refund":
        amount = format_money(int(details.get("amount_kopecks", 0)), locale)
        text = gettext_(locale, "shop.event.refund", amount=amount)
        return text + (
            " · " + gettext_(locale, "shop.event.restocked") if details.get("restock") else ""
        )
    if kind == "wave":
        status = gettext_(locale, f"shop.wave_status.{details.get('status', '')}")
        text = gettext_(locale, "shop.event.wave", wave=details.get("wave", ""), status=status)
        return text + (f" · {details['message']}" if details.get("message") else "")
    if kind == "payment":
        status = str(details.get("status", ""))
        text = gettext_(locale, f"shop.payment_status.{status}")
        if details.get("refund_needed"):
            text += " · " + gettext_(locale, "shop.event.refund_needed")
        return gettext_(locale, "shop.event.payment", status=text)
    to = str(details.get("to") or details.get("status") or "")
    text = gettext_(locale, "shop.event.status", status=gettext_(locale, f"shop.order_status.{to}"))
    if details.get("tracking"):
        text += " · " + gettext_(locale, "shop.event.tracking", tracking=str(details["tracking"]))
    if details.get("reason"):
        text += f" ({details['reason']})"
    return text
