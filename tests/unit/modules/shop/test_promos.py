"""Promo codes: each refusal names its reason and writes nothing; a percent or an amount comes
off the lines it applies to and the receipt still adds up; uses are held at checkout, counted on
payment, given back on cancel; 30 concurrent checkouts on a code with 3 uses left end with
exactly 3 discounted orders."""

from datetime import timedelta

import pytest
from sqlalchemy import delete
from sqlmodel import Session, select

from tests.conftest import truncate_all
from tests.support import factories
from tests.support.concurrent import at_once
from tests.support.errors import refusal
from tochka_app import db as app_db
from tochka_app.models._types import utcnow
from tochka_app.modules.shop import catalog, checkout, orders, payments, promos
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import PromoKind, ShopOrder, ShopOrderItem, ShopVariant
from tochka_app.modules.shop.promos import PromoError, PromoInput
from tochka_app.services.errors import CommonError, ServiceError
from tochka_app.services.seed import seed_demo_data
from tochka_app.settings import get_settings

BUYER = Contact("Вера", "+79001234500", delivery_address="Пермь")


def _product(db, admin, sku: str, price: int, category_id=None) -> int:
    product_id = catalog.save_product(
        db,
        admin,
        None,
        ProductInput(sku, sku, price, category_id=category_id, variants=(VariantInput(stock=50),)),
    )
    return db.exec(select(ShopVariant.id).where(ShopVariant.product_id == product_id)).one()


def _order(db, tenant_id, lines, code, contact=BUYER):
    return checkout.place_order(db, tenant_id, lines, contact, b"k", promo_code=code)


@pytest.fixture
def catalog_of_two(db, shop):
    tenant, actors = shop
    hats = catalog.save_category(db, actors["admin"], None, "Шапки", "hats", None)
    hat = _product(db, actors["admin"], "HAT-1", 100_000, hats)
    scarf = _product(db, actors["admin"], "SCARF-1", 33_333)
    return tenant, actors, hat, scarf, hats


def test_each_refusal_names_its_reason_and_writes_nothing(db, catalog_of_two):
    tenant, actors, hat, scarf, hats = catalog_of_two
    admin, now = actors["admin"], utcnow()
    for code, extra in (
        ("OFF", {"active": False}),
        ("SOON", {"valid_from": now + timedelta(days=1)}),
        ("GONE", {"valid_until": now - timedelta(minutes=1)}),
        ("ZERO", {"max_uses": 1}),
        ("BIG", {"min_order_kopecks": 500_000}),
        ("HATS", {"category_ids": (hats,)}),
        ("ONCE", {"max_uses_per_customer": 1}),
    ):
        promos.save(db, admin, None, PromoInput(code, percent=10, **extra))
    _order(db, tenant.id, [CartLine(hat, 1)], "zero")  # uses ZERO's only use (case-insensitive)
    _order(db, tenant.id, [CartLine(hat, 1)], "once")
    before = len(db.exec(select(ShopOrder)).all())
    for code, reason in (
        ("NOPE", PromoError.unknown),
        ("OFF", PromoError.unknown),
        ("SOON", PromoError.not_started),
        ("GONE", PromoError.expired),
        ("ZERO", PromoError.used_up),
        ("BIG", PromoError.below_minimum),
        ("HATS", PromoError.not_for_items),
        ("ONCE", PromoError.per_customer),
    ):
        assert refusal(_order, db, tenant.id, [CartLine(scarf, 1)], code) == reason, code
    assert len(db.exec(select(ShopOrder)).all()) == before


