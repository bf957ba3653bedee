"""An order paid in the tenant's own YooKassa shop (a fake on 127.0.0.1): the payment carries a
54-FZ receipt that adds up, a notification is applied once after asking YooKassa, and neither a
forged id nor another tenant's notification URL changes anything."""

import pytest
from sqlmodel import select

from tests.support import factories
from tests.support.errors import refusal
from tests.unit.modules.shop.conftest import KASSA_SECRET, KASSA_SHOP_ID, connect_to
from tochka_app.modules.shop import catalog, checkout, orders, payment_account, payments
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import (
    OrderStatus,
    PaymentStatus,
    ShopOrder,
    ShopPayment,
    ShopPaymentAccount,
    ShopVariant,
)
from tochka_app.modules.shop.rules import ShopError

SHOP_ID, SECRET = KASSA_SHOP_ID, KASSA_SECRET
BUYER = Contact("Ирина", "+79001234567", email="irina@example.com", delivery_address="Казань")


@pytest.fixture
def connect(kassa):
    return connect_to(kassa)


@pytest.fixture
def order(db, shop, settings):
    tenant, actors = shop
    payment_account.save(db, actors["admin"], settings, SHOP_ID, SECRET)
    product_id = catalog.save_product(
        db,
        actors["admin"],
        None,
        ProductInput("Свитшот", "SW-1", 350_050, variants=(VariantInput("M", stock=2),)),
    )
    variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).one()
    return checkout.place_order(db, tenant.id, [CartLine(variant.id, 2)], BUYER, b"k"), variant


def test_the_payment_carries_a_receipt_that_adds_up(db, shop, settings, kassa, connect, order):
    tenant, _ = shop
    placed, _ = order
    url = payments.start(db, tenant.id, placed.order_id, settings, "http://shop.test/r", connect)
    assert url.startswith(f"{kassa.url}/checkout/")
    [payment] = kassa.payments.values()
    assert payment["amount"]["value"] == "7001.00"
    assert payment["metadata"] == {"tenant_id": str(tenant.id), "order_id": str(placed.order_id)}
    row = db.exec(select(ShopPayment)).one()
    assert (row.provider_payment_id, row.amount_kopecks) == (payment["id"], 700_100)
    [create] = [r for r in kassa.requests if r[:2] == ("POST", "/v3/payments")]
    assert create[2] == f"shop-order-{placed.order_id}-0"
    # A second click pays the same payment: no second charge is opened.
    again = payments.start(db, tenant.id, placed.order_id, settings, "http://shop.test/r", connect)
    assert again == url and len(kassa.payments) == 1


def test_a_notification_is_applied_once_after_asking_yookassa(
    db, shop, settings, kassa, connect, order, db_scope
):
    tenant, _ = shop
    placed, variant = order
    payments.start(db, tenant.id, placed.order_id, settings, "http://shop.test/r", connect)
    [payment_id] = kassa.payments
    token = db.get(ShopPaymentAccount, tenant.id).notify_token
    body = {"event": "payment.succeeded", "object": {"id": payment_id, "status": "succeeded"}}
    # Before YooKassa says so, the body's claim changes nothing.
    assert payments.apply_notification(db_scope, token, body, settings, connect).outcome == (
        "ignored"
    )
    kassa.decide(payment_id, True)
    outcomes = [
        payments.apply_notification(db_scope, token, body, settings, connect).outcome
        for _ in range(3)
    ]
    assert outcomes == ["applied", "duplicate", "duplicate"]
    order_row = db.get(ShopOrder, placed.order_id)
    assert (order_row.status, order_row.payment_status) == (
        OrderStatus.paid,
        PaymentStatus.succeeded,
    )
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (0, 0)
    late = {"event": "payment.canceled", "object": {"id": payment_id, "status": "canceled"}}
    assert payments.apply_notification(db_scope, token, late, settings, connect).outcome == (
        "duplicate"
    )


def test_another_tenants_url_or_a_forged_id_changes_nothing(
    db, shop, settings, kassa, connect, order, db_scope
):
    tenant, _ = shop
    placed, _ = order
    payments.start(db, tenant.id, placed.order_id, settings, "http://shop.test/r", connect)
    [payment_id] = kassa.payments
    kassa.decide(payment_id, True)
    other = factories.tenant(db)
    payment_account.save(db, factories.actor(db, other), settings, SHOP_ID, SECRET)
    their_token = db.get(ShopPaymentAccount, other.id).notify_token
    body = {"event": "payment.succeeded", "object": {"id": payment_id}}
    assert payments.apply_notification(db_scope, their_token, body, settings, connect).outcome == (
        "rejected"
    )
    mine = db.get(ShopPaymentAccount, tenant.id).notify_token
    forged = {"event": "payment.succeeded", "object": {"id": "fake-999999-deadbeef"}}
    assert payments.apply_notification(db_scope, mine, forged, settings, connect).outcome == (
        "rejected"
    )
    assert payments.apply_notification(db_scope, "guess", body, settings, connect).outcome == (
        "rejected"
    )
    assert db.get(ShopOrder, placed.order_id).payment_status == PaymentStatus.pending


def test_a_paid_or_released_order_cannot_start_another_payment(db, shop, settings, connect, order):
    tenant, _ = shop
    placed, _ = order
    checkout.release(db, placed.order_id, "test")
    assert (
        refusal(payments.start, db, tenant.id, placed.order_id, settings, "http://x/r", connect)
        == ShopError.bad_transition
    )


def test_a_late_payment_of_an_order_staff_canceled_is_kept_for_a_refund(
    db, shop, settings, kassa, connect, order, db_scope
):
    tenant, actors = shop
    placed, variant = order
    payments.start(db, tenant.id, placed.order_id, settings, "http://shop.test/r", connect)
    [payment_id] = kassa.payments
    orders.move(db, actors["staff"], placed.order_id, OrderStatus.canceled)
    kassa.decide(payment_id, True)
    token = db.get(ShopPaymentAccount, tenant.id).notify_token
    body = {"event": "payment.succeeded", "object": {"id": payment_id}}
    assert (
        payments.apply_notification(db_scope, token, body, settings, connect).outcome == "applied"
    )
    order_row = db.get(ShopOrder, placed.order_id)
    assert (order_row.status, order_row.payment_status) == (OrderStatus.canceled, "succeeded")
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (2, 0)  # the units stay on the shelf
    [paid] = [
        e for e in orders.timeline(db, actors["staff"], placed.order_id) if e.kind == "payment"
    ]
    assert paid.details["refund_needed"] == "canceled"
