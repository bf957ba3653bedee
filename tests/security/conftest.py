"""Unit-level security tests use the unit fixtures (rolled-back database session, seeded data,
state builder)."""

from tests.unit.conftest import *  # noqa: F403
