"""Unit-level security tests use the unit fixtures (rolled-back database session, seeded data,
state builder) and the billing ones (fake YooKassa, provider, tariffs)."""

from tests.unit.conftest import *  # noqa: F403
from tests.unit.services.billing.conftest import fake_kassa, provider, tariffs  # noqa: F401
