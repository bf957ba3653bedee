"""Preorder waves: buyers fill the lowest wave first, a line spans into the next one, a full set
of waves refuses (nothing written), canceled or unpaid orders give places back, staff move a wave
along and its orders hear of it; 40 concurrent buyers for a wave with 5 places left end with
exactly 5 in it and the rest in the next."""

import pytest
from sqlalchemy import delete
from sqlmodel import Session, select

from tests.conftest import truncate_all
from tests.support import factories
from tests.support.concurrent import at_once
from tests.support.errors import refusal
from tochka_app.modules.shop import catalog, checkout, orders, storefront, waves
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import (
    ShopOrder,
    ShopOrderEvent,
    ShopOrderItem,
    ShopPreorderWave,
    ShopVariant,
    WaveStatus,
)
from tochka_app.modules.shop.rules import ShopError
from tochka_app.services.seed import seed_demo_data
from tochka_app.settings import get_settings

BUYER = Contact("Анна", "+79001112233", delivery_address="Казань")


def _hoodie(db, admin, capacities: tuple[int, ...]) -> tuple[int, int]:
    product_id = catalog.save_product(
        db,
        admin,
        None,
        ProductInput(
            "Худи «Волна»",
            "WAVE-1",
            500_000,
            order_type="preorder",
            variants=(VariantInput("M"), VariantInput("L")),
            waves=capacities,
        ),
    )
    variant = db.exec(select(ShopVariant).where(ShopVariant.product_id == product_id)).first()
    return product_id, variant.id


def _taken(db, product_id: int) -> list[int]:
    db.expire_all()
    return [w.taken for w in waves.waves_of(db, product_id)]


def test_buyers_fill_the_first_wave_then_the_next_and_a_line_may_span_both(db, shop):
    tenant, actors = shop
    product_id, variant_id = _hoodie(db, actors["admin"], (2, 3))
    checkout.place_order(db, tenant.id, [CartLine(variant_id, 1)], BUYER, b"k")
    spanning = checkout.place_order(db, tenant.id, [CartLine(variant_id, 2)], BUYER, b"k")
    assert _taken(db, product_id) == [2, 1]
    lines = db.exec(select(ShopOrderItem).where(ShopOrderItem.order_id == spanning.order_id)).all()
    wave_numbers = {w.id: w.number for w in waves.waves_of(db, product_id)}
    assert sorted((wave_numbers[i.wave_id], i.quantity) for i in lines) == [(1, 1), (2, 1)]
    assert spanning.total_kopecks == 1_000_000
    page = storefront.product_page(db, tenant.id, product_id)
    assert page.wave == waves.WaveSummary(current=2, total=2, left=2, left_in_all=2)
    assert db.get(ShopVariant, variant_id).reserved == 0  # places, not stock


def test_one_cart_with_a_preorder_and_an_item_in_stock(db, shop):
    tenant, actors = shop
    product_id, preorder = _hoodie(db, actors["admin"], (1, 1))
    cap_id = catalog.save_product(
        db,
        actors["admin"],
        None,
        ProductInput("Кепка", "CAP-1", 90_000, variants=(VariantInput(stock=4),)),
    )
    cap = db.exec(select(ShopVariant).where(ShopVariant.product_id == cap_id)).one()
    placed = checkout.place_order(
        db, tenant.id, [CartLine(cap.id, 2), CartLine(preorder, 2)], BUYER, b"k"
    )
    lines = db.exec(select(ShopOrderItem).where(ShopOrderItem.order_id == placed.order_id)).all()
    assert sorted((i.sku, i.quantity, i.wave_id is not None) for i in lines) == [
        ("CAP-1", 2, False),
        ("WAVE-1", 1, True),
        ("WAVE-1", 1, True),
    ]
    assert _taken(db, product_id) == [1, 1] and db.get(ShopVariant, cap.id).reserved == 2
    assert placed.total_kopecks == 2 * 90_000 + 2 * 500_000


def test_when_every_wave_is_full_nothing_is_written(db, shop):
    tenant, actors = shop
    product_id, variant_id = _hoodie(db, actors["admin"], (1,))
    checkout.place_order(db, tenant.id, [CartLine(variant_id, 1)], BUYER, b"k")
    before = len(db.exec(select(ShopOrder)).all())
    code = refusal(checkout.place_order, db, tenant.id, [CartLine(variant_id, 1)], BUYER, b"k")
    assert code == ShopError.waves_full
    assert len(db.exec(select(ShopOrder)).all()) == before
    assert storefront.product_page(db, tenant.id, product_id).wave.full


