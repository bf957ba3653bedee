"""Placing an order and what happens to its stock: reserved when the order is created, kept when
it is paid, released when it is canceled or not paid in time.

Two customers can never buy the last item twice: the variants of an order are locked (`FOR
UPDATE`, in id order, so two orders never wait on each other in a circle) before their free stock
(stock - reserved) is checked and taken, all in the caller's one transaction."""

import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlmodel import Session, col, select

from tochka_app.models._types import utcnow
from tochka_app.modules.shop import promos, timeline, waves
from tochka_app.modules.shop.models import (
    OrderStatus,
    OrderType,
    PaymentStatus,
    ProductStatus,
    ShopOrder,
    ShopOrderEvent,
    ShopOrderItem,
    ShopOrderSequence,
    ShopProduct,
    ShopVariant,
)
from tochka_app.modules.shop.rules import MAX_LINE_QUANTITY, RESERVE_MINUTES, ShopError
from tochka_app.services.errors import ServiceError

# Enough to catch a typo before the receipt is sent to it; the mail server decides the rest.
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s.]{2,24}")


@dataclass(frozen=True)
class CartLine:
    variant_id: int
    quantity: int


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str  # already confirmed by a code and normalised (+7...)
    email: str = ""
    delivery_address: str = ""
    cdek_point: str = ""
    comment: str = ""


@dataclass(frozen=True)
class PlacedOrder:
    order_id: int
    number: int
    total_kopecks: int
    secret: str  # for the status link; only its HMAC is stored


