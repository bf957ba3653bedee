import pytest

from tochka_app.settings import Settings


@pytest.fixture
def dev_settings(settings) -> Settings:
    return settings.model_copy(update={"app_env": "development", "auth_code_channel": "dev_inbox",
                                       "secret_key": "unit-test-key"})
