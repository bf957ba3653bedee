"""Shop fixtures: its rights in the permission table (the manifest will register them), a
tenant with an owner, an admin and a staff member."""

from contextlib import contextmanager

import pytest

from tests.support import factories
from tochka_app.devtools.fake_yookassa import FakeYooKassa
from tochka_app.modules.shop import payment_account
from tochka_app.modules.shop.rules import PERMISSIONS
from tochka_app.services import permissions

for _name, _role in PERMISSIONS.items():
    permissions.register(str(_name), _role)


@pytest.fixture
def shop(db, seeded):
    tenant = factories.tenant(db, slug="zerno-shop", name="Зерно")
    return tenant, {
        "owner": factories.actor(db, tenant),
        "admin": factories.actor(db, tenant, "admin"),
        "staff": factories.actor(db, tenant, "staff"),
    }


# The tenant's own YooKassa shop, as a fake on 127.0.0.1 that checks these credentials.
KASSA_SHOP_ID, KASSA_SECRET = "700100", "test_TenantShopSecret777"


@pytest.fixture
def kassa():
    with FakeYooKassa(KASSA_SHOP_ID, KASSA_SECRET) as fake:
        yield fake


def connect_to(kassa):
    """`payment_account.client_for` pointed at the fake: the tenant's sealed key, the real client."""

    def connect(session, tenant_id, settings):
        return payment_account.client_for(
            session,
            tenant_id,
            settings,
            base_url=f"{kassa.url}/v3",
            timeout=5,
            sleep=lambda _: None,
        )

    return connect


@pytest.fixture
def db_scope(db):
    """`session_scope` for code that opens its own transactions, inside the test's one."""

    @contextmanager
    def scope():
        yield db
        db.flush()

    return scope