def test_percent_and_amount_come_off_the_right_lines_and_the_receipt_adds_up(db, catalog_of_two):
    tenant, actors, hat, scarf, hats = catalog_of_two
    promos.save(db, actors["admin"], None, PromoInput("HATS10", percent=10, category_ids=(hats,)))
    placed = _order(db, tenant.id, [CartLine(hat, 2), CartLine(scarf, 1)], "hats10")
    order = db.get(ShopOrder, placed.order_id)
    assert (order.items_kopecks, order.discount_kopecks) == (233_333, 20_000)
    assert order.total_kopecks == placed.total_kopecks == 213_333 and order.promo_code == "HATS10"
    promos.save(
        db,
        actors["admin"],
        None,
        PromoInput("MINUS100", kind=PromoKind.amount, amount_kopecks=10_000),
    )
    placed = _order(db, tenant.id, [CartLine(hat, 1), CartLine(scarf, 3)], "MINUS100")
    items = db.exec(select(ShopOrderItem).where(ShopOrderItem.order_id == placed.order_id)).all()
    assert sum(i.discount_kopecks for i in items) == 10_000  # shared by the lines' sums
    receipt = payments.receipt(db.get(ShopOrder, placed.order_id), list(items))
    kopecks = sum(
        round(float(row["amount"]["value"]) * 100) * int(float(row["quantity"]))
        for row in receipt["items"]
    )
    assert kopecks == placed.total_kopecks == 100_000 + 99_999 - 10_000


def test_a_use_is_held_then_counted_on_payment_and_given_back_on_cancel(db, catalog_of_two):
    tenant, actors, hat, _scarf, _hats = catalog_of_two
    promo_id = promos.save(db, actors["admin"], None, PromoInput("TWO", percent=5, max_uses=2))
    promo = promos.own_promo(db, tenant.id, promo_id)
    unpaid = _order(db, tenant.id, [CartLine(hat, 1)], "TWO")
    paid = _order(db, tenant.id, [CartLine(hat, 1)], "TWO")
    db.refresh(promo)
    assert (promo.uses, promo.reserved) == (0, 2)
    assert refusal(_order, db, tenant.id, [CartLine(hat, 1)], "TWO") == PromoError.used_up
    checkout.mark_paid(db, paid.order_id)
    checkout.release(db, unpaid.order_id, checkout.TIMED_OUT)
    db.refresh(promo)
    assert (promo.uses, promo.reserved) == (1, 0)
    orders.move(db, actors["staff"], paid.order_id, "canceled")
    db.refresh(promo)
    assert (promo.uses, promo.reserved) == (0, 0)
    [row] = promos.table(db, actors["staff"])
    assert (row.orders, row.revenue_kopecks) == (0, 0)


def test_wrong_fields_are_named(db, shop):
    _, actors = shop
    bad = PromoInput("x", percent=0, max_uses=0)
    with pytest.raises(ServiceError) as refused:
        promos.save(db, actors["admin"], None, bad)
    assert set(refused.value.fields) >= {"code", "value", "limits"}
    promos.save(db, actors["admin"], None, PromoInput("SALE", percent=10))
    assert refusal(promos.save, db, actors["admin"], None, PromoInput("sale", percent=5)) == (
        PromoError.code_taken
    )
    assert refusal(promos.save, db, actors["staff"], None, PromoInput("STAFF", percent=5)) == (
        CommonError.forbidden
    )


BUYERS = 30


@pytest.fixture
def three_uses_left(migrated_engine):
    with Session(migrated_engine) as session:
        seed_demo_data(session, get_settings())  # committed: concurrent buyers must see it
        tenant = factories.tenant(session, slug="three-uses")
        admin = factories.actor(session, tenant)
        variant_id = _product(session, admin, "RACE-1", 100_000)
        promos.save(session, admin, None, PromoInput("RACE", percent=20, max_uses=3))
        session.commit()
        ids = (tenant.id, variant_id)
    yield ids
    with Session(migrated_engine) as session:
        session.exec(delete(ShopOrder))
        truncate_all(session)
        session.commit()


