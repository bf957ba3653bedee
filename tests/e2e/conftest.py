"""The e2e fixtures live in tests/support/e2e_fixtures.py (a plugin of tests/conftest.py, shared
with tests/security/e2e). Only constants are re-exported here, for the tests that import them;
re-exporting fixtures would register them twice."""

from tests.support.e2e_fixtures import (  # noqa: F401
    ARTIFACTS,
    BOT_TOKEN,
    CHROMIUM,
    CHROMIUM_ARGS,
    KASSA_SECRET,
    KASSA_SHOP,
    PLATFORM_DOMAIN,
    SUPER_ADMIN_PASSWORD,
    VK_CLIENT_ID,
    VK_USER,
    WEBHOOK_SECRET,
)
