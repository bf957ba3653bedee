"""Paying for an order in the tenant's own YooKassa shop, and applying its notifications.

A notification is only a hint, as in platform billing: the payment is fetched again with the
tenant's credentials and that answer counts. It is applied once: the payment row and the order are
locked, final states never change, and a payment that is not this tenant's (another tenant's
notification URL, a forged id) changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tochka_app.integrations.errors import IntegrationError
from tochka_app.integrations.yookassa import ProviderPayment, YooKassa, rubles
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import checkout, refunds, shop_settings, timeline
from tochka_app.modules.shop.models import (
    PaymentStatus,
    ShopOrder,
    ShopOrderItem,
    ShopPayment,
    ShopPaymentAccount,
)
from tochka_app.modules.shop.payment_account import client_for
from tochka_app.modules.shop.rules import ShopError
from tochka_app.modules.shop.tables import ORDER_PREFIX
from tochka_app.services.errors import ServiceError
from tochka_app.settings import Settings

VAT_NONE = 1  # "без НДС", YooKassa's vat_code 1 (the shop's settings choose)
Connect = Callable[..., YooKassa]


@dataclass(frozen=True)
class Applied:
    outcome: str  # applied | duplicate | ignored | rejected
    reason: str = ""


def receipt(
    order: ShopOrder,
    items: list[ShopOrderItem],
    vat_code: int = VAT_NONE,
    subject: str = "commodity",
    mode: str = "full_payment",
) -> dict:
    """The 54-FZ receipt: every line with its quantity and price, the customer's contact; VAT,
    subject and mode as the shop's settings say."""
    customer = {"phone": order.customer_phone.lstrip("+")}
    if order.customer_email:
        customer["email"] = order.customer_email
    return {
        "customer": customer,
        "items": [
            {
                "description": f"{item.name} {item.variant_label}".strip()[:128],
                "quantity": f"{quantity}.00",
                "amount": {"value": rubles(unit_kopecks), "currency": "RUB"},
                "vat_code": vat_code,
                "payment_subject": subject,
                "payment_mode": mode,
            }
            for item in items
            for quantity, unit_kopecks in receipt_rows(item)
        ],
    }


def receipt_rows(item: ShopOrderItem) -> list[tuple[int, int]]:
    """(quantity, price per unit) rows of a line after its discount: one row when the discount
    divides evenly, else the last unit carries the remaining kopecks (the rows add up exactly)."""
    paid = item.price_kopecks * item.quantity - item.discount_kopecks
    unit, rest = divmod(paid, item.quantity)
    if rest == 0:
        return [(item.quantity, unit)]
    return [(item.quantity - 1, unit), (1, unit + rest)]


