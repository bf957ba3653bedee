"""Refunds of a paid order, whole or some units of some lines, through YooKassa with the tenant's
own key and a 54-FZ refund receipt. The refund row is committed before YooKassa is asked (its id
is the idempotence key, so a retry never refunds twice); what it does to the order — refunded
sums and units, stock or preorder places back, the promo use back on a full refund, a timeline
entry — is applied once, when YooKassa says it succeeded (its answer, the return of the call,
or a `refund.succeeded` notification, whichever comes first)."""

from collections.abc import Callable

from sqlmodel import Session, col, select

from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.yookassa import ProviderRefund, YooKassa, rubles
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import orders, promos, shop_settings, timeline, waves
from tochka_app.modules.shop.models import (
    OrderStatus,
    PaymentStatus,
    RefundStatus,
    ShopOrder,
    ShopOrderItem,
    ShopPayment,
    ShopRefund,
    ShopVariant,
)
from tochka_app.modules.shop.payment_account import client_for
from tochka_app.modules.shop.rules import ShopError, ShopPermission
from tochka_app.services import audit
from tochka_app.services.access import Actor
from tochka_app.services.errors import ServiceError
from tochka_app.services.permissions import require
from tochka_app.settings import Settings

Connect = Callable[..., YooKassa]
NOT_SHIPPED = (OrderStatus.paid, OrderStatus.assembling)


def paid_for(item: ShopOrderItem, units: int) -> int:
    """What the first `units` units of a line cost after its discount; the last unit carries
    the kopecks that do not divide (as the payment's receipt rows do)."""
    whole = item.price_kopecks * item.quantity - item.discount_kopecks
    return whole if units >= item.quantity else whole // item.quantity * units


def amount_of(item: ShopOrderItem, units: int) -> int:
    """The money of `units` more units of a line, after those refunded already."""
    done = item.refunded_quantity
    return paid_for(item, done + units) - paid_for(item, done)


def _receipt(order: ShopOrder, pairs: list[tuple[ShopOrderItem, int]], settings_of) -> dict:
    customer = {"phone": order.customer_phone.lstrip("+")}
    if order.customer_email:
        customer["email"] = order.customer_email
    rows = []
    for item, units in pairs:
        amount = amount_of(item, units)
        unit, rest = divmod(amount, units)
        parts = [(units, unit)] if rest == 0 else [(units - 1, unit), (1, unit + rest)]
        rows += [
            {
                "description": f"{item.name} {item.variant_label}".strip()[:128],
                "quantity": f"{n}.00",
                "amount": {"value": rubles(price), "currency": "RUB"},
                "vat_code": settings_of.vat_code,
                "payment_subject": settings_of.payment_subject,
                "payment_mode": settings_of.payment_mode,
            }
            for n, price in parts
            if n > 0
        ]
    return {"customer": customer, "items": rows}


