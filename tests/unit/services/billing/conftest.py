import pytest
from sqlmodel import select

from tochka_app.devtools.fake_yookassa import FakeYooKassa
from tochka_app.integrations.yookassa import YooKassa
from tochka_app.models import Subscription, Tariff

SHOP, SECRET = "500100", "test_key"


@pytest.fixture
def fake_kassa():
    with FakeYooKassa(SHOP, SECRET) as fake:
        yield fake


@pytest.fixture
def provider(fake_kassa):
    client = YooKassa(SHOP, SECRET, base_url=f"{fake_kassa.url}/v3", timeout=5,
                      sleep=lambda _s: None)
    yield client
    client.close()


@pytest.fixture
def tariffs(db, seeded):
    return {t.code: t for t in db.exec(select(Tariff))}


def subscription_of(db, tenant_id: int) -> Subscription:
    db.flush()  # expire_all would drop unflushed changes
    db.expire_all()
    return db.exec(select(Subscription).where(Subscription.tenant_id == tenant_id)
                   .order_by(Subscription.id.desc())).first()
