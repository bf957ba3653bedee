"""Refunds through the tenant's YooKassa (a fake on 127.0.0.1 that checks the refund receipt):
part of an order with the units back in stock, then the rest (the order canceled, its promo use
back); each refund applied once however many times YooKassa reports it; refusals write nothing;
a YooKassa failure is kept and said."""

import pytest
from sqlmodel import select

from tests.support.errors import refusal
from tests.unit.modules.shop.conftest import KASSA_SECRET, KASSA_SHOP_ID, connect_to
from tochka_app.integrations.yookassa import ProviderRefund
from tochka_app.modules.shop import catalog, checkout, payment_account, payments, promos, refunds
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import (
    ShopOrder,
    ShopOrderEvent,
    ShopOrderItem,
    ShopRefund,
    ShopVariant,
)
from tochka_app.modules.shop.promos import PromoInput
from tochka_app.modules.shop.rules import ShopError
from tochka_app.services.errors import CommonError

BUYER = Contact("Олег", "+79001230011", email="oleg@example.com", delivery_address="Тула")


@pytest.fixture
def paid_order(db, shop, settings, kassa, db_scope):
    """An order of 3 sweaters at 1 000,01 ₽ with a 10 % code, paid at the fake YooKassa."""
    tenant, actors = shop
    payment_account.save(db, actors["admin"], settings, KASSA_SHOP_ID, KASSA_SECRET)
    product_id = catalog.save_product(
        db,
        actors["admin"],
        None,
        ProductInput("Свитер", "SW-9", 100_001, variants=(VariantInput("L", stock=5),)),
    )
    variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).one()
    promos.save(db, actors["admin"], None, PromoInput("TEN", percent=10))
    placed = checkout.place_order(
        db, tenant.id, [CartLine(variant.id, 3)], BUYER, b"k", promo_code="TEN"
    )
    payments.start(db, tenant.id, placed.order_id, settings, "http://s.test/r", connect_to(kassa))
    [payment_id] = kassa.payments
    kassa.decide(payment_id, True)
    payments.recheck(db_scope, tenant.id, placed.order_id, settings, connect_to(kassa))
    item = db.exec(select(ShopOrderItem).where(ShopOrderItem.order_id == placed.order_id)).one()
    return placed, item, variant


def _refund(db_scope, actor, order_id, units, settings, kassa, restock=True):
    return refunds.refund(
        db_scope, actor, order_id, units, restock, "брак", settings, connect_to(kassa)
    )


def test_part_then_the_rest_with_stock_and_the_promo_use_back(
    db, shop, settings, kassa, db_scope, paid_order
):
    _, actors = shop
    placed, item, variant = paid_order
    order = db.get(ShopOrder, placed.order_id)
    assert order.total_kopecks == 270_003  # 300 003 - 10 %
    assert (
        _refund(db_scope, actors["admin"], order.id, {item.id: 1}, settings, kassa) == "succeeded"
    )
    db.expire_all()
    assert (
        db.get(ShopOrder, order.id).refunded_kopecks,
        db.get(ShopVariant, variant.id).stock,
    ) == (
        90_001,
        3,  # 5 - 3 sold + 1 back
    )
    [sent] = kassa.refunds.values()
    assert sent["amount"]["value"] == "900.01"
    _refund(db_scope, actors["admin"], order.id, {item.id: 2}, settings, kassa, restock=False)
    db.expire_all()
    order = db.get(ShopOrder, order.id)
    assert (order.refunded_kopecks, order.status) == (270_003, "canceled")  # every kopeck back
    assert db.get(ShopVariant, variant.id).stock == 3  # the last two stay out (not restocked)
    assert db.get(ShopOrderItem, item.id).refunded_quantity == 3
    promo = db.exec(select(promos.ShopPromoCode)).one()
    assert promo.uses == 0
    kinds = [
        e.kind for e in db.exec(select(ShopOrderEvent).where(ShopOrderEvent.order_id == order.id))
    ]
    assert kinds.count("refund") == 2
    # YooKassa reports the refunds again (a notification, a retry): nothing changes.
    for sent in list(kassa.refunds.values()):
        answer = ProviderRefund(sent["id"], sent["payment_id"], "succeeded", 1)
        assert refunds.apply(db, order.tenant_id, answer) == "succeeded"
    db.expire_all()
    assert db.get(ShopOrder, order.id).refunded_kopecks == 270_003


def test_refusals_write_nothing(db, shop, settings, kassa, db_scope, paid_order):
    _, actors = shop
    placed, item, _variant = paid_order
    for units in ({item.id: 4}, {item.id: 0}, {item.id + 999: 1}):
        assert (
            refusal(_refund, db_scope, actors["admin"], placed.order_id, units, settings, kassa)
            == ShopError.refund_units
        )
    assert (
        refusal(_refund, db_scope, actors["staff"], placed.order_id, {item.id: 1}, settings, kassa)
        == CommonError.forbidden
    )
    assert db.exec(select(ShopRefund)).all() == [] and kassa.refunds == {}


def test_a_yookassa_failure_is_kept_and_said(db, shop, settings, kassa, db_scope, paid_order):
    _, actors = shop
    placed, item, _variant = paid_order
    kassa.accounts[KASSA_SHOP_ID] = ("test_RotatedKey00000000", None)  # the key stopped working
    assert (
        refusal(_refund, db_scope, actors["admin"], placed.order_id, {item.id: 1}, settings, kassa)
        == ShopError.refund_failed
    )
    [row] = db.exec(select(ShopRefund)).all()
    assert row.status == "failed" and row.applied_at is None
    assert db.get(ShopOrder, placed.order_id).refunded_kopecks == 0
