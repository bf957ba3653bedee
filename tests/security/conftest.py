"""The security tests use the unit tests' fixtures (state instances, demo data)."""

from tests.unit.conftest import demo_team, dev_settings, make_state, seeded  # noqa: F401