def start(
    session: Session,
    tenant_id: int,
    order_id: int,
    settings: Settings,
    return_url: str,
    connect: Connect = client_for,
) -> str:
    """Create the YooKassa payment of an unpaid order; returns where to send the customer."""
    order = session.exec(
        select(ShopOrder)
        .where(ShopOrder.id == order_id, ShopOrder.tenant_id == tenant_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if order is None:
        raise ServiceError(ShopError.not_found)
    if order.reserved_until is None or order.payment_status != PaymentStatus.pending:
        raise ServiceError(ShopError.bad_transition)
    pending = session.exec(
        select(ShopPayment).where(
            ShopPayment.order_id == order.id,
            ShopPayment.tenant_id == tenant_id,
            ShopPayment.status == PaymentStatus.pending,
        )
    ).first()
    if pending is not None and pending.confirmation_url:
        return pending.confirmation_url  # a second click pays the same payment, not a new one
    items = list(
        session.exec(
            select(ShopOrderItem).where(
                ShopOrderItem.order_id == order.id, ShopOrderItem.tenant_id == tenant_id
            )
        )
    )
    shop = shop_settings.of(session, tenant_id)
    attempt = len(
        session.exec(select(ShopPayment.id).where(ShopPayment.order_id == order.id)).all()
    )
    client = connect(session, tenant_id, settings)
    try:
        payment = client.create_payment(
            amount_kopecks=order.total_kopecks,
            description=f"Заказ {checkout.order_label(ORDER_PREFIX, order.number)}",
            metadata={"tenant_id": tenant_id, "order_id": order.id},
            idempotence_key=f"shop-order-{order.id}-{attempt}",
            return_url=return_url,
            receipt=receipt(order, items, shop.vat_code, shop.payment_subject, shop.payment_mode),
        )
    except IntegrationError as exc:
        raise ServiceError(ShopError.kassa_unreachable) from exc
    finally:
        client.close()
    session.add(
        ShopPayment(
            tenant_id=tenant_id,
            order_id=order.id or 0,
            provider_payment_id=payment.id,
            amount_kopecks=payment.amount_kopecks,
            confirmation_url=payment.confirmation_url or "",
        )
    )
    session.flush()
    return payment.confirmation_url or return_url


def _apply(session: Session, tenant_id: int, fetched: ProviderPayment) -> Applied:
    row = session.exec(
        select(ShopPayment)
        .where(
            ShopPayment.provider_payment_id == fetched.id,
            ShopPayment.tenant_id == tenant_id,  # another tenant's payment is not ours to apply
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        return Applied("rejected", "no such payment of this shop")
    if row.status in (PaymentStatus.succeeded, PaymentStatus.canceled):
        return Applied("duplicate")  # final states never change
    if fetched.amount_kopecks != row.amount_kopecks:
        return Applied("rejected", "amount differs")
    if fetched.status == "succeeded":
        row.status = PaymentStatus.succeeded
        if not checkout.mark_paid(session, row.order_id):  # paid already, by another payment
            order = session.get_one(ShopOrder, row.order_id)
            timeline.add_event(
                session, order, "payment", {"status": "succeeded", "refund_needed": "duplicate"}
            )
    elif fetched.status == "canceled":
        row.status = PaymentStatus.canceled
        others = session.exec(
            select(ShopPayment.id).where(
                ShopPayment.order_id == row.order_id,
                ShopPayment.id != row.id,
                ShopPayment.status == PaymentStatus.pending,
            )
        ).first()
        if others is None:  # the customer may still be paying another attempt: the timer decides
            checkout.release(session, row.order_id, f"payment canceled: {fetched.cancel_reason}")
    else:
        return Applied("ignored", fetched.status)
    row.updated_at = utcnow()
    session.add(row)
    return Applied("applied")


def apply_notification(
    session_scope: Callable,
    notify_token: str,
    body: dict,
    settings: Settings,
    connect: Connect = client_for,
) -> Applied:
    """One notification to a tenant's URL: who the tenant is comes from the URL's token, what
    happened from YooKassa itself."""
    payment_id = str(((body or {}).get("object") or {}).get("id", ""))[:64]
    if not notify_token or not payment_id:
        return Applied("rejected", "malformed")
    with session_scope() as session:
        account = session.exec(
            select(ShopPaymentAccount).where(
                col(ShopPaymentAccount.notify_token) == notify_token[:64]
            )
        ).first()
        if account is None:
            return Applied("rejected", "unknown notification URL")
        tenant_id = account.tenant_id
    if str((body or {}).get("event", "")).startswith("refund."):  # object.id is a refund's
        try:
            status = refunds.apply_notification(
                session_scope, tenant_id, payment_id, settings, connect
            )
        except IntegrationError as exc:
            raise ProviderUnavailableError(str(exc)) from exc
        return Applied("rejected" if status in {"unknown", "rejected"} else "applied")
    with session_scope() as session:
        known = session.exec(
            select(ShopPayment.status).where(
                ShopPayment.provider_payment_id == payment_id, ShopPayment.tenant_id == tenant_id
            )
        ).first()
        if known is None:
            return Applied("rejected", "no such payment of this shop")
        if known in (PaymentStatus.succeeded, PaymentStatus.canceled):
            return Applied("duplicate")
        client = connect(session, tenant_id, settings)
    try:
        fetched = client.get_payment(payment_id)
    except IntegrationError as exc:
        raise ProviderUnavailableError(str(exc)) from exc
    finally:
        client.close()
    with session_scope() as session:
        return _apply(session, tenant_id, fetched)


class ProviderUnavailableError(Exception):
    """YooKassa could not be asked; the notification should be delivered again later."""


def recheck(
    session_scope: Callable,
    tenant_id: int,
    order_id: int,
    settings: Settings,
    connect: Connect = client_for,
) -> None:
    """The return page asks YooKassa about the order's unfinished payments itself (the
    notification may come later, or never); the same apply-once rules as a notification."""
    with session_scope() as session:
        pending = list(
            session.exec(
                select(ShopPayment.provider_payment_id).where(
                    ShopPayment.order_id == order_id,
                    ShopPayment.tenant_id == tenant_id,
                    ShopPayment.status == PaymentStatus.pending,
                )
            )
        )
        if not pending:
            return
        client = connect(session, tenant_id, settings)
    try:
        fetched = [client.get_payment(payment_id) for payment_id in pending]
    except IntegrationError:
        return  # YooKassa is not answering: the page shows "waiting", the notification decides
    finally:
        client.close()
    with session_scope() as session:
        for payment in fetched:
            _apply(session, tenant_id, payment)