def test_thirty_checkouts_for_three_uses(migrated_engine, three_uses_left):
    tenant_id, variant_id = three_uses_left
    outcome = at_once(
        BUYERS,
        lambda session, n: _order(
            session,
            tenant_id,
            [CartLine(variant_id, 1)],
            "race",
            Contact(f"Покупатель {n}", f"+7900300{n:04d}", delivery_address="Уфа"),
        ),
    )
    placed, refused = outcome.done, outcome.refused
    assert outcome.errors == []
    assert len(placed) == 3 and refused == [PromoError.used_up] * (BUYERS - 3)
    with app_db.session_scope() as session:
        for p in placed:
            checkout.mark_paid(session, p.order_id)
    with Session(migrated_engine) as session:
        discounted = session.exec(select(ShopOrder).where(ShopOrder.discount_kopecks > 0)).all()
        assert len(discounted) == 3 and all(o.payment_status == "succeeded" for o in discounted)
        promo = session.exec(select(promos.ShopPromoCode)).one()
        assert (promo.uses, promo.reserved) == (3, 0)


def test_a_discounted_line_over_two_waves_keeps_every_receipt_row_positive(
    db, shop, settings, kassa
):
    from tests.unit.modules.shop.conftest import KASSA_SECRET, KASSA_SHOP_ID, connect_to
    from tochka_app.modules.shop import payment_account

    tenant, actors = shop
    payment_account.save(db, actors["admin"], settings, KASSA_SHOP_ID, KASSA_SECRET)
    catalog.save_product(
        db,
        actors["admin"],
        None,
        ProductInput(
            "Худи",
            "PRE-1",
            500_000,
            order_type="preorder",
            variants=(VariantInput(),),
            waves=(1, 5),
        ),
    )
    variant = db.exec(select(ShopVariant).where(ShopVariant.sku_suffix == "")).all()[-1]
    promos.save(db, actors["admin"], None, PromoInput("HALF", percent=50))
    placed = _order(db, tenant.id, [CartLine(variant.id, 3)], "HALF")
    items = db.exec(select(ShopOrderItem).where(ShopOrderItem.order_id == placed.order_id)).all()
    assert sorted(i.quantity for i in items) == [1, 2]
    assert all(0 <= i.discount_kopecks <= i.price_kopecks * i.quantity for i in items)
    url = payments.start(
        db, tenant.id, placed.order_id, settings, "http://x.test/r", connect_to(kassa)
    )
    assert url.startswith(kassa.url)  # the fake refuses a row of zero or less
    [payment] = kassa.payments.values()
    assert payment["amount"]["value"] == "7500.00"


def test_a_late_payment_on_a_used_up_code_stays_canceled_for_a_refund(db, catalog_of_two):
    tenant, actors, hat, _scarf, _hats = catalog_of_two
    promo_id = promos.save(db, actors["admin"], None, PromoInput("ONE", percent=10, max_uses=1))
    late = _order(db, tenant.id, [CartLine(hat, 1)], "ONE")
    checkout.release(db, late.order_id, checkout.TIMED_OUT)
    other = _order(db, tenant.id, [CartLine(hat, 1)], "ONE")  # the freed use went to another
    checkout.mark_paid(db, other.order_id)
    checkout.mark_paid(db, late.order_id)  # the first customer pays at minute 31
    order = db.get(ShopOrder, late.order_id)
    assert (order.status, order.payment_status) == ("canceled", "succeeded")  # for a refund
    promo = promos.own_promo(db, tenant.id, promo_id)
    db.refresh(promo)
    assert (promo.uses, promo.reserved) == (1, 0)


def test_a_code_worth_the_whole_order_and_absurd_numbers_are_refused(db, catalog_of_two):
    from tochka_app.modules.shop import promo_form

    tenant, actors, hat, _scarf, _hats = catalog_of_two
    promos.save(db, actors["admin"], None, PromoInput("FREE", percent=100))
    assert refusal(_order, db, tenant.id, [CartLine(hat, 1)], "FREE") == PromoError.too_big
    with pytest.raises(ServiceError) as refused:
        promo_form.parse_form(
            db, tenant.id, {"code": "X1X", "value": "inf", "max_uses": "1e400"}, "Europe/Moscow"
        )
    assert set(refused.value.fields) == {"value", "limits"}
    big = PromoInput("HUGE", percent=5, max_uses=10**10, min_order_kopecks=10**15)
    with pytest.raises(ServiceError) as refused:
        promos.save(db, actors["admin"], None, big)
    assert "limits" in refused.value.fields
