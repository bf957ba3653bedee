"""Order statuses along the transition table: shipping needs a tracking number, a cancel before
shipping gives the stock back (reserved or sold), every move is on the timeline, another tenant's
order is not found, a note is kept."""

import pytest
from sqlmodel import select

from tests.support import factories
from tests.support.errors import refusal
from tochka_app.modules.shop import catalog, checkout, orders
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import OrderStatus, ShopOrder, ShopVariant
from tochka_app.modules.shop.rules import ShopError

BUYER = Contact("Ирина", "+79001234567", cdek_point="MSK123")


@pytest.fixture
def placed(db, shop):
    tenant, actors = shop
    product_id = catalog.save_product(
        db,
        actors["admin"],
        None,
        ProductInput("Кружка", "MUG-1", 90_000, variants=(VariantInput(stock=5),)),
    )
    variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).one()
    order = checkout.place_order(db, tenant.id, [CartLine(variant.id, 2)], BUYER, b"k")
    return order.order_id, variant


def test_paid_order_goes_to_shipped_with_a_tracking_number_and_on_to_delivered(db, shop, placed):
    _, actors = shop
    order_id, _ = placed
    checkout.mark_paid(db, order_id)
    orders.move(db, actors["staff"], order_id, OrderStatus.assembling)
    assert refusal(orders.move, db, actors["staff"], order_id, OrderStatus.shipped) == (
        ShopError.tracking_required
    )
    orders.move(db, actors["staff"], order_id, OrderStatus.shipped, " CDEK-1234567 ")
    orders.move(db, actors["staff"], order_id, OrderStatus.delivered)
    order = db.get(ShopOrder, order_id)
    assert (order.status, order.tracking_number) == (OrderStatus.delivered, "CDEK-1234567")
    kinds = [(e.kind, e.details.get("to")) for e in orders.timeline(db, actors["staff"], order_id)]
    assert kinds == [
        ("created", None),
        ("payment", None),
        ("status", "assembling"),
        ("status", "shipped"),
        ("status", "delivered"),
    ]


def test_no_skipping_and_no_cancel_after_shipping(db, shop, placed):
    _, actors = shop
    order_id, _ = placed
    assert refusal(orders.move, db, actors["staff"], order_id, OrderStatus.shipped, "X") == (
        ShopError.bad_transition
    )
    checkout.mark_paid(db, order_id)
    orders.move(db, actors["staff"], order_id, OrderStatus.assembling)
    orders.move(db, actors["staff"], order_id, OrderStatus.shipped, "T-1")
    assert refusal(orders.move, db, actors["staff"], order_id, OrderStatus.canceled) == (
        ShopError.bad_transition
    )


def test_canceling_an_unpaid_order_frees_its_reservation(db, shop, placed):
    _, actors = shop
    order_id, variant = placed
    orders.move(db, actors["staff"], order_id, OrderStatus.canceled)
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (5, 0)


def test_canceling_a_paid_order_puts_the_units_back(db, shop, placed):
    _, actors = shop
    order_id, variant = placed
    checkout.mark_paid(db, order_id)
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (3, 0)
    orders.move(db, actors["staff"], order_id, OrderStatus.canceled)
    db.refresh(variant)
    assert (variant.stock, variant.reserved) == (5, 0)


def test_another_tenants_order_is_not_found(db, shop, placed):
    order_id, _ = placed
    outsider = factories.actor(db, factories.tenant(db))
    assert refusal(orders.move, db, outsider, order_id, OrderStatus.canceled) == ShopError.not_found
    assert refusal(orders.timeline, db, outsider, order_id) == ShopError.not_found
    assert refusal(orders.add_note, db, outsider, order_id, "чужой") == ShopError.not_found


def test_a_staff_note_is_on_the_timeline(db, shop, placed):
    _, actors = shop
    order_id, _ = placed
    orders.add_note(db, actors["staff"], order_id, "Позвонить перед доставкой")
    assert refusal(orders.add_note, db, actors["staff"], order_id, "   ") == ShopError.note_invalid
    notes = [e for e in orders.timeline(db, actors["staff"], order_id) if e.kind == "note"]
    assert [n.details["text"] for n in notes] == ["Позвонить перед доставкой"]