def test_canceled_and_unpaid_orders_give_their_places_back(db, shop):
    tenant, actors = shop
    product_id, variant_id = _hoodie(db, actors["admin"], (3,))
    unpaid = checkout.place_order(db, tenant.id, [CartLine(variant_id, 1)], BUYER, b"k")
    paid = checkout.place_order(db, tenant.id, [CartLine(variant_id, 2)], BUYER, b"k")
    assert _taken(db, product_id) == [3]
    checkout.release(db, unpaid.order_id, checkout.TIMED_OUT)
    assert _taken(db, product_id) == [2]
    assert checkout.mark_paid(db, paid.order_id)
    assert _taken(db, product_id) == [2]  # paid: the places stay taken
    orders.move(db, actors["staff"], paid.order_id, "canceled")
    assert _taken(db, product_id) == [0]


def test_staff_move_a_wave_along_and_its_orders_hear_of_it(db, shop):
    tenant, actors = shop
    product_id, variant_id = _hoodie(db, actors["admin"], (1, 5))
    first = checkout.place_order(db, tenant.id, [CartLine(variant_id, 1)], BUYER, b"k")
    second = checkout.place_order(db, tenant.id, [CartLine(variant_id, 1)], BUYER, b"k")
    wave_one = waves.waves_of(db, product_id)[0]
    assert waves.move(db, actors["staff"], wave_one.id, "Шьём, готово к 10 декабря") == (
        WaveStatus.production
    )
    events = db.exec(select(ShopOrderEvent).where(ShopOrderEvent.kind == "wave")).all()
    assert [(e.order_id, e.details["status"]) for e in events] == [(first.order_id, "production")]
    assert second.order_id not in {e.order_id for e in events}  # wave 2 heard nothing
    waves.move(db, actors["staff"], wave_one.id, "")
    waves.move(db, actors["staff"], wave_one.id, "")
    db.refresh(wave_one)
    assert wave_one.status == WaveStatus.completed and wave_one.completed_at is not None
    assert refusal(waves.move, db, actors["staff"], wave_one.id, "") == ShopError.bad_transition
    outsider = factories.actor(db, factories.tenant(db))
    assert refusal(waves.move, db, outsider, wave_one.id, "") == ShopError.not_found


def test_a_wave_cannot_shrink_below_what_it_holds(db, shop):
    tenant, actors = shop
    product_id, variant_id = _hoodie(db, actors["admin"], (3, 3))
    checkout.place_order(db, tenant.id, [CartLine(variant_id, 2)], BUYER, b"k")
    edit = catalog.product_for_edit(db, actors["admin"], product_id).data
    assert edit.waves == (3, 3)
    shrunk = ProductInput(**{**edit.__dict__, "waves": (1,)})
    assert refusal(catalog.save_product, db, actors["admin"], product_id, shrunk) == (
        ShopError.wave_below_taken
    )
    grown = ProductInput(**{**edit.__dict__, "waves": (2, 3, 10)})
    catalog.save_product(db, actors["admin"], product_id, grown)
    assert [w.capacity for w in waves.waves_of(db, product_id)] == [2, 3, 10]
    assert waves.parse_capacities("10, 10; 20") == (10, 10, 20)
    assert waves.parse_capacities("10, -1") is None and waves.parse_capacities("") is None


BUYERS = 40


@pytest.fixture
def five_left(migrated_engine):
    with Session(migrated_engine) as session:
        seed_demo_data(session, get_settings())  # committed: concurrent buyers must see it
        tenant = factories.tenant(session, slug="five-left")
        admin = factories.actor(session, tenant)
        product_id, variant_id = _hoodie(session, admin, (10, 100))
        wave_one = waves.waves_of(session, product_id)[0]
        wave_one.taken = 5  # five places of the first wave are taken already
        session.add(wave_one)
        session.commit()
        ids = (tenant.id, product_id, variant_id)
    yield ids
    with Session(migrated_engine) as session:
        session.exec(delete(ShopOrder))
        truncate_all(session)
        session.commit()


def test_forty_buyers_for_five_places_left(migrated_engine, five_left):
    tenant_id, product_id, variant_id = five_left
    outcome = at_once(
        BUYERS,
        lambda session, n: checkout.place_order(
            session,
            tenant_id,
            [CartLine(variant_id, 1)],
            Contact(f"Покупатель {n}", f"+7900200{n:04d}", delivery_address="Омск"),
            b"k",
        ),
    )
    placed, errors = outcome.done, outcome.errors + outcome.refused
    assert errors == [] and len(placed) == BUYERS
    with Session(migrated_engine) as session:
        one, two = session.exec(
            select(ShopPreorderWave)
            .where(ShopPreorderWave.product_id == product_id)
            .order_by(ShopPreorderWave.number)
        ).all()
        assert (one.taken, two.taken) == (10, BUYERS - 5)
        in_wave = {
            w: sum(i.quantity for i in session.exec(select(ShopOrderItem)) if i.wave_id == w)
            for w in (one.id, two.id)
        }
        assert in_wave == {one.id: 5, two.id: BUYERS - 5}
