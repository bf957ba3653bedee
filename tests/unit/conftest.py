import pytest

from tochka_app.services.seed import seed_demo_data


@pytest.fixture
def seeded(db, settings):
    """Demo data inside the test's rolled-back transaction."""
    return seed_demo_data(db, settings)
