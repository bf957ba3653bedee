"""Placing an order: stock reserved, lines keep what was bought, numbers per tenant, paid once,
released once, refusals before anything is written."""

from datetime import timedelta

from sqlmodel import select

from tests.support import factories
from tests.support.errors import form_refusal, refusal
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import catalog, checkout, reservations
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import (
    OrderStatus,
    ShopOrder,
    ShopOrderItem,
    ShopProduct,
    ShopVariant,
)
from tochka_app.modules.shop.rules import ShopError

KEY = b"unit-test-key"
BUYER = Contact("Ирина", "+79001234567", delivery_address="Москва, Тверская, 1")


def _variant(db, actor, sku="TEE-01", stock=3, price=199_000):
    product_id = catalog.save_product(
        db,
        actor,
        None,
        ProductInput("Футболка", sku, price, variants=(VariantInput("M", stock=stock),)),
    )
    return db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).one()


def test_an_order_reserves_stock_and_keeps_what_was_bought(db, shop):
    tenant, actors = shop
    variant = _variant(db, actors["admin"])
    placed = checkout.place_order(db, tenant.id, [CartLine(variant.id, 2)], BUYER, KEY)
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (3, 2)
    product = db.get(ShopProduct, variant.product_id)
    product.price_kopecks, product.name = 1, "Другое имя"  # a later edit changes no order
    db.add(product)
    db.flush()
    [line] = db.exec(select(ShopOrderItem).where(ShopOrderItem.order_id == placed.order_id)).all()
    assert (line.name, line.price_kopecks, line.quantity, line.sku) == (
        "Футболка",
        199_000,
        2,
        "TEE-01",
    )
    assert placed.total_kopecks == 398_000
    assert checkout.order_label("ZR", placed.number) == "ZR-000001"


def test_numbers_count_per_tenant(db, shop):
    tenant, actors = shop
    variant = _variant(db, actors["admin"], stock=10)
    numbers = [
        checkout.place_order(db, tenant.id, [CartLine(variant.id, 1)], BUYER, KEY).number
        for _ in range(3)
    ]
    other = factories.tenant(db)
    theirs = _variant(db, factories.actor(db, other), stock=1)
    assert numbers == [1, 2, 3]
    assert checkout.place_order(db, other.id, [CartLine(theirs.id, 1)], BUYER, KEY).number == 1


def test_more_than_is_left_is_sold_out_and_nothing_is_written(db, shop):
    tenant, actors = shop
    variant = _variant(db, actors["admin"], stock=1)
    assert (
        refusal(checkout.place_order, db, tenant.id, [CartLine(variant.id, 2)], BUYER, KEY)
        == ShopError.sold_out
    )
    assert db.exec(select(ShopOrder)).all() == []


def test_another_tenants_variant_cannot_be_ordered_here(db, shop):
    tenant, _ = shop
    other = factories.tenant(db)
    theirs = _variant(db, factories.actor(db, other))
    assert (
        refusal(checkout.place_order, db, tenant.id, [CartLine(theirs.id, 1)], BUYER, KEY)
        == ShopError.not_found
    )


def test_contacts_are_checked_by_field(db, shop):
    tenant, actors = shop
    variant = _variant(db, actors["admin"])
    assert form_refusal(
        checkout.place_order, db, tenant.id, [CartLine(variant.id, 1)], Contact("", "12"), KEY
    ) == {
        "name": ShopError.contact_required,
        "phone": ShopError.contact_required,
        "delivery_address": ShopError.contact_required,
    }


def test_paid_once_then_the_units_leave_the_stock(db, shop):
    tenant, actors = shop
    variant = _variant(db, actors["admin"])
    placed = checkout.place_order(db, tenant.id, [CartLine(variant.id, 2)], BUYER, KEY)
    assert checkout.mark_paid(db, placed.order_id) is True
    assert checkout.mark_paid(db, placed.order_id) is False  # a replayed notification
    assert checkout.release(db, placed.order_id, "late cancel") is False  # a paid order keeps it
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (1, 0)
    assert db.get(ShopOrder, placed.order_id).status == OrderStatus.paid


def test_an_unpaid_order_past_its_time_gives_the_stock_back(db, shop, db_scope):
    tenant, actors = shop
    variant = _variant(db, actors["admin"])
    then = utcnow() - timedelta(hours=1)
    placed = checkout.place_order(db, tenant.id, [CartLine(variant.id, 3)], BUYER, KEY, now=then)
    assert reservations.expired_orders(db) == [placed.order_id]
    assert reservations.release_expired(db_scope) == 1
    assert reservations.release_expired(db_scope) == 0  # a second pass finds nothing
    assert checkout.release(db, placed.order_id, "again") is False
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (3, 0)
    assert reservations.expired_orders(db) == []


def test_money_after_the_reservation_ran_out_still_counts(db, shop):
    tenant, actors = shop
    variant = _variant(db, actors["admin"], stock=3)
    late = checkout.place_order(db, tenant.id, [CartLine(variant.id, 2)], BUYER, KEY)
    checkout.release(db, late.order_id, "not paid in time")
    assert checkout.mark_paid(db, late.order_id) is True  # the units were still there
    assert db.get(ShopOrder, late.order_id).status == OrderStatus.paid
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (1, 0)
    later = checkout.place_order(db, tenant.id, [CartLine(variant.id, 1)], BUYER, KEY)
    checkout.release(db, later.order_id, "not paid in time")
    taken = checkout.place_order(db, tenant.id, [CartLine(variant.id, 1)], BUYER, KEY)
    checkout.mark_paid(db, taken.order_id)
    assert checkout.mark_paid(db, later.order_id) is True  # paid, but nothing left: a refund
    order = db.get(ShopOrder, later.order_id)
    assert (order.status, order.payment_status) == (OrderStatus.canceled, "succeeded")
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (0, 0)