def _rubles(kopecks: int) -> str:
    return str(kopecks // 100) if kopecks % 100 == 0 else f"{kopecks / 100:.2f}".replace(".", ",")


def secret_hash(secret: str, key: bytes) -> str:
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


def order_label(prefix: str, number: int) -> str:
    """A number people can read out on the phone: `ZR-000123`."""
    return f"{prefix}-{number:06d}"


def _next_number(session: Session, tenant_id: int) -> int:
    """Numbers per tenant under a row lock: concurrent orders queue here for a moment."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            pg_insert(ShopOrderSequence)
            .values(tenant_id=tenant_id, next_number=1)
            .on_conflict_do_nothing()
        )
    elif session.get(ShopOrderSequence, tenant_id) is None:
        session.add(ShopOrderSequence(tenant_id=tenant_id, next_number=1))
        session.flush()
    row = session.exec(
        select(ShopOrderSequence)
        .where(ShopOrderSequence.tenant_id == tenant_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    number = row.next_number
    row.next_number = number + 1
    session.add(row)
    return number


def _check_contact(contact: Contact) -> None:
    errors: dict[str, str] = {}
    if not contact.name.strip() or len(contact.name) > 200:
        errors["name"] = ShopError.contact_required
    if not contact.phone.startswith("+") or len(contact.phone) > 20:
        errors["phone"] = ShopError.contact_required
    if not (contact.delivery_address.strip() or contact.cdek_point.strip()):
        errors["delivery_address"] = ShopError.contact_required
    email = contact.email.strip()
    if email and not EMAIL.fullmatch(email):
        errors["email"] = ShopError.email_invalid
    if errors:
        raise ServiceError.form(errors)


MIN_PAYMENT_KOPECKS = 100  # YooKassa takes no payment under 1 ₽
MAX_ORDER_LINES = 50  # each line is at most 2 receipt rows; a receipt holds at most 100


def _shares(amount: int, weights: list[int]) -> list[int]:
    """`amount` split in proportion to `weights`, the remainder on the last: a line's discount
    over the waves it spans (each part's share stays within its own sum)."""
    whole = sum(weights)
    shares = [amount * w // whole for w in weights] if whole else [0] * len(weights)
    shares[-1] += amount - sum(shares)
    return shares


def _check_for_sale(
    variants: Sequence[ShopVariant], products: dict, wanted: dict[int, int]
) -> None:
    for variant in variants:
        product = products[variant.product_id]
        if product.status != ProductStatus.active:
            raise ServiceError(ShopError.not_for_sale)
        if product.order_type == OrderType.preorder:
            continue  # places in its waves, taken when the lines are written, not stock
        if variant.stock - variant.reserved < wanted[variant.id or 0]:
            raise ServiceError(ShopError.sold_out, product=product.name)


def place_order(
    session: Session,
    tenant_id: int,
    lines: list[CartLine],
    contact: Contact,
    key: bytes,
    now: datetime | None = None,
    *,
    customer_id: int | None = None,
    reserve_minutes: int = RESERVE_MINUTES,
    min_order_kopecks: int = 0,
    promo_code: str = "",
) -> PlacedOrder:
    """Create the order with its lines and reserve their stock, or refuse before writing."""
    now = now or utcnow()
    wanted: dict[int, int] = {}
    for line in lines:
        if not 0 < line.quantity <= MAX_LINE_QUANTITY:
            raise ServiceError(ShopError.quantity_invalid)
        wanted[line.variant_id] = wanted.get(line.variant_id, 0) + line.quantity
    if not wanted:
        raise ServiceError(ShopError.cart_empty)
    _check_contact(contact)
    variants = session.exec(
        select(ShopVariant)
        .where(ShopVariant.tenant_id == tenant_id, col(ShopVariant.id).in_(sorted(wanted)))
        .order_by(col(ShopVariant.id))
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    if len(variants) != len(wanted):
        raise ServiceError(ShopError.not_found)  # another tenant's variant, or a deleted one
    products = {
        p.id: p
        for p in session.exec(
            select(ShopProduct).where(
                col(ShopProduct.id).in_({v.product_id for v in variants}),
                ShopProduct.tenant_id == tenant_id,
            )
        )
    }
    _check_for_sale(variants, products, wanted)
    items_sum = sum(products[v.product_id].price_kopecks * wanted[v.id or 0] for v in variants)
    # Locks in the one order every path keeps: variants (above), then each preorder product's
    # waves by product id, then the promo code. A preorder line takes places in its waves (a
    # line per wave it lands in) before anything is written, so full waves refuse like a
    # sold-out size.
    held: dict[int, list[tuple[int | None, int]]] = {}
    for v in sorted(variants, key=lambda v: (v.product_id, v.id or 0)):
        if products[v.product_id].order_type == OrderType.preorder:
            held[v.id or 0] = list(waves.take(session, products[v.product_id], wanted[v.id or 0]))
    if sum(len(held.get(v.id or 0, [None])) for v in variants) > MAX_ORDER_LINES:
        raise ServiceError(ShopError.too_many_lines, n=MAX_ORDER_LINES)  # YooKassa: ≤ 100 rows
    discount = (
        promos.take(
            session,
            tenant_id,
            promo_code,
            promos.lines_of(variants, products, wanted),
            contact.phone,
        )
        if promo_code.strip()
        else None
    )
    if discount is not None and items_sum - discount.total < MIN_PAYMENT_KOPECKS:
        raise ServiceError(promos.PromoError.too_big, field="promo")
    if items_sum - (discount.total if discount else 0) < max(min_order_kopecks, 1):
        raise ServiceError(ShopError.below_minimum, rubles=_rubles(max(min_order_kopecks, 1)))
    secret = secrets.token_urlsafe(24)
    order = ShopOrder(
        tenant_id=tenant_id,
        number=_next_number(session, tenant_id),
        status=OrderStatus.awaiting_payment,
        payment_status=PaymentStatus.pending,
        customer_name=contact.name.strip(),
        customer_phone=contact.phone,
        customer_email=contact.email.strip()[:200],
        delivery_address=contact.delivery_address.strip()[:500],
        cdek_point=contact.cdek_point.strip()[:40],
        comment=contact.comment.strip()[:1000],
        secret_hash=secret_hash(secret, key),
        reserved_until=now + timedelta(minutes=reserve_minutes),
        customer_id=customer_id,
        promo_id=discount.promo_id if discount else None,
        promo_code=discount.code if discount else "",
        created_at=now,
        updated_at=now,
    )
    session.add(order)
    session.flush()
    assert order.id is not None
    total = 0
    for variant in variants:
        product = products[variant.product_id]
        quantity = wanted[variant.id or 0]
        parts = held.get(variant.id or 0) or [(None, quantity)]
        if variant.id not in held:
            variant.reserved += quantity
            session.add(variant)
        label = " / ".join(filter(None, (variant.size, variant.colour)))
        line_off = discount.by_line.get(variant.id or 0, 0) if discount else 0
        shares = _shares(line_off, [places for _, places in parts])
        for (wave_id, places), share in zip(parts, shares, strict=True):
            session.add(
                ShopOrderItem(
                    tenant_id=tenant_id,
                    order_id=order.id,
                    product_id=product.id,
                    variant_id=variant.id,
                    wave_id=wave_id,
                    name=product.name,
                    variant_label=label,
                    sku=product.sku + variant.sku_suffix,
                    price_kopecks=product.price_kopecks,
                    quantity=places,
                    discount_kopecks=share,
                )
            )
            total += product.price_kopecks * places
    off = discount.total if discount else 0
    order.items_kopecks, order.discount_kopecks, order.total_kopecks = total, off, total - off
    session.add(order)
    timeline.add_event(session, order, "created")
    session.flush()
    return PlacedOrder(order.id, order.number, total - off, secret)


def _items(session: Session, order: ShopOrder) -> list[ShopOrderItem]:
    return list(
        session.exec(
            select(ShopOrderItem)
            .where(ShopOrderItem.order_id == order.id)
            .order_by(col(ShopOrderItem.id))
        )
    )


def _order_lines(session: Session, order: ShopOrder) -> list[tuple[ShopOrderItem, ShopVariant]]:
    items = _items(session, order)
    ids = sorted({i.variant_id for i in items if i.variant_id is not None})
    variants = {
        v.id: v
        for v in session.exec(
            select(ShopVariant)
            .where(col(ShopVariant.id).in_(ids))
            .order_by(col(ShopVariant.id))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    }
    return [(i, variants[i.variant_id]) for i in items if i.variant_id in variants]


def _locked_order(session: Session, order_id: int) -> ShopOrder:
    order = session.exec(
        select(ShopOrder)
        .where(ShopOrder.id == order_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return order


def mark_paid(session: Session, order_id: int, now: datetime | None = None) -> bool:
    """The payment succeeded: the reserved units leave the stock. Applied once: a second call
    changes nothing and answers False.

    Money that arrives after the reservation ran out (the customer paid at minute 31) still
    counts: the units are taken again if they are there, and the order is paid. If they are
    not, or the order was canceled on purpose (staff, the customer's canceled payment), it stays
    canceled with its payment succeeded, for a refund, and says so."""
    order = _locked_order(session, order_id)
    if order.payment_status == PaymentStatus.succeeded:
        return False
    lines = _order_lines(session, order)
    reserved = order.reserved_until is not None
    timed_out = not reserved and _cancel_reason(session, order) == TIMED_OUT
    # A late payment takes units again if they are there; a preorder's places were given to
    # other buyers meanwhile, so it stays canceled for a refund.
    short = any(i.wave_id is not None or v.stock - v.reserved < i.quantity for i, v in lines) or (
        not reserved and not promos.room_for(session, order)  # its code is used up meanwhile
    )
    if not reserved and (not timed_out or short):
        now = now or utcnow()
        order.payment_status, order.paid_at, order.updated_at = PaymentStatus.succeeded, now, now
        session.add(order)
        timeline.add_event(
            session,
            order,
            "payment",
            {
                "status": PaymentStatus.succeeded,
                "refund_needed": "sold out" if timed_out else "canceled",
            },
        )
        session.flush()
        return True
    for item, variant in lines:
        if item.wave_id is not None:
            continue  # a preorder line keeps its places; there is no stock to take
        if reserved:
            variant.reserved -= item.quantity
        variant.stock -= item.quantity
        session.add(variant)
    now = now or utcnow()
    promos.paid(session, order, was_reserved=reserved)
    order.status, order.payment_status = OrderStatus.paid, PaymentStatus.succeeded
    order.paid_at, order.updated_at, order.reserved_until = now, now, None
    session.add(order)
    timeline.add_event(session, order, "payment", {"status": PaymentStatus.succeeded})
    session.flush()
    return True


TIMED_OUT = "not paid in time"  # the release pass's reason; a late payment may revive only these


def _cancel_reason(session: Session, order: ShopOrder) -> str:
    last = session.exec(
        select(ShopOrderEvent)
        .where(ShopOrderEvent.order_id == order.id, ShopOrderEvent.kind == "status")
        .order_by(col(ShopOrderEvent.id).desc())
    ).first()
    return str((last.details or {}).get("reason", "")) if last else ""


def release(session: Session, order_id: int, reason: str, now: datetime | None = None) -> bool:
    """An unpaid order gives its stock back and is canceled (payment canceled, or too late)."""
    order = _locked_order(session, order_id)
    if order.reserved_until is None or order.payment_status == PaymentStatus.succeeded:
        return False  # paid, or released already
    for item, variant in _order_lines(session, order):
        if item.wave_id is None:
            variant.reserved -= item.quantity
            session.add(variant)
    waves.give_back(session, _items(session, order))
    promos.given_back(session, order, was_paid=False)
    now = now or utcnow()
    order.status, order.payment_status = OrderStatus.canceled, PaymentStatus.canceled
    order.updated_at, order.reserved_until = now, None
    session.add(order)
    timeline.add_event(session, order, "status", {"status": OrderStatus.canceled, "reason": reason})
    session.flush()
    return True


def find_order(
    session: Session,
    tenant_id: int,
    number: int,
    *,
    secret: str = "",
    key: bytes = b"",
    customer_id: int | None = None,
) -> ShopOrder | None:
    """The order a visitor may see: by its secret link, or one of the signed-in customer's own.
    Another shop's order, a wrong key or someone else's order is None ("not found")."""
    order = session.exec(
        select(ShopOrder).where(ShopOrder.tenant_id == tenant_id, ShopOrder.number == number)
    ).first()
    if order is None:
        return None
    if (
        secret
        and len(secret) <= 100
        and hmac.compare_digest(order.secret_hash, secret_hash(secret, key))
    ):
        return order
    if customer_id is not None and order.customer_id == customer_id:
        return order
    return None