def _locked_order(session: Session, tenant_id: int, order_id: int) -> ShopOrder:
    order = session.exec(
        select(ShopOrder)
        .where(ShopOrder.id == order_id, ShopOrder.tenant_id == tenant_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if order is None:
        raise ServiceError(ShopError.not_found)
    return order


def _plan(
    session: Session, actor: Actor, order_id: int, units: dict[int, int], restock: bool, reason: str
) -> tuple[int, str, int, dict]:
    """Check and write the refund row: (refund id, YooKassa payment id, amount, receipt)."""
    require(actor, ShopPermission.refunds)
    order = _locked_order(session, actor.tenant_id, order_id)
    payment = session.exec(
        select(ShopPayment).where(
            ShopPayment.order_id == order.id, ShopPayment.status == PaymentStatus.succeeded
        )
    ).first()
    if order.payment_status != PaymentStatus.succeeded or payment is None:
        raise ServiceError(ShopError.refund_not_paid)
    items = {i.id: i for i in orders.lines_of(session, order)}
    pairs = []
    for item_id, n in units.items():
        item = items.get(item_id)
        if item is None or not 0 <= n <= item.quantity - item.refunded_quantity:
            raise ServiceError(ShopError.refund_units, field="units")
        if n:
            pairs.append((item, n))
    if not pairs:
        raise ServiceError(ShopError.refund_units, field="units")
    pending = session.exec(
        select(ShopRefund.id).where(
            ShopRefund.order_id == order.id, ShopRefund.status == RefundStatus.pending
        )
    ).first()
    if pending is not None:
        raise ServiceError(ShopError.refund_pending)
    amount = sum(amount_of(item, n) for item, n in pairs)
    refund = ShopRefund(
        tenant_id=actor.tenant_id,
        order_id=order.id or 0,
        payment_id=payment.id or 0,
        amount_kopecks=amount,
        restock=restock,
        lines=[{"item_id": item.id, "quantity": n} for item, n in pairs],
        reason=reason.strip()[:300],
        created_by_user_id=actor.user_id,
    )
    session.add(refund)
    session.flush()
    audit.record(
        session,
        "shop.refund_started",
        actor=actor,
        target_type="order",
        target_id=order.id,
        details={"amount_kopecks": amount, "restock": restock},
    )
    receipt = _receipt(order, pairs, shop_settings.of(session, actor.tenant_id))
    return refund.id or 0, payment.provider_payment_id, amount, receipt


def refund(
    session_scope: Callable,
    actor: Actor,
    order_id: int,
    units: dict[int, int],
    restock: bool,
    reason: str,
    settings: Settings,
    connect: Connect = client_for,
) -> str:
    """Give back the money of `units` ({line id: units}) of a paid order; returns the refund's
    status after YooKassa answered. Refusals write nothing; a YooKassa failure is kept on the
    refund row (status "failed") and said."""
    with session_scope() as session:
        refund_id, payment_id, amount, receipt = _plan(
            session, actor, order_id, units, restock, reason
        )
        client = connect(session, actor.tenant_id, settings)
    try:
        answer = client.create_refund(
            payment_id=payment_id,
            amount_kopecks=amount,
            idempotence_key=f"shop-refund-{refund_id}",
            receipt=receipt,
        )
    except IntegrationError as exc:
        with session_scope() as session:
            row = session.get_one(ShopRefund, refund_id)
            row.status, row.error = RefundStatus.failed, str(exc)[:300]
            session.add(row)
        raise ServiceError(ShopError.refund_failed) from exc
    finally:
        client.close()
    with session_scope() as session:
        return apply(session, actor.tenant_id, answer, refund_id)


def apply(
    session: Session, tenant_id: int, answer: ProviderRefund, refund_id: int | None = None
) -> str:
    """What YooKassa said of a refund, applied to the order once; returns the refund's status."""
    stmt = select(ShopRefund).where(ShopRefund.tenant_id == tenant_id)
    stmt = stmt.where(
        ShopRefund.id == refund_id
        if refund_id is not None
        else ShopRefund.provider_refund_id == answer.id
    )
    row = session.exec(stmt.with_for_update().execution_options(populate_existing=True)).first()
    if row is None:
        return "unknown"
    row.provider_refund_id = answer.id
    if row.applied_at is not None or answer.status not in ("succeeded", "canceled"):
        session.add(row)
        return row.status
    if answer.status == "canceled":
        row.status, row.applied_at = RefundStatus.canceled, utcnow()
        session.add(row)
        return row.status
    _apply_succeeded(session, row)
    return row.status


def _apply_succeeded(session: Session, row: ShopRefund) -> None:
    order = _locked_order(session, row.tenant_id, row.order_id)
    units = {int(line["item_id"]): int(line["quantity"]) for line in row.lines}
    items = [i for i in orders.lines_of(session, order) if i.id in units]
    if row.restock:
        variant_ids = sorted({i.variant_id for i in items if i.variant_id and i.wave_id is None})
        variants = {
            v.id: v
            for v in session.exec(
                select(ShopVariant)
                .where(col(ShopVariant.id).in_(variant_ids))
                .order_by(col(ShopVariant.id))
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        }
        for item in items:
            if item.wave_id is None and (variant := variants.get(item.variant_id)) is not None:
                variant.stock += units[item.id or 0]
                session.add(variant)
        waves.give_back(session, items, units)
    for item in items:
        item.refunded_quantity += units[item.id or 0]
        session.add(item)
    now = utcnow()
    order.refunded_kopecks += row.amount_kopecks
    whole = order.refunded_kopecks >= order.total_kopecks
    if whole:
        promos.given_back(session, order, was_paid=True)
        if order.status in NOT_SHIPPED:
            order.status = OrderStatus.canceled
    order.updated_at = now
    session.add(order)
    row.status, row.applied_at = RefundStatus.succeeded, now
    session.add(row)
    details = {"amount_kopecks": row.amount_kopecks, "restock": row.restock, "whole": whole}
    timeline.add_event(session, order, "refund", details, row.created_by_user_id)
    session.flush()


def apply_notification(
    session_scope: Callable, tenant_id: int, refund_id: str, settings: Settings, connect: Connect
) -> str:
    """A `refund.succeeded` notification to the tenant's URL: asked of YooKassa, then applied."""
    with session_scope() as session:
        known = session.exec(
            select(ShopRefund.id).where(
                ShopRefund.tenant_id == tenant_id, ShopRefund.provider_refund_id == refund_id[:64]
            )
        ).first()
        if known is None:
            return "rejected"
        client = connect(session, tenant_id, settings)
    try:
        answer = client.get_refund(refund_id)
    finally:
        client.close()
    with session_scope() as session:
        return apply(session, tenant_id, answer)


def of_order(session: Session, actor: Actor, order_id: int) -> list[ShopRefund]:
    require(actor, ShopPermission.view)
    order = orders.own_order(session, actor.tenant_id, order_id)
    return list(
        session.exec(
            select(ShopRefund).where(ShopRefund.order_id == order.id).order_by(col(ShopRefund.id))
        )
    )
