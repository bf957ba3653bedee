"""A webhook storm on committed data: 50 concurrent `payment.succeeded` and a late `canceled` for
one order paid in the tenant's own shop end with the order paid once and its stock taken once."""

import threading

import pytest
from sqlalchemy import delete
from sqlmodel import Session, select

from tests.conftest import truncate_all
from tests.support import factories
from tests.unit.modules.shop.conftest import KASSA_SECRET, KASSA_SHOP_ID, connect_to
from tochka_app import db as app_db
from tochka_app.modules.shop import catalog, checkout, payment_account, payments
from tochka_app.modules.shop.catalog import ProductInput, VariantInput
from tochka_app.modules.shop.checkout import CartLine, Contact
from tochka_app.modules.shop.models import (
    OrderStatus,
    ShopOrder,
    ShopOrderEvent,
    ShopPaymentAccount,
    ShopVariant,
)
from tochka_app.services.seed import seed_demo_data
from tochka_app.settings import get_settings

SHOP_ID, SECRET = KASSA_SHOP_ID, KASSA_SECRET


@pytest.fixture
def paid_in_kassa(migrated_engine, kassa):
    settings = get_settings()
    with Session(migrated_engine) as session:
        seed_demo_data(session, settings)  # committed: concurrent deliveries must see it
        tenant = factories.tenant(session, slug="storm-shop")
        owner = factories.actor(session, tenant)
        payment_account.save(session, owner, settings, SHOP_ID, SECRET)
        product = ProductInput("Шапка", "HAT-1", 120_000, variants=(VariantInput(stock=4),))
        product_id = catalog.save_product(session, owner, None, product)
        variant = session.exec(
            select(ShopVariant).where(ShopVariant.product_id == product_id)
        ).one()
        contact = Contact("Пётр", "+79007770000", delivery_address="Тула")
        placed = checkout.place_order(session, tenant.id, [CartLine(variant.id, 3)], contact, b"k")
        payments.start(
            session, tenant.id, placed.order_id, settings, "http://x/r", connect_to(kassa)
        )
        token = session.get(ShopPaymentAccount, tenant.id).notify_token
        session.commit()
        ids = (placed.order_id, variant.id, token)
    [payment_id] = kassa.payments
    kassa.decide(payment_id, True)
    yield (*ids, payment_id)
    with Session(migrated_engine) as session:
        session.exec(delete(ShopOrder))
        truncate_all(session)
        session.commit()


def test_storm_pays_the_order_once(migrated_engine, kassa, paid_in_kassa):
    order_id, variant_id, token, payment_id = paid_in_kassa
    bodies = [{"event": "payment.succeeded", "object": {"id": payment_id}}] * 50 + [
        {"event": "payment.canceled", "object": {"id": payment_id}}
    ]
    barrier = threading.Barrier(len(bodies))
    outcomes, errors = [], []

    def deliver(body):
        try:
            barrier.wait()
            outcomes.append(
                payments.apply_notification(
                    app_db.session_scope, token, body, get_settings(), connect_to(kassa)
                ).outcome
            )
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=deliver, args=(b,)) for b in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert outcomes.count("applied") == 1 and set(outcomes) <= {"applied", "duplicate"}
    with Session(migrated_engine) as session:
        assert session.get(ShopOrder, order_id).status == OrderStatus.paid
        variant = session.get(ShopVariant, variant_id)
        assert (variant.stock, variant.reserved) == (1, 0)
        paid_events = session.exec(
            select(ShopOrderEvent).where(
                ShopOrderEvent.order_id == order_id, ShopOrderEvent.kind == "payment"
            )
        ).all()
        assert len(paid_events) == 1
