import pytest

from tochka_app.services.seed import seed_demo_data


@pytest.fixture
def seeded(db, settings):
    """Demo data inside the test's rolled-back transaction."""
    return seed_demo_data(db, settings)


@pytest.fixture
def dev_settings(settings):
    """Development settings with the dev-inbox channel and a fixed signing key."""
    return settings.model_copy(update={"app_env": "development", "auth_code_channel": "dev_inbox",
                                       "secret_key": "unit-test-key"})
