"""Shop fixtures: its rights in the permission table (the manifest will register them), a
tenant with an owner, an admin and a staff member."""

import pytest

from tests.support import factories
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
