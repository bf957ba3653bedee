import pytest
from sqlalchemy import func
from sqlmodel import select

from tochka_app.devtools.fake_yookassa import FakeYooKassa
from tochka_app.integrations.yookassa import YooKassa
from tochka_app.models import LedgerEntry, Payment, Subscription, Tariff
from tochka_app.services.billing import payments

SHOP, SECRET = "500100", "test_key"
RETURN = "http://app.test/app/billing"


@pytest.fixture
def fake_kassa():
    with FakeYooKassa(SHOP, SECRET) as fake:
        yield fake


@pytest.fixture
def provider(fake_kassa):
    client = YooKassa(
        SHOP, SECRET, base_url=f"{fake_kassa.url}/v3", timeout=5, sleep=lambda _s: None
    )
    yield client
    client.close()


@pytest.fixture
def tariffs(db, seeded):
    return {t.code: t for t in db.exec(select(Tariff))}


def subscription_of(db, tenant_id: int) -> Subscription:
    db.flush()  # expire_all would drop unflushed changes
    db.expire_all()
    return db.exec(
        select(Subscription)
        .where(Subscription.tenant_id == tenant_id)
        .order_by(Subscription.id.desc())
    ).first()


def pay(db, fake, provider, actor, code, ok=True):
    """Check out `code` and let the fake provider approve (or decline) it; (payment, outcome)."""
    checkout = payments.start_checkout(db, actor, code, provider, RETURN)  # or ServiceError
    payment = db.get(Payment, checkout.payment_id)
    fake.decide(payment.provider_payment_id, ok)
    return payment, payments.sync(db, payment, provider)


def ledger_total(db, tenant_id):
    return db.exec(
        select(func.coalesce(func.sum(LedgerEntry.amount_kopecks), 0)).where(
            LedgerEntry.tenant_id == tenant_id
        )
    ).one()
