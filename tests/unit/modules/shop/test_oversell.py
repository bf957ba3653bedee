"""Two customers can never buy the last item twice, on committed data: 50 concurrent checkouts
for a variant with 3 in stock end with exactly 3 orders holding stock and 47 "sold out"."""

import pytest
from sqlalchemy import delete
from sqlmodel import Session, select

from tests.conftest import truncate_all
from tests.support import factories
from tests.support.concurrent import at_once
from tochka_app.modules.shop import catalog, checkout
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import ShopOrder, ShopVariant
from tochka_app.modules.shop.rules import ShopError
from tochka_app.services.seed import seed_demo_data
from tochka_app.settings import get_settings

BUYERS = 50


@pytest.fixture
def last_three(migrated_engine):
    with Session(migrated_engine) as session:
        seed_demo_data(session, get_settings())  # committed: concurrent buyers must see it
        tenant = factories.tenant(session, slug="last-three")
        product = ProductInput("Худи", "HOOD-1", 450_000, variants=(VariantInput("L", stock=3),))
        product_id = catalog.save_product(session, factories.actor(session, tenant), None, product)
        variant = session.exec(
            select(ShopVariant).where(ShopVariant.product_id == product_id)
        ).one()
        session.commit()
        ids = (tenant.id, variant.id)
    yield ids
    with Session(migrated_engine) as session:  # back to an empty database for the other tests
        session.exec(delete(ShopOrder))
        truncate_all(session)
        session.commit()


def test_fifty_buyers_for_three_items(migrated_engine, last_three):
    tenant_id, variant_id = last_three
    outcome = at_once(
        BUYERS,
        lambda session, n: checkout.place_order(
            session,
            tenant_id,
            [CartLine(variant_id, 1)],
            Contact(f"Покупатель {n}", f"+7900100{n:04d}", delivery_address="СПб"),
            b"k",
        ),
    )
    placed, refused = outcome.done, outcome.refused
    assert outcome.errors == []
    assert len(placed) == 3 and refused == [ShopError.sold_out] * (BUYERS - 3)
    assert sorted(p.number for p in placed) == [1, 2, 3]
    with Session(migrated_engine) as session:
        variant = session.get(ShopVariant, variant_id)
        assert (variant.stock, variant.reserved) == (3, 3)
        assert len(session.exec(select(ShopOrder)).all()) == 3
